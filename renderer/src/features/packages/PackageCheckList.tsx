import type { PackageCheck } from '../../../../shared/model/package-wire';

/** Each check in the order the service ran it, passed ones included: the list is the evidence. */
export function PackageCheckList({ checks }: { checks: readonly PackageCheck[] }) {
  return (
    <ul className="package-checks">
      {checks.map((check, index) => (
        <li
          key={`${check.check}:${index}`}
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
        </li>
      ))}
    </ul>
  );
}
