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
  const editor = useMonacoEditor(host, { modelPath, language: 'json', text, readOnly, onChange });

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
    const current = editor.current;
    // Text coming back from the form: replace only when it says something else, so typing here
    // keeps its cursor.
    if (current && current.getValue() !== text && !sameJson(current.getValue(), text)) {
      current.setValue(text);
    }
  }, [editor, text]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly });
  }, [editor, readOnly]);

  return <div className="monaco-host" data-testid="json-editor" ref={host} style={{ height }} />;
}

function sameJson(left: string, right: string): boolean {
  try {
    return stableStringify(JSON.parse(left)) === stableStringify(JSON.parse(right));
  } catch {
    return false;
  }
}
