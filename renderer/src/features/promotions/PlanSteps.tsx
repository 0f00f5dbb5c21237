import type { Plan } from '../../../../shared/model/plan';
import { singularTypeLabel } from '../compare/diff-model';
import { ACTION_LABELS, ACTIONS, callText } from './promotion-format';

/** How many steps of each action, in the order a reviewer worries about them least to most. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const present = ACTIONS.filter((action) => (plan.summary[action] ?? 0) > 0);
  return (
    <p className="plan-summary" data-testid="plan-summary">
      {plan.steps.length} step{plan.steps.length === 1 ? '' : 's'}
      {present.map((action) => (
        <span key={action} className={`action-count action-${action}`} data-action={action}>
          {plan.summary[action]} {ACTION_LABELS[action]}
        </span>
      ))}
    </p>
  );
}

/** Steps in execution order with the exact calls each makes, and why the others make none. */
export function PlanSteps({ plan }: { plan: Plan }) {
  if (plan.steps.length === 0) return <p className="muted">The changeset has no operations.</p>;
  return (
    <div className="plan-steps-scroll">
      <table className="promotion-table plan-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Action</th>
            <th>Type</th>
            <th>Key</th>
            <th>API calls / reason</th>
          </tr>
        </thead>
        <tbody>
          {plan.steps.map((step) => (
            <tr
              key={step.index}
              className={`plan-step action-${step.action}`}
              data-testid="plan-step"
              data-action={step.action}
            >
              <td>{step.index + 1}</td>
              <td>
                <span className={`action-badge action-${step.action}`}>{ACTION_LABELS[step.action]}</span>
              </td>
              <td title={step.type}>{singularTypeLabel(step.type)}</td>
              <td className="plan-step-key">{step.key}</td>
              <td>
                {step.calls.length > 0 && (
                  <ul className="api-calls">
                    {step.calls.map((call, at) => (
                      <li key={at}>
                        <code>{callText(call)}</code>
                      </li>
                    ))}
                  </ul>
                )}
                {step.reason && <div className="plan-step-reason">{step.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
