import { z } from 'zod';
import { isCanonicalReference } from '../model/canonical/canonical-reference';
import type { JsonObject, JsonValue } from '../model/canonical/json-value';
import { parameterNameSchema } from '../parameters/parameter-name';
import { parameterMarker } from '../parameters/parameter-marker';
import { parseValuePath, readAtSegments, writeAtSegments } from './value-path';

/**
 * A field of one object that a changeset built from a compare holds as `{"$param": name}` instead
 * of the source's value (issue 15): "Make this a parameter", or an environment-specific field the
 * author chose to parameterise.
 */
export const parameterFieldSchema = z
  .object({
    type: z.string().min(1).max(100),
    key: z.string().max(1000),
    /** A field change's path, in the diff-path syntax. */
    path: z.string().min(1).max(1000),
    name: parameterNameSchema,
  })
  .strict();
export type ParameterField = z.infer<typeof parameterFieldSchema>;

/**
 * Whether a value can stand for a parameter's value: text, a number, true or false, or one
 * reference. Objects and lists have no parameter type to hold them.
 */
export function canBeParameterValue(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return isCanonicalReference(value) && typeof value.name === 'string';
}

/**
 * `value` with a parameter marker at each of `fields`' paths where it holds a value; a path it
 * does not hold is left alone (there is nothing there to stand for).
 */
export function withParameterMarkers(
  value: JsonObject,
  fields: readonly Pick<ParameterField, 'path' | 'name'>[],
): JsonObject {
  let marked = value;
  for (const field of fields) {
    const segments = parseValuePath(field.path);
    if (segments.length === 0 || readAtSegments(marked, segments) === undefined) continue;
    marked = writeAtSegments(marked, segments, parameterMarker(field.name) as JsonValue);
  }
  return marked;
}

/** The fields of `fields` that belong to one object. */
export function parameterFieldsOf(
  fields: readonly ParameterField[] | undefined,
  type: string,
  key: string,
): ParameterField[] {
  return (fields ?? []).filter((field) => field.type === type && field.key === key);
}
