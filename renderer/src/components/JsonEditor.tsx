import { lazy, Suspense } from 'react';
import type { MonacoJsonEditorProps } from './MonacoJsonEditor';

// Monaco loads only when an editor is first shown; until then the text is editable plainly.
const MonacoJsonEditor = lazy(() => import('./MonacoJsonEditor'));

export function JsonEditor(props: MonacoJsonEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          className="json-fallback"
          style={{ height: props.height, width: '100%' }}
          value={props.text}
          readOnly={props.readOnly}
          onChange={(event) => props.onChange(event.target.value)}
        />
      }
    >
      <MonacoJsonEditor {...props} />
    </Suspense>
  );
}
