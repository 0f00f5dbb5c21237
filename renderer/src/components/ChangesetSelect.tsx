import type { ChangesetSummaryWire } from '../../../shared/model/changeset-wire';

interface ChangesetSelectProps {
  changesets: readonly ChangesetSummaryWire[];
  value: string | null;
  onChange(id: string | null): void;
  testId: string;
}

/** A labelled changeset picker: title and size, so two similar titles are told apart. */
export function ChangesetSelect({ changesets, value, onChange, testId }: ChangesetSelectProps) {
  return (
    <label className="form-field">
      <span className="form-field-label">Changeset</span>
      <select
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
        data-testid={testId}
      >
        <option value="">Choose a changeset…</option>
        {changesets.map((item) => (
          <option key={item.id} value={item.id}>
            {item.title ?? item.id} ({item.operations} operation{item.operations === 1 ? '' : 's'})
          </option>
        ))}
      </select>
    </label>
  );
}
