import type { InsightsReport } from '../../../../shared/insights/insights-report';
import { hoursText, plural, timeText, trim } from '../../../../shared/insights/insights-format';
import { useInsightsStore } from './insights-store';

/** Approvals, overrides, refusals and snapshots: how the changes were governed in the period. */
export function GovernancePanel({ report }: { report: InsightsReport }) {
  const { approvalsPerChange, timeToFirstApproval, overrides, gateRefusals, snapshots } = report.governance;
  const openRun = useInsightsStore((state) => state.openRun);
  const openChangeset = useInsightsStore((state) => state.openChangeset);
  return (
    <section
      aria-labelledby="insights-governance-heading"
      className="insights-governance"
      data-testid="insights-governance"
    >
      <h2 id="insights-governance-heading">Governance</h2>
      <div className="insights-cards">
        <article className="card insights-card" aria-labelledby="gov-approvals" data-testid="gov-approvals">
          <h3 id="gov-approvals">Approvals per change</h3>
          <p className="insights-value">
            {approvalsPerChange.median === null ? '—' : trim(approvalsPerChange.median)}
          </p>
          <p className="muted small">
            median over {plural(approvalsPerChange.changes, 'deployed change')}
            {approvalsPerChange.mean !== null && `; mean ${trim(approvalsPerChange.mean)}`}
          </p>
        </article>
        <article
          className="card insights-card"
          aria-labelledby="gov-first-approval"
          data-testid="gov-first-approval"
        >
          <h3 id="gov-first-approval">Time to first approval</h3>
          <p className="insights-value">{hoursText(timeToFirstApproval.medianHours)}</p>
          <p className="muted small">
            median of {plural(timeToFirstApproval.count, 'changeset')} created in the period; 90th percentile{' '}
            {hoursText(timeToFirstApproval.p90Hours)}
          </p>
        </article>
        <article className="card insights-card" aria-labelledby="gov-overrides" data-testid="gov-overrides">
          <h3 id="gov-overrides">Emergency overrides</h3>
          <p className="insights-value">{overrides.count}</p>
          {overrides.items.length === 0 ? (
            <p className="muted small">No promotion overrode a gate in the period.</p>
          ) : (
            <ul className="insights-list" aria-label="Overrides and their reasons">
              {overrides.items.map((item) => (
                <li key={item.runId}>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="evidence-link"
                    data-kind="run"
                    data-id={item.runId}
                    onClick={() => openRun(item.runId)}
                  >
                    Run <code>{item.runId}</code>
                  </button>{' '}
                  <span className="muted small">
                    {item.environment} · {timeText(item.at)}
                    {item.by !== null && ` · ${item.by}`}
                  </span>
                  <q>{item.reason}</q>
                </li>
              ))}
            </ul>
          )}
        </article>
        <article className="card insights-card" aria-labelledby="gov-refusals" data-testid="gov-refusals">
          <h3 id="gov-refusals">Refused by gates</h3>
          <p className="insights-value">{gateRefusals.count}</p>
          {gateRefusals.count === 0 ? (
            <p className="muted small">No promotion was refused by a gate in the period.</p>
          ) : (
            <>
              <ul className="insights-list" aria-label="Refusals by gate">
                {gateRefusals.byGate.map((gate) => (
                  <li key={gate.gate}>
                    <strong>{gate.gate}</strong>: {gate.count}
                  </li>
                ))}
              </ul>
              <details className="insights-evidence">
                <summary>Refusals and why ({gateRefusals.items.length})</summary>
                <ul>
                  {gateRefusals.items.map((item) => (
                    <li key={`${item.at}-${item.changesetId}-${item.environment}`}>
                      <button
                        type="button"
                        className="link-button"
                        data-testid="evidence-link"
                        data-kind="changeset"
                        data-id={item.changesetId}
                        onClick={() => openChangeset(item.changesetId)}
                      >
                        Changeset <code>{item.changesetId}</code>
                      </button>{' '}
                      <span className="muted small">
                        → {item.environment} · {timeText(item.at)} · {item.by}
                      </span>
                      <ul>
                        {item.gates.map((gate) => (
                          <li key={gate.gate}>
                            {gate.gate}: {gate.reason}
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </details>
            </>
          )}
        </article>
      </div>
      <article className="card" aria-labelledby="gov-snapshots" data-testid="gov-snapshots">
        <h3 id="gov-snapshots">Snapshot age per environment</h3>
        <p className="muted small">
          How old each environment&rsquo;s last snapshot is: drift and plans are only as fresh as it.
        </p>
        <table className="insights-table">
          <thead>
            <tr>
              <th scope="col">Environment</th>
              <th scope="col">Last snapshot</th>
              <th scope="col">Age</th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((snapshot) => (
              <tr key={snapshot.environment}>
                <th scope="row">{snapshot.environment}</th>
                <td>{snapshot.takenAt === null ? 'never taken' : timeText(snapshot.takenAt)}</td>
                <td>{hoursText(snapshot.ageHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </section>
  );
}
