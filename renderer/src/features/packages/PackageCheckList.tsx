import type { PackageCheck, PackageReport } from '../../../../shared/model/package-wire';
import { useNavigationStore } from '../../stores/navigation-store';
import { checkRemedy, orderChecks, type ReportContext } from './check-remedy';

function CheckRow({ check, children }: { check: PackageCheck; children?: React.ReactNode }) {
  return (
    <li
      className={check.passed ? 'package-check passed' : 'package-check failed'}
      data-testid="package-check"
      data-check={check.check}
      data-passed={String(check.passed)}
    >
      <span className="package-check-mark" aria-label={check.passed ? 'passed' : 'failed'}>
        {check.passed ? '✓' : '✗'}
      </span>
      <code className="package-check-name">{check.check}</code>
      <span className="package-check-detail">{check.detail}</span>
      {children}
    </li>
  );
}

function Remedy({
  check,
  report,
  context,
}: {
  check: PackageCheck;
  report: PackageReport;
  context: ReportContext;
}) {
  const go = useNavigationStore((state) => state.go);
  const remedy = checkRemedy(check, report, context);
  if (remedy.kind === 'text') {
    return (
      <div className="package-check-remedy" data-testid="check-remedy">
        <p>{remedy.text}</p>
      </div>
    );
  }
  return (
    <div className="package-check-remedy" data-testid="check-remedy" data-remedy="trust-key">
      <p>
        <strong>Trust this key</strong>
        {remedy.owner ? ` (${remedy.owner}, ${remedy.role})` : ` (${remedy.role})`} · fingerprint{' '}
        <code className="package-fingerprint" data-testid="key-fingerprint">
          {remedy.fingerprint}
        </code>
      </p>
      <p>{remedy.text}</p>
      <button type="button" onClick={() => go('trust')} data-testid="open-trust-page">
        Open the Trust page
      </button>
    </div>
  );
}

/**
 * Failed checks first, each with what to do about it; passed ones folded away under their count
 * (still the evidence, one click away).
 */
export function PackageCheckList({ report, context }: { report: PackageReport; context: ReportContext }) {
  const { failed, passed } = orderChecks(report.checks);
  return (
    <>
      {failed.length > 0 && (
        <ul className="package-checks" data-testid="failed-checks" aria-label="Failed checks">
          {failed.map((check, index) => (
            <CheckRow key={`${check.check}:${index}`} check={check}>
              <Remedy check={check} report={report} context={context} />
            </CheckRow>
          ))}
        </ul>
      )}
      {passed.length > 0 && (
        <details className="package-passed" data-testid="passed-checks">
          <summary>
            {passed.length} passed check{passed.length === 1 ? '' : 's'}
          </summary>
          <ul className="package-checks">
            {passed.map((check, index) => (
              <CheckRow key={`${check.check}:${index}`} check={check} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
