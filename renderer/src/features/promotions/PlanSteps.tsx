import { displayKey } from '../compare/flow-diff-model';
import { useId, useMemo, useState } from 'react';
import type { Plan, PlanStep } from '../../../../shared/model/plan';
import { stepValueLines, type StepValueLine } from '../../../../shared/parameters/step-values';
import { singularTypeLabel } from '../compare/diff-model';
import { ACTION_LABELS, ACTIONS, callText } from './promotion-format';
import { stepFieldChanges } from './step-field-changes';

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

/** Steps in execution order with the exact calls each makes, why the others make none, and each one's field changes. */
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
        {plan.steps.map((step) => (
          <PlanStepRows
            key={step.index}
            step={step}
            environment={plan.environment}
            values={stepValueLines(plan.values, step.operation)}
          />
        ))}
      </table>
    </div>
  );
}

/**
 * One step, below it where its environment-dependent values came from (always shown: a reviewer
 * must see every parameter and mapping a write relies on), and below that (on demand) what it does
 * to each field: a tbody each keeps the rows together.
 */
function PlanStepRows({
  step,
  environment,
  values,
}: {
  step: PlanStep;
  environment: string;
  values: readonly StepValueLine[];
}) {
  const [open, setOpen] = useState(false);
  const changesId = useId();
  const valuesId = useId();
  const changes = useMemo(() => (open ? stepFieldChanges(step) : []), [open, step]);
  const hasObject = step.current !== null || step.expected !== null;
  return (
    <tbody className="plan-step-group">
      <tr className={`plan-step action-${step.action}`} data-testid="plan-step" data-action={step.action}>
        <td>{step.index + 1}</td>
        <td>
          <span className={`action-badge action-${step.action}`}>{ACTION_LABELS[step.action]}</span>
        </td>
        <td title={step.type}>{singularTypeLabel(step.type)}</td>
        <td className="plan-step-key">
          {hasObject ? (
            <button
              type="button"
              className="link-button plan-step-toggle"
              aria-expanded={open}
              aria-controls={changesId}
              onClick={() => setOpen(!open)}
              data-testid="plan-step-toggle"
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span> {displayKey(step.type, step.key)}
              <span className="visually-hidden">: {open ? 'hide' : 'show'} field changes</span>
            </button>
          ) : (
            step.key
          )}
        </td>
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
      {values.length > 0 && (
        <tr className="plan-step-values" data-testid="plan-step-values">
          <td colSpan={5}>
            <span className="plan-step-values-title" id={valuesId}>
              Values for {environment}
            </span>
            <ul aria-labelledby={valuesId}>
              {values.map((line, at) => (
                <li key={at} data-testid="plan-step-value" data-secret={line.secret ? 'true' : undefined}>
                  <code>{line.field}</code>: {line.text}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
      {hasObject && (
        <tr className="plan-step-changes" id={changesId} hidden={!open}>
          <td colSpan={5}>
            {open &&
              (changes.length === 0 ? (
                <p className="muted small" data-testid="no-field-changes">
                  No field changes: {displayKey(step.type, step.key)} is already as the changeset wants it.
                </p>
              ) : (
                <table className="field-changes" data-testid="field-changes">
                  <caption className="visually-hidden">
                    Field changes of {displayKey(step.type, step.key)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Now in {environment}</th>
                      <th scope="col">After this step</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((change, at) => (
                      <tr key={at} data-testid="field-change">
                        <td>
                          <code>{change.path}</code>
                        </td>
                        <td className="field-before">{change.before}</td>
                        <td className="field-after">{change.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
          </td>
        </tr>
      )}
    </tbody>
  );
}
