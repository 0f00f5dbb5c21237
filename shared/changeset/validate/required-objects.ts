/**
 * Validation phase 2, the changeset's `requires` list: each entry names a known type, and with a
 * target, an object the target already has (or the changeset creates). Apart because `requires`
 * is a list of its own beside the operations; the reference phase later reads `state.required`.
 */
import { isJsonObject } from '../../model/canonical/json-value';
import { objectTypeIds } from '../../model/object-types/object-type-definition';
import { objectId } from '../object-references';
import { objectIn } from '../object-state';
import type { ValidationState } from './validation-state';

export function checkRequires(state: ValidationState): void {
  state.requires.forEach((raw, index) => {
    if (!isJsonObject(raw) || typeof raw.type !== 'string' || typeof raw.key !== 'string') {
      state.add(
        'error',
        'schema',
        null,
        `requires[${index}]`,
        `requires[${index}] must be {"type", "key"}`,
        'Name the object as {"type", "key"}.',
      );
      return;
    }
    if (state.types(raw.type) === undefined) {
      state.add(
        'error',
        'unknown-type',
        null,
        `requires[${index}].type`,
        `requires[${index}]: unknown object type "${raw.type}"`,
        `Use one of the managed types: ${objectTypeIds.join(', ')}.`,
      );
      return;
    }
    const id = objectId(raw.type, raw.key);
    state.required.add(id);
    if (
      state.target === null ||
      objectIn(state.target, raw.type, raw.key) !== undefined ||
      state.created.has(id)
    )
      return;
    state.add(
      'error',
      'required-missing',
      null,
      `requires[${index}]`,
      `${state.name(raw.type, raw.key)} must already exist in the target, and it does not`,
      `Promote the ${state.name(raw.type, raw.key)} to the target first, or add a create operation for it to this changeset.`,
    );
  });
}
