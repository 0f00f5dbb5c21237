import { useState } from 'react';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useCompareBrowser, useCompareStore } from '../../stores/compare-store';
import { DiffList } from './DiffList';
import { DiffSummaryBar } from './DiffSummaryBar';
import { typeLabel } from './diff-model';
import { IgnoreFieldDialog } from './IgnoreFieldDialog';
import { IgnoreRulesPanel } from './IgnoreRulesPanel';
import { ObjectDiffPanel } from './ObjectDiffPanel';
import { shortSource } from './source-names';
import { SourcePicker } from './SourcePicker';

const LIST_HEIGHT = 520;
const EDITOR_HEIGHT = 300;

export function CompareView() {
  const state = useCompareStore();
  const { environments, histories, a, b, includeUnchanged, running, error, outcome, ignoreRules } = state;
  const [ignoring, setIgnoring] = useState<{ type: string; change: FieldChange } | null>(null);
  const aName = outcome ? shortSource(outcome.a.source) : '';
  const bName = outcome ? shortSource(outcome.b.source) : '';

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
          <div className="diff-panes">
            <section className="card diff-list-pane" aria-label="Differences">
              <DiffList store={useCompareBrowser} height={LIST_HEIGHT} />
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
            />
          </div>
        </>
      )}
      <IgnoreRulesPanel
        rules={ignoreRules}
        busy={running}
        onRemove={(rule) => void state.removeIgnoreRule(rule)}
      />
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
