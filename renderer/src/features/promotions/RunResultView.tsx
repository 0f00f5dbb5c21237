import { displayKey } from '../compare/flow-diff-model';
import type { RunResult, RunStepStatus } from '../../../../shared/promotion/engine/run-records';
import { singularTypeLabel } from '../compare/diff-model';
import { ACTION_LABELS, RUN_STATUS_LABELS, verifyText } from './promotion-format';
import { RunChecks } from './RunChecks';
import { checkFailureText } from './run-checks-text';

const STEP_STATUS_LABELS: Readonly<Record<RunStepStatus, string>> = {
  done: 'done',
  noop: 'nothing to do',
  failed: 'failed',
  'not-run': 'not run',
  'rolled-back': 'undone',
  'rollback-failed': 'undo failed',
};

/** What a finished run did: its status, each step as it ended, the read-back, and what it cost in requests. */
export function RunResultView({ result }: { result: RunResult }) {
  return (
    <div className="run-result">
      <p className="run-result-head">
        <span
          className={`run-status status-${result.status}`}
          data-testid="run-status"
          data-status={result.status}
        >
          {RUN_STATUS_LABELS[result.status]}
        </span>
        <span>{result.message}</span>
      </p>
      <dl className="run-facts">
        <div>
          <dt>Verify</dt>
          <dd data-testid="verify-result">{result.verify ? verifyText(result.verify) : 'not read back'}</dd>
        </div>
        <div>
          <dt>Requests</dt>
          <dd data-testid="run-requests">
            {result.requests}
            {result.rateLimitWaits > 0 ? ` (${result.rateLimitWaits} rate-limit waits)` : ''}
          </dd>
        </div>
        <div>
          <dt>Snapshot after</dt>
          <dd>
            {result.snapshot === null
              ? 'none'
              : result.snapshot.error
                ? `failed: ${result.snapshot.error}`
                : (result.snapshot.commit?.slice(0, 7) ?? 'unchanged')}
          </dd>
        </div>
        {result.override && (
          <div>
            <dt>Override</dt>
            <dd>
              {result.override.reason}
              {result.override.by ? ` (${result.override.by})` : ''}
            </dd>
          </div>
        )}
      </dl>
      {result.steps.length > 0 && (
        <table className="promotion-table run-steps" data-testid="run-steps">
          <caption className="visually-hidden">Steps of run {result.runId}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Action</th>
              <th scope="col">Type</th>
              <th scope="col">Key</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((step) => (
              <tr key={step.index} data-testid="run-step" data-status={step.status} data-action={step.action}>
                <td>{step.index + 1}</td>
                <td>
                  <span className={`action-badge action-${step.action}`}>{ACTION_LABELS[step.action]}</span>
                </td>
                <td title={step.type}>{singularTypeLabel(step.type)}</td>
                <td className="plan-step-key">{displayKey(step.type, step.key)}</td>
                <td>
                  <span className={`run-step-status step-${step.status}`}>
                    {STEP_STATUS_LABELS[step.status]}
                  </span>
                  {step.message && <span className="muted small"> {step.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.checks !== undefined && result.checks.length > 0 && <RunChecks checks={result.checks} />}
      {result.failure && (
        <p className="warning-text" data-testid="run-failure">
          {result.failure.message}
        </p>
      )}
      {checkFailureText(result) !== null && (
        <p className="muted" data-testid="run-check-next">
          {checkFailureText(result)}
        </p>
      )}
      {result.verify && result.verify.mismatches.length > 0 && (
        <ul className="verify-mismatches">
          {result.verify.mismatches.map((mismatch) => (
            <li key={`${mismatch.type}/${mismatch.key}`}>
              {singularTypeLabel(mismatch.type)} <strong>{displayKey(mismatch.type, mismatch.key)}</strong>:{' '}
              {mismatch.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
