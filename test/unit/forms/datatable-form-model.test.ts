import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  columnNameProblem,
  columns,
  convertCell,
  rowKeyProblem,
  rows,
  withCell,
  withColumnAdded,
  withColumnRemoved,
  withColumnRenamed,
  withColumnType,
  withRowAdded,
  withRowKey,
  withRowRemoved,
} from '../../../renderer/src/features/changesets/forms/datatable-form-model';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { frozenCopy } from './form-test-support';

// Trimmed from a sandbox snapshot of "Store Directory".
const table: JsonObject = {
  name: 'Store Directory',
  rows: [
    {
      City: 'Aberdeen',
      'Open Sundays': false,
      'Phone Number': '+44 1224 496000',
      'Routing Priority': 3,
      key: 'ABZ01',
    },
    {
      City: 'Belfast',
      'Open Sundays': false,
      'Phone Number': '+44 28 9649 6000',
      'Routing Priority': 2,
      key: 'BEL01',
    },
    { City: 'Leeds', 'Open Sundays': true, 'Routing Priority': 2, key: 'LDS01' },
  ],
  schema: {
    $schema: 'http://json-schema.org/draft-04/schema#',
    additionalProperties: false,
    properties: {
      City: { $id: '/properties/City', displayOrder: 1, title: 'City', type: 'string' },
      'Open Sundays': {
        $id: '/properties/Open Sundays',
        default: false,
        displayOrder: 3,
        title: 'Open Sundays',
        type: 'boolean',
      },
      'Phone Number': {
        $id: '/properties/Phone Number',
        displayOrder: 2,
        title: 'Telephone',
        type: 'string',
      },
      'Routing Priority': {
        $id: '/properties/Routing Priority',
        default: 3,
        displayOrder: 4,
        maximum: 3,
        minimum: 1,
        title: 'Routing Priority',
        type: 'integer',
      },
      key: { $id: '/properties/key', displayOrder: 0, title: 'Store Code', type: 'string' },
    },
    required: ['key', 'City'],
    type: 'object',
  },
};

function schemaProperties(value: JsonObject): JsonObject {
  return (value.schema as { properties: JsonObject }).properties;
}

