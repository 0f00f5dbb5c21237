import { displayKey } from './flow-diff-model';
import { describeFieldChange } from '../../../../shared/diff/describe-change';
import { parameterNameProblem } from '../../../../shared/parameters/parameter-name';
import { useComparePicksStore } from './compare-picks-store';
import { useCompareStore } from './compare-store';
import { asFieldChange, singularTypeLabel } from './diff-model';
import {
  defaultChoice,
  parameterCandidates,
  parametersMissingIn,
  parametersToBuild,
} from './parameter-fields-model';

/**
 * The picked fields whose value belongs to each environment (issue 15): those made parameters, and
 * environment-specific ones, which become parameters unless unticked, so the source's own number or
 * address is not copied into the target. Says which parameters the target still needs a value for.
 */
export function PerEnvironmentValues({ target }: { target: string }) {
  const picks = useComparePicksStore();
  const listed = useCompareStore((state) => state.outcome?.result.objects ?? []);
  const candidates = parameterCandidates(picks, listed, picks.madeParameters);
  if (candidates.length === 0) return null;
  const fields = parametersToBuild(candidates, picks.parameterChoices);
  const missing =
    picks.targetParameters === null ? null : parametersMissingIn(fields, picks.targetParameters);

  return (
    <section className="picks-parameters" aria-label="Values per environment" data-testid="picks-parameters">
      <h3>Values per environment</h3>
      <ul className="picks-parameter-list">
        {candidates.map((candidate) => {
          const where = `${singularTypeLabel(candidate.type)} “${displayKey(candidate.type, candidate.key)}”, ${candidate.path}`;
          const sentence = describeFieldChange(asFieldChange(candidate.change));
          if (candidate.made !== null) {
            return (
              <li key={candidate.id} data-testid="picks-parameter">
                <span className="muted small">{where}</span> written as parameter{' '}
                <code>{candidate.made}</code>, set for both compared environments
              </li>
            );
          }
          const choice = picks.parameterChoices[candidate.id] ?? defaultChoice(candidate);
          const problem = choice.on ? parameterNameProblem(choice.name.trim()) : null;
          return (
            <li key={candidate.id} data-testid="picks-parameter">
              <span className="muted small" title={sentence}>
                {where} differs per environment
              </span>
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={choice.on}
                  onChange={(event) =>
                    picks.chooseParameter(candidate.id, { ...choice, on: event.target.checked })
                  }
                  data-testid="picks-parameter-on"
                />
                Make it a parameter instead of copying the source's value
              </label>
              {choice.on && (
                <input
                  type="text"
                  value={choice.name}
                  maxLength={64}
                  aria-label={`Parameter for ${candidate.path} of ${displayKey(candidate.type, candidate.key)}`}
                  aria-invalid={problem !== null}
                  onChange={(event) =>
                    picks.chooseParameter(candidate.id, { ...choice, name: event.target.value })
                  }
                  data-testid="picks-parameter-name"
                />
              )}
              {problem !== null && <span className="field-error">{problem}</span>}
            </li>
          );
        })}
      </ul>
      <p className="small" data-testid="picks-parameters-missing" role="status">
        {missing === null
          ? `Reading ${target}'s parameters…`
          : missing.length === 0
            ? `${target} has a value for every parameter these picks use.`
            : `${target} still needs a value for ${missing.join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} on the Parameters tab or with \`ferry param set ${target} <name> <value>\` before planning there.`}
      </p>
    </section>
  );
}
