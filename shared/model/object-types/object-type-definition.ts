import type { z } from 'zod';

/** The object types Ferry snapshots, compares and promotes. */
export const objectTypeIds = [
  'authorization.division',
  'routing.skill',
  'routing.language',
  'routing.wrapupcode',
  'directory.group',
  'architect.prompt',
  'routing.skillgroup',
  'architect.schedule',
  'architect.schedulegroup',
  'flows.datatable',
  'integrations.integration',
  'integrations.action',
  // Flows use the types above (in their configuration); queues, IVRs and emergency groups
  // point at flows. A flow transferring to a queue is ordered step by step, by its references.
  'architect.flow',
  'routing.queue',
  'architect.ivr',
  'architect.emergencygroup',
  'routing.utilizationlabel',
  'routing.utilization',
] as const;
export type ObjectTypeId = (typeof objectTypeIds)[number];

/**
 * Types that managed objects point at but Ferry does not manage (yet). References to them are
 * still rewritten to names so that a queue's canonical form does not carry another org's flow id.
 */
export const unmanagedReferenceTypeIds = [
  'routing.emaildomain',
  'routing.emailroute',
  'directory.team',
  'scripts.script',
  'responsemanagement.library',
  'routing.smsphonenumber',
  'routing.messagerecipient',
  'telephony.site',
  'telephony.edgegroup',
] as const;
export type UnmanagedReferenceTypeId = (typeof unmanagedReferenceTypeIds)[number];

export type ReferenceTargetType = ObjectTypeId | UnmanagedReferenceTypeId;

/**
 * A location inside an object: field names separated by dots, `[]` after a name meaning "every
 * element of this array", e.g. `bullseye.rings[].actions.skillsToRemove[]`.
 */
export type FieldPath = string;

export interface ReferenceField {
  /**
   * Where the `{id, name, selfUri}` reference sits; ends in `[]` for arrays of references, `*`
   * stands for every field of an object used as a map (`defaultScripts.*`).
   */
  readonly path: FieldPath;
  /** The type referred to; with `kinds`, the type when the kind field names none of them. */
  readonly targetType: ReferenceTargetType;
  /**
   * `id` when the API holds a bare id string rather than an object (`libraryIds`,
   * `backupQueueId`); canonical form is the same `{"$ref", "name"}` either way. `key` when the ids are the keys of
   * the object at `path` (utilization per label is a map keyed by label id): canonical form keys
   * that object by the targets' natural keys instead, with the values untouched. `name` when the
   * API itself names the target by its natural key in a bare string (a skill group's conditions
   * name their skills): canonical form is the same reference, and a write sends the name back
   * once the target is known to hold (or the plan to create) that object.
   */
  readonly form?: 'entity' | 'id' | 'key' | 'name';
  /**
   * For references whose target type is said by a field of the reference itself: a member group
   * `{id, type: "SKILLGROUP"}`. The canonical `$ref` carries the type, so the field is dropped
   * there and written back from `$ref` on the way out.
   */
  readonly kinds?: { readonly field: string; readonly types: Readonly<Record<string, ReferenceTargetType>> };
  /**
   * A reference to the object itself that Genesys fills in on its own and that a write leaves
   * out (a queue's first conditional group routing rule names the queue): a create could not
   * name an id that does not exist yet.
   */
  readonly omitSelf?: boolean;
  /**
   * The field of an embedded reference that holds the target's natural key, when it is not
   * `name`: an email route is known by its address `pattern` and often has no name at all.
   */
  readonly carriedKey?: string;
  /**
   * The target's key is only unique next to a sibling reference, and is written `<key>@<sibling>`:
   * an email route's pattern within the domain beside it (`billing@support.contoso.com`).
   */
  readonly qualifiedBy?: string;
  /**
   * Names are unique only within a kind of the target (a flow's name within its flow type: an
   * in-queue flow and an inbound flow may both be "Billing"). Only objects whose `field` is one of
   * `values` (any case) can be what the reference names.
   */
  readonly narrow?: { readonly field: string; readonly values: readonly string[] };
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
  /**
   * Top-level fields holding an id that only means something in the org it was read from and that no
   * name can map (a queue's `peerId`, an external system's queue): such a value is never sent
   * to an org that does not already hold it, whatever its shape.
   */
  readonly localIdFields?: readonly string[];
  /**
   * Fields that usually hold a different value in each org (a queue's calling number, its
   * outbound email address), in the diff-path syntax of ignore rules (`*`, `**`, `[]`). A compare
   * of two environments lists their differences apart, as "differs per environment", and building a
   * changeset offers to make them parameters instead of copying one org's value into another.
   */
  readonly environmentFields?: readonly string[];
  /**
   * Values no two objects of the type may hold in one org (an IVR's DNIS numbers: a number rings
   * one IVR), as field paths with `[]` for every element of a list. A plan blocks a write that
   * would give a value to a second object, rather than let the target refuse it half-way.
   */
  readonly uniqueValues?: readonly FieldPath[];
  /** Types whose objects must exist before an object of this type can be written. */
  readonly dependencies: readonly ObjectTypeId[];
  /**
   * The org holds exactly one such object, read and written at `collectionPath` itself (org-wide
   * utilization): never created or deleted. The connector gives it `key` as its id and natural key.
   */
  readonly singleton?: { readonly key: string };
  /**
   * How the collection lists when not by page number with every field: `cursor` follows the
   * `after` cursor of each page's `nextUri`; `summaryOnly` means the listing leaves fields out
   * (skill groups list without their conditions), so each object is also read at its own URL.
   */
  readonly listing?: { readonly paging: 'page' | 'cursor'; readonly summaryOnly?: boolean };
  /**
   * The field whose value scopes the natural key: a flow's name is unique only within its flow
   * type, so two flows "Billing" (inbound call, in-queue call) are two objects. An object's key is
   * then `<scope value>/<natural key value>` (`INBOUNDCALL/Main Menu`); see `object-key.ts`.
   * References to such a type carry the name and say the scope through `narrow`.
   */
  readonly keyScope?: string;
  /**
   * Top-level fields a snapshot keeps for people to read (a flow's published version, who has it
   * checked out) that are state of one org, not configuration: never compared, never written,
   * never part of a changeset body.
   */
  readonly statusFields?: readonly string[];
  /**
   * The field holding the object's configuration as text in Ferry's flow dialect (see
   * `shared/flows/flow-dialect.ts`): canonicalised and materialised as text, compared as a text
   * diff, written through import jobs rather than the collection.
   */
  readonly configurationField?: string;
  /** The verb that changes an object in place; `PUT` (which replaces it) unless the API has PATCH only. */
  readonly updateMethod?: 'PUT' | 'PATCH';
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
