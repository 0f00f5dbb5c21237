import type { PackageReport } from '../../../../shared/model/package-wire';
import { formatWhen } from '../promotions/promotion-format';
import { shortDigest } from './package-format';
import { declaredParametersText } from './package-values';
import { referenceTypeLabel } from '../../../../shared/model/object-types/unmanaged-reference-types';

/** What the package says it carries; a dash where it could not be read that far. */
export function PackageSummary({ summary }: { summary: PackageReport['summary'] }) {
  const dash = '—';
  const parameters = declaredParametersText(summary.parameters);
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
      {parameters !== null && (
        <div>
          <dt>Parameters</dt>
          <dd
            data-testid="package-parameters"
            title="Each target supplies its own values; the package holds none"
          >
            {parameters}
          </dd>
        </div>
      )}
      {summary.mappings !== undefined && summary.mappings.length > 0 && (
        <div>
          <dt>Mapped names</dt>
          <dd data-testid="package-mappings">
            {summary.mappings
              .map(
                (mapping) =>
                  `${referenceTypeLabel(mapping.type)} ${mapping.names.map((name) => `"${name}"`).join(', ')}`,
              )
              .join('; ')}
          </dd>
        </div>
      )}
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
