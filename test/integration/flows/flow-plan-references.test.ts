import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  changesetOf,
  promotionWorld,
  stepFor,
  type PromotionWorld,
} from '../promotion/promotion-test-support';

/**
 * Issue 18 (MODEL): the plan checks the references inside a flow's configuration against the
 * target, by name, and orders a sub-flow before the flow that calls it.
 */

let world: PromotionWorld;
before(async () => {
  world = await promotionWorld();
});
after(() => world.close());

function flow(type: string, archyKey: string, name: string, actions: string): Record<string, string> {
  return { name, type, configuration: `${archyKey}:\n  name: ${name}\n${actions}` };
}

describe('a plan checks the references inside flow configurations', () => {
  it('blocks a flow whose data table uat lacks, naming it, and orders a new sub-flow before its caller', async () => {
    const caller = flow(
      'INBOUNDCALL',
      'inboundCall',
      'Ferry Plan Menu',
      [
        '  actions:',
        '    - callCommonModule:',
        '        flow:',
        '          lit:',
        '            name: Ferry Greeting',
        '            type: COMMONMODULE',
        '',
      ].join('\n'),
    );
    const greeting = flow('COMMONMODULE', 'commonModule', 'Ferry Greeting', '');
    const lookup = flow(
      'INBOUNDCALL',
      'inboundCall',
      'Ferry Lookup Menu',
      [
        '  actions:',
        '    - dataTableLookup:',
        '        dataTable:',
        '          lit:',
        '            name: Ferry Missing Table',
        '',
      ].join('\n'),
    );
    const plan = await world.engine.plan(
      changesetOf('flow-references', [
        { op: 'create', type: 'architect.flow', key: 'INBOUNDCALL/Ferry Plan Menu', body: caller },
        { op: 'create', type: 'architect.flow', key: 'COMMONMODULE/Ferry Greeting', body: greeting },
        { op: 'create', type: 'architect.flow', key: 'INBOUNDCALL/Ferry Lookup Menu', body: lookup },
      ]),
      'uat',
    );
    const blocked = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Lookup Menu');
    assert.equal(blocked.action, 'blocked');
    assert.match(
      blocked.reason ?? '',
      /flow INBOUNDCALL\/Ferry Lookup Menu refers to data table "Ferry Missing Table", which uat does not have/,
    );
    const order = (key: string) => plan.steps.findIndex((step) => step.key === key);
    assert.ok(
      order('COMMONMODULE/Ferry Greeting') < order('INBOUNDCALL/Ferry Plan Menu'),
      'the sub-flow first',
    );
    assert.equal(stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Plan Menu').action, 'create');
  });
});
