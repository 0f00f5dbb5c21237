import { lazy, Suspense } from 'react';
import type { MonacoYamlEditorProps } from './MonacoYamlEditor';

// Monaco loads only when an editor is first shown; until then the text is editable plainly.
const MonacoYamlEditor = lazy(() => import('./MonacoYamlEditor'));

export function YamlEditor(props: MonacoYamlEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          className="json-fallback"
          aria-label={props.ariaLabel}
          style={{ height: props.height, width: '100%' }}
          value={props.text}
          readOnly={props.readOnly}
          onChange={(event) => props.onChange(event.target.value)}
        />
      }
    >
      <MonacoYamlEditor {...props} />
    </Suspense>
  );
}
