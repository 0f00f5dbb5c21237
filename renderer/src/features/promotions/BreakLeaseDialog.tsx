import { useId } from 'react';
import { Modal } from '../../components/Modal';
import { breakLeaseLabel, LEASE_REASON_MAX, type LeaseNotice } from './lease-notice';
import { useLeaseBreakStore } from './lease-break-store';
import type { RunAction } from './promotion-run-store';

interface BreakLeaseDialogProps {
  notice: LeaseNotice;
  action: RunAction;
}

/**
 * Breaking an expired lease someone else took: says whose it was and that the break is recorded
 * (in the audit log and the run's result), and will not go on without a reason.
 * Focus starts in the reason; Escape or Cancel leave the lease alone.
 */
export function BreakLeaseDialog({ notice, action }: BreakLeaseDialogProps) {
  const reason = useLeaseBreakStore((state) => state.reason);
  const problem = useLeaseBreakStore((state) => state.problem);
  const { cancel, confirm, type } = useLeaseBreakStore.getState();
  const summaryId = useId();
  const problemId = useId();
  const { lease } = notice;
  const label = breakLeaseLabel(action);
  return (
    <Modal
      title={`Break the lease on ${lease.environment}?`}
      onClose={cancel}
      testId="break-lease-dialog"
      describedBy={summaryId}
      footer={
        <>
          <button type="button" onClick={cancel} data-testid="cancel-break-lease">
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => void confirm()}
            data-testid="confirm-break-lease"
          >
            {label}
          </button>
        </>
      }
    >
      <p id={summaryId}>
        <strong>
          {lease.holder}
          {lease.keyId === null ? '' : ` (key ${lease.keyId})`} took it for run {lease.runId} and never gave
          it back.
        </strong>{' '}
        Break it only if that run is no longer going: two runs writing to {lease.environment} at once can
        leave it half changed.
      </p>
      <p className="muted small">
        The break is audited: your name, this reason and the lease you broke go into the audit log and the
        run’s result.
      </p>
      <label className={problem ? 'form-field invalid' : 'form-field'}>
        <span className="form-field-label">Reason (required)</span>
        <textarea
          value={reason}
          onChange={(event) => type(event.target.value)}
          maxLength={LEASE_REASON_MAX}
          rows={3}
          required
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : problemId}
          placeholder="e.g. Ada’s laptop died mid-run; she agreed on chat"
          data-autofocus
          data-testid="break-lease-reason"
        />
        {problem && (
          <span className="field-error" id={problemId} data-testid="break-lease-problem">
            {problem}
          </span>
        )}
      </label>
    </Modal>
  );
}
