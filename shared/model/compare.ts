import { z } from 'zod';
import { objectProvenanceSchema } from './object-provenance';

/** Wire schemas for compare results (the diff engine's types, checked where they cross a boundary). */
const statusSchema = z.enum(['added', 'removed', 'changed', 'renamed', 'unchanged']);
const countsSchema = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  renamed: z.number().int(),
  unchanged: z.number().int(),
});

export const fieldChangeWireSchema = z.object({
  path: z.string(),
  kind: z.enum(['changed', 'added', 'removed', 'set-added', 'set-removed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** At a field that rightly differs per environment (shown apart, as "differs per environment"). */
  environmentSpecific: z.boolean().optional(),
  /** Equal once parameters resolve: a's value of this parameter against b's. */
  equalAsParameter: z.string().optional(),
});

export const objectDiffSchema = z.object({
  type: z.string(),
  key: z.string(),
  status: statusSchema,
  previousKey: z.string().optional(),
  changes: z.array(fieldChangeWireSchema),
  ignored: z.number().int(),
});

export const ignoreRuleWireSchema = z.object({ type: z.string(), path: z.string(), reason: z.string() });

const sideInfoSchema = z.object({ source: z.string(), label: z.string(), commit: z.string().nullable() });

/** What a compare that resolves parameters and mappings did, side by side (issue 15). */
export const compareResolutionSchema = z.object({
  /** Each side's environment when its values were used; null where a side does not resolve (a preview). */
  a: z.string().nullable(),
  b: z.string().nullable(),
  /** Parameters whose two values made fields equal, and how many fields. */
  parameters: z.array(z.object({ name: z.string(), a: z.string(), b: z.string(), fields: z.number().int() })),
  /** Names side a calls by another name in side b, through the two environments' mappings. */
  mappings: z.array(z.object({ type: z.string(), a: z.string(), b: z.string() })),
});
export type CompareResolution = z.infer<typeof compareResolutionSchema>;

/** How much of a compare of two environments differs only as environments are expected to. */
export const environmentSpecificCountsSchema = z.object({
  changes: z.number().int(),
  objects: z.number().int(),
});

export const compareOutcomeSchema = z.object({
  a: sideInfoSchema,
  b: sideInfoSchema,
  unreadableTypes: z.array(z.string()),
  ignoreRules: z.array(ignoreRuleWireSchema),
  fieldLevel: z.boolean(),
  /** Field changes at environment-specific fields; absent when both sides are one environment. */
  environmentSpecific: environmentSpecificCountsSchema.optional(),
  /** Present when the compare resolved parameters and mappings. */
  resolution: compareResolutionSchema.optional(),
  result: z.object({
    summary: z.object({ totals: countsSchema, byType: z.record(z.string(), countsSchema) }),
    objects: z.array(objectDiffSchema),
  }),
});
export type CompareOutcomeWire = z.infer<typeof compareOutcomeSchema>;

export const driftReportSchema = compareOutcomeSchema.extend({
  environment: z.string(),
  ignoredObjects: z.array(
    z.object({ type: z.string(), key: z.string(), reason: z.string(), at: z.string(), by: z.string() }),
  ),
  /** Who changed each drifted object in the org and when (null where the API does not say). */
  provenance: z.array(objectProvenanceSchema),
});
export type DriftReportWire = z.infer<typeof driftReportSchema>;

export const snapshotHistoryEntrySchema = z.object({
  commit: z.string(),
  takenAt: z.iso.datetime(),
  message: z.string(),
});
export type SnapshotHistoryEntry = z.infer<typeof snapshotHistoryEntrySchema>;

/** Both sides of one object as canonical JSON text, for the side-by-side editor; null where absent. */
export const compareObjectSchema = z.object({ before: z.string().nullable(), after: z.string().nullable() });
