import { lazy, Suspense } from 'react';
import './readable-diff.css';

// Like the JSON view, Monaco's diff editor loads only when an object is first opened.
const MonacoDiffViewer = lazy(() => import('./MonacoDiffViewer'));

interface DiffViewerProps {
  before: string | null;
  after: string | null;
  height?: number;
  /** What each side is, for screen readers (axe: an editor's input needs a name). */
  beforeLabel?: string;
  afterLabel?: string;
  language?: 'json' | 'yaml';
  /** False: Monaco's inline view, one column. */
  sideBySide?: boolean;
}

export function DiffViewer({
  before,
  after,
  height = 360,
  beforeLabel,
  afterLabel,
  language,
  sideBySide,
}: DiffViewerProps) {
  return (
    <Suspense
      fallback={
        // Scrolls while the editor loads, so a keyboard user can reach it (axe: scrollable-region-focusable).
        <div
          className="diff-fallback"
          style={{ height }}
          tabIndex={0}
          role="region"
          aria-label="Both versions as text, while the side-by-side view loads"
        >
          <pre className="json-fallback">{before ?? ''}</pre>
          <pre className="json-fallback">{after ?? ''}</pre>
        </div>
      }
    >
      <MonacoDiffViewer
        before={before}
        after={after}
        height={height}
        {...(beforeLabel !== undefined ? { beforeLabel } : {})}
        {...(afterLabel !== undefined ? { afterLabel } : {})}
        {...(language !== undefined ? { language } : {})}
        {...(sideBySide !== undefined ? { sideBySide } : {})}
      />
    </Suspense>
  );
}
