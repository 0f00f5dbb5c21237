import './plan-risk.css';
import { useId } from 'react';
import type { Plan } from '../../../../shared/model/plan';
import {
  requirementText,
  riskBasisText,
  riskHeadline,
  riskPointLines,
  standardChangeLines,
} from './risk-text';

/**
 * The plan's risk (issue 20): its level and score, each point with the rule and the reason, what
 * that requires of approvers and the standard change that applied. A plan made before issue 20
 * has none of it and shows nothing.
 */
export function PlanRisk({ plan }: { plan: Plan }) {
  const headingId = useId();
  const { risk } = plan;
  if (risk === undefined && plan.requirement === undefined && plan.standardChange === undefined) return null;
  const standard = standardChangeLines(plan.standardChange);
  const requirement = requirementText(plan);
  return (
    <section className="card plan-risk" aria-labelledby={headingId} data-testid="plan-risk">
      <header className="plan-header">
        <h2 id={headingId}>Risk</h2>
        {risk && (
          <span
            className={`badge plan-risk-level plan-risk-${risk.level}`}
            data-testid="plan-risk-level"
            data-level={risk.level}
            data-score={risk.score}
          >
            {riskHeadline(risk)}
          </span>
        )}
      </header>
      {requirement !== '' && (
        <p className="plan-risk-requirement" data-testid="plan-risk-requirement">
          {requirement}
        </p>
      )}
      {standard.applied !== null && (
        <p className="plan-risk-standard" data-testid="plan-standard-change">
          {standard.applied}
        </p>
      )}
      {risk && (
        <>
          <p className="muted small">{riskBasisText(risk, plan.environment)}</p>
          {risk.points.length === 0 ? (
            <p className="muted">No rule found anything that adds risk.</p>
          ) : (
            <table className="promotion-table plan-risk-points">
              <caption className="visually-hidden">Points that make the risk score</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Points</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {riskPointLines(risk).map((line, index) => (
                  <tr key={`${line.rule}-${index}`} data-testid="plan-risk-point" data-rule={line.rule}>
                    <th scope="row">{line.label}</th>
                    <td className="plan-risk-points-value">{line.points}</td>
                    <td>{line.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {standard.notApplied.length > 0 && (
        <details className="plan-risk-not-applied">
          <summary>Standard changes that do not apply ({standard.notApplied.length})</summary>
          <ul>
            {standard.notApplied.map((template) => (
              <li key={template.id} data-testid="plan-standard-not-applied">
                {template.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
