import type { InsightsReport } from '../../../../shared/insights/insights-report';
import type { RecordKind } from '../../../../shared/insights/insights-facts';
import { FIGURE_EXPLANATIONS } from '../../../../shared/insights/figure-explanations';
import { plural } from '../../../../shared/insights/insights-format';
import { useNavigationStore } from '../../stores/navigation-store';
import { OPEN_LIST_LIMIT } from './insights-model';

const KIND_WORDS: Readonly<Record<RecordKind, { many: string; one: string }>> = {
  run: { many: 'Runs', one: 'Run' },
  changeset: { many: 'Changesets', one: 'Changeset' },
  approval: { many: 'Approvals', one: 'Approval' },
  audit: { many: 'Audit entries', one: 'Audit entry' },
};

/**
 * What the figures rest on: how many records were read and verified, and the ones left out
 * because their signature did not verify, with what a person can do about it.
 */
export function RecordsLeftOut({ report }: { report: InsightsReport }) {
  const { counts, unverified } = report.records;
  const go = useNavigationStore((state) => state.go);
  const kinds = Object.keys(KIND_WORDS) as RecordKind[];
  return (
    <section
      className="card insights-records"
      aria-labelledby="insights-records-heading"
      data-testid="insights-records"
    >
      <h2 id="insights-records-heading">Records left out</h2>
      <p className="insights-explanation">{FIGURE_EXPLANATIONS.unverifiedRecords}</p>
      {unverified.total === 0 ? (
        <p data-testid="records-all-verified">
          None: every signed record in the workspace verified, so the figures above rest on all of them.
        </p>
      ) : (
        <div className="insights-warning" data-testid="records-unverified">
          <p>
            <strong>{plural(unverified.total, 'record')} did not verify</strong> and{' '}
            {unverified.total === 1 ? 'is' : 'are'} left out of every figure above. A record does not verify
            when it was changed after it was signed, or its signer&rsquo;s key was not trusted when it was
            signed.
          </p>
          <p>
            What to do: run <code>ferry audit verify</code> to see what is wrong with the history, and check
            the signers on the{' '}
            <button type="button" className="link-button" onClick={() => go('trust')}>
              Trust page
            </button>{' '}
            (a teammate&rsquo;s key may not be in this workspace&rsquo;s trust root yet). Restore a changed
            file from git history rather than signing it again.
          </p>
          <details className="insights-evidence" open={unverified.items.length <= OPEN_LIST_LIMIT}>
            <summary>Records that did not verify ({unverified.total})</summary>
            <ul className="insights-list" aria-label="Records that did not verify">
              {unverified.items.map((item) => (
                <li key={`${item.kind}-${item.file}`} data-testid="unverified-record">
                  {KIND_WORDS[item.kind].one} <code>{item.file}</code>: {item.reason}
                </li>
              ))}
            </ul>
            {unverified.total > unverified.items.length && (
              <p className="muted small">
                The first {unverified.items.length} of {unverified.total} are listed; put these right and the
                page lists the others.
              </p>
            )}
          </details>
        </div>
      )}
      <table className="insights-table">
        <caption className="muted small">What the figures were computed from</caption>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Read</th>
            <th scope="col">Verified</th>
            <th scope="col">Unsigned</th>
            <th scope="col">Left out</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => {
            const count = counts[kind];
            return (
              <tr key={kind}>
                <th scope="row">{KIND_WORDS[kind].many}</th>
                <td>{count?.read ?? 0}</td>
                <td>{count?.verified ?? 0}</td>
                <td>{count?.unsigned ?? 0}</td>
                <td>{count?.unverified ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        Unsigned records (a changeset its author never signed) are not suspect; they only leave the figures
        that need a signed time, such as lead time, unmeasured.
      </p>
    </section>
  );
}
