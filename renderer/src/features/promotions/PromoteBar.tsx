import { useState } from 'react';
import type { PromotionPreviewWire } from '../../../../shared/model/promotion-wire';
import { usePromotionRunStore } from '../../stores/promotion-run-store';
import { usePromotionsStore } from '../../stores/promotions-store';
import { canPromote, promoteBlocker, writingSteps } from './promotion-format';

/** The one button that writes to an environment, and for production the name typed to mean it. */
export function PromoteBar({ preview }: { preview: PromotionPreviewWire }) {
  const identity = usePromotionsStore((state) => state.identity);
  const overrideReason = usePromotionsStore((state) => state.overrideReason);
  const running = usePromotionRunStore((state) => state.running);
  const promote = usePromotionRunStore((state) => state.promote);
  const [confirm, setConfirm] = useState('');
  const { environment, changesetId, tier } = preview.plan;
  const production = tier === 'prod';
  const confirmed = !production || confirm === environment;
  const blocker =
    promoteBlocker(preview) ?? (identity ? null : 'Create a signing key first: promotions are signed.');
  const enabled = canPromote(preview) && identity !== null && confirmed && running === null;

  return (
    <section className={production ? 'card promote-bar production' : 'card promote-bar'}>
      {production && (
        <label className="form-field confirm-environment">
          <span className="form-field-label">{environment} is production. Type its name to confirm.</span>
          <input
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            placeholder={environment}
            autoComplete="off"
            spellCheck={false}
            data-testid="confirm-environment"
          />
        </label>
      )}
      <div className="promote-row">
        <button
          type="button"
          className={production ? 'danger' : 'primary'}
          disabled={!enabled}
          onClick={() =>
            void promote({
              changesetId,
              environment,
              overrideReason,
              ...(production ? { confirm } : {}),
            })
          }
          data-testid="promote"
        >
          {running?.action === 'promote' ? 'Promoting…' : `Promote to ${environment}`}
        </button>
        <span className={blocker ? 'warning-text' : 'muted'} data-testid="promote-blocker">
          {blocker ??
            (confirmed
              ? `Writes ${writingSteps(preview)} step${writingSteps(preview) === 1 ? '' : 's'} to ${environment}, reads each object back, then snapshots it.`
              : `Type “${environment}” to enable Promote.`)}
        </span>
      </div>
    </section>
  );
}
