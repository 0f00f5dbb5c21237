import { z } from 'zod';
import { entityIdentityFields } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/**
 * `Action` of `/api/v2/integrations/actions` (the SDK's model): a data action, which is how a
 * flow reaches another system. `contract` holds the input and output JSON schemas, `config` the
 * request template and the response translation. Promoted through a draft
 * (`/actions/{id}/draft`, `/actions/drafts`) and its publish.
 */
export const actionSchema = z
  .object({
    ...entityIdentityFields,
    integrationId: z.string().min(1),
    category: z.string().nullish(),
    secure: z.boolean().nullish(),
    contract: z
      .object({
        input: z
          .object({ inputSchema: z.record(z.string(), z.unknown()).nullish() })
          .loose()
          .nullish(),
        output: z
          .object({ successSchema: z.record(z.string(), z.unknown()).nullish() })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
    config: z
      .object({
        request: z
          .object({
            requestUrlTemplate: z.string().nullish(),
            requestType: z.string().nullish(),
            requestTemplate: z.string().nullish(),
            headers: z.record(z.string(), z.string()).nullish(),
          })
          .loose()
          .nullish(),
        response: z
          .object({
            translationMap: z.record(z.string(), z.string()).nullish(),
            translationMapDefaults: z.record(z.string(), z.string()).nullish(),
            successTemplate: z.string().nullish(),
          })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
export type Action = z.infer<typeof actionSchema>;

export const actionType = {
  id: 'integrations.action',
  label: 'Data action',
  pluralLabel: 'Data actions',
  collectionPath: '/api/v2/integrations/actions',
  naturalKey: 'name',
  schema: actionSchema,
  references: [{ path: 'integrationId', targetType: 'integrations.integration', form: 'id' }],
  // `version` counts publishes. The server also derives `inputSchemaFlattened`/`…Uri` inside
  // `contract`; the connector leaves those out when it reads an action.
  volatileFields: commonVolatileFields,
  unorderedArrays: [],
  subResources: [],
  // The list leaves out each action's contract (`expand=contract` works on one action only), so
  // each action is also read at its own URL (issue 18, ACTIONS).
  listing: { paging: 'page', summaryOnly: true },
  dependencies: ['integrations.integration'],
} satisfies ObjectTypeDefinition;
