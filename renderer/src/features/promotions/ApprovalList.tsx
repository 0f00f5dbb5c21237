import { useState } from 'react';
import type { ApprovalWire } from '../../../../shared/model/promotion-wire';
import { usePromotionsStore } from './promotions-store';
import { formatWhen, shortKeyId } from './promotion-format';

/** Signed decisions on the changeset, each with whether it counts and why; and signing one. */
export function ApprovalList({ approvals }: { approvals: readonly ApprovalWire[] }) {
  const identity = usePromotionsStore((state) => state.identity);
  const approving = usePromotionsStore((state) => state.approving);
  const decide = usePromotionsStore((state) => state.decide);
  const [comment, setComment] = useState('');
  const submit = (decision: 'approved' | 'rejected') =>
    void decide(decision, comment).then((done) => done && setComment(''));
  const mine = identity ? approvals.find((approval) => approval.keyId === identity.keyId) : undefined;

  return (
    <div className="approvals">
      {approvals.length === 0 ? (
        <p className="muted" data-testid="no-approvals">
          Nobody has approved or rejected this changeset yet.
        </p>
      ) : (
        <ul className="approval-list">
          {approvals.map((approval) => (
            <li
              key={approval.file}
              className={`approval approval-${approval.status}`}
              data-testid="approval"
              data-status={approval.status}
            >
              <div className="approval-head">
                <strong>{approval.owner ?? 'Unknown key'}</strong>
                <code title={approval.keyId}>{shortKeyId(approval.keyId)}</code>
                <span className={`approval-status status-${approval.status}`}>
                  {approval.decision === 'rejected' ? 'rejected' : approval.status}
                </span>
                {approval.counts && <span className="badge approval-counts">counts</span>}
                <span className="muted small">{formatWhen(approval.approvedAt)}</span>
              </div>
              {approval.comment && <div className="approval-comment">“{approval.comment}”</div>}
              <div className="muted small">{approval.reason}</div>
            </li>
          ))}
        </ul>
      )}
      <div className="approve-form">
        <input
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder="Comment (optional), e.g. checked against the runbook"
          aria-label="Approval comment"
          maxLength={2000}
          disabled={!identity}
          data-testid="approval-comment"
        />
        <button
          type="button"
          className="primary"
          disabled={!identity || approving}
          onClick={() => submit('approved')}
          data-testid="approve-changeset"
        >
          {approving ? 'Signing…' : mine ? 'Approve again' : 'Approve'}
        </button>
        <button
          type="button"
          className="danger-outline"
          disabled={!identity || approving}
          onClick={() => submit('rejected')}
          data-testid="reject-changeset"
        >
          Reject
        </button>
      </div>
      <p className="muted small">
        {identity
          ? `Signed as ${identity.owner}: an approval covers the changeset as it is now, and any later edit makes it stale.`
          : 'Create a signing key above to approve.'}
      </p>
    </div>
  );
}
