import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { flowImportBodySchema } from '../../../shared/promotion/engine/flow-calls';

/*
 * Attack (issue 18): a teammate's changeset, a package or a snapshot of an odd org holds a flow
 * configuration with the source org's ids where the dialect maps none: an `id` beside a
 * reference, under a key Ferry does not know, in a list under `lit`, as a mapping key, or inside
 * an Archy expression. Every other type's JSON meets the foreign-id check (an id-shaped value the
 * target does not hold blocks the step); a flow's configuration, one string, went around it, so
 * those ids reached the target's import file as they were. Now the step is blocked, naming where;
 * the target's own ids (from references Ferry maps, or already in its configuration) still go.
 */

const DEV = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const UAT_QUEUE = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const UAT_OWN = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const targetIds: Record<string, string> = { 'routing.queue:Billing': UAT_QUEUE };

function configuration(...lines: string[]): string {
  return ['inboundCall:', '  name: Main Menu', '  settings:', ...lines, ''].join('\n');
}

function flow(text: string): JsonObject {
  return { name: 'Main Menu', type: 'INBOUNDCALL', configuration: text };
}

function plan(text: string, current: string | null = null) {
  return objectCalls({
    type: 'architect.flow',
    key: 'INBOUNDCALL/Main Menu',
    id: current === null ? null : 'uat-flow-1',
    current: current === null ? null : flow(current),
    desired: flow(text),
    resolveId: (type, key) => targetIds[`${type}:${key}`],
    environment: 'uat',
  });
}

function assertBlockedAt(text: string, where: RegExp): void {
  const outcome = plan(text);
  assert.equal(outcome.kind, 'blocked', `not blocked: ${JSON.stringify(outcome)}`);
  assert.ok(outcome.kind === 'blocked');
  assert.match(outcome.reason, where);
  assert.match(outcome.reason, /org it was read from/);
  assert.ok(!outcome.reason.includes(DEV), 'the reason names where, not the id');
}

function importedText(outcome: ReturnType<typeof plan>): string {
  assert.equal(outcome.kind, 'calls', JSON.stringify(outcome));
  assert.ok(outcome.kind === 'calls');
  const body = flowImportBodySchema.parse(outcome.calls[0]?.body);
  return body.configuration;
}

describe('attack: another org’s id outside a mapped reference in a flow configuration', () => {
  it('an id beside a reference is blocked, naming the path', () => {
    assertBlockedAt(
      configuration('    queue:', '      lit: {name: Billing}', `      id: ${DEV}`),
      /inboundCall\.settings\.queue\.id\b/,
    );
  });

  it('an id under a key Ferry does not map is blocked', () => {
    assertBlockedAt(configuration(`    queueId: ${DEV}`), /inboundCall\.settings\.queueId\b/);
  });

  it('an id in a list under lit is blocked', () => {
    assertBlockedAt(
      configuration('    queue:', '      lit:', `        - {id: ${DEV}}`),
      /inboundCall\.settings\.queue\.lit\[0\]\.id\b/,
    );
  });

  it('an id inside an Archy expression is blocked', () => {
    assertBlockedAt(
      configuration('    queue:', `      exp: FindQueueById("${DEV}")`),
      /inboundCall\.settings\.queue\.exp\b/,
    );
  });

  it('an id as a mapping key is blocked', () => {
    assertBlockedAt(configuration(`    ${DEV}: Billing`), /inboundCall\.settings\b/);
  });

  it('the target’s own ids still go: a mapped reference, and one the target configuration already holds', () => {
    const text = importedText(
      plan(
        configuration(
          '    queue:',
          '      lit: {name: Billing}',
          `    fallback: {exp: 'FindUserById("${UAT_OWN}")'}`,
        ),
        configuration(`    fallback: {exp: 'FindUserById("${UAT_OWN}")'}`),
      ),
    );
    assert.ok(text.includes(UAT_QUEUE), text);
    assert.ok(text.includes(UAT_OWN), text);
  });

  it('a reference Ferry maps, with the source id written beside its name, goes with the target id only', () => {
    const text = importedText(
      plan(configuration('    queue:', '      lit:', `        id: ${DEV}`, '        name: Billing')),
    );
    assert.ok(text.includes(UAT_QUEUE), text);
    assert.ok(!text.includes(DEV), text);
  });
});
