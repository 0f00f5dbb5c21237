import type { InsightsReport } from '../../../../shared/insights/insights-report';
import { hoursText, timeText, trim } from '../../../../shared/insights/insights-format';
import {
  FIGURE_EXPLANATIONS,
  FIGURE_TITLES,
  type FigureId,
} from '../../../../shared/insights/figure-explanations';
import { approvalsDetail, firstApprovalDetail, OPEN_LIST_LIMIT } from './insights-model';
import { useInsightsStore } from './insights-store';

/** A governance figure's heading and its one line of meaning. */
function Heading({ figure, id }: { figure: FigureId; id: string }) {
  return (
    <>
      <h3 id={id}>{FIGURE_TITLES[figure]}</h3>
      <p className="insights-explanation">{FIGURE_EXPLANATIONS[figure]}</p>
    </>
  );
}

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
          <Heading figure="approvalsPerChange" id="gov-approvals" />
          <p className="insights-value">
            {approvalsPerChange.median === null ? '—' : trim(approvalsPerChange.median)}
          </p>
          <p className="muted small">{approvalsDetail(report)}</p>
        </article>
        <article
          className="card insights-card"
          aria-labelledby="gov-first-approval"
          data-testid="gov-first-approval"
        >
          <Heading figure="timeToFirstApproval" id="gov-first-approval" />
          <p className="insights-value">{hoursText(timeToFirstApproval.medianHours)}</p>
          <p className="muted small">{firstApprovalDetail(report)}</p>
        </article>
        <article className="card insights-card" aria-labelledby="gov-overrides" data-testid="gov-overrides">
          <Heading figure="overrides" id="gov-overrides" />
          <p className="insights-value">{overrides.count}</p>
          {overrides.items.length === 0 ? (
            <p className="muted small">No promotion overrode a gate in the period.</p>
          ) : (
            <details className="insights-evidence" open={overrides.items.length <= OPEN_LIST_LIMIT}>
              <summary>Overrides and their reasons ({overrides.items.length})</summary>
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
                    <span className="muted small insights-evidence-meta">
                      {item.environment} · {timeText(item.at)}
                      {item.by !== null && ` · ${item.by}`}
                    </span>
                    <q>{item.reason}</q>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </article>
        <article className="card insights-card" aria-labelledby="gov-refusals" data-testid="gov-refusals">
          <Heading figure="gateRefusals" id="gov-refusals" />
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
                      <span className="muted small insights-evidence-meta">
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
        <Heading figure="snapshotAge" id="gov-snapshots" />
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
