import { lazy, Suspense } from 'react';

// Monaco and its workers load only when a JSON view is first shown, never in the first paint.
const MonacoJsonViewer = lazy(() => import('./MonacoJsonViewer'));

interface JsonViewerProps {
  text: string;
  height?: number;
}

export function JsonViewer({ text, height = 320 }: JsonViewerProps) {
  return (
    <Suspense fallback={<pre className="json-fallback">{text}</pre>}>
      <MonacoJsonViewer text={text} height={height} />
    </Suspense>
  );
}
