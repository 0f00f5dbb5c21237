import type { SnapshotHistoryEntry } from '../../../../shared/model/compare';
import type { EnvironmentView } from '../../../../shared/model/environment';
import type { CompareSide } from './compare-store';
import { shortCommit } from '../environments/environment-format';
import { formatDateTime } from '../../../../shared/format/date-time';

interface SourcePickerProps {
  label: string;
  name: 'a' | 'b';
  side: CompareSide | null;
  environments: EnvironmentView[];
  history: SnapshotHistoryEntry[] | undefined;
  onChange: (side: CompareSide) => void;
}

/** One side of a compare: an environment, then which state of it (a snapshot, or the org now). */
export function SourcePicker({ label, name, side, environments, history, onChange }: SourcePickerProps) {
  const view = environments.find((item) => item.config.name === side?.environment);
  const hasSnapshot = view?.lastSnapshot != null;
  if (side?.changeset !== undefined) {
    return (
      <fieldset className="source-picker" data-testid={`source-${name}`}>
        <legend>{label}</legend>
        <PreviewBadge side={side} changeset={side.changeset} onStop={onChange} />
      </fieldset>
    );
  }
  return (
    <fieldset className="source-picker" data-testid={`source-${name}`}>
      <legend>{label}</legend>
      <select
        className="source-select"
        name={`${name}-environment`}
        value={side?.environment ?? ''}
        aria-label={`${label}: environment`}
        onChange={(event) => {
          const next = environments.find((item) => item.config.name === event.target.value);
          if (next) onChange({ environment: next.config.name, point: next.lastSnapshot ? 'latest' : 'live' });
        }}
      >
        {side === null && <option value="">Pick an environment</option>}
        {environments.map((item) => (
          <option key={item.config.name} value={item.config.name}>
            {item.config.label ? `${item.config.label} (${item.config.name})` : item.config.name}
          </option>
        ))}
      </select>
      <select
        className="source-select"
        name={`${name}-point`}
        value={side?.point ?? 'latest'}
        aria-label={`${label}: point in time`}
        disabled={side === null}
        onChange={(event) => side && onChange({ environment: side.environment, point: event.target.value })}
      >
        <option value="latest" disabled={!hasSnapshot}>
          {hasSnapshot ? 'Latest snapshot' : 'Latest snapshot (none yet)'}
        </option>
        {(history ?? []).slice(1).map((entry) => (
          <option key={entry.commit} value={entry.commit} title={entry.message}>
            {formatDateTime(entry.takenAt)} · {shortCommit(entry.commit)}
          </option>
        ))}
        <option value="live">Live: read the org now</option>
      </select>
    </fieldset>
  );
}

/** A changeset applied in memory replaces the pickers: its base is fixed until the preview stops. */
function PreviewBadge({
  side,
  changeset,
  onStop,
}: {
  side: CompareSide;
  changeset: string;
  onStop: (side: CompareSide) => void;
}) {
  const base =
    side.point === 'latest'
      ? side.environment
      : side.point === 'live'
        ? `live:${side.environment}`
        : `${side.environment}@${shortCommit(side.point)}`;
  return (
    <div className="picks-preview">
      <span
        className="picks-preview-badge"
        title="What this side would be with the changeset applied; nothing is deployed"
        data-testid="preview-badge"
      >
        {base} + changeset {changeset} (preview)
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() => onStop({ environment: side.environment, point: side.point })}
        data-testid="stop-preview"
      >
        Stop preview
      </button>
    </div>
  );
}
