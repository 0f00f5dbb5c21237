import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { flowImportBodySchema } from '../../../shared/promotion/engine/flow-calls';

/*
 * Attack (issue 18): who holds a flow checked out is the target's status, read live when the plan
 * is made. A changeset, snapshot or package that carries a `lockedUser` of its own (a teammate's
 * "nobody holds it", or a made-up holder) decides nothing: it neither lifts the block of a flow
 * the target has checked out, nor blocks one the target has free, nor is sent in the import.
 */

const TEXT = 'inboundCall:\n  name: Main Menu\n  description: new\n';
const OLD = 'inboundCall:\n  name: Main Menu\n  description: old\n';

function flow(text: string, extra: JsonObject = {}): JsonObject {
  return { name: 'Main Menu', type: 'INBOUNDCALL', configuration: text, ...extra };
}

function plan(current: JsonObject, desired: JsonObject) {
  return objectCalls({
    type: 'architect.flow',
    key: 'INBOUNDCALL/Main Menu',
    id: 'uat-flow-1',
    current,
    desired,
    resolveId: () => undefined,
    environment: 'uat',
  });
}

describe('attack: a forged checked-out holder in a changeset or snapshot', () => {
  it('a desired state saying nobody holds it does not lift the target’s own lock', () => {
    const outcome = plan(
      flow(OLD, { lockedUser: { name: 'Ana Ortiz' } }),
      flow(TEXT, { lockedUser: null, publishedVersion: { id: '1.0' } }),
    );
    assert.equal(outcome.kind, 'blocked');
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /checked out by Ana Ortiz in uat/);
  });

  it('a made-up holder in the desired state neither blocks a free flow nor reaches the import', () => {
    const outcome = plan(flow(OLD), flow(TEXT, { lockedUser: { name: 'Mallory', id: 'dev-user-9' } }));
    assert.equal(outcome.kind, 'calls', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'calls');
    const body = flowImportBodySchema.parse(outcome.calls[0]?.body);
    assert.ok(!JSON.stringify(outcome.calls).includes('Mallory'));
    assert.ok(!JSON.stringify(outcome.calls).includes('dev-user-9'));
    assert.match(body.configuration, /description: new/);
  });
});
