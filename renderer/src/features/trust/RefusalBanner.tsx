import { BLOCKING_CODES, refusalOrigin, refusalTitle, type Refusal } from './trust-model';

/**
 * A refusal from the services, its message in full (it says what to do next). Refusals that mean
 * nothing can be trusted (`trust.unverified`, `run.unverified`) get a prominent banner that also
 * names the file and the commit the message is about.
 */
export function RefusalBanner({ refusal, onDismiss }: { refusal: Refusal; onDismiss?: () => void }) {
  const blocking = BLOCKING_CODES.has(refusal.code);
  const { file, commit } = refusalOrigin(refusal);
  return (
    <div
      className={blocking ? 'refusal-banner blocking' : 'refusal-banner'}
      role="alert"
      data-testid="refusal"
      data-code={refusal.code}
    >
      <div className="refusal-text">
        <strong className="refusal-title">{refusalTitle(refusal.code)}</strong>
        <p className="refusal-message" data-testid="refusal-message">
          {refusal.message}
        </p>
        {(file !== null || commit !== null) && (
          <p className="refusal-origin small">
            {file !== null && (
              <>
                File <code data-testid="refusal-file">{file}</code>
              </>
            )}
            {commit !== null && (
              <>
                {file !== null ? ' · ' : ''}commit <code data-testid="refusal-commit">{commit}</code>
              </>
            )}
          </p>
        )}
        <p className="muted small">Code: {refusal.code}</p>
      </div>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
