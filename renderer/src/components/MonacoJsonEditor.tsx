import { useEffect, useRef } from 'react';
import { jsonDefaults } from 'monaco-editor/language/json/monaco.contribution';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import './monaco-environment';
import './monaco-theme';
import { draftModelUri, useMonacoEditor } from './use-monaco-editor';

export interface MonacoJsonEditorProps {
  text: string;
  /** Names the model; the schema is matched to it. */
  modelPath: string;
  schema: Record<string, unknown> | null;
  height: number;
  readOnly?: boolean;
  onChange(text: string): void;
}

/**
 * Every open editor registers its schema here; Monaco's JSON service takes one list for all
 * models, so the list is rebuilt whenever an editor comes or goes.
 */
const schemasByModel = new Map<string, Record<string, unknown>>();

function publishSchemas(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    // A value the type cannot hold is an error, not a suggestion.
    schemaValidation: 'error',
    schemas: [...schemasByModel].map(([modelUri, schema]) => ({
      uri: `${modelUri}.schema.json`,
      fileMatch: [modelUri],
      schema,
    })),
  });
}

export default function MonacoJsonEditor({
  text,
  modelPath,
  schema,
  height,
  readOnly = false,
  onChange,
}: MonacoJsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  // The form writes JSON back laid out its own way: the same value is the same text.
  const editor = useMonacoEditor(host, {
    modelPath,
    language: 'json',
    text,
    readOnly,
    onChange,
    sameKey: jsonKey,
  });

  useEffect(() => {
    const uri = draftModelUri(modelPath, 'json').toString();
    if (schema) schemasByModel.set(uri, schema);
    else schemasByModel.delete(uri);
    publishSchemas();
    return () => {
      schemasByModel.delete(uri);
      publishSchemas();
    };
  }, [modelPath, schema]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [editor, readOnly]);

  return <div className="monaco-host" data-testid="json-editor" ref={host} style={{ height }} />;
}

/** The value the text holds, written one way; text that is not JSON stands for itself. */
function jsonKey(text: string): string {
  try {
    return `json:${stableStringify(JSON.parse(text))}`;
  } catch {
    return `text:${text}`;
  }
}
