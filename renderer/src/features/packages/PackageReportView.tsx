import type { PackageReport } from '../../../../shared/model/package-wire';
import { formatWhen } from '../promotions/promotion-format';
import type { ReportContext } from './check-remedy';
import { PackageCheckList } from './PackageCheckList';
import { PackageSignerTable } from './PackageSignerTable';
import { PackageSummary } from './PackageSummary';
import { verdictText } from './package-format';

interface PackageReportViewProps {
  report: PackageReport;
  title: string;
  testId: string;
  /** The environment the approvals were counted against, when one was chosen. */
  target?: string | null;
  /** Our own export, or a package someone sent: the advice on a failed check differs. */
  context: ReportContext;
}

/** Everything a package was checked for, passed or not: a reviewer should never have to guess why. */
export function PackageReportView({ report, title, testId, target = null, context }: PackageReportViewProps) {
  const failed = report.checks.filter((check) => !check.passed).map((check) => check.check);
  // What failed comes first, with what to do; a clean report leads with what the package carries.
  const checks = (
    <>
      <h3>
        Checks{' '}
        <span className="muted small">
          {report.checks.length - failed.length} of {report.checks.length} passed
        </span>
      </h3>
      <PackageCheckList report={report} context={context} />
    </>
  );
  return (
    <section
      className={`package-report ${report.ok ? 'ok' : 'rejected'}`}
      data-testid={testId}
      data-ok={String(report.ok)}
      data-target={target ?? ''}
    >
      <header className="package-verdict" data-testid="package-verdict">
        <span className="package-verdict-mark" aria-hidden="true">
          {report.ok ? '✓' : '✗'}
        </span>
        <div>
          <div className="package-verdict-title">{verdictText(report)}</div>
          {failed.length > 0 && (
            <div className="package-verdict-failed" data-testid="package-failed-checks">
              Failed: {failed.join(', ')}
            </div>
          )}
          <div className="small">
            {title}
            {target !== null && ` · approvals counted against ${target}`}
          </div>
        </div>
      </header>
      <div className="package-report-body">
        {(report.alreadyImported || report.alreadyApplied.length > 0) && (
          <div className="package-flags">
            {report.alreadyImported && (
              <span className="badge package-flag" data-testid="already-imported">
                Already in this workspace: importing changes nothing
              </span>
            )}
            {report.alreadyApplied.length > 0 && (
              <span className="badge warn" data-testid="already-applied">
                Already applied to {report.alreadyApplied.join(', ')}
              </span>
            )}
          </div>
        )}
        {failed.length > 0 && checks}
        <PackageSummary summary={report.summary} />
        <h3>Signatures</h3>
        <PackageSignerTable signers={report.signers} />
        {failed.length === 0 && checks}
        {report.summary.expiresAt !== null && (
          <p className="muted small">
            The package stops verifying after {formatWhen(report.summary.expiresAt)}: export a new one then.
          </p>
        )}
      </div>
    </section>
  );
}
