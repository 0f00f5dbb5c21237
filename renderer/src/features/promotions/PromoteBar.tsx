import type { PromotionPreviewWire } from '../../../../shared/model/promotion-wire';
import { usePromotionConfirmStore } from './promotion-confirm-store';
import { usePromotionRunStore } from './promotion-run-store';
import { usePromotionsStore } from './promotions-store';
import { canPromote, promoteBlocker } from './promotion-format';
import { promotionCounts, writeSummary } from './write-summary';

/** The way to write this plan to its environment: it asks first (ConfirmWriteDialog), whatever the tier. */
export function PromoteBar({ preview }: { preview: PromotionPreviewWire }) {
  const identity = usePromotionsStore((state) => state.identity);
  const overrideReason = usePromotionsStore((state) => state.overrideReason);
  const running = usePromotionRunStore((state) => state.running);
  const ask = usePromotionConfirmStore((state) => state.ask);
  const { environment, changesetId, tier } = preview.plan;
  const production = tier === 'prod';
  const counts = promotionCounts(preview.plan);
  const blocker =
    promoteBlocker(preview) ?? (identity ? null : 'Create a signing key first: promotions are signed.');
  const enabled = canPromote(preview) && identity !== null && running === null;

  return (
    <section className={production ? 'card promote-bar production' : 'card promote-bar'}>
      <div className="promote-row">
        <button
          type="button"
          className={production ? 'danger' : 'primary'}
          disabled={!enabled}
          onClick={() =>
            ask({
              kind: 'promote',
              changesetId,
              environment,
              tier,
              overrideReason,
              overriddenGates: preview.overriddenGates,
              counts,
            })
          }
          data-testid="promote"
        >
          {running?.action === 'promote' ? 'Promoting…' : `Promote to ${environment}…`}
        </button>
        <span className={blocker ? 'warning-text' : 'muted'} data-testid="promote-blocker">
          {blocker ??
            `${writeSummary(counts, environment)}: each object is read back, then ${environment} is snapshotted. You confirm first.`}
        </span>
      </div>
    </section>
  );
}
