import type { TrustStatusWire } from '../../../../shared/model/trust-wire';
import { ownerOf, signerNames } from './trust-model';
import { useTrustStore } from './trust-store';

/** Changes waiting for admin signatures: what each still needs, and Sign / Withdraw for admins. */
export function ProposalList({ status, admin }: { status: TrustStatusWire; admin: boolean }) {
  const sign = useTrustStore((state) => state.sign);
  const withdraw = useTrustStore((state) => state.withdraw);
  const busy = useTrustStore((state) => state.busy);
  const identity = useTrustStore((state) => state.identity);
  return (
    <section className="card trust-card" data-testid="proposals" aria-labelledby="proposals-title">
      <h2 id="proposals-title">Pending changes</h2>
      {status.proposals.length === 0 ? (
        <p className="muted" data-testid="no-proposals">
          Nothing is waiting for signatures.
        </p>
      ) : (
        <ul className="trust-proposals">
          {status.proposals.map((proposal) => {
            const signedHere = identity !== null && proposal.signedBy.includes(identity.keyId);
            return (
              <li
                key={proposal.version}
                className="trust-proposal"
                data-testid="proposal"
                data-version={proposal.version}
                data-applicable={String(proposal.applicable)}
              >
                <div>
                  <strong>Version {proposal.version}</strong>: {proposal.summary}
                  <div className="muted small">
                    Proposed by {ownerOf(proposal.proposedBy, status.keys)} ·{' '}
                    {new Date(proposal.createdAt).toLocaleString()} · signed by{' '}
                    {signerNames(proposal.signedBy, status.keys)}
                  </div>
                  <ul
                    className="trust-changes"
                    data-testid="proposal-changes"
                    aria-label="What signing it changes"
                  >
                    {proposal.changes.map((change) => (
                      <li key={change}>{change}</li>
                    ))}
                  </ul>
                  <div className="trust-needs" data-testid="proposal-needs">
                    {proposal.applicable ? `Needs ${proposal.needs}` : proposal.needs}
                  </div>
                </div>
                {admin && (
                  <div className="button-row">
                    {proposal.applicable && (
                      <button
                        type="button"
                        className="primary"
                        disabled={busy !== null || signedHere}
                        title={signedHere ? 'You signed it already' : undefined}
                        onClick={() => void sign(proposal.version)}
                        data-testid="sign-proposal"
                      >
                        {signedHere ? 'Signed by you' : 'Sign'}
                      </button>
                    )}
                    <button
                      type="button"
                      className="danger-outline"
                      disabled={busy !== null}
                      onClick={() => void withdraw(proposal.version)}
                      data-testid="withdraw-proposal"
                    >
                      Withdraw
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
