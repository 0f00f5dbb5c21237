import type { JsonObject, JsonValue } from '../../../../../shared/model/canonical/json-value';
import { isParameterMarker, parameterMarker } from '../../../../../shared/parameters/parameter-marker';
import { parameterNameProblem } from '../../../../../shared/parameters/parameter-name';
import { getAt, getString, setAt, type Path } from './json-edit';

/**
 * A form field whose value is `{"$param": "<name>"}` stands for a value each environment gives
 * (issue 15). These are the pure steps the form's "Make this a parameter" takes.
 */

/** The parameter a field holds, or undefined when it holds a plain value (or nothing). */
export function parameterAt(root: JsonValue | undefined, path: Path): string | undefined {
  const value = getAt(root, path);
  return isParameterMarker(value) ? value.$param : undefined;
}

/** How a field writes a value: `setAt` unless the form keeps the field's surroundings itself. */
export type FieldWriter = (next: JsonValue | undefined) => JsonObject;

export function plainWriter(root: JsonObject, path: Path): FieldWriter {
  return (next) => setAt(root, path, next);
}

/**
 * Whether the form offers to make the field a parameter: never the natural key, which is the same
 * in every environment (the changeset's check refuses it there too).
 */
export function offersParameter(path: Path, naturalKey: string): boolean {
  return !(path.length === 1 && path[0] === naturalKey);
}

/** Why `text` cannot name a parameter, in the form's words; null when it can. */
export function parameterNameInputProblem(text: string): string | null {
  if (text.trim() === '') return 'Name the parameter';
  const problem = parameterNameProblem(text);
  return problem === null ? null : `Not a parameter name: ${problem}`;
}

const MAX_NAME = 64;

/**
 * A parameter name built from words: the first lower-case, the rest capitalised, everything but
 * letters and digits dropped (`["Billing", "calling party number"]` → `billingCallingPartyNumber`).
 * Starts with a letter; `value` when no word has one.
 */
export function camelName(words: readonly string[]): string {
  const parts = words
    .flatMap((word) => word.split(/(?=[A-Z][a-z])|[^A-Za-z0-9]+/))
    .filter((part) => part !== '')
    .map((part, index) =>
      index === 0
        ? part.charAt(0).toLowerCase() + part.slice(1)
        : part.charAt(0).toUpperCase() + part.slice(1),
    );
  const joined = parts.join('').replace(/^[^A-Za-z]+/, '');
  if (joined === '') return 'value';
  return (joined.charAt(0).toLowerCase() + joined.slice(1)).slice(0, MAX_NAME);
}

/**
 * The name the form suggests for a field: the object's name and the field's last two names
 * (`Billing` queue, `mediaSettings.call.alertingTimeoutSeconds` → `billingCallAlertingTimeoutSeconds`),
 * or the words a form gives for a field whose path says little (a data table's cell).
 */
export function suggestParameterName(
  root: JsonValue | undefined,
  path: Path,
  words?: readonly string[],
): string {
  const objectName = getString(root, ['name']);
  const fieldWords =
    words ?? path.filter((segment): segment is string => typeof segment === 'string').slice(-2);
  return camelName([...(objectName === undefined ? [] : [objectName]), ...fieldWords]);
}

/** The object with the field made the parameter `name`. */
export function withParameter(write: FieldWriter, name: string): JsonObject {
  return write(parameterMarker(name));
}

/** The object with the field back to a plain value: not set, for the person to fill in. */
export function withPlainValue(write: FieldWriter): JsonObject {
  return write(undefined);
}
