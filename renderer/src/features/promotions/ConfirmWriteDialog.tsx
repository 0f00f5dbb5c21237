import { useId } from 'react';
import { Modal } from '../../components/Modal';
import { usePromotionConfirmStore } from './promotion-confirm-store';
import { TierBadge } from '../environments/TierBadge';
import {
  canConfirm,
  confirmExplanation,
  confirmLabel,
  confirmSummary,
  needsTypedName,
} from './write-confirmation';

/**
 * The pause before any write to an environment: what will be written, where, in one line, and the
 * button that says the same words as the one that opened it. Production also wants its name typed.
 * Focus starts on Cancel (or the name field): a key held down must not write.
 */
export function ConfirmWriteDialog() {
  const pending = usePromotionConfirmStore((state) => state.pending);
  const typed = usePromotionConfirmStore((state) => state.typed);
  const { cancel, confirm, type } = usePromotionConfirmStore.getState();
  const summaryId = useId();
  if (pending === null) return null;
  const label = confirmLabel(pending);
  const production = needsTypedName(pending);
  const ready = canConfirm(pending, typed);

  return (
    <Modal
      title={`${label}?`}
      onClose={cancel}
      testId="confirm-write-dialog"
      initialFocus="cancel"
      describedBy={summaryId}
      footer={
        <>
          <button type="button" onClick={cancel} data-testid="cancel-write">
            Cancel
          </button>
          <button
            type="button"
            className={production || pending.kind !== 'promote' ? 'danger' : 'primary'}
            disabled={!ready}
            onClick={() => void confirm()}
            data-testid="confirm-write"
          >
            {label}
          </button>
        </>
      }
    >
      <p className="confirm-write-summary" id={summaryId} data-testid="confirm-write-summary">
        <strong>{confirmSummary(pending)}</strong>
      </p>
      <p className="confirm-write-where">
        Environment: <strong data-testid="confirm-write-environment">{pending.environment}</strong>{' '}
        {pending.tier && <TierBadge tier={pending.tier} />}
      </p>
      <p className="muted small">{confirmExplanation(pending)}</p>
      {production && (
        <label className="form-field confirm-environment">
          <span className="form-field-label">
            {pending.environment} is production. Type its name to enable “{label}”.
          </span>
          <input
            value={typed}
            onChange={(event) => type(event.target.value)}
            placeholder={pending.environment}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            data-testid="confirm-environment"
          />
        </label>
      )}
    </Modal>
  );
}
