import type { CheckResult } from '../../../../shared/promotion/checks/post-promotion-check';
import './run-checks.css';

/** How one post-promotion check ended, in the words the run's document uses. */
function outcome(check: CheckResult): { label: string; status: string } {
  if (check.passed) return { label: 'passed', status: 'done' };
  return check.error
    ? { label: 'could not be checked', status: 'rollback-failed' }
    : { label: 'failed', status: 'failed' };
}

/**
 * The policy's post-promotion checks as this run made them (issue 20), after a verify that passed:
 * each check in words, whether it passed, and what was found.
 */
export function RunChecks({ checks }: { checks: readonly CheckResult[] }) {
  const failed = checks.filter((check) => !check.passed).length;
  return (
    <section className="run-checks" data-testid="run-checks" aria-label="Post-promotion checks">
      <h4>
        Post-promotion checks{' '}
        <span className="muted small">
          {failed === 0 ? `all ${checks.length} passed` : `${failed} of ${checks.length} failed`}
        </span>
      </h4>
      <table className="promotion-table">
        <caption className="visually-hidden">Post-promotion checks</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Check</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => {
            const { label, status } = outcome(check);
            return (
              <tr
                key={check.index}
                data-testid="run-check"
                data-kind={check.kind}
                data-passed={check.passed ? 'true' : 'false'}
              >
                <td>{check.index + 1}</td>
                <td>{check.title}</td>
                <td>
                  <span className={`run-step-status step-${status}`}>{label}</span>
                  <span className="muted small"> {check.message}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
