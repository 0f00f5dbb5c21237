import { z } from 'zod';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import { compareCodeUnits } from '../model/canonical/stable-stringify';
import { findObjectType } from '../model/object-types/registry';
import { EVERY_ELEMENT, formatDiffPath, parseDiffPath, tokenizeDiffPath } from './diff-path';
import type { DiffResult, FieldChange } from './diff-types';
import { compileIgnorePath, patternState } from './ignore-rules';
import { jsonEqual } from './json-equal';

/**
 * A field that rightly differs per environment (issue 15): declared by its object type
 * (`environmentFields`) or flagged by the team in `compare/environment-fields.json`, for instance
 * a data table column that holds an org's own URL. The path uses the ignore rules' syntax.
 */
export interface EnvironmentField {
  type: string;
  path: string;
  reason?: string;
  /** True for a field the object type declares; false for one the team flagged. */
  declared: boolean;
}

const pathSchema = z
  .string()
  .min(1)
  .max(300)
  .superRefine((path, context) => {
    try {
      compileIgnorePath(path);
    } catch (error) {
      context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  });

/** One flagged field as the workspace file holds it. */
export const flaggedEnvironmentFieldSchema = z
  .object({
    type: z
      .string()
      .min(1)
      .max(100)
      .refine((type) => findObjectType(type) !== undefined, 'is not an object type Ferry knows'),
    path: pathSchema,
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type FlaggedEnvironmentField = z.infer<typeof flaggedEnvironmentFieldSchema>;

/** `compare/environment-fields.json`, shared through git like the ignore rules. */
export const environmentFieldsFileSchema = z
  .object({ fields: z.array(flaggedEnvironmentFieldSchema).max(10_000) })
  .strict();

export const environmentFieldWireSchema = z.object({
  type: z.string(),
  path: z.string(),
  reason: z.string().optional(),
  declared: z.boolean(),
});

/** The declared fields of every known type, then the flagged ones not already declared. */
export function environmentFields(
  types: readonly string[],
  flagged: readonly FlaggedEnvironmentField[],
): EnvironmentField[] {
  const fields: EnvironmentField[] = [];
  for (const type of types) {
    for (const path of findObjectType(type)?.environmentFields ?? [])
      fields.push({ type, path, declared: true });
  }
  for (const field of flagged) {
    if (fields.some((known) => known.type === field.type && known.path === field.path)) continue;
    fields.push({
      type: field.type,
      path: field.path,
      ...(field.reason === undefined ? {} : { reason: field.reason }),
      declared: false,
    });
  }
  return fields;
}

/** Whether `path` (a field change's path) is, or lies inside, an environment-specific field of `type`. */
export function isEnvironmentField(
  fields: readonly Pick<EnvironmentField, 'type' | 'path'>[],
  type: string,
  path: string,
): boolean {
  if (path === '') return false;
  const segments = parseDiffPath(path);
  return fields.some(
    (field) => field.type === type && patternState(compileIgnorePath(field.path), segments) === 'match',
  );
}

/** How much of a compare differs only as environments are expected to. */
export interface EnvironmentSpecificCounts {
  /** Field changes at environment-specific fields. */
  changes: number;
  /** Changed objects whose every difference is at such a field. */
  objects: number;
}

/**
 * Marks each field change at an environment-specific field (`environmentSpecific: true`), in
 * place, and counts them. Statuses stay: a different calling number is still a difference, only
 * one the team expects.
 */
export function markEnvironmentFields(
  result: DiffResult,
  fields: readonly Pick<EnvironmentField, 'type' | 'path'>[],
): EnvironmentSpecificCounts {
  const counts: EnvironmentSpecificCounts = { changes: 0, objects: 0 };
  for (const object of result.objects) {
    let marked = 0;
    const inSets = setChangesAtFields(fields, object.type, object.changes);
    for (const change of object.changes) {
      if (!isEnvironmentField(fields, object.type, change.path) && !inSets.has(change)) continue;
      change.environmentSpecific = true;
      // Equal once parameters resolve: no longer a difference of any kind.
      if (change.equalAsParameter === undefined) marked += 1;
    }
    counts.changes += marked;
    const real = object.changes.filter(
      (change) => change.environmentSpecific !== true && change.equalAsParameter === undefined,
    );
    if (marked > 0 && real.length === 0 && object.status === 'changed') counts.objects += 1;
  }
  return counts;
}

/**
 * An element of an unordered list (a data table's row) changed shows as the old element removed
 * and the new one added. Such a pair, matched by the list's sort key, counts as differing per
 * environment when the two differ only in flagged fields of the element (`rows[]["Phone Number"]`).
 */
function setChangesAtFields(
  fields: readonly Pick<EnvironmentField, 'type' | 'path'>[],
  type: string,
  changes: readonly FieldChange[],
): Set<FieldChange> {
  const found = new Set<FieldChange>();
  const bySet = new Map<string, FieldChange[]>();
  for (const change of changes) {
    if (change.kind !== 'set-added' && change.kind !== 'set-removed') continue;
    bySet.set(change.path, [...(bySet.get(change.path) ?? []), change]);
  }
  for (const [path, inSet] of bySet) {
    const sortBy = findObjectType(type)?.unorderedArrays.find((array) => array.path === path)?.sortBy;
    const inside = elementFields(fields, type, path);
    if (sortBy === undefined || inside.length === 0) continue;
    const removed = inSet.filter((change) => change.kind === 'set-removed');
    for (const added of inSet.filter((change) => change.kind === 'set-added')) {
      const key = keyOf(added.after, sortBy);
      const partner = removed.find((change) => key !== undefined && keyOf(change.before, sortBy) === key);
      if (partner === undefined || partner.before === undefined || added.after === undefined) continue;
      if (jsonEqual(without(partner.before, inside), without(added.after, inside))) {
        found.add(added);
        found.add(partner);
      }
    }
  }
  return found;
}

/** Field names inside the elements of the list at `path` that the flagged fields name. */
function elementFields(
  fields: readonly Pick<EnvironmentField, 'type' | 'path'>[],
  type: string,
  path: string,
): string[] {
  const list = tokenizeDiffPath(path);
  const names: string[] = [];
  for (const field of fields) {
    if (field.type !== type) continue;
    const tokens = tokenizeDiffPath(field.path);
    const rest = tokens[list.length];
    const leaf = tokens[list.length + 1];
    const sameList = list.every((token, index) => {
      const other = tokens[index];
      return other?.kind === 'field' && token.kind === 'field' && other.name === token.name;
    });
    if (sameList && tokens.length === list.length + 2 && rest?.kind === 'every' && leaf?.kind === 'field')
      names.push(leaf.name);
  }
  return names;
}

function keyOf(element: JsonValue | undefined, sortBy: string): string | undefined {
  if (!isJsonObject(element)) return undefined;
  const key = element[sortBy];
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

function without(element: JsonValue, names: readonly string[]): JsonValue {
  if (!isJsonObject(element)) return element;
  return Object.fromEntries(Object.entries(element).filter(([name]) => !names.includes(name)));
}

/**
 * What flagging a change as differing per environment flags: the field itself (any element of a
 * list, not only this one), or for a changed element of an unordered list, each field in which
 * the element's two versions differ (a data table's column: `rows[]["Phone Number"]`).
 */
export function environmentPathsFor(
  type: string,
  change: FieldChange,
  changes: readonly FieldChange[],
): string[] {
  if (change.kind !== 'set-added' && change.kind !== 'set-removed')
    return [change.path.replace(/\[\d+\]/g, '[]')];
  const sortBy = findObjectType(type)?.unorderedArrays.find((array) => array.path === change.path)?.sortBy;
  const mine = change.kind === 'set-added' ? change.after : change.before;
  const key = sortBy === undefined ? undefined : keyOf(mine, sortBy);
  const partner = changes.find(
    (other) =>
      other.path === change.path &&
      other.kind !== change.kind &&
      (other.kind === 'set-added' || other.kind === 'set-removed') &&
      sortBy !== undefined &&
      key !== undefined &&
      keyOf(other.kind === 'set-added' ? other.after : other.before, sortBy) === key,
  );
  const theirs =
    partner === undefined ? undefined : partner.kind === 'set-added' ? partner.after : partner.before;
  if (!isJsonObject(mine) || !isJsonObject(theirs)) return [];
  const names = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])]
    .filter((name) => !jsonEqual(mine[name] ?? null, theirs[name] ?? null))
    .sort(compareCodeUnits);
  return names.map((name) => formatDiffPath([...parseDiffPath(change.path), EVERY_ELEMENT, name]));
}
