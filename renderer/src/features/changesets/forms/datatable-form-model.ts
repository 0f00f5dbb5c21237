import {
  deleteJsonField,
  isJsonObject,
  setJsonField,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import { compareCodeUnits, stableStringify } from '../../../../../shared/model/canonical/stable-stringify';
import { DATA_TABLE_ROW_KEY } from '../../../../../shared/model/object-types/flows-datatable';
import { getArray, getAt, setAt } from './json-edit';

export const COLUMN_TYPES = ['string', 'integer', 'number', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const KEY_COLUMN = DATA_TABLE_ROW_KEY;

const PROPERTIES = ['schema', 'properties'] as const;
const REQUIRED = ['schema', 'required'] as const;
const ROWS = ['rows'] as const;

export interface Column {
  name: string;
  /** As written; may be a type the form does not offer, which is then shown but not convertible. */
  type: string;
  definition: JsonObject;
}

export function columnPath(name: string) {
  return [...PROPERTIES, name] as const;
}

export function isColumnType(type: string): type is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(type);
}

function properties(table: JsonObject): JsonObject {
  const found = getAt(table, PROPERTIES);
  return isJsonObject(found) ? found : {};
}

/** The columns in the order Genesys shows them: `key` first, then by `displayOrder`, then by name. */
export function columns(table: JsonObject): Column[] {
  return Object.entries(properties(table))
    .flatMap(([name, definition]) =>
      isJsonObject(definition)
        ? [{ name, type: typeof definition.type === 'string' ? definition.type : 'string', definition }]
        : [],
    )
    .sort(
      (left, right) =>
        Number(right.name === KEY_COLUMN) - Number(left.name === KEY_COLUMN) ||
        displayOrder(left) - displayOrder(right) ||
        compareCodeUnits(left.name, right.name),
    );
}

function displayOrder(column: Column): number {
  const order = column.definition.displayOrder;
  return typeof order === 'number' ? order : Number.MAX_SAFE_INTEGER;
}

/** Why `name` cannot name a column (other than the one called `current`), or undefined if it can. */
export function columnNameProblem(table: JsonObject, name: string, current?: string): string | undefined {
  if (name.trim() === '') return 'A column needs a name';
  if (name !== name.trim()) return 'No spaces at the start or end';
  if (name === current) return undefined;
  if (name === KEY_COLUMN) return `"${KEY_COLUMN}" is the row key column`;
  if (Object.hasOwn(properties(table), name)) return `There is already a column "${name}"`;
  return undefined;
}

/**
 * The schema every Genesys data table starts from: draft-04, no extra cells, and the string
 * column `key` that identifies rows. Fields the table already has are kept.
 */
export function withSchemaSkeleton(table: JsonObject): JsonObject {
  const schema = getAt(table, ['schema']);
  const current = isJsonObject(schema) ? schema : {};
  const skeleton: JsonObject = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    additionalProperties: false,
    required: [KEY_COLUMN],
    type: 'object',
    ...current,
    properties: {
      [KEY_COLUMN]: { $id: `/properties/${KEY_COLUMN}`, displayOrder: 0, title: KEY_COLUMN, type: 'string' },
      ...properties(table),
    },
  };
  return setAt(table, ['schema'], skeleton);
}

/**
 * Adds a string column named "Column N" after the others (and the schema around it, for a new
 * table); returns the table and the name.
 */
export function withColumnAdded(current: JsonObject): { table: JsonObject; name: string } {
  const table = Object.hasOwn(properties(current), KEY_COLUMN) ? current : withSchemaSkeleton(current);
  const existing = properties(table);
  let number = Object.keys(existing).length;
  let name = `Column ${number}`;
  while (Object.hasOwn(existing, name)) {
    number += 1;
    name = `Column ${number}`;
  }
  const lastOrder = Math.max(
    -1,
    ...Object.values(existing).map((definition) =>
      isJsonObject(definition) && typeof definition.displayOrder === 'number' ? definition.displayOrder : -1,
    ),
  );
  const definition: JsonObject = {
    $id: `/properties/${name}`,
    displayOrder: lastOrder + 1,
    title: name,
    type: 'string',
  };
  return { table: setAt(table, columnPath(name), definition), name };
}

/**
 * Renames a column everywhere it is named: the schema (its `$id` follows the name, its title too
 * when the title was the name), `required`, and every row's cell.
 */
export function withColumnRenamed(table: JsonObject, from: string, to: string): JsonObject {
  if (from === to || from === KEY_COLUMN) return table;
  const definition = properties(table)[from];
  if (!isJsonObject(definition)) return table;
  const renamed: JsonObject = { ...definition, $id: `/properties/${to}` };
  if (definition.title === from) renamed.title = to;
  const nextProperties = renameField(properties(table), from, to, renamed);
  let next = setAt(table, PROPERTIES, nextProperties);
  const required = getArray(next, REQUIRED);
  if (required?.includes(from)) {
    next = setAt(
      next,
      REQUIRED,
      required.map((name) => (name === from ? to : name)),
    );
  }
  return mapRows(next, (row) =>
    Object.hasOwn(row, from) ? renameField(row, from, to, row[from] ?? null) : row,
  );
}

function renameField(object: JsonObject, from: string, to: string, value: JsonValue): JsonObject {
  const copy: JsonObject = {};
  for (const [name, field] of Object.entries(object)) {
    if (name === from) setJsonField(copy, to, value);
    else if (name !== to) setJsonField(copy, name, field);
  }
  return copy;
}

