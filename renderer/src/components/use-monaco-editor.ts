import { useEffect, useRef, type RefObject } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import { EditorEchoes } from './editor-echoes';

/** What differs between Ferry's Monaco editors; everything else they share is set up here. */
export interface MonacoEditorSetup {
  /** Names the model, so each draft keeps its own undo history (and a JSON schema finds it). */
  modelPath: string;
  language: 'json' | 'yaml';
  text: string;
  readOnly: boolean;
  onChange(text: string): void;
  /** When two texts say the same (JSON: the same value); exact equality when absent. Read once. */
  sameKey?: (text: string) => string;
  /** What this kind of editor is created with beyond the shared options. */
  options?: monaco.editor.IStandaloneEditorConstructionOptions;
}

/** The URI of a draft's model: `ferry-draft://<modelPath>.<language>`. */
export function draftModelUri(modelPath: string, language: MonacoEditorSetup['language']): monaco.Uri {
  return monaco.Uri.parse(`ferry-draft://${modelPath}.${language}`);
}

/**
 * One Monaco editor in `host` over the model `modelPath` names: created (with the model, holding
 * `text`) when the path changes and disposed with its model when it goes; each edit is reported
 * through the latest `onChange`. A later `text` is put in the editor only when it is a change from
 * elsewhere, never a late echo of the editor's own edits (see `EditorEchoes`). Markers and
 * options that change later are the caller's.
 */
export function useMonacoEditor(
  host: RefObject<HTMLDivElement | null>,
  { modelPath, language, text, readOnly, onChange, sameKey, options }: MonacoEditorSetup,
): RefObject<monaco.editor.IStandaloneCodeEditor | null> {
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changed = useRef(onChange);
  const echoes = useRef<EditorEchoes | null>(null);
  echoes.current ??= new EditorEchoes(sameKey);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const uri = draftModelUri(modelPath, language);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, language, uri);
    if (model.getValue() !== text) model.setValue(text);
    const created = monaco.editor.create(host.current, {
      model,
      readOnly,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      ...options,
    });
    editor.current = created;
    const subscription = created.onDidChangeModelContent(() => {
      const next = created.getValue();
      echoes.current?.reported(next);
      changed.current(next);
    });
    return () => {
      subscription.dispose();
      created.dispose();
      model.dispose();
      editor.current = null;
    };
    // One editor per model path; text and options arrive through the caller's effects.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [modelPath]);

  useEffect(() => {
    const current = editor.current;
    const known = echoes.current;
    if (!current || !known || known.isEcho(text)) return;
    // Text from elsewhere: replaced only when it says something else, so the cursor stays put.
    if (!known.same(current.getValue(), text)) current.setValue(text);
  }, [text]);

  return editor;
}
