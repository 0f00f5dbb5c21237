import { z } from 'zod';
import { objectKeyOf } from './object-types/object-key';
import { findObjectType } from './object-types/registry';

/**
 * A changeset: reusable, environment-independent changes (DESIGN §5). `before` values are
 * preconditions and make every operation exactly invertible. Authoring grows this; drift's
 * "revert" already writes it.
 */
export const CHANGESET_FORMAT_VERSION = 1;

const jsonValue: z.ZodType<unknown> = z.unknown();

export const fieldChangeSchema = z
  .object({ path: z.string().min(1), before: jsonValue.optional(), after: jsonValue.optional() })
  .strict();

export const operationSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('create'),
      type: z.string(),
      key: z.string(),
      body: z.record(z.string(), jsonValue),
    })
    .strict(),
  z
    .object({
      op: z.literal('update'),
      type: z.string(),
      key: z.string(),
      changes: z.array(fieldChangeSchema).min(1),
    })
    .strict(),
  z
    .object({
      op: z.literal('delete'),
      type: z.string(),
      key: z.string(),
      before: z.record(z.string(), jsonValue),
    })
    .strict(),
]);
export type ChangesetOperation = z.infer<typeof operationSchema>;

/**
 * The key an operation names must be the natural key its body (create) or `before` (delete)
 * holds: the plan finds the object by the key but writes the body, so a key that says
 * `../../etc/passwd` or another queue's name over a body for "Sales" would let a reviewer, a
 * package's checks and the target each see a different object. Refused here, in the schema every
 * reader of a changeset uses (store, editor, packages, planner), not only by validation.
 * Operations on types Ferry does not know are left to validation, which refuses them by type.
 */
function checkOperationKeys(operations: readonly ChangesetOperation[], context: z.RefinementCtx): void {
  operations.forEach((operation, index) => {
    if (operation.op === 'update') return;
    const definition = findObjectType(operation.type);
    if (definition === undefined) return;
    const field = operation.op === 'create' ? 'body' : 'before';
    const held = operation.op === 'create' ? operation.body : operation.before;
    // A flow's key is its type and name (`INBOUNDCALL/Main Menu`), every other object's its name.
    const value = objectKeyOf(definition, held) ?? held[definition.naturalKey];
    if (value === operation.key) return;
    const what =
      definition.keyScope === undefined
        ? definition.naturalKey
        : `${definition.keyScope} and ${definition.naturalKey} (<${definition.keyScope}>/<${definition.naturalKey}>)`;
    context.addIssue({
      code: 'custom',
      path: ['operations', index, 'key'],
      message: `the key ${JSON.stringify(operation.key.slice(0, 200))} is not the ${field}'s ${what} (${describeKeyValue(value)}); an operation's key must be its object's natural key`,
    });
  });
}

function describeKeyValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 200));
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

export const changesetSchema = z
  .object({
    formatVersion: z.literal(CHANGESET_FORMAT_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/),
    title: z.string().min(1).max(200),
    description: z.string().max(20_000).default(''),
    ticket: z.string().max(200).default(''),
    author: z.string().max(200),
    /** The author's signing key when they had one: policy refuses self-approval by key, not by name. */
    authorKeyId: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    createdAt: z.iso.datetime(),
    /** Where it came from, e.g. `drift prod` — for people, not for logic. */
    origin: z.string().max(200).optional(),
    operations: z.array(operationSchema),
    /**
     * Objects the changeset refers to but does not carry: they must already exist in the target.
     * Chosen per missing dependency when picking from a compare ("require it in the target").
     */
    requires: z.array(z.object({ type: z.string(), key: z.string() }).strict()).optional(),
  })
  .strict()
  .superRefine((changeset, context) => checkOperationKeys(changeset.operations, context));
export type Changeset = z.infer<typeof changesetSchema>;