/** Removes a column from the schema and its cell from every row (the schema forbids extra cells). */
export function withColumnRemoved(table: JsonObject, name: string): JsonObject {
  if (name === KEY_COLUMN) return table;
  let next = setAt(table, columnPath(name), undefined);
  const required = getArray(next, REQUIRED);
  if (required?.includes(name)) {
    next = setAt(
      next,
      REQUIRED,
      required.filter((field) => field !== name),
    );
  }
  return mapRows(next, (row) => withoutField(row, name));
}

/**
 * Changes a column's type, converting its default and its cells where the value carries over
 * ("3" → 3, true → "true"); values that cannot be converted are removed rather than left invalid.
 * `minimum` and `maximum` only mean something for numbers and go with them.
 */
export function withColumnType(table: JsonObject, name: string, type: ColumnType): JsonObject {
  const definition = properties(table)[name];
  if (name === KEY_COLUMN || !isJsonObject(definition) || definition.type === type) return table;
  let converted: JsonObject = { ...definition, type };
  if (Object.hasOwn(definition, 'default')) {
    const value = convertCell(definition.default ?? null, type);
    converted = value === undefined ? withoutField(converted, 'default') : { ...converted, default: value };
  }
  if (type === 'string' || type === 'boolean') {
    converted = withoutField(withoutField(converted, 'minimum'), 'maximum');
  }
  const next = setAt(table, columnPath(name), converted);
  return mapRows(next, (row) => {
    if (!Object.hasOwn(row, name)) return row;
    const value = convertCell(row[name] ?? null, type);
    return value === undefined ? withoutField(row, name) : withField(row, name, value);
  });
}

/** A cell value as another column type, or undefined when it does not carry over. */
export function convertCell(value: JsonValue, type: ColumnType): JsonValue | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : undefined;
    case 'integer':
    case 'number': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : NaN;
      if (!Number.isFinite(number)) return undefined;
      return type === 'integer' ? Math.round(number) : number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
        return value.trim().toLowerCase() === 'true';
      if (value === 0 || value === 1) return value === 1;
      return undefined;
  }
}

export function rows(table: JsonObject): readonly JsonValue[] {
  return getArray(table, ROWS) ?? [];
}

export function rowKey(row: JsonValue | undefined): string | undefined {
  const key = isJsonObject(row) ? row[KEY_COLUMN] : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** Why `key` cannot be the key of a row (other than the row at `index`), or undefined if it can. */
export function rowKeyProblem(table: JsonObject, key: string, index?: number): string | undefined {
  if (key === '') return 'A row needs a key';
  const taken = rows(table).some((row, at) => at !== index && rowKey(row) === key);
  return taken ? `There is already a row "${key}"` : undefined;
}

/** Sorted as canonicalize sorts rows: by key in code-unit order, ties by their canonical text. */
export function sortRows(list: readonly JsonValue[]): JsonValue[] {
  return [...list].sort(
    (left, right) =>
      compareCodeUnits(rowKey(left) ?? '', rowKey(right) ?? '') ||
      compareCodeUnits(stableStringify(left), stableStringify(right)),
  );
}

/**
 * Adds a row with `key`, filled with the columns' defaults (and false for a boolean column
 * without one, so its checkbox shows what is stored). Returns the table and the new row's index.
 */
export function withRowAdded(table: JsonObject, key: string): { table: JsonObject; index: number } {
  const row: JsonObject = {};
  for (const column of columns(table)) {
    if (column.name === KEY_COLUMN) continue;
    const fallback = column.type === 'boolean' ? false : undefined;
    const value = Object.hasOwn(column.definition, 'default') ? column.definition.default : fallback;
    if (value !== undefined) setJsonField(row, column.name, value);
  }
  setJsonField(row, KEY_COLUMN, key);
  const sorted = sortRows([...rows(table), row]);
  return { table: setAt(table, ROWS, sorted), index: sorted.indexOf(row) };
}

export function withRowRemoved(table: JsonObject, index: number): JsonObject {
  return setAt(
    table,
    ROWS,
    rows(table).filter((_, at) => at !== index),
  );
}

/** Gives the row at `index` a new key; the rows are re-sorted, so its index may change. */
export function withRowKey(table: JsonObject, index: number, key: string): JsonObject {
  const list = [...rows(table)];
  const row = list[index];
  if (!isJsonObject(row)) return table;
  list[index] = withField(row, KEY_COLUMN, key);
  return setAt(table, ROWS, sortRows(list));
}

/** Sets one cell; undefined removes it. The key cell goes through `withRowKey`. */
export function withCell(
  table: JsonObject,
  index: number,
  column: string,
  value: JsonValue | undefined,
): JsonObject {
  if (column === KEY_COLUMN) return typeof value === 'string' ? withRowKey(table, index, value) : table;
  const row = rows(table)[index];
  if (!isJsonObject(row)) return table;
  const next = value === undefined ? withoutField(row, column) : withField(row, column, value);
  const list = [...rows(table)];
  list[index] = next;
  return setAt(table, ROWS, list);
}

function mapRows(table: JsonObject, change: (row: JsonObject) => JsonObject): JsonObject {
  const list = getArray(table, ROWS);
  if (list === undefined) return table;
  return setAt(
    table,
    ROWS,
    list.map((row) => (isJsonObject(row) ? change(row) : row)),
  );
}

function withField(object: JsonObject, name: string, value: JsonValue): JsonObject {
  const copy = { ...object };
  setJsonField(copy, name, value);
  return copy;
}

function withoutField(object: JsonObject, name: string): JsonObject {
  if (!Object.hasOwn(object, name)) return object;
  const copy = { ...object };
  deleteJsonField(copy, name);
  return copy;
}
