import { sentencesWithoutFlags } from '../../../../shared/sync/flag-sentences';
import { resolvedSentence, snapshotMergeSentence } from './sync-model';
import { useSyncStore } from './sync-store';

/** What the last pull brought in, in words; signed files that did not verify stand out as warnings. */
export function LastPull() {
  const lastPull = useSyncStore((state) => state.lastPull);
  if (lastPull === null) return null;
  const { flagged } = lastPull.summary;
  // The flagged files are listed apart below, so their summary sentences would say it twice.
  const sentences = sentencesWithoutFlags(lastPull.summary);
  const resolved = lastPull.resolved ?? [];
  const snapshotMerges = lastPull.snapshotMerges ?? [];
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
      {resolved.length > 0 && (
        <>
          <h3>Conflicts resolved</h3>
          <ul data-testid="sync-resolved">
            {resolved.map((item) => (
              <li key={item.path} data-testid="sync-resolved-item" data-choice={item.choice}>
                {resolvedSentence(item)}
              </li>
            ))}
          </ul>
        </>
      )}
      {snapshotMerges.length > 0 && (
        <>
          <h3>Snapshots taken on both sides</h3>
          <ul data-testid="sync-snapshot-merges">
            {snapshotMerges.map((merge) => (
              <li key={merge.environment}>{snapshotMergeSentence(merge)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
