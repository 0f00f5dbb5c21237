import { displayKey } from './flow-diff-model';
import type { MissingDependencyWire } from '../../../../shared/model/changeset-wire';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { dependencyId, picksSummary, useComparePicksStore, type Choice } from './compare-picks-store';
import { singularTypeLabel } from './diff-model';
import { PerEnvironmentValues } from './PerEnvironmentValues';

interface AddToChangesetDialogProps {
  /** Full labels of the compared sides: a is the target, b the source objects brought along come from. */
  aLabel: string;
  bLabel: string;
}

/** Where the picks go, what they depend on, and the word that writes them into a changeset. */
export function AddToChangesetDialog({ aLabel, bLabel }: AddToChangesetDialogProps) {
  const picks = useComparePicksStore();
  const { phase, error, busy, saved } = picks;
  const { objects, changes } = picksSummary(picks);

  if (phase === 'done' && saved) {
    return (
      <Modal
        title="Added to changeset"
        onClose={picks.closeDialog}
        testId="add-to-changeset-dialog"
        footer={
          <>
            <button type="button" onClick={picks.closeDialog}>
              Close
            </button>
            <button
              type="button"
              className="primary"
              onClick={picks.openSaved}
              data-testid="open-saved-changeset"
            >
              Open changeset
            </button>
          </>
        }
      >
        <div className="picks-saved" role="status" data-testid="picks-saved">
          Added to “{saved.title}”: it now holds {plural(saved.operations, 'operation')}. The picks are
          cleared.
        </div>
      </Modal>
    );
  }

  const footer =
    phase === 'target' ? (
      <>
        <button type="button" onClick={picks.closeDialog}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void picks.resolve()}
          data-testid="continue-add-to-changeset"
        >
          {busy ? 'Checking…' : 'Continue'}
        </button>
      </>
    ) : (
      <>
        <button type="button" onClick={picks.back} disabled={busy}>
          Back
        </button>
        <button type="button" onClick={picks.closeDialog}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || picks.settled === null}
          onClick={() => void picks.add()}
          data-testid="confirm-add-to-changeset"
        >
          {busy ? 'Working…' : 'Add'}
        </button>
      </>
    );

  return (
    <Modal
      title="Add to changeset"
      onClose={picks.closeDialog}
      testId="add-to-changeset-dialog"
      footer={footer}
      wide
    >
      <p className="picks-direction" data-testid="picks-direction">
        The changeset will make the target, <strong>{aLabel}</strong>, like the source,{' '}
        <strong>{bLabel}</strong>: whatever is brought along comes from <strong>{bLabel}</strong>.
      </p>
      <p className="muted small">
        {plural(objects, 'whole object')} and {plural(changes, 'single field change')} picked.
      </p>
      {error && <ErrorBanner message={error} onDismiss={picks.dismissError} />}
      {phase === 'target' ? <TargetStep /> : <DependenciesStep aLabel={aLabel} bLabel={bLabel} />}
      {phase === 'dependencies' && picks.targetEnvironment !== null && (
        <PerEnvironmentValues target={picks.targetEnvironment} />
      )}
    </Modal>
  );
}

