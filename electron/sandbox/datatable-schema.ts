import { z } from 'zod';
import { badRequest, type GenesysErrorDetail } from './genesys-error';

/**
 * Data table schemas are draft-04 JSON Schema documents with a fixed outer shape; only the
 * `properties` vary. The sandbox stores the normalised document and checks rows against it.
 */
const propertyType = z.enum(['string', 'integer', 'number', 'boolean']);
export type DatatablePropertyType = z.infer<typeof propertyType>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export type DatatableValue = z.infer<typeof scalar>;
export type DatatableRow = Record<string, DatatableValue>;

const propertySchema = z.object({
  type: propertyType,
  title: z.string().max(255).optional(),
  default: scalar.optional(),
  displayOrder: z.number().int().min(0).optional(),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(0).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  $id: z.string().optional(),
});

export const datatableSchemaInput = z.object({
  $schema: z.string().optional(),
  type: z.literal('object').optional(),
  required: z.array(z.string()).optional(),
  properties: z.record(z.string().min(1).max(255), propertySchema),
  additionalProperties: z.boolean().optional(),
});

export interface DatatableProperty {
  $id: string;
  type: DatatablePropertyType;
  title: string;
  displayOrder: number;
  default?: DatatableValue;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface DatatableSchema {
  $schema: string;
  type: 'object';
  required: ['key'];
  properties: Record<string, DatatableProperty>;
  additionalProperties: false;
}

/** Genesys caps a data table at 50 fields including `key`. */
export const MAX_DATATABLE_FIELDS = 50;

export function normaliseDatatableSchema(input: z.infer<typeof datatableSchemaInput>): DatatableSchema {
  const names = Object.keys(input.properties);
  const key = input.properties.key;
  if (!key) {
    throw badRequest('schema.properties must contain the "key" field.', [
      { errorCode: 'missing.key', fieldName: 'schema.properties.key' },
    ]);
  }
  if (key.type !== 'string') {
    throw badRequest('schema.properties.key must have type "string".', [
      { errorCode: 'invalid.type', fieldName: 'schema.properties.key.type' },
    ]);
  }
  if (names.length > MAX_DATATABLE_FIELDS) {
    throw badRequest(`a data table may have at most ${MAX_DATATABLE_FIELDS} fields, got ${names.length}.`, [
      { errorCode: 'too.many.fields', fieldName: 'schema.properties' },
    ]);
  }
  const properties: Record<string, DatatableProperty> = {};
  names.forEach((name, index) => {
    const given = input.properties[name];
    if (!given) return;
    const property: DatatableProperty = {
      $id: `/properties/${name}`,
      type: given.type,
      title: given.title ?? name,
      displayOrder: given.displayOrder ?? index,
    };
    if (given.default !== undefined) property.default = given.default;
    if (given.minLength !== undefined) property.minLength = given.minLength;
    if (given.maxLength !== undefined) property.maxLength = given.maxLength;
    if (given.minimum !== undefined) property.minimum = given.minimum;
    if (given.maximum !== undefined) property.maximum = given.maximum;
    properties[name] = property;
  });
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    type: 'object',
    required: ['key'],
    properties,
    additionalProperties: false,
  };
}

/**
 * Genesys lets a PUT add fields to a data table but never change the type of, or drop, one that
 * rows may already hold values for.
 */
export function checkSchemaOnlyAdds(current: DatatableSchema, next: DatatableSchema): void {
  const details: GenesysErrorDetail[] = [];
  for (const [name, property] of Object.entries(current.properties)) {
    const replacement = next.properties[name];
    if (!replacement) details.push({ errorCode: 'field.removed', fieldName: `schema.properties.${name}` });
    else if (replacement.type !== property.type) {
      details.push({ errorCode: 'field.type.changed', fieldName: `schema.properties.${name}.type` });
    }
  }
  if (details.length > 0) {
    const fields = details.map((detail) => detail.fieldName).join(', ');
    throw badRequest(`Existing data table fields cannot be removed or changed: ${fields}.`, details);
  }
}

/** Checks a row against the schema; the key comes from the body or, on PUT, from the path. */
export function validateRow(schema: DatatableSchema, body: unknown, keyFromPath?: string): DatatableRow {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('A data table row must be a JSON object of field names to values.');
  }
  const row: DatatableRow = {};
  const details: GenesysErrorDetail[] = [];
  for (const [name, value] of Object.entries(body)) {
    const property = schema.properties[name];
    if (!property) {
      details.push({ errorCode: 'field.unknown', fieldName: name });
      continue;
    }
    if (!matchesType(property.type, value)) {
      details.push({ errorCode: `field.not.${property.type}`, fieldName: name });
      continue;
    }
    row[name] = value as DatatableValue;
  }
  if (keyFromPath !== undefined) {
    if (row.key !== undefined && row.key !== keyFromPath) {
      details.push({ errorCode: 'key.mismatch', fieldName: 'key' });
    }
    row.key = keyFromPath;
  }
  if (typeof row.key !== 'string' || row.key.trim() === '' || row.key.length > 256) {
    details.push({ errorCode: 'key.required', fieldName: 'key' });
  }
  if (details.length > 0) {
    const fields = details.map((detail) => `${detail.fieldName} (${detail.errorCode})`).join(', ');
    throw badRequest(`The row does not match the data table schema: ${fields}.`, details);
  }
  return row;
}

function matchesType(type: DatatablePropertyType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}
