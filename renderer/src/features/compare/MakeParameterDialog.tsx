import { displayKey } from './flow-diff-model';
import { useId } from 'react';
import {
  parameterTypeLabels,
  parameterTypes,
  type ParameterType,
} from '../../../../shared/parameters/parameter-types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { singularTypeLabel } from './diff-model';
import { draftProblems, useMakeParameterStore } from './make-parameter-store';

// A secret's value belongs in the vault, typed on the Parameters tab, never prefilled from a compare.
const offeredTypes = parameterTypes.filter((type) => type !== 'secret');

/** Name, type and each environment's value of the parameter a compared field becomes. */
export function MakeParameterDialog() {
  const { draft, busy, error, close, edit, editValue, confirm } = useMakeParameterStore();
  const ids = useId();
  if (!draft) return null;
  const problems = draftProblems(draft);
  const nameProblemId = `${ids}-name-problem`;

  return (
    <Modal
      title="Make this a parameter"
      onClose={close}
      testId="make-parameter-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void confirm()}
            data-testid="confirm-make-parameter"
          >
            {busy ? 'Saving…' : 'Make parameter'}
          </button>
        </>
      }
    >
      <p className="muted small">
        {singularTypeLabel(draft.type)} <strong>{displayKey(draft.type, draft.key)}</strong>, field{' '}
        <code>{draft.path}</code>: each environment keeps its own value, and a changeset built from this
        compare writes the parameter instead of copying one environment's value into another.
      </p>
      {error && <ErrorBanner message={error} />}
      <label>
        Parameter name
        <input
          name="parameter-name"
          value={draft.name}
          maxLength={64}
          onChange={(event) => edit({ name: event.target.value })}
          aria-invalid={problems.name !== undefined}
          aria-describedby={problems.name !== undefined ? nameProblemId : undefined}
          data-testid="parameter-name"
        />
        {problems.name !== undefined && (
          <span className="field-error" id={nameProblemId}>
            {problems.name}
          </span>
        )}
      </label>
      <label>
        Type
        <select
          name="parameter-type"
          value={draft.parameterType}
          onChange={(event) => edit({ parameterType: event.target.value as ParameterType })}
          data-testid="parameter-type"
        >
          {offeredTypes.map((type) => (
            <option key={type} value={type}>
              {parameterTypeLabels[type]}
            </option>
          ))}
        </select>
      </label>
      {draft.sides.map((side, index) => {
        const problem = problems.values[index] ?? null;
        const problemId = `${ids}-value-${index}`;
        return (
          <label key={side.environment}>
            Value for {side.environment}
            <input
              name={`value-${side.environment}`}
              value={side.value}
              onChange={(event) => editValue(index as 0 | 1, event.target.value)}
              aria-invalid={problem !== null}
              aria-describedby={problem !== null ? problemId : undefined}
              data-testid={`parameter-value-${side.environment}`}
            />
            {problem !== null && (
              <span className="field-error" id={problemId}>
                {problem}
              </span>
            )}
          </label>
        );
      })}
    </Modal>
  );
}