describe('data table columns', () => {
  it('lists the key first, then by display order', () => {
    assert.deepEqual(
      columns(frozenCopy(table)).map((column) => column.name),
      ['key', 'City', 'Phone Number', 'Open Sundays', 'Routing Priority'],
    );
  });

  it('renames a column in the schema, in required and in every row', () => {
    const input = frozenCopy(table);
    const next = withColumnRenamed(input, 'City', 'Town');
    assert.deepEqual(schemaProperties(next).Town, {
      $id: '/properties/Town',
      displayOrder: 1,
      title: 'Town',
      type: 'string',
    });
    assert.equal(Object.hasOwn(schemaProperties(next), 'City'), false);
    assert.deepEqual((next.schema as { required: string[] }).required, ['key', 'Town']);
    assert.deepEqual(
      rows(next).map((row) => (row as JsonObject).Town),
      ['Aberdeen', 'Belfast', 'Leeds'],
    );
    assert.ok(rows(next).every((row) => !Object.hasOwn(row as JsonObject, 'City')));
    assert.deepEqual(input, table);
  });

  it('keeps a title that differs from the name, and leaves rows without the cell alone', () => {
    const next = withColumnRenamed(frozenCopy(table), 'Phone Number', 'Phone');
    assert.equal((schemaProperties(next).Phone as JsonObject).title, 'Telephone');
    assert.equal((schemaProperties(next).Phone as JsonObject).$id, '/properties/Phone');
    assert.equal(Object.hasOwn(rows(next)[2] as JsonObject, 'Phone'), false);
  });

  it('never renames the key column', () => {
    const input = frozenCopy(table);
    assert.equal(withColumnRenamed(input, 'key', 'id'), input);
  });

  it('explains names it refuses', () => {
    const input = frozenCopy(table);
    assert.equal(columnNameProblem(input, 'City', 'City'), undefined);
    assert.equal(columnNameProblem(input, 'Town', 'City'), undefined);
    assert.equal(
      columnNameProblem(input, 'Phone Number', 'City'),
      'There is already a column "Phone Number"',
    );
    assert.equal(columnNameProblem(input, 'key', 'City'), '"key" is the row key column');
    assert.equal(columnNameProblem(input, '  ', 'City'), 'A column needs a name');
    assert.equal(columnNameProblem(input, ' Town', 'City'), 'No spaces at the start or end');
  });

  it('adds a string column after the others and removes columns with their cells', () => {
    const { table: added, name } = withColumnAdded(frozenCopy(table));
    assert.equal(name, 'Column 5');
    assert.deepEqual(schemaProperties(added)[name], {
      $id: '/properties/Column 5',
      displayOrder: 5,
      title: 'Column 5',
      type: 'string',
    });
    const removed = withColumnRemoved(frozenCopy(table), 'City');
    assert.equal(Object.hasOwn(schemaProperties(removed), 'City'), false);
    assert.deepEqual((removed.schema as { required: string[] }).required, ['key']);
    assert.ok(rows(removed).every((row) => !Object.hasOwn(row as JsonObject, 'City')));
  });

  it('gives a new table the schema skeleton with its key column', () => {
    const { table: next, name } = withColumnAdded(frozenCopy({ name: 'New' }));
    assert.equal(name, 'Column 1');
    assert.deepEqual(next, {
      name: 'New',
      schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        additionalProperties: false,
        properties: {
          key: { $id: '/properties/key', displayOrder: 0, title: 'key', type: 'string' },
          'Column 1': { $id: '/properties/Column 1', displayOrder: 1, title: 'Column 1', type: 'string' },
        },
        required: ['key'],
        type: 'object',
      },
    });
  });

  it('converts cells and the default when the type changes', () => {
    const asString = withColumnType(frozenCopy(table), 'Routing Priority', 'string');
    assert.deepEqual(schemaProperties(asString)['Routing Priority'], {
      $id: '/properties/Routing Priority',
      default: '3',
      displayOrder: 4,
      title: 'Routing Priority',
      type: 'string',
    });
    assert.deepEqual(
      rows(asString).map((row) => (row as JsonObject)['Routing Priority']),
      ['3', '2', '2'],
    );
    const asBoolean = withColumnType(frozenCopy(table), 'City', 'boolean');
    assert.ok(rows(asBoolean).every((row) => !Object.hasOwn(row as JsonObject, 'City')));
  });

  it('converts single values where they carry over', () => {
    assert.equal(convertCell(' 42 ', 'integer'), 42);
    assert.equal(convertCell(2.6, 'integer'), 3);
    assert.equal(convertCell('2.5', 'number'), 2.5);
    assert.equal(convertCell('', 'number'), undefined);
    assert.equal(convertCell('abc', 'integer'), undefined);
    assert.equal(convertCell('TRUE', 'boolean'), true);
    assert.equal(convertCell(0, 'boolean'), false);
    assert.equal(convertCell('yes', 'boolean'), undefined);
    assert.equal(convertCell(false, 'string'), 'false');
    assert.equal(convertCell(null, 'string'), undefined);
  });
});

describe('data table rows', () => {
  it('adds a row in key order, filled with the defaults', () => {
    const { table: next, index } = withRowAdded(frozenCopy(table), 'BHM01');
    assert.equal(index, 2);
    assert.deepEqual(rows(next)[2], { 'Open Sundays': false, 'Routing Priority': 3, key: 'BHM01' });
    assert.deepEqual(
      rows(next).map((row) => (row as JsonObject).key),
      ['ABZ01', 'BEL01', 'BHM01', 'LDS01'],
    );
  });

  it('re-sorts when a key changes, and refuses duplicate or empty keys', () => {
    const next = withRowKey(frozenCopy(table), 0, 'ZZZ01');
    assert.deepEqual(
      rows(next).map((row) => (row as JsonObject).key),
      ['BEL01', 'LDS01', 'ZZZ01'],
    );
    assert.equal(rowKeyProblem(next, 'BEL01', 2), 'There is already a row "BEL01"');
    assert.equal(rowKeyProblem(next, 'BEL01', 0), undefined);
    assert.equal(rowKeyProblem(next, ''), 'A row needs a key');
  });

  it('sets and clears cells without touching other rows', () => {
    const input = frozenCopy(table);
    const next = withCell(input, 1, 'Phone Number', '+44 28 0000 0000');
    assert.equal((rows(next)[1] as JsonObject)['Phone Number'], '+44 28 0000 0000');
    assert.equal(rows(next)[0], rows(input)[0]);
    const cleared = withCell(input, 1, 'Phone Number', undefined);
    assert.equal(Object.hasOwn(rows(cleared)[1] as JsonObject, 'Phone Number'), false);
    assert.deepEqual(
      rows(withCell(input, 0, 'key', 'ZZZ')).map((row) => (row as JsonObject).key),
      ['BEL01', 'LDS01', 'ZZZ'],
    );
  });

  it('removes rows', () => {
    assert.deepEqual(
      rows(withRowRemoved(frozenCopy(table), 1)).map((row) => (row as JsonObject).key),
      ['ABZ01', 'LDS01'],
    );
  });
});
