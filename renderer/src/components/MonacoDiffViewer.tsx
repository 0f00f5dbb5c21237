import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
import './monaco-environment';
import './monaco-theme';

export interface MonacoDiffViewerProps {
  /** Side a's canonical text; null when the object exists only on side b. */
  before: string | null;
  after: string | null;
  height: number;
  beforeLabel?: string;
  afterLabel?: string;
  /** How both texts are highlighted: canonical objects are JSON, a flow's configuration YAML. */
  language?: 'json' | 'yaml';
  /** False: one column, removed lines above added ones (easier on a narrow window). */
  sideBySide?: boolean;
}

/** Monaco's side-by-side diff of two canonical texts, read-only on both sides. */
export default function MonacoDiffViewer({
  before,
  after,
  height,
  beforeLabel,
  afterLabel,
  language = 'json',
  sideBySide = true,
}: MonacoDiffViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);

  useEffect(() => {
    if (!host.current) return;
    editor.current = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      // Canonical files are long and mostly equal; folding the equal parts keeps the change in view.
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 6, revealLineCount: 10 },
      useInlineViewWhenSpaceIsLimited: false,
      renderOverviewRuler: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      lineNumbersMinChars: 3,
      wordWrap: 'on',
    });
    return () => {
      const models = editor.current?.getModel();
      editor.current?.dispose();
      models?.original.dispose();
      models?.modified.dispose();
    };
  }, []);

  useEffect(() => {
    editor.current?.updateOptions({ renderSideBySide: sideBySide });
  }, [sideBySide]);

  // Each side's editor is named for screen readers (axe: an input needs a name).
  useEffect(() => {
    // `originalAriaLabel` is a construction option only; each side's own editor takes `ariaLabel`.
    editor.current?.getOriginalEditor().updateOptions({ ariaLabel: beforeLabel ?? 'Before' });
    editor.current?.getModifiedEditor().updateOptions({ ariaLabel: afterLabel ?? 'After' });
  }, [beforeLabel, afterLabel]);

  useEffect(() => {
    const current = editor.current;
    if (!current) return;
    const previous = current.getModel();
    current.setModel({
      original: monaco.editor.createModel(before ?? '', language),
      modified: monaco.editor.createModel(after ?? '', language),
    });
    previous?.original.dispose();
    previous?.modified.dispose();
  }, [before, after, language]);

  return (
    <div
      className="monaco-host"
      data-testid="diff-editor"
      data-layout={sideBySide ? 'side-by-side' : 'inline'}
      ref={host}
      style={{ height }}
    />
  );
}
