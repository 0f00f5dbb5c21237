import type { PackageReport } from '../../../../shared/model/package-wire';
import { formatWhen } from '../promotions/promotion-format';
import { shortDigest } from './package-format';

/** What the package says it carries; a dash where it could not be read that far. */
export function PackageSummary({ summary }: { summary: PackageReport['summary'] }) {
  const dash = '—';
  return (
    <dl className="package-summary" data-testid="package-summary">
      <div>
        <dt>Changeset</dt>
        <dd data-testid="package-changeset-id">{summary.changesetId ?? dash}</dd>
      </div>
      <div>
        <dt>Title</dt>
        <dd data-testid="package-title">{summary.title ?? dash}</dd>
      </div>
      <div>
        <dt>Digest</dt>
        <dd>
          {summary.changesetDigest === null ? (
            dash
          ) : (
            <code title={summary.changesetDigest}>{shortDigest(summary.changesetDigest)}</code>
          )}
        </dd>
      </div>
      <div>
        <dt>Operations</dt>
        <dd>{summary.operations ?? dash}</dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>
          {summary.sourceEnvironment ?? dash}
          {summary.sourceCommit !== null && (
            <>
              {' '}
              <code title={summary.sourceCommit}>{summary.sourceCommit.slice(0, 7)}</code>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Targets</dt>
        <dd data-testid="package-targets">
          {summary.targetEnvironments.length > 0 ? summary.targetEnvironments.join(', ') : dash}
        </dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>{formatWhen(summary.createdAt)}</dd>
      </div>
      <div>
        <dt>Expires</dt>
        <dd>{formatWhen(summary.expiresAt)}</dd>
      </div>
    </dl>
  );
}
