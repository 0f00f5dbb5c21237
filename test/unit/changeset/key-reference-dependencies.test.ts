import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingDependencies } from '../../../shared/changeset/missing-dependencies';
import { referencesInChange } from '../../../shared/changeset/object-references';
import { objectIn } from '../../../shared/changeset/object-state';
import { validateChangeset } from '../../../shared/changeset/validate-changeset';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { referencedNames } from '../../../shared/packages/package-parameters';
import { translateObject } from '../../../shared/parameters/compare-resolution';
import { resolveChangesetValues } from '../../../shared/parameters/resolve-values';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { orderSteps } from '../../../shared/promotion/engine/step-order';
import { ref, stateOf } from './changeset-fixture';

/**
 * Org-wide utilization keeps capacity per utilization label in a map keyed by the label (a
 * reference of `form: 'key'`): a label named only as a key is as much a dependency as one named
 * by `{"$ref"}`.
 */

const label = (name: string): JsonObject => ({ name });
const labelRef = (name: string): JsonObject => ref('routing.utilizationlabel', name);

/** The org's utilization as canonical form keeps it: capacity per label keyed by label name. */
function utilization(labels: Record<string, JsonObject>): JsonObject {
  return {
    labelUtilizations: labels,
    name: 'organization',
    utilization: { call: { includeNonAcd: false, maximumCapacity: 1 } },
  };
}

const target = stateOf(
  ['routing.utilizationlabel', label('VIP')],
  ['routing.utilizationlabel', label('Back Office')],
  ['routing.utilization', utilization({ VIP: { maximumCapacity: 1 } })],
);
const targetHas = (type: string, key: string) => objectIn(target, type, key) !== undefined;

const addEscalations: ChangesetOperation = {
  op: 'update',
  type: 'routing.utilization',
  key: 'organization',
  changes: [
    {
      path: 'labelUtilizations.Escalations',
      after: { interruptingLabelIds: [labelRef('VIP')], maximumCapacity: 2 },
    },
  ],
};

