import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor/editor.api';
import './monaco-environment';
import './monaco-theme';

interface MonacoJsonViewerProps {
  text: string;
  height: number;
}

export default function MonacoJsonViewer({ text, height }: MonacoJsonViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);

  useEffect(() => {
    if (!host.current) return;
    editor.current = monaco.editor.create(host.current, {
      value: text,
      language: 'json',
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
    });
    return () => editor.current?.dispose();
    // The editor is created once; later text arrives through setValue below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (editor.current && editor.current.getValue() !== text) editor.current.setValue(text);
  }, [text]);

  return <div className="monaco-host" data-testid="json-viewer" ref={host} style={{ height }} />;
}
