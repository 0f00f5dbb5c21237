import { z } from 'zod';
import { entityIdentityFields } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/**
 * One credential an integration uses, as Ferry keeps it: its kind (`basicAuth`, `userDefined`…)
 * and the names of its fields. The values are never read from an org (the API does not return
 * them) and never copied: a changeset gives each field a secret parameter,
 * `{"password": {"$param": "crmPassword"}}` (a `{"$secret"}` marker once resolved for a plan), and
 * promotion writes the target's own value.
 */
export const integrationCredentialSchema = z
  .object({
    type: z.string().min(1),
    fields: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

/**
 * `Integration` of `/api/v2/integrations` (the SDK's model) with its current configuration
 * (`GET /{id}/config/current`, `IntegrationConfiguration`) read in by the connector as
 * `properties`, `advanced` and `credentials` (credential key → `{type, fields}`).
 */
export const integrationSchema = z
  .object({
    ...entityIdentityFields,
    integrationType: z.object({ id: z.string().min(1) }).loose(),
    notes: z.string().nullish(),
    intendedState: z.string().nullish(),
    properties: z.record(z.string(), z.unknown()).nullish(),
    advanced: z.record(z.string(), z.unknown()).nullish(),
    credentials: z.record(z.string(), integrationCredentialSchema).nullish(),
  })
  .loose();
export type Integration = z.infer<typeof integrationSchema>;

export const integrationType = {
  id: 'integrations.integration',
  label: 'Integration',
  pluralLabel: 'Integrations',
  collectionPath: '/api/v2/integrations',
  naturalKey: 'name',
  schema: integrationSchema,
  references: [],
  // `reportedState` is what the integration is doing now; `config` is replaced by the fields above.
  volatileFields: [...commonVolatileFields, 'reportedState', 'config', 'attributes'],
  unorderedArrays: [],
  subResources: [],
  // Each org has its own endpoints' credentials: a compare lists them apart, never copies them.
  environmentFields: ['credentials', 'credentials.**'],
  dependencies: [],
} satisfies ObjectTypeDefinition;
