import { displayKey } from './flow-diff-model';
import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import { VirtualList } from '../../components/VirtualList';
import type { DiffBrowserStore } from './diff-browser-store';
import { typeLabel, type ObjectDiffWire, type StatusWords } from './diff-model';
import { buildDiffRows, rowIndexOf, stepObjectRow } from './diff-rows';
import { StatusBadge } from './StatusBadge';

const ROW_HEIGHT = 32;
const KEYBOARD_HINT = '↑ ↓ move through the objects · Enter opens one · click a type to fold it';
const PICKING_HINT =
  '↑ ↓ move through the objects · Enter opens one · Space ticks it · click a type to fold it';

/** Ticks beside the rows (Compare's picks); `some` when only single field changes are picked. */
export interface DiffListSelection {
  state: (object: ObjectDiffWire) => 'none' | 'some' | 'all';
  canPick: (object: ObjectDiffWire) => boolean;
  onToggle: (object: ObjectDiffWire) => void;
}

interface DiffListProps {
  store: DiffBrowserStore;
  height: number;
  /** Something to show at the end of an object's row (drift triage outcomes). */
  rowTag?: (object: ObjectDiffWire) => ReactNode;
  /** A checkbox before each object row; Drift has none. */
  selection?: DiffListSelection;
  /** How the row badges read; the plain status names unless the page words them its own way. */
  words?: StatusWords;
  /** Keys the page adds to the list's own (Compare's next/previous change). */
  extraHint?: string;
}

/** Filters and the windowed list of differences, grouped by type, driven by mouse or keyboard. */
export function DiffList({ store, height, rowTag, selection, words, extraHint }: DiffListProps) {
  const objects = store((state) => state.objects);
  const filters = store((state) => state.filters);
  const collapsed = store((state) => state.collapsed);
  const cursor = store((state) => state.cursor);
  const opened = store((state) => state.opened);
  const { setText, setType, setOrder, toggleType, setCursor, open } = store.getState();
  const rows = useMemo(() => buildDiffRows(objects, filters, collapsed), [objects, filters, collapsed]);
  const types = useMemo(() => [...new Set(objects.map((object) => object.type))], [objects]);
  const cursorIndex = rowIndexOf(rows, cursor);
  const hint = `${selection ? PICKING_HINT : KEYBOARD_HINT}${extraHint ? ` · ${extraHint}` : ''}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = stepObjectRow(rows, cursorIndex, event.key === 'ArrowDown' ? 1 : -1);
      const row = rows[next];
      if (row?.kind === 'object') setCursor(row.id);
    } else if (event.key === 'Enter') {
      const row = rows[cursorIndex];
      if (row?.kind === 'object') {
        event.preventDefault();
        void open(row.object);
      }
    } else if (event.key === ' ' && selection) {
      const row = rows[cursorIndex];
      if (row?.kind === 'object') {
        event.preventDefault();
        if (selection.canPick(row.object)) selection.onToggle(row.object);
      }
    }
  };

  return (
    <div className="diff-list">
      <div className="diff-filters">
        <input
          type="search"
          placeholder="Filter by name…"
          value={filters.text}
          onChange={(event) => setText(event.target.value)}
          aria-label="Filter differences by name"
          data-testid="diff-filter"
        />
        <select
          value={filters.type}
          onChange={(event) => setType(event.target.value)}
          aria-label="Show one type"
          data-testid="diff-type-filter"
        >
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {typeLabel(type)}
            </option>
          ))}
        </select>
        <select
          value={filters.order}
          onChange={(event) => setOrder(event.target.value === 'status' ? 'status' : 'name')}
          aria-label="Order within each type"
          data-testid="diff-order"
        >
          <option value="name">By name</option>
          <option value="status">By status</option>
        </select>
      </div>
      {rows.length === 0 ? (
        <p className="muted tree-empty" data-testid="diff-list-empty">
          {objects.length === 0 ? 'Nothing differs.' : 'No difference matches these filters.'}
        </p>
      ) : (
        <VirtualList
          count={rows.length}
          rowHeight={ROW_HEIGHT}
          height={height}
          testId="diff-list"
          label="Differences"
          title={hint}
          revealIndex={cursorIndex}
          onKeyDown={onKeyDown}
          renderRow={(index) => {
            const row = rows[index];
            if (!row) return null;
            if (row.kind === 'type') {
              return (
                <button
                  type="button"
                  tabIndex={-1}
                  className="tree-type"
                  aria-expanded={row.expanded}
                  onClick={() => toggleType(row.type)}
                  data-testid={`diff-type-${row.type}`}
                >
                  <span className="tree-caret" aria-hidden="true">
                    {row.expanded ? '▾' : '▸'}
                  </span>
                  <span className="tree-type-label">{row.label}</span>
                  <span className="tree-count">{row.shown.toLocaleString()}</span>
                </button>
              );
            }
            const isCursor = row.id === cursor;
            const isOpen = opened !== null && row.object === opened;
            const classes = ['diff-row', isOpen ? 'selected' : '', isCursor ? 'cursor' : ''].filter(Boolean);
            const button = (
              <button
                type="button"
                tabIndex={-1}
                className={classes.join(' ')}
                aria-current={isOpen ? 'true' : undefined}
                onClick={(event) => {
                  // Rows come and go as the list scrolls; the list keeps the focus so the keys keep working.
                  event.currentTarget.closest<HTMLElement>('.virtual-list')?.focus();
                  void open(row.object);
                }}
                title={
                  row.object.previousKey ? `${row.object.previousKey} → ${row.object.key}` : row.object.key
                }
                data-testid="diff-object"
              >
                <StatusBadge
                  status={row.object.status}
                  {...(words
                    ? { text: words.badge(row.object.status), title: words.meaning(row.object.status) }
                    : {})}
                />
                <span className="diff-row-key">{displayKey(row.object.type, row.object.key)}</span>
                {rowTag?.(row.object)}
              </button>
            );
            if (!selection) return button;
            const picked = selection.state(row.object);
            const canPick = selection.canPick(row.object);
            return (
              <div className="picks-row">
                <input
                  type="checkbox"
                  className="picks-check"
                  tabIndex={-1}
                  checked={picked === 'all'}
                  ref={(element) => {
                    // Only a DOM property can show "partly": some field changes of it are picked.
                    if (element) element.indeterminate = picked === 'some';
                  }}
                  disabled={!canPick}
                  title={
                    !canPick
                      ? 'Identical on both sides: nothing to pick'
                      : picked === 'some'
                        ? 'Some of its field changes are picked; tick to pick the whole object'
                        : undefined
                  }
                  aria-label={`Pick ${displayKey(row.object.type, row.object.key)}`}
                  onChange={() => {
                    setCursor(row.id);
                    selection.onToggle(row.object);
                  }}
                  onClick={(event) => event.currentTarget.closest<HTMLElement>('.virtual-list')?.focus()}
                  data-testid="pick-object"
                />
                {button}
              </div>
            );
          }}
        />
      )}
      <p className="muted small keyboard-hint">{hint}</p>
    </div>
  );
}
