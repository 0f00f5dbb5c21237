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

/** A suggestion the caller offers at the cursor: `insertText` (a snippet, `$0` the cursor) replaces from `from`. */
export interface EditorCompletion {
  label: string;
  insertText: string;
  detail: string;
  kind: 'name' | 'key';
  /** 1-based column where the replaced text starts; it runs to the end of the line for a name. */
  from: number;
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
  /** What to offer at a position (Ctrl+Space, or after `: `); none when absent. */
  completions?: (text: string, position: { line: number; column: number }) => EditorCompletion[];
}

const MARKER_OWNER = 'ferry';

/**
 * YAML text in Monaco, highlighted, with problems marked at their lines. Monaco has no YAML
 * language service (only highlighting): the problems come from the caller, which checks the text
 * against Ferry's flow dialect and the changeset check, and so do the suggestions (names the
 * target has, the dialect's reference keys).
 */
export default function MonacoYamlEditor({
  text,
  modelPath,
  height,
  ariaLabel,
  markers,
  readOnly = false,
  onChange,
  completions,
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

  // Monaco registers completion per language: this editor's provider answers for its model only.
  const offer = useRef(completions);
  useEffect(() => {
    offer.current = completions;
  }, [completions]);
  useEffect(() => {
    const provider = monaco.languages.registerCompletionItemProvider('yaml', {
      triggerCharacters: [' '],
      provideCompletionItems: (model, position) => {
        const current = editor.current?.getModel();
        const suggest = offer.current;
        if (suggest === undefined || current === null || current === undefined || model !== current) {
          return { suggestions: [] };
        }
        const found = suggest(model.getValue(), { line: position.lineNumber, column: position.column });
        return {
          suggestions: found.map((item) => ({
            label: item.label,
            detail: item.detail,
            kind:
              item.kind === 'name'
                ? monaco.languages.CompletionItemKind.Reference
                : monaco.languages.CompletionItemKind.Property,
            insertText: item.insertText,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range: {
              startLineNumber: position.lineNumber,
              startColumn: Math.min(item.from, position.column),
              endLineNumber: position.lineNumber,
              endColumn: item.kind === 'name' ? model.getLineMaxColumn(position.lineNumber) : position.column,
            },
          })),
        };
      },
    });
    return () => provider.dispose();
  }, [editor]);

  return <div className="monaco-host" data-testid="yaml-editor" ref={host} style={{ height }} />;
}
