import { useState } from 'react';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import {
  canPickFields,
  canPickObject,
  changeKey,
  picksAllowed,
  useComparePicksStore,
} from '../../stores/compare-picks-store';
import { useCompareBrowser, useCompareStore } from '../../stores/compare-store';
import { AddToChangesetDialog } from './AddToChangesetDialog';
import { DiffList, type DiffListSelection } from './DiffList';
import { DiffSummaryBar } from './DiffSummaryBar';
import { objectId, typeLabel, type ObjectDiffWire } from './diff-model';
import type { FieldPicking } from './FieldChangeList';
import { IgnoreFieldDialog } from './IgnoreFieldDialog';
import { IgnoreRulesPanel } from './IgnoreRulesPanel';
import { ObjectDiffPanel } from './ObjectDiffPanel';
import { PicksBar } from './PicksBar';
import { shortSource } from './source-names';
import { SourcePicker } from './SourcePicker';

const LIST_HEIGHT = 520;
const EDITOR_HEIGHT = 300;

export function CompareView() {
  const state = useCompareStore();
  const { environments, histories, a, b, includeUnchanged, running, error, outcome, ignoreRules, ran } =
    state;
  const [ignoring, setIgnoring] = useState<{ type: string; change: FieldChange } | null>(null);
  const aName = outcome ? shortSource(outcome.a.source) : '';
  const bName = outcome ? shortSource(outcome.b.source) : '';
  const pickedObjects = useComparePicksStore((picks) => picks.objects);
  const pickedFields = useComparePicksStore((picks) => picks.fields);
  const dialogOpen = useComparePicksStore((picks) => picks.phase !== 'idle');
  const { toggleObject, toggleField } = useComparePicksStore.getState();
  const allowed = picksAllowed(ran);

  const selection: DiffListSelection | undefined = allowed
    ? {
        state: (object) => {
          const id = objectId(object);
          return pickedObjects[id] ? 'all' : pickedFields[id] ? 'some' : 'none';
        },
        canPick: canPickObject,
        onToggle: toggleObject,
      }
    : undefined;
  const fieldPicking = (object: ObjectDiffWire): FieldPicking | undefined => {
    if (!allowed || !canPickFields(object)) return undefined;
    const id = objectId(object);
    return {
      isPicked: (change) => pickedFields[id]?.changes[changeKey(change)] !== undefined,
      onToggle: (change) => toggleField(object, change),
      wholeObject: pickedObjects[id] !== undefined,
    };
  };

  return (
    <>
      <section className="card compare-bar" aria-label="What to compare">
        <SourcePicker
          label="From"
          name="a"
          side={a}
          environments={environments}
          history={a ? histories[a.environment] : undefined}
          onChange={(side) => state.setSide('a', side)}
        />
        <button
          type="button"
          className="swap-button"
          onClick={state.swap}
          title="Swap the two sides"
          aria-label="Swap the two sides"
        >
          ⇄
        </button>
        <SourcePicker
          label="To"
          name="b"
          side={b}
          environments={environments}
          history={b ? histories[b.environment] : undefined}
          onChange={(side) => state.setSide('b', side)}
        />
        <div className="compare-run">
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={includeUnchanged}
              onChange={(event) => state.setIncludeUnchanged(event.target.checked)}
              data-testid="include-unchanged"
            />
            List unchanged objects too
          </label>
          <button
            type="button"
            className="primary"
            disabled={!a || !b || running}
            onClick={() => void state.run()}
            data-testid="run-compare"
          >
            {running ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      </section>
      {error && <ErrorBanner message={error} onDismiss={state.dismissError} />}
      {!outcome && !running && (
        <p className="muted compare-hint">
          Pick two sides and press Compare. “Live” reads the org now instead of a stored snapshot.
        </p>
      )}
      {outcome && (
        <>
          <p className="compare-sides" data-testid="compare-sides">
            <strong>{outcome.a.label}</strong>
            <span className="muted"> compared with </span>
            <strong>{outcome.b.label}</strong>
            {running && <span className="muted"> · updating…</span>}
          </p>
          {outcome.unreadableTypes.length > 0 && (
            <p className="warning-text small">
              Left out because one side could not read them:{' '}
              {outcome.unreadableTypes.map(typeLabel).join(', ')}.
            </p>
          )}
          <DiffSummaryBar
            summary={outcome.result.summary}
            store={useCompareBrowser}
            aName={aName}
            bName={bName}
            showUnchanged={includeUnchanged}
          />
          <PicksBar store={useCompareBrowser} aName={aName} bName={bName} />
          <div className="diff-panes">
            <section className="card diff-list-pane" aria-label="Differences">
              <DiffList
                store={useCompareBrowser}
                height={LIST_HEIGHT}
                {...(selection ? { selection } : {})}
              />
            </section>
            <ObjectDiffPanel
              store={useCompareBrowser}
              aName={aName}
              bName={bName}
              aLabel={outcome.a.label}
              bLabel={outcome.b.label}
              editorHeight={EDITOR_HEIGHT}
              onIgnoreField={(type, change) => setIgnoring({ type, change })}
              placeholder="Pick a difference on the left to see both sides of it, field by field."
              fieldPicking={fieldPicking}
            />
          </div>
        </>
      )}
      <IgnoreRulesPanel
        rules={ignoreRules}
        busy={running}
        onRemove={(rule) => void state.removeIgnoreRule(rule)}
      />
      {outcome && dialogOpen && <AddToChangesetDialog aLabel={outcome.a.label} bLabel={outcome.b.label} />}
      {ignoring && (
        <IgnoreFieldDialog
          type={ignoring.type}
          change={ignoring.change}
          busy={running}
          onSave={state.addIgnoreRule}
          onClose={() => setIgnoring(null)}
        />
      )}
    </>
  );
}
