import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface VirtualListProps {
  count: number;
  rowHeight: number;
  height: number;
  renderRow: (index: number) => ReactNode;
  /** Rows drawn beyond each edge, so fast scrolling does not flash blank space. */
  overscan?: number;
  testId?: string;
  label?: string;
  /** A row to keep in view (the keyboard cursor); scrolls only when it is outside. */
  revealIndex?: number;
  /** Makes the list focusable and hands it the keys (keyboard navigation). */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  title?: string;
}

/**
 * Draws only the rows in view: tens of thousands of snapshot objects stay as cheap as a screenful.
 * Rows must all be `rowHeight` tall.
 */
export function VirtualList({
  count,
  rowHeight,
  height,
  renderRow,
  overscan = 8,
  testId,
  label,
  revealIndex,
  onKeyDown,
  title,
}: VirtualListProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element || revealIndex === undefined || revealIndex < 0) return;
    const top = revealIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
  }, [revealIndex, rowHeight, height]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    rows.push(
      <div key={index} className="virtual-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      ref={container}
      className="virtual-list"
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      data-testid={testId}
      role="region"
      aria-label={label}
      title={title}
      {...(onKeyDown ? { tabIndex: 0, onKeyDown } : {})}
    >
      <div className="virtual-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
