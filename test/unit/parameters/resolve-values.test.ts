import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Changeset } from '../../../shared/model/changeset';
import { describeValueSource, resolveChangesetValues } from '../../../shared/parameters/resolve-values';
import type { EnvironmentValues } from '../../../shared/parameters/parameters-file';
import type { ParameterType } from '../../../shared/parameters/parameter-types';

function values(
  environment: string,
  parameters: Record<string, [ParameterType, unknown]>,
  mappings: Record<string, Record<string, string>> = {},
): EnvironmentValues {
  return {
    environment,
    parameters: new Map(
      Object.entries(parameters).map(([name, [type, value]]) => [name, { type, value: value as never }]),
    ),
    mappings: new Map(
      Object.entries(mappings).map(([type, names]) => [type, new Map(Object.entries(names))]),
    ),
  };
}

const changeset: Changeset = {
  formatVersion: 1,
  id: 'resolve-me',
  title: 'Resolve me',
  description: '',
  ticket: '',
  author: 'Pat',
  createdAt: '2026-12-01T10:00:00.000Z',
  operations: [
    {
      op: 'create',
      type: 'routing.queue',
      key: 'Billing',
      body: {
        name: 'Billing',
        callingPartyNumber: { $param: 'billingNumber' },
        division: { $ref: 'authorization.division', name: 'Customer Service' },
      },
    },
    {
      op: 'update',
      type: 'authorization.division',
      key: 'Customer Service',
      changes: [{ path: 'description', before: { $param: 'oldText' }, after: { $param: 'newText' } }],
    },
  ],
  requires: [{ type: 'authorization.division', key: 'Customer Service' }],
};

describe('a changeset resolved for one environment', () => {
  const prod = values(
    'prod',
    {
      billingNumber: ['phone', '+442079460000'],
      oldText: ['string', 'Service'],
      newText: ['string', 'Care'],
    },
    { 'authorization.division': { 'Customer Service': 'Customer Care' } },
  );

  it('takes each parameter from the environment and maps names, in bodies, keys, changes and requires', () => {
    const resolved = resolveChangesetValues(changeset, prod);
    assert.deepEqual(resolved.problems, []);
    const [create, update] = resolved.changeset.operations;
    assert.ok(create?.op === 'create' && update?.op === 'update');
    assert.equal(create.body.callingPartyNumber, '+442079460000');
    assert.deepEqual(create.body.division, { $ref: 'authorization.division', name: 'Customer Care' });
    assert.equal(update.key, 'Customer Care');
    assert.deepEqual(update.changes[0], { path: 'description', before: 'Service', after: 'Care' });
    assert.deepEqual(resolved.changeset.requires, [{ type: 'authorization.division', key: 'Customer Care' }]);
  });

  it('says where each value came from', () => {
    const sources = resolveChangesetValues(changeset, prod).sources.map(describeValueSource);
    assert.ok(sources.includes('parameter billingNumber = +442079460000 for prod'));
    assert.ok(sources.some((text) => /"Customer Service" is "Customer Care" in prod/.test(text)));
  });

  it('leaves the input untouched', () => {
    const before = JSON.stringify(changeset);
    resolveChangesetValues(changeset, prod);
    assert.equal(JSON.stringify(changeset), before);
  });

  it('reports every parameter the environment lacks, with the operation that needs it', () => {
    const resolved = resolveChangesetValues(changeset, values('uat', { oldText: ['string', 'x'] }));
    assert.deepEqual(
      resolved.problems.map((problem) => [problem.parameter, problem.operation, problem.reason]),
      [
        ['billingNumber', 0, 'missing'],
        ['newText', 1, 'missing'],
      ],
    );
    assert.match(
      resolved.problems[0]?.message ?? '',
      /operation 1 \(create routing\.queue "Billing"\).*billingNumber.*uat/,
    );
    assert.match(resolved.problems[0]?.message ?? '', /ferry param set uat billingNumber/);
  });

  it('reports a value its own type refuses (a hand-edited file)', () => {
    const resolved = resolveChangesetValues(
      changeset,
      values('prod', {
        billingNumber: ['phone', '0207'],
        oldText: ['string', 'a'],
        newText: ['string', 'b'],
      }),
    );
    assert.deepEqual(
      resolved.problems.map((problem) => [problem.parameter, problem.reason]),
      [['billingNumber', 'ill-typed']],
    );
  });

  it('puts a secret in as a marker, never its value, and only when this machine holds it', () => {
    const secretOnly = values('prod', {
      billingNumber: ['secret', undefined],
      oldText: ['string', 'a'],
      newText: ['string', 'b'],
    });
    const held = resolveChangesetValues(changeset, secretOnly, new Set(['billingNumber']));
    const create = held.changeset.operations[0];
    assert.ok(create?.op === 'create');
    assert.deepEqual(create.body.callingPartyNumber, { $secret: 'billingNumber' });
    assert.deepEqual(held.secrets, ['billingNumber']);
    const [source] = held.sources;
    assert.ok(source);
    assert.equal(describeValueSource(source), 'secret parameter billingNumber of prod (value not shown)');
    const missing = resolveChangesetValues(changeset, secretOnly, new Set());
    assert.equal(missing.problems[0]?.reason, 'secret-unavailable');
  });
});
