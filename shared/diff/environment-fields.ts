import { z } from 'zod';
import { findObjectType } from '../model/object-types/registry';
import { parseDiffPath } from './diff-path';
import type { DiffResult } from './diff-types';
import { compileIgnorePath, patternState } from './ignore-rules';

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
    for (const change of object.changes) {
      if (!isEnvironmentField(fields, object.type, change.path)) continue;
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
