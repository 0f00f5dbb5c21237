import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REFERENCE_KEYS } from '../../../shared/flows/flow-dialect';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import {
  changesetOf,
  liveObjects,
  promotionWorld,
  stepFor,
  type PromotionWorld,
} from '../promotion/promotion-test-support';

/*
 * Issue 18, point 3: the plan checks EVERY reference inside a flow against the target. One flow
 * per kind of reference the flow dialect carries (queue, skill, language, schedule group,
 * schedule, emergency group, data table, prompt, data action, another flow), each naming an
 * object uat does not have: each step is blocked, naming the reference, its kind and the target.
 * And one flow naming an object uat has of every kind: planned, nothing blocked, so the check is
 * by name against the target and not a refusal of the kind.
 */

/** A `lit` of each kind, naming `name` (a flow's also says its type). */
function literal(refKey: string, name: string): string[] {
  return [
    `    - ${refKey === 'flow' ? 'callCommonModule' : 'updateData'}:`,
    `        ${refKey}:`,
    '          lit:',
    `            name: ${JSON.stringify(name)}`,
    ...(refKey === 'flow' ? ['            type: COMMONMODULE'] : []),
  ];
}

function flowNaming(name: string, references: [refKey: string, name: string][]): ChangesetOperation {
  const configuration = [
    'inboundCall:',
    `  name: ${name}`,
    '  actions:',
    ...references.flatMap(([refKey, target]) => literal(refKey, target)),
    '',
  ].join('\n');
  return {
    op: 'create',
    type: 'architect.flow',
    key: `INBOUNDCALL/${name}`,
    body: { name, type: 'INBOUNDCALL', configuration },
  };
}

let world: PromotionWorld;
before(async () => {
  world = await promotionWorld();
});
after(() => world.close());

describe('every kind of reference inside a flow is checked against the target (issue 18)', () => {
  const kinds = Object.keys(REFERENCE_KEYS);

  it('blocks a flow for each kind the target lacks, naming the reference', async () => {
    const plan = await world.engine.plan(
      changesetOf(
        'missing-of-every-kind',
        kinds.map((refKey) => flowNaming(`Ferry Needs ${refKey}`, [[refKey, `Ferry Missing ${refKey}`]])),
      ),
      'uat',
    );
    for (const refKey of kinds) {
      const step = stepFor(plan, 'architect.flow', `INBOUNDCALL/Ferry Needs ${refKey}`);
      assert.equal(step.action, 'blocked', `${refKey}: ${step.reason ?? ''}`);
      assert.match(
        step.reason ?? '',
        new RegExp(`refers to [a-z -]+ "(COMMONMODULE/)?Ferry Missing ${refKey}", which uat does not have`),
        refKey,
      );
    }
  });

  it('plans a flow naming an object uat has of every kind', async () => {
    const types = [...new Set(Object.values(REFERENCE_KEYS))];
    const uat = await liveObjects(world.services, 'uat', types);
    const references: [string, string][] = [];
    const absent: string[] = [];
    for (const [refKey, type] of Object.entries(REFERENCE_KEYS)) {
      const keys = [...(uat.get(type)?.keys() ?? [])];
      const found =
        refKey === 'flow'
          ? keys.find((key) => key.startsWith('COMMONMODULE/'))?.slice('COMMONMODULE/'.length)
          : keys[0];
      if (found === undefined) absent.push(refKey);
      else references.push([refKey, found]);
    }
    // The seeded uat has something of each kind but, at most, common modules.
    assert.ok(absent.length <= 1 && absent.every((kind) => kind === 'flow'), absent.join(', '));
    const plan = await world.engine.plan(
      changesetOf('present-of-every-kind', [flowNaming('Ferry Uses Everything', references)]),
      'uat',
    );
    const step = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Uses Everything');
    assert.equal(step.action, 'create', step.reason);
  });
});
