import { displayKey } from '../compare/flow-diff-model';
import { useMemo } from 'react';
import type { SnapshotTree } from '../../../../shared/model/snapshot';
import { VirtualList } from '../../components/VirtualList';
import { useSnapshotBrowserStore } from './snapshot-browser-store';
import { buildTreeRows } from './snapshot-tree-rows';

const ROW_HEIGHT = 30;

export function SnapshotTreeList({ tree, height }: { tree: SnapshotTree; height: number }) {
  const { filter, toggled, selected, toggleType, select } = useSnapshotBrowserStore();
  const rows = useMemo(() => buildTreeRows(tree, filter, toggled), [tree, filter, toggled]);

  if (rows.length === 0) {
    return (
      <p className="muted tree-empty">
        {filter ? `Nothing matches “${filter}”.` : 'This snapshot is empty.'}
      </p>
    );
  }
  return (
    <VirtualList
      key={filter}
      count={rows.length}
      rowHeight={ROW_HEIGHT}
      height={height}
      testId="snapshot-tree"
      label="Object types and objects"
      renderRow={(index) => {
        const row = rows[index];
        if (!row) return null;
        if (row.kind === 'type') {
          return (
            <button
              type="button"
              className="tree-type"
              aria-expanded={row.expanded}
              onClick={() => toggleType(row.type, row.expanded)}
              data-testid={`tree-type-${row.type}`}
            >
              <span className="tree-caret" aria-hidden="true">
                {row.expanded ? '▾' : '▸'}
              </span>
              <span className="tree-type-label">{row.label}</span>
              <span className="tree-count">
                {row.matches === row.total ? row.total.toLocaleString() : `${row.matches} / ${row.total}`}
              </span>
            </button>
          );
        }
        const active = selected?.type === row.type && selected.file === row.file;
        return (
          <button
            type="button"
            className={active ? 'tree-object selected' : 'tree-object'}
            aria-current={active ? 'true' : undefined}
            onClick={() => void select({ type: row.type, file: row.file, key: row.key })}
            title={row.key}
            data-testid="tree-object"
          >
            {displayKey(row.type, row.key)}
          </button>
        );
      }}
    />
  );
}
