import { z } from 'zod';
import { entityIdentityFields, entityReferenceSchema } from './entity-reference-schema';
import { commonVolatileFields, type ObjectTypeDefinition } from './object-type-definition';

/** One column: `{"$id": "/properties/<name>", type, title, default, displayOrder}`. */
const dataTableColumnSchema = z
  .object({
    $id: z.string().nullish(),
    type: z.string().min(1),
    title: z.string().nullish(),
    default: z.unknown().optional(),
    displayOrder: z.number().int().nullish(),
  })
  .loose();

/** A draft-04 JSON Schema describing the rows; every table has the string column `key`. */
export const dataTableSchemaSchema = z
  .object({
    $schema: z.string().nullish(),
    type: z.literal('object').nullish(),
    required: z.array(z.string()).nullish(),
    additionalProperties: z.boolean().nullish(),
    properties: z.record(z.string(), dataTableColumnSchema).nullish(),
  })
  .loose();

/** A row is flat: `{"key": "27272", "Field1": "XYZZY", "Field2": false}`. */
export const dataTableRowSchema = z.object({ key: z.string().min(1) }).loose();
export type DataTableRow = z.infer<typeof dataTableRowSchema>;

export const dataTableSchema = z
  .object({
    ...entityIdentityFields,
    division: entityReferenceSchema.nullish(),
    description: z.string().nullish(),
    /** Present when listed with `expand=schema` or read one by one. */
    schema: dataTableSchemaSchema.nullish(),
    /** Not on the API object: the connector reads `GET /{id}/rows?showbrief=false` into it. */
    rows: z.array(dataTableRowSchema).nullish(),
  })
  .loose();
export type DataTable = z.infer<typeof dataTableSchema>;

/** The field that identifies a row inside its table. */
export const DATA_TABLE_ROW_KEY = 'key';

export const dataTableType = {
  id: 'flows.datatable',
  label: 'Data table',
  pluralLabel: 'Data tables',
  collectionPath: '/api/v2/flows/datatables',
  naturalKey: 'name',
  schema: dataTableSchema,
  references: [{ path: 'division', targetType: 'authorization.division' }],
  volatileFields: commonVolatileFields,
  unorderedArrays: [
    { path: 'rows', sortBy: DATA_TABLE_ROW_KEY },
    // `required` is a set in JSON Schema.
    { path: 'schema.required' },
  ],
  subResources: [{ field: 'rows', path: '/rows', holdsReferences: false }],
  dependencies: ['authorization.division'],
} satisfies ObjectTypeDefinition;
