import { useState, type ReactNode } from 'react';

interface VirtualListProps {
  count: number;
  rowHeight: number;
  height: number;
  renderRow: (index: number) => ReactNode;
  /** Rows drawn beyond each edge, so fast scrolling does not flash blank space. */
  overscan?: number;
  testId?: string;
  label?: string;
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
}: VirtualListProps) {
  const [scrollTop, setScrollTop] = useState(0);
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
      className="virtual-list"
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      data-testid={testId}
      role="region"
      aria-label={label}
    >
      <div className="virtual-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
