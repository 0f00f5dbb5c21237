import { z } from 'zod';
import { entityIdentityFields } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/** `GroupContact`: a number the group can be rung on. */
const groupContactSchema = z
  .object({
    address: z.string().nullish(),
    display: z.string().nullish(),
    extension: z.string().nullish(),
    type: z.enum(['GROUPRING', 'GROUPPHONE']).nullish(),
    mediaType: z.enum(['PHONE']).nullish(),
  })
  .loose();

/** `Group` of `/api/v2/groups`: the group object itself; its members are people, not configuration. */
export const groupSchema = z
  .object({
    ...entityIdentityFields,
    description: z.string().nullish(),
    dateModified: z.string().nullish(),
    memberCount: z.number().int().nullish(),
    state: z.enum(['active', 'inactive', 'deleted']).nullish(),
    version: z.number().int().nullish(),
    type: z.enum(['official', 'social']).nullish(),
    addresses: z.array(groupContactSchema).nullish(),
    rulesVisible: z.boolean().nullish(),
    visibility: z.enum(['public', 'owners', 'members']).nullish(),
    rolesEnabled: z.boolean().nullish(),
    includeOwners: z.boolean().nullish(),
    callsEnabled: z.boolean().nullish(),
    email: z.string().nullish(),
  })
  .loose();
export type Group = z.infer<typeof groupSchema>;

export const groupType = {
  id: 'directory.group',
  label: 'Group',
  pluralLabel: 'Groups',
  collectionPath: '/api/v2/groups',
  naturalKey: 'name',
  schema: groupSchema,
  references: [],
  // Owners and members are people (users differ per org and Ferry does not map them), and images
  // are uploads: neither is configuration a changeset carries.
  volatileFields: [...commonVolatileFields, 'state', 'memberCount', 'owners', 'images'],
  unorderedArrays: [{ path: 'addresses', sortBy: 'address' }],
  subResources: [],
  // A group's phone numbers belong to its org, as queues' calling numbers do.
  environmentFields: ['addresses'],
  dependencies: [],
} satisfies ObjectTypeDefinition;
