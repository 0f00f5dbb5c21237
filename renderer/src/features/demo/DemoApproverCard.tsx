import { useEffect, useId, useState } from 'react';
import { useDemoApproverStore } from './demo-approver-store';
import './demo.css';

/**
 * Only in the demo workspace: a second person, Rita, so one person can see the two-person rule
 * work (an author cannot approve their own change). Marked as demo-only wherever it appears.
 */
export function DemoApproverCard() {
  const { status, changesets, busy, error, notice, load, enable, approve } = useDemoApproverStore();
  const [chosen, setChosen] = useState('');
  const headingId = useId();
  const selectId = useId();
  useEffect(() => {
    void load();
  }, [load]);
  if (status === null || !status.available) return null;
  return (
    <section className="card demo-approver" aria-labelledby={headingId} data-testid="demo-approver">
      <h2 id={headingId}>
        Second person (demo only) <span className="demo-badge">DEMO</span>
      </h2>
      <p>
        Promotions to uat need an approval from someone other than the author; prod asks by the change’s risk
        (none for low, one for medium, two for high) unless a standard change applies. In this demo workspace{' '}
        <strong>{status.owner}</strong> can play that person on this machine, with her own signing key. In a
        real workspace a teammate approves with their key on their machine.
      </p>
      {!status.enabled ? (
        <button type="button" className="primary" onClick={() => void enable()} disabled={busy}>
          Add Rita as a demo approver
        </button>
      ) : (
        <div className="demo-approver-approve">
          <label htmlFor={selectId}>Changeset for Rita to approve</label>
          <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">Choose a changeset…</option>
            {changesets.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title ?? item.id}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void approve(chosen)} disabled={busy || chosen === ''}>
            Approve as Rita (demo)
          </button>
          <button type="button" onClick={() => void load()} disabled={busy}>
            Refresh list
          </button>
        </div>
      )}
      {error !== null && (
        <p role="alert" className="demo-approver-error">
          {error}
        </p>
      )}
      {notice !== null && (
        <p role="status" className="info-notice">
          {notice}
        </p>
      )}
    </section>
  );
}
