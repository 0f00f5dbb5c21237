import { useId } from 'react';
import { Modal } from '../../components/Modal';
import { TierBadge } from '../environments/TierBadge';
import { canConfirmAdvance, needsTypedName } from './pipeline-model';
import { usePipelineStore } from './pipeline-store';

/**
 * The pause before a pipeline writes to its next stage, as before every write: where, what happens,
 * and production's name typed. Focus starts on Cancel (or the name field): a key held down must not write.
 */
export function AdvanceDialog() {
  const asking = usePipelineStore((state) => state.asking);
  const typed = usePipelineStore((state) => state.typed);
  const changesetId = usePipelineStore((state) => state.changesetId);
  const { cancel, confirm, type } = usePipelineStore.getState();
  const summaryId = useId();
  if (asking === null) return null;
  const { environment, tier } = asking;
  const production = needsTypedName(tier);
  const label = `Advance to ${environment}`;

  return (
    <Modal
      title={`${label}?`}
      onClose={cancel}
      testId="advance-dialog"
      initialFocus="cancel"
      describedBy={summaryId}
      footer={
        <>
          <button type="button" onClick={cancel} data-testid="cancel-advance">
            Cancel
          </button>
          <button
            type="button"
            className={production ? 'danger' : 'primary'}
            disabled={!canConfirmAdvance(environment, tier, typed)}
            onClick={() => void confirm()}
            data-testid="confirm-advance"
          >
            {label}
          </button>
        </>
      }
    >
      <p className="confirm-write-summary" id={summaryId}>
        <strong>
          Ferry checks every rule of the stage again, then promotes changeset {changesetId} to {environment}.
        </strong>
      </p>
      <p className="confirm-write-where">
        Environment: <strong data-testid="advance-environment">{environment}</strong>{' '}
        {tier && <TierBadge tier={tier} />}
      </p>
      <p className="muted small">
        Every object is read back after it is written, and the advance is recorded in the audit log. If a rule
        is not met, nothing is written and you are told what it waits for.
      </p>
      {production && (
        <label className="form-field confirm-environment">
          <span className="form-field-label">
            {environment} is production. Type its name to enable “{label}”.
          </span>
          <input
            value={typed}
            onChange={(event) => type(event.target.value)}
            placeholder={environment}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            data-testid="advance-confirm-environment"
          />
        </label>
      )}
    </Modal>
  );
}
