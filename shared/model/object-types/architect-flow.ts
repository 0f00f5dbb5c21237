import { z } from 'zod';
import { entityIdentityFields, entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/**
 * Flow types as the API spells them (`Flow.type`, the SDK's list). Archy's top-level key for each
 * is in `shared/flows/flow-dialect.ts`. Kept open (a string) in the schema: Genesys adds types.
 */
export const FLOW_TYPES = [
  'INBOUNDCALL',
  'INQUEUECALL',
  'OUTBOUNDCALL',
  'INBOUNDEMAIL',
  'INQUEUEEMAIL',
  'INBOUNDSHORTMESSAGE',
  'INQUEUESHORTMESSAGE',
  'INBOUNDCHAT',
  'COMMONMODULE',
  'WORKFLOW',
  'SECURECALL',
  'SURVEYINVITE',
  'VOICEMAIL',
  'BOT',
  'DIGITALBOT',
  'VOICESURVEY',
  'WORKITEM',
  'VOICE',
  'SPEECH',
] as const;

/** `FlowVersion` reduced to what a person needs to know which version is live. */
const flowVersionSchema = z
  .object({ id: z.string().min(1), name: z.string().nullish(), commitVersion: z.string().nullish() })
  .loose();

/** `User` (or, for `lockedClient`, the OAuth client's `DomainEntityRef`) reduced: who holds a flow checked out. */
const lockedUserSchema = z.object({ id: z.string().nullish(), name: z.string().nullish() }).loose();

/**
 * `Flow` of `/api/v2/flows` (the SDK's model), plus `configuration`: the flow's exported
 * configuration as text in Ferry's flow dialect, which the connector reads through an export job
 * and attaches. Everything a flow does lives in `configuration`; the other fields are metadata.
 */
export const flowSchema = z
  .object({
    ...entityIdentityFields,
    type: z.string().min(1),
    division: entityReferenceSchema.nullish(),
    description: z.string().nullish(),
    /** Status (see `statusFields`): the version live in the org and who has it checked out. */
    publishedVersion: flowVersionSchema.nullish(),
    lockedUser: lockedUserSchema.nullish(),
    /** Checked out through the API with client credentials (Archy, CX as Code, a script). */
    lockedClient: lockedUserSchema.nullish(),
    /** Not on the API object: the exported configuration, attached by the connector. */
    configuration: z.string().nullish(),
  })
  .loose();
export type Flow = z.infer<typeof flowSchema>;

export const flowType = {
  id: 'architect.flow',
  label: 'Flow',
  pluralLabel: 'Flows',
  collectionPath: '/api/v2/flows',
  naturalKey: 'name',
  // A name is unique within its flow type only: "Billing" may be an inbound and an in-queue flow.
  keyScope: 'type',
  schema: flowSchema,
  // References inside the configuration (queues, data tables, other flows…) are found by the
  // flow dialect, not listed here: they sit in text, not in JSON fields.
  references: [{ path: 'division', targetType: 'authorization.division' }],
  volatileFields: [
    ...commonVolatileFields,
    // Versions other than the published one, and what the server derives from the configuration.
    'savedVersion',
    'checkedInVersion',
    'debugVersion',
    'publishedBy',
    'currentOperation',
    'active',
    'system',
    'deleted',
    'inputSchema',
    'outputSchema',
    'nluInfo',
    'supportedLanguages',
    'compatibleFlowTypes',
    'worktypeId',
    'virtualAgentEnabled',
  ],
  // Kept in a snapshot as `publishedVersion: {id}`, `lockedUser: {name}` and `lockedClient: {name}`
  // (or `{id}` when the org gives the client no name): what is live and who holds the flow, a
  // person or an OAuth client (Archy, CX as Code), shown to people, never compared or written.
  statusFields: ['publishedVersion', 'lockedUser', 'lockedClient'],
  configurationField: 'configuration',
  unorderedArrays: [],
  subResources: [],
  // Flows point at nearly everything; the order between flows (sub-flows before their callers)
  // comes from the references in their configuration. Queues and emergency groups are left out
  // here: they point at flows themselves, so the type order cannot put either side first; a
  // flow's steps wait for the queues and emergency groups it names through its references.
  dependencies: [
    'authorization.division',
    'routing.skill',
    'routing.language',
    'architect.schedule',
    'architect.schedulegroup',
    'flows.datatable',
    'architect.prompt',
    'integrations.action',
  ],
} satisfies ObjectTypeDefinition;
