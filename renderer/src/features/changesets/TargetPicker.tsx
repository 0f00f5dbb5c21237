import { useChangesetEditor } from './changeset-editor-store';
import { snapshotLabel } from './snapshot-label';

/** The environment the changeset is checked against: references, conflicts, blast radius. */
export function TargetPicker() {
  const environments = useChangesetEditor((state) => state.environments);
  const target = useChangesetEditor((state) => state.target);
  const catalog = useChangesetEditor((state) => state.catalog);
  const setTarget = useChangesetEditor((state) => state.setTarget);
  return (
    <label className="changeset-target">
      <span>Target</span>
      <select
        value={target ?? ''}
        onChange={(event) => void setTarget(event.target.value === '' ? null : event.target.value)}
        data-testid="changeset-target"
      >
        <option value="">None (check the changeset alone)</option>
        {environments.map((view) => (
          <option key={view.config.name} value={view.config.name} disabled={view.lastSnapshot === null}>
            {view.config.name} ({view.config.tier}){view.lastSnapshot === null ? ' — no snapshot yet' : ''}
          </option>
        ))}
      </select>
      {catalog && (
        <span className="muted small" data-testid="target-snapshot">
          {snapshotLabel(catalog.environment, environments)}
        </span>
      )}
    </label>
  );
}
