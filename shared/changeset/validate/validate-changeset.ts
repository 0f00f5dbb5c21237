/**
 * The validation run: the phases in order over one shared state, then the findings sorted by
 * operation. Apart from the phases so the sequence, and what each phase hands the next, reads in
 * a dozen lines.
 */
import type { Changeset } from '../../model/changeset';
import { findObjectType } from '../../model/object-types/registry';
import type { ObjectState } from '../object-state';
import { applyToTarget } from './against-target';
import { dependencyOrder } from './dependency-order';
import { checkOperations } from './operation-shape';
import { checkReferences, checkStillReferenced } from './references';
import { checkRequires } from './required-objects';
import { checkUniqueValues } from './unique-values';
import { ValidationState, type ValidateOptions, type ValidationResult } from './validation-state';

/**
 * Everything wrong with a changeset, alone (`target` null) or against a target's state. Never
 * throws: malformed input becomes findings.
 *
 * References to managed types in create bodies and update `after` values must resolve:
 * - with a target, to an object in the target after the changeset is applied; a reference to an
 *   object the changeset deletes is reported once, as `still-referenced` on the delete, and one to
 *   an object listed in `requires` once, as `required-missing`;
 * - without one, only what the changeset creates or `requires` lists is known, so anything else is
 *   a warning (it may well exist in the target), except a reference to an object the changeset
 *   deletes, which cannot resolve anywhere.
 * References to unmanaged types (flows, prompts) are not checked: Ferry cannot know them.
 * A reference that kept only another org's id is an error wherever it points.
 *
 * Values a type declares unique (an IVR's DNIS numbers) must not be given to two objects by the
 * changeset, nor, with a target, to an object while another in the target keeps it.
 */
export function validateChangeset(
  changeset: Pick<Changeset, 'operations' | 'requires'>,
  target: ObjectState | null,
  options: ValidateOptions = {},
): ValidationResult {
  const state = new ValidationState(changeset, target, options.types ?? findObjectType);
  checkOperations(state);
  checkRequires(state);
  const result = applyToTarget(state);
  checkReferences(state, result);
  if (result !== undefined) checkStillReferenced(state, result);
  checkUniqueValues(state, result);
  const order = dependencyOrder(state);
  const findings = state.findings
    .map((finding, position) => ({ finding, position }))
    .sort(
      (left, right) =>
        (left.finding.operation ?? Infinity) - (right.finding.operation ?? Infinity) ||
        left.position - right.position,
    )
    .map(({ finding }) => finding);
  return { findings, valid: !findings.some((finding) => finding.severity === 'error'), order };
}