function TargetStep() {
  const target = useComparePicksStore((state) => state.target);
  const changesets = useComparePicksStore((state) => state.changesets);
  const loading = useComparePicksStore((state) => state.changesetsLoading);
  const setTarget = useComparePicksStore((state) => state.setTarget);
  return (
    <fieldset className="picks-target">
      <legend>Add the picks to</legend>
      <label className="checkbox-label">
        <input
          type="radio"
          name="picks-target"
          value="new"
          checked={target.kind === 'new'}
          onChange={() => setTarget({ kind: 'new' })}
          data-testid="changeset-target-new"
        />
        A new changeset
      </label>
      <input
        type="text"
        className="picks-target-input"
        placeholder="Title, e.g. Video support queue"
        aria-label="Title of the new changeset"
        value={target.title}
        maxLength={200}
        onChange={(event) => setTarget({ kind: 'new', title: event.target.value })}
        data-testid="new-changeset-title"
      />
      <label className="checkbox-label">
        <input
          type="radio"
          name="picks-target"
          value="existing"
          checked={target.kind === 'existing'}
          disabled={changesets.length === 0}
          onChange={() => setTarget({ kind: 'existing' })}
          data-testid="changeset-target-existing"
        />
        An existing changeset
        {loading && <span className="muted small"> (reading…)</span>}
      </label>
      <select
        className="picks-target-input"
        aria-label="Existing changeset"
        value={target.id}
        disabled={changesets.length === 0}
        onChange={(event) => setTarget({ kind: 'existing', id: event.target.value })}
        data-testid="existing-changeset"
      >
        <option value="">{changesets.length === 0 ? 'None in this workspace yet' : 'Pick one'}</option>
        {changesets.map((item) => (
          <option
            key={item.id}
            value={item.id}
            disabled={item.problem !== null}
            title={item.problem ?? undefined}
          >
            {item.title ?? item.id}
            {item.problem !== null
              ? ' (cannot be read)'
              : ` · ${plural(item.operations, 'operation')}${item.ticket ? ` · ${item.ticket}` : ''}`}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

function DependenciesStep({ aLabel, bLabel }: { aLabel: string; bLabel: string }) {
  const dependencies = useComparePicksStore((state) => state.dependencies);
  const shown = useComparePicksStore((state) => state.shown);
  const choices = useComparePicksStore((state) => state.choices);
  const settled = useComparePicksStore((state) => state.settled);
  const busy = useComparePicksStore((state) => state.busy);
  const choose = useComparePicksStore((state) => state.choose);
  const visible = dependencies.filter((item) => shown.includes(dependencyId(item)));

  return (
    <section className="picks-dependencies" aria-label="Missing dependencies">
      {settled === null ? (
        <p className="muted">{busy ? 'Working out what the picks need…' : 'Not checked yet.'}</p>
      ) : visible.length === 0 ? (
        <p data-testid="no-missing-dependencies">
          Nothing else is needed: everything the picks refer to is in {aLabel} already.
        </p>
      ) : (
        <>
          <h3>
            {plural(visible.length, 'missing dependency', 'missing dependencies')}
            <span className="muted small"> · the picks refer to them, and {aLabel} lacks them</span>
          </h3>
          <ul className="picks-dependency-list">
            {visible.map((item, index) => (
              <DependencyRow
                key={dependencyId(item)}
                item={item}
                index={index}
                choice={choices[dependencyId(item)] ?? 'require'}
                bLabel={bLabel}
                onChoose={(choice) => void choose(item, choice)}
              />
            ))}
          </ul>
        </>
      )}
      {settled !== null && (
        <p className="muted small" data-testid="picks-settled">
          The changeset will hold {plural(settled.operations, 'operation')}
          {settled.requires > 0 && <> and require {plural(settled.requires, 'object')} in the target</>}.
          {busy && ' Checking again…'}
        </p>
      )}
    </section>
  );
}

function DependencyRow({
  item,
  index,
  choice,
  bLabel,
  onChoose,
}: {
  item: MissingDependencyWire;
  index: number;
  choice: Choice;
  bLabel: string;
  onChoose: (choice: Choice) => void;
}) {
  const name = `dependency-${index}`;
  return (
    <li
      className="picks-dependency"
      data-testid="dependency-choice"
      data-dependency={`${item.type}/${item.key}`}
    >
      <div className="picks-dependency-what">
        <span className="muted small">{singularTypeLabel(item.type)}</span>
        <strong>{displayKey(item.type, item.key)}</strong>
        <span className="muted small">used by {usedBy(item)}</span>
      </div>
      <div
        className="picks-dependency-choices"
        role="radiogroup"
        aria-label={`What to do with ${displayKey(item.type, item.key)}`}
      >
        <label className="checkbox-label" title={item.available ? undefined : `${bLabel} does not have it`}>
          <input
            type="radio"
            name={name}
            value="bring"
            checked={choice === 'bring'}
            disabled={!item.available}
            onChange={() => onChoose('bring')}
          />
          Bring it along
          {!item.available && <span className="muted small"> (not in {bLabel} either)</span>}
        </label>
        <label className="checkbox-label">
          <input
            type="radio"
            name={name}
            value="require"
            checked={choice === 'require'}
            onChange={() => onChoose('require')}
          />
          Require it in the target
        </label>
      </div>
    </li>
  );
}

function usedBy(item: MissingDependencyWire): string {
  const byObject = new Map<string, { type: string; key: string; paths: string[] }>();
  for (const reference of item.referencedBy) {
    const id = dependencyId(reference);
    const entry = byObject.get(id) ?? { type: reference.type, key: reference.key, paths: [] };
    if (!entry.paths.includes(reference.path)) entry.paths.push(reference.path);
    byObject.set(id, entry);
  }
  return [...byObject.values()]
    .map(
      (entry) =>
        `${singularTypeLabel(entry.type)} “${displayKey(entry.type, entry.key)}” (${entry.paths.join(', ')})`,
    )
    .join('; ');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
