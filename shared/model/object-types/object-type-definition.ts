import type { z } from 'zod';

/** The object types Ferry snapshots, compares and promotes. */
export const objectTypeIds = [
  'authorization.division',
  'routing.skill',
  'routing.language',
  'routing.wrapupcode',
  'routing.queue',
  'architect.schedule',
  'architect.schedulegroup',
  'flows.datatable',
] as const;
export type ObjectTypeId = (typeof objectTypeIds)[number];

/**
 * Types that managed objects point at but Ferry does not manage (yet). References to them are
 * still rewritten to names so that a queue's canonical form does not carry another org's flow id.
 */
export const unmanagedReferenceTypeIds = [
  'architect.flow',
  'architect.prompt',
  'routing.emaildomain',
  'routing.emailroute',
] as const;
export type UnmanagedReferenceTypeId = (typeof unmanagedReferenceTypeIds)[number];

export type ReferenceTargetType = ObjectTypeId | UnmanagedReferenceTypeId;

/**
 * A location inside an object: field names separated by dots, `[]` after a name meaning "every
 * element of this array", e.g. `bullseye.rings[].actions.skillsToRemove[]`.
 */
export type FieldPath = string;

export interface ReferenceField {
  /** Where the `{id, name, selfUri}` reference sits; ends in `[]` for arrays of references. */
  readonly path: FieldPath;
  readonly targetType: ReferenceTargetType;
}

export interface UnorderedArray {
  /** The array itself (no trailing `[]`). */
  readonly path: FieldPath;
  /**
   * The element field to sort by (after references are rewritten, so `name` sorts references by
   * their target's natural key). Ties, and elements without it, fall back to their canonical text.
   */
  readonly sortBy?: string;
}

/**
 * A list the API keeps behind its own URL rather than on the object (queue wrap-up codes, data
 * table rows). The connector reads it into `field`; canonical form keeps it there; writes send it
 * to `path` under the object's URL.
 */
export interface SubResource {
  readonly field: string;
  /** Relative to the object's own URL, e.g. `/wrapupcodes`. */
  readonly path: string;
  /** True when the list holds references (sent as `[{id}]`), false when it holds whole rows. */
  readonly holdsReferences: boolean;
}

export interface ObjectTypeDefinition {
  readonly id: ObjectTypeId;
  /** Singular, for people: `Queue`. */
  readonly label: string;
  readonly pluralLabel: string;
  /** Platform API v2 collection, e.g. `/api/v2/routing/queues`; one object is `<path>/{id}`. */
  readonly collectionPath: string;
  /** The field that identifies an object across orgs (ids differ per org). */
  readonly naturalKey: string;
  /**
   * The object as the API returns it (plus any sub-resource fields the connector attached).
   * Loose: fields Genesys adds later must survive a snapshot untouched.
   */
  readonly schema: z.ZodType;
  readonly references: readonly ReferenceField[];
  /**
   * Top-level fields that are server-set or differ per org and so never take part in a compare
   * or a write. `*` matches any run of characters (`date*`, `*By`).
   */
  readonly volatileFields: readonly string[];
  readonly unorderedArrays: readonly UnorderedArray[];
  readonly subResources: readonly SubResource[];
  /** Types whose objects must exist before an object of this type can be written. */
  readonly dependencies: readonly ObjectTypeId[];
}

/** Fields no type keeps: identity, links and bookkeeping the server maintains. */
export const commonVolatileFields: readonly string[] = [
  'id',
  'selfUri',
  'version',
  'date*',
  '*By',
  'createdByApp',
  'modifiedByApp',
];
