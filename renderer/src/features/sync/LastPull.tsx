import { useSyncStore } from './sync-store';

/** What the last pull brought in, in words; signed files that did not verify stand out as warnings. */
export function LastPull() {
  const lastPull = useSyncStore((state) => state.lastPull);
  if (lastPull === null) return null;
  const { sentences, flagged } = lastPull.summary;
  return (
    <section className="card" aria-labelledby="sync-last-pull-heading" data-testid="sync-last-pull">
      <h2 id="sync-last-pull-heading">What the last pull brought in</h2>
      {flagged.length > 0 && (
        <div className="sync-flagged" role="alert" data-testid="sync-flagged">
          <strong>
            {flagged.length === 1 ? 'One file' : `${flagged.length} files`} did not verify and will not be
            acted on:
          </strong>
          <ul>
            {flagged.map((flag) => (
              <li key={flag.path} data-testid="sync-flag" data-kind={flag.kind}>
                <code>{flag.path}</code> — {flag.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {sentences.length === 0 ? (
        <p className="muted">Nothing new.</p>
      ) : (
        <ul className="sync-sentences">
          {sentences.map((sentence) => (
            <li key={sentence} data-testid="sync-sentence">
              {sentence}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
