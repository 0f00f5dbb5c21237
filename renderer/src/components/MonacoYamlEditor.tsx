import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
import './monaco-environment';
import './monaco-theme';
import { useMonacoEditor } from './use-monaco-editor';

/** A problem Monaco marks in the text: a squiggle at the line and a hover with the message. */
export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface MonacoYamlEditorProps {
  text: string;
  /** Names the model, so each operation keeps its own undo history. */
  modelPath: string;
  height: number;
  /** What the editor holds, for screen readers (axe: an input needs a name). */
  ariaLabel: string;
  markers: readonly EditorMarker[];
  readOnly?: boolean;
  onChange(text: string): void;
}

const MARKER_OWNER = 'ferry';

/**
 * YAML text in Monaco, highlighted, with problems marked at their lines. Monaco has no YAML
 * language service (only highlighting), so there is no schema-driven completion: the problems
 * come from the caller, which checks the text against Ferry's flow dialect and the changeset check.
 */
export default function MonacoYamlEditor({
  text,
  modelPath,
  height,
  ariaLabel,
  markers,
  readOnly = false,
  onChange,
}: MonacoYamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useMonacoEditor(host, {
    modelPath,
    language: 'yaml',
    text,
    readOnly,
    onChange,
    options: {
      ariaLabel,
      insertSpaces: true,
      // YAML's structure is its indentation: show it.
      renderWhitespace: 'boundary',
      guides: { indentation: true },
    },
  });

  useEffect(() => {
    const current = editor.current;
    // Text from elsewhere (undo in the changeset, a restored draft): replace only when different, so typing keeps its cursor.
    if (current && current.getValue() !== text) current.setValue(text);
  }, [editor, text]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      markers.map((marker) => {
        const line = Math.min(Math.max(marker.line, 1), model.getLineCount());
        const column = Math.max(marker.column, 1);
        return {
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: Math.max(model.getLineMaxColumn(line), column + 1),
          message: marker.message,
          severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        };
      }),
    );
  }, [editor, markers, text]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly, ariaLabel });
  }, [editor, readOnly, ariaLabel]);

  return <div className="monaco-host" data-testid="yaml-editor" ref={host} style={{ height }} />;
}
