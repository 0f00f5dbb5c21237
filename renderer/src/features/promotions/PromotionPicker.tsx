import { ChangesetSelect } from '../../components/ChangesetSelect';
import { usePolicyStore } from './policy-store';
import { usePromotionRunStore } from './promotion-run-store';
import { usePromotionsStore } from './promotions-store';
import { TierBadge } from '../environments/TierBadge';

/** What goes where: a changeset, a target with a snapshot, then the dry run. */
export function PromotionPicker() {
  const changesets = usePromotionsStore((state) => state.changesets);
  const environments = usePromotionsStore((state) => state.environments);
  const changesetId = usePromotionsStore((state) => state.changesetId);
  const environment = usePromotionsStore((state) => state.environment);
  const planning = usePromotionsStore((state) => state.planning);
  const { choose, plan } = usePromotionsStore.getState();
  const running = usePromotionRunStore((state) => state.running);
  const openPolicy = usePolicyStore((state) => state.open);
  const target = environments.find((view) => view.config.name === environment);

  return (
    <section className="card promotion-picker" data-testid="new-promotion">
      <h2>New promotion</h2>
      <div className="promotion-picker-row">
        <ChangesetSelect
          changesets={changesets}
          value={changesetId}
          onChange={(id) => choose({ changesetId: id })}
          testId="promotion-changeset"
        />
        <label className="form-field">
          <span className="form-field-label">Target environment</span>
          <select
            value={environment ?? ''}
            onChange={(event) => choose({ environment: event.target.value || null })}
            data-testid="promotion-environment"
          >
            <option value="">Choose an environment…</option>
            {environments.map((view) => (
              <option key={view.config.name} value={view.config.name} disabled={view.lastSnapshot === null}>
                {view.config.label || view.config.name} ({view.config.tier})
                {view.lastSnapshot === null ? ' — no snapshot yet' : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="promotion-picker-actions">
          {target && <TierBadge tier={target.config.tier} />}
          <button
            type="button"
            disabled={environment === null}
            onClick={() => environment && void openPolicy(environment)}
            data-testid="edit-policy"
          >
            Policy…
          </button>
          <button
            type="button"
            className="primary"
            // Not disabled while planning: a disabled button drops keyboard focus to <body>.
            disabled={changesetId === null || environment === null || running !== null}
            aria-disabled={planning}
            onClick={() => {
              if (planning) return;
              // A new plan takes the place of the last run's result.
              usePromotionRunStore.getState().clear();
              void plan();
            }}
            data-testid="plan-promotion"
          >
            {planning ? 'Planning…' : 'Plan'}
          </button>
        </div>
      </div>
      {changesets.length === 0 && (
        <p className="muted small">No changesets yet: build one in Changesets or from a compare.</p>
      )}
      <p className="muted small">
        The plan reads {environment ?? 'the target'} live and lists every API call it would make. Nothing is
        written until you promote.
      </p>
    </section>
  );
}
