import { useMemo } from 'react';
import { canPickObject, picksAllowed, picksSummary, useComparePicksStore } from './compare-picks-store';
import { useCompareStore } from './compare-store';
import type { DiffBrowserStore } from './diff-browser-store';
import { buildDiffRows } from './diff-rows';

interface PicksBarProps {
  store: DiffBrowserStore;
  aName: string;
  bName: string;
}

/** What is picked so far, and the way from the picks into a changeset. */
export function PicksBar({ store, aName, bName }: PicksBarProps) {
  const ran = useCompareStore((state) => state.ran);
  const picked = useComparePicksStore((state) => state.objects);
  const fields = useComparePicksStore((state) => state.fields);
  const { pickAll, clear, openDialog } = useComparePicksStore.getState();
  const objects = store((state) => state.objects);
  const filters = store((state) => state.filters);
  const collapsed = store((state) => state.collapsed);
  const shown = useMemo(
    () =>
      buildDiffRows(objects, filters, collapsed).flatMap((row) =>
        row.kind === 'object' && canPickObject(row.object) ? [row.object] : [],
      ),
    [objects, filters, collapsed],
  );

  if (!picksAllowed(ran)) {
    return (
      <p className="muted small picks-bar picks-off" data-testid="picks-bar">
        Nothing to pick from a preview: it already shows a changeset applied. Stop the preview to pick
        differences into a changeset.
      </p>
    );
  }
  const summary = picksSummary({ objects: picked, fields });
  const nothing = summary.objects === 0 && summary.changes === 0;
  return (
    <section className="card picks-bar" aria-label="Picks" data-testid="picks-bar">
      <strong className="picks-count" data-testid="picks-count">
        {nothing
          ? 'Nothing picked'
          : `${count(summary.objects, 'object')}, ${count(summary.changes, 'field change')} picked`}
      </strong>
      <button
        type="button"
        className="link-button"
        disabled={shown.length === 0}
        onClick={() => pickAll(shown)}
        title="Tick every object the filters show"
        data-testid="pick-all-shown"
      >
        Select all shown
      </button>
      <button
        type="button"
        className="link-button"
        disabled={nothing}
        onClick={clear}
        data-testid="clear-picks"
      >
        Clear
      </button>
      <span className="muted small picks-hint">
        Tick objects, or single field changes of a changed one. A changeset made from them makes {aName} like{' '}
        {bName}.
      </span>
      <button
        type="button"
        className="primary"
        disabled={nothing}
        onClick={openDialog}
        data-testid="add-to-changeset"
      >
        Add to changeset…
      </button>
    </section>
  );
}

function count(value: number, one: string): string {
  return `${value.toLocaleString()} ${value === 1 ? one : `${one}s`}`;
}
