import type { RunResult } from '../../../../shared/promotion/engine/run-records';
import { RUN_STATUS_LABELS, verifyText } from './promotion-format';

/** What a finished run did: its status, the read-back, and what it cost in requests. */
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
      {result.failure && (
        <p className="warning-text" data-testid="run-failure">
          {result.failure.message}
        </p>
      )}
      {result.verify && result.verify.mismatches.length > 0 && (
        <ul className="verify-mismatches">
          {result.verify.mismatches.map((mismatch) => (
            <li key={`${mismatch.type}/${mismatch.key}`}>
              {mismatch.type} <strong>{mismatch.key}</strong>: {mismatch.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
