import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Changeset } from '../../../shared/model/changeset';
import { referencedNames } from '../../../shared/packages/package-parameters';
import { parametersUsedBy } from '../../../shared/parameters/parameters-used';
import { resolveChangesetValues } from '../../../shared/parameters/resolve-values';
import { translateObject, type TranslatedName } from '../../../shared/parameters/compare-resolution';

/**
 * Issue 18 with issue 15: the names and parameters inside a flow's configuration text count like
 * any field's, for a package's declarations and for "is this parameter in use".
 */
const configuration = (queue: string) =>
  [
    'inboundCall:',
    '  name: Menu',
    '  actions:',
    '    - transferToAcd:',
    '        queue:',
    '          lit:',
    `            name: ${queue}`,
    '    - dataTableLookup:',
    '        dataTable:',
    '          lit:',
    '            name: Holidays',
    '',
  ].join('\n');

const changeset: Pick<Changeset, 'operations'> = {
  operations: [
    {
      op: 'create',
      type: 'architect.flow',
      key: 'INBOUNDCALL/Menu',
      body: { name: 'Menu', type: 'INBOUNDCALL', configuration: configuration('{$param: supportQueue}') },
    },
    {
      op: 'update',
      type: 'architect.flow',
      key: 'INBOUNDCALL/Other',
      changes: [
        {
          path: 'configuration',
          before: configuration('Billing - Voice').replace('name: Menu', 'name: Other'),
          after: configuration('{$param: overflowQueue}').replace('name: Menu', 'name: Other'),
        },
      ],
    },
  ],
};

describe('names and parameters inside flow configurations', () => {
  it('counts each parameter a configuration names', () => {
    assert.deepEqual(parametersUsedBy(changeset), ['overflowQueue', 'supportQueue']);
  });

  it('lists the objects a configuration names, for the mappings a package declares', () => {
    const names = referencedNames(changeset);
    assert.deepEqual([...(names.get('flows.datatable') ?? [])], ['Holidays']);
    assert.deepEqual([...(names.get('routing.queue') ?? [])], ['Billing - Voice']);
  });
});

describe('an update of a flow configuration resolved for one environment', () => {
  it('resolves the expected text (before) as the new one, so it compares with what the target holds', () => {
    const resolved = resolveChangesetValues(
      { ...changeset, operations: changeset.operations.slice(1) } as Changeset,
      {
        environment: 'prod',
        parameters: new Map([['overflowQueue', { type: 'string', value: 'Complaints - Voice' }]]),
        mappings: new Map([['routing.queue', new Map([['Billing - Voice', 'Billing Care - Voice']])]]),
      },
    );
    assert.deepEqual(resolved.problems, []);
    const [operation] = resolved.changeset.operations;
    assert.ok(operation?.op === 'update');
    assert.match(String(operation.changes[0]?.before), /name: Billing Care - Voice/);
    assert.match(String(operation.changes[0]?.after), /name: Complaints - Voice/);
    assert.deepEqual(
      resolved.sources.map((source) => [source.kind, source.at]),
      [
        ['mapping', 'operations[0].changes[0].before: inboundCall.actions[0].transferToAcd.queue.lit.name'],
        ['parameter', 'operations[0].changes[0].after: inboundCall.actions[0].transferToAcd.queue.lit.name'],
      ],
    );
  });
});

describe('a flow compared after resolving mappings', () => {
  it('reads the names inside its configuration, and its own name there, in the other side’s terms', () => {
    const heard: TranslatedName[] = [];
    const translated = translateObject(
      'architect.flow',
      { name: 'Menu', type: 'INBOUNDCALL', configuration: configuration('Billing - Voice') },
      new Map([
        ['routing.queue', new Map([['Billing - Voice', 'Billing Care - Voice']])],
        ['architect.flow', new Map([['Menu', 'Prod Menu']])],
      ]),
      (name) => heard.push(name),
    ) as Record<string, unknown>;
    assert.equal(translated.name, 'Prod Menu');
    assert.match(String(translated.configuration), /^ {2}name: Prod Menu$/m);
    assert.match(String(translated.configuration), /name: Billing Care - Voice/);
    assert.deepEqual(
      heard.map((name) => name.b),
      ['Prod Menu', 'Billing Care - Voice'],
    );
  });
});