describe('references by map key (utilization per label)', () => {
  it('a change that adds a key, puts down the whole map, or writes below a key refers to that label', () => {
    const keysOf = (path: (string | number)[], after: JsonObject | number) =>
      referencesInChange('routing.utilization', path, after).map((found) => [found.path, found.key]);
    assert.deepEqual(keysOf(['labelUtilizations', 'Escalations'], { maximumCapacity: 2 }), [
      ['labelUtilizations.Escalations', 'Escalations'],
    ]);
    assert.deepEqual(
      keysOf(['labelUtilizations'], {
        Escalations: { maximumCapacity: 2 },
        VIP: { interruptingLabelIds: [labelRef('Back Office')], maximumCapacity: 1 },
      }),
      [
        ['labelUtilizations.Escalations', 'Escalations'],
        ['labelUtilizations.VIP', 'VIP'],
        ['labelUtilizations.VIP.interruptingLabelIds[0]', 'Back Office'],
      ],
    );
    assert.deepEqual(keysOf(['labelUtilizations', 'Escalations', 'maximumCapacity'], 3), [
      ['labelUtilizations.Escalations', 'Escalations'],
    ]);
    assert.deepEqual(
      keysOf([], utilization({ Escalations: { maximumCapacity: 2 } })).map(([, key]) => key),
      ['Escalations'],
    );
  });

  it('missingDependencies offers the label the target lacks and the changeset does not create', () => {
    const missing = missingDependencies([addEscalations], targetHas);
    assert.deepEqual(
      missing.map((entry) => [entry.type, entry.key, entry.referencedBy]),
      [
        [
          'routing.utilizationlabel',
          'Escalations',
          [
            {
              operation: 0,
              type: 'routing.utilization',
              key: 'organization',
              path: 'labelUtilizations.Escalations',
            },
          ],
        ],
      ],
    );
    const created: ChangesetOperation = {
      op: 'create',
      type: 'routing.utilizationlabel',
      key: 'Escalations',
      body: label('Escalations'),
    };
    assert.deepEqual(missingDependencies([addEscalations, created], targetHas), []);
    assert.deepEqual(
      missingDependencies([addEscalations], targetHas, [
        { type: 'routing.utilizationlabel', key: 'Escalations' },
      ]),
      [],
    );
  });

  it('validation against the target reports the missing label at the change, as an error', () => {
    const result = validateChangeset({ operations: [addEscalations] }, target);
    assert.equal(result.valid, false);
    assert.deepEqual(
      result.findings.map((finding) => [finding.severity, finding.code, finding.path]),
      [['error', 'unresolved-reference', 'operations[0].changes[0].after']],
    );
    assert.match(
      result.findings[0]?.message ?? '',
      /utilization label "Escalations", which is not in the target/,
    );
  });

  it('validation of the whole map points at the missing key inside it', () => {
    const result = validateChangeset(
      {
        operations: [
          {
            op: 'update',
            type: 'routing.utilization',
            key: 'organization',
            changes: [
              {
                path: 'labelUtilizations',
                before: { VIP: { maximumCapacity: 1 } },
                after: { Escalations: { maximumCapacity: 2 }, VIP: { maximumCapacity: 1 } },
              },
            ],
          },
        ],
      },
      target,
    );
    assert.deepEqual(
      result.findings.map((finding) => [finding.code, finding.path]),
      [['unresolved-reference', 'operations[0].changes[0].after.Escalations']],
    );
  });

  it('validation orders the label create before the utilization update that keys by it', () => {
    const result = validateChangeset(
      {
        operations: [
          addEscalations,
          { op: 'create', type: 'routing.utilizationlabel', key: 'Escalations', body: label('Escalations') },
        ],
      },
      target,
    );
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.order, [1, 0]);
  });

  it('the plan orders the label create before the utilization write', () => {
    const current = objectIn(target, 'routing.utilization', 'organization') ?? null;
    const order = orderSteps([
      {
        action: 'update',
        type: 'routing.utilization',
        key: 'organization',
        current,
        expected: utilization({ Escalations: { maximumCapacity: 2 }, VIP: { maximumCapacity: 1 } }),
      },
      {
        action: 'create',
        type: 'routing.utilizationlabel',
        key: 'Escalations',
        current: null,
        expected: label('Escalations'),
      },
    ]);
    assert.deepEqual(order.order, [1, 0]);
    assert.deepEqual(order.levels, [1, 0]);
  });

  it('the plan blocks a utilization write keyed by a label the target lacks, naming it', () => {
    const outcome = objectCalls({
      type: 'routing.utilization',
      key: 'organization',
      id: 'organization',
      current: objectIn(target, 'routing.utilization', 'organization') ?? null,
      desired: utilization({ Escalations: { maximumCapacity: 2 }, VIP: { maximumCapacity: 1 } }),
      resolveId: (type, name) => (targetHas(type, name) ? `${type}:${name}` : undefined),
    });
    assert.equal(outcome.kind, 'blocked');
    if (outcome.kind === 'blocked') assert.match(outcome.reason, /Escalations/);
  });

  describe('an environment that calls the label by another name (a mapping)', () => {
    const values = {
      environment: 'prod',
      parameters: new Map(),
      mappings: new Map([['routing.utilizationlabel', new Map([['Escalations', 'Escalation Team']])]]),
    };
    const resolve = (operations: ChangesetOperation[]) =>
      resolveChangesetValues(
        { formatVersion: 1, id: 'labels', title: 'Labels', operations } as Parameters<
          typeof resolveChangesetValues
        >[0],
        values,
      );

    it('renames the key a change adds, in its path, and says so', () => {
      const resolved = resolve([addEscalations]);
      const change = resolved.changeset.operations[0];
      assert.equal(change?.op, 'update');
      if (change?.op !== 'update') return;
      assert.equal(change.changes[0]?.path, 'labelUtilizations.Escalation Team');
      assert.deepEqual(
        resolved.sources.map((source) => [source.kind, source.at]),
        [['mapping', 'operations[0].changes[0].path']],
      );
    });

    it('renames the keys of a whole map it puts down, beside the $ref names inside it', () => {
      const resolved = resolve([
        {
          op: 'update',
          type: 'routing.utilization',
          key: 'organization',
          changes: [
            {
              path: 'labelUtilizations',
              after: {
                Escalations: { maximumCapacity: 2 },
                VIP: { interruptingLabelIds: [labelRef('Escalations')], maximumCapacity: 1 },
              },
            },
          ],
        },
      ]);
      const change = resolved.changeset.operations[0];
      if (change?.op !== 'update') return assert.fail('an update');
      assert.deepEqual(change.changes[0]?.after, {
        'Escalation Team': { maximumCapacity: 2 },
        VIP: { interruptingLabelIds: [labelRef('Escalation Team')], maximumCapacity: 1 },
      });
      assert.deepEqual(resolved.sources.map((source) => source.at).sort(), [
        'operations[0].changes[0].after.Escalations',
        'operations[0].changes[0].after.VIP.interruptingLabelIds[0]',
      ]);
    });

    it("a compare reads the other side's keys in this side's terms", () => {
      const names = new Map([['routing.utilizationlabel', new Map([['Escalations', 'Escalation Team']])]]);
      assert.deepEqual(
        translateObject('routing.utilization', utilization({ Escalations: { maximumCapacity: 2 } }), names),
        utilization({ 'Escalation Team': { maximumCapacity: 2 } }),
      );
    });

    it("a package's referenced names include the keys, so a mapping it relies on is declared", () => {
      assert.deepEqual(
        [...(referencedNames({ operations: [addEscalations] }).get('routing.utilizationlabel') ?? [])].sort(),
        ['Escalations', 'VIP'],
      );
    });
  });
});
