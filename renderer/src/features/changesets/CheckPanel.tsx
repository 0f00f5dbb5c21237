import { singularTypeLabel } from '../compare/diff-model';
import { displayKey } from '../compare/flow-diff-model';
import { useChangesetEditor } from './changeset-editor-store';
import { objectId } from './draft-model';
import { checkRiskView } from './check-risk-model';
import { findingFieldLabel } from './finding-label';
import { snapshotLabel } from './snapshot-label';
import { JSON_FIELD, type FieldProblem } from './field-problems';

/** Validation findings (each with where and what to do) and the blast radius in the target. */
export function CheckPanel() {
  const check = useChangesetEditor((state) => state.check);
  const checking = useChangesetEditor((state) => state.checking);
  const select = useChangesetEditor((state) => state.select);
  const runCheck = useChangesetEditor((state) => state.runCheck);
  const fieldProblems = useChangesetEditor((state) => state.fieldProblems);
  const operations = useChangesetEditor((state) => state.draft?.operations);
  const setView = useChangesetEditor((state) => state.setView);
  const environments = useChangesetEditor((state) => state.environments);
  if (!check) return <p className="muted">{checking ? 'Checking…' : ''}</p>;
  // Text the draft could not take is an error too: the check below only sees the draft.
  const errors =
    check.findings.filter((finding) => finding.severity === 'error').length + fieldProblems.length;
  const warnings = check.findings.length - (errors - fieldProblems.length);
  const valid = check.valid && fieldProblems.length === 0;
  const radius = check.blastRadius;
  const riskView = checkRiskView(check);
  const showProblem = (problem: FieldProblem) => {
    const index = operations?.findIndex(
      (operation) => objectId(operation.type, operation.key) === problem.object,
    );
    if (index === undefined || index < 0) return;
    setView(problem.field === JSON_FIELD ? 'json' : 'form');
    void select(index).then(() => {
      // The field is back on screen once the form renders; put the cursor where the fix goes.
      requestAnimationFrame(() => {
        const field = document.querySelector<HTMLElement>(
          `[data-testid="operation-editor"] [data-testid="${CSS.escape(problem.field)}"]`,
        );
        field?.focus();
      });
    });
  };

  return (
    <div className="check-panels">
      <section className="card check-panel" data-testid="validation-panel" aria-live="polite">
        <header className="check-header">
          <h2>Validation</h2>
          <span
            className={valid ? 'badge check-valid' : 'badge check-invalid'}
            data-testid="validation-status"
          >
            {valid
              ? warnings > 0
                ? `Valid, ${warnings} warning${warnings === 1 ? '' : 's'}`
                : 'Valid'
              : `${errors} error${errors === 1 ? '' : 's'}`}
          </span>
          <button
            type="button"
            onClick={() => void runCheck()}
            disabled={checking}
            data-testid="validate-changeset"
          >
            {checking ? 'Checking…' : 'Check again'}
          </button>
        </header>
        <p className="muted small">
          {check.target
            ? `Against ${snapshotLabel(check.target.environment, environments)}, plus the changeset itself.`
            : 'No target: references are checked against the changeset alone.'}
        </p>
        {check.findings.length === 0 && fieldProblems.length === 0 ? (
          <p data-testid="no-findings">No problems found.</p>
        ) : (
          <ul className="finding-list" data-testid="finding-list">
            {fieldProblems.map((problem) => (
              <li
                key={`${problem.object}/${problem.field}`}
                className="finding error"
                data-testid="finding"
                data-code="field-input"
              >
                <span className="finding-severity error">error</span>{' '}
                <button
                  type="button"
                  className="link-button finding-path"
                  onClick={() => showProblem(problem)}
                >
                  {problem.name}
                </button>
                <div>{problem.message}</div>
                <div className="muted small">
                  Hint: what was typed is kept but not in the changeset yet; fix it, or Revert to drop it.
                </div>
              </li>
            ))}
            {check.findings.map((finding, index) => (
              <li
                key={index}
                className={`finding ${finding.severity}`}
                data-testid="finding"
                data-code={finding.code}
              >
                <span className={`finding-severity ${finding.severity}`}>{finding.severity}</span>{' '}
                {finding.operation !== null ? (
                  <button
                    type="button"
                    className="link-button finding-path"
                    title={finding.path}
                    onClick={() => void select(finding.operation)}
                  >
                    {findingFieldLabel(finding.path, operations ?? [])}
                  </button>
                ) : (
                  <code className="finding-path">{finding.path}</code>
                )}
                <div>{finding.message}</div>
                <div className="muted small">Hint: {finding.hint}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {radius && (
        <section className="card check-panel" data-testid="risk-panel">
          <header className="check-header">
            <h2>{riskView.heading}</h2>
            {riskView.badge && (
              <span className={`badge risk-${riskView.badge.level}`} data-testid="risk-level">
                {riskView.badge.text}
              </span>
            )}
          </header>
          <ul className="risk-reasons">
            {riskView.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
          <p className="muted small" data-testid="risk-basis">
            {riskView.basis}
          </p>
          <ul className="blast-list" data-testid="blast-list">
            {radius.touched.map((touched) => (
              <li
                key={`${touched.type}/${touched.key}`}
                title={touched.dependents
                  .map(
                    (item) =>
                      `${singularTypeLabel(item.type)} ${displayKey(item.type, item.key)} (${item.path})`,
                  )
                  .join('\n')}
              >
                {touched.sentence}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
