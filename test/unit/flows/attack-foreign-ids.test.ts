import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { materializeConfiguration } from '../../../shared/flows/flow-configuration';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';

/*
 * Attack (issue 18): a teammate's changeset, or a snapshot of a hostile org, whose flow
 * configuration carries another org's ids where Ferry does not map them. Whatever the text says,
 * no id of another org may reach the target's import file: the step is refused, naming where.
 */

const flow = { type: 'INBOUNDCALL', name: 'Main Menu' };
const targetIds: Record<string, string> = { 'routing.queue:Billing': 'uat-q1' };
const resolveId = (type: string, key: string) => targetIds[`${type}:${key}`];

function configuration(...lines: string[]): string {
  return ['inboundCall:', '  name: Main Menu', '  settings:', ...lines, ''].join('\n');
}

function refusedAt(patterns: readonly RegExp[]) {
  return (error: unknown) =>
    isFerryError(error) &&
    patterns.every((pattern) => pattern.test(error.message)) &&
    !/dev-/.test(error.message);
}

/** Materialises, and if it does not refuse, proves no source id is in the file. */
function assertNoForeignId(text: string, ...where: RegExp[]): void {
  let written: string | undefined;
  try {
    written = materializeConfiguration(text, flow, resolveId).text;
  } catch (error) {
    assert.ok(refusedAt(where)(error), `unexpected refusal: ${String(error)}`);
    return;
  }
  assert.fail(`materialised with no refusal:\n${written}`);
}

describe('attack: another org’s ids in a flow configuration never reach an import file', () => {
  it('a lit under a key Ferry does not map (user) is refused, naming the path', () => {
    assertNoForeignId(
      configuration('    user:', '      lit:', '        id: dev-u1', '        name: Bob'),
      /at inboundCall\.settings\.user\.lit\b/,
      /holds an id/,
    );
  });

  it('a reference key in another case (Queue) is refused, not passed through', () => {
    assertNoForeignId(
      configuration('    Queue:', '      lit:', '        id: dev-q1', '        name: Billing'),
      /inboundCall\.settings\.Queue\.lit/,
    );
  });

  it('a reference with a key beside lit (so not a reference by the dialect) is refused', () => {
    assertNoForeignId(
      configuration('    queue:', '      lit: {id: dev-q1, name: Billing}', '      note: hi'),
      /inboundCall\.settings\.queue\.lit/,
    );
  });

  it('a lit with an id nested deeper than its top is refused', () => {
    assertNoForeignId(configuration('    lit:', '      name: {id: dev-q9}'), /inboundCall\.settings\.lit/);
  });

  it('a reference whose lit has only an id (no name) is refused instead of becoming `lit: {}`', () => {
    assertNoForeignId(
      configuration('    queue:', '      lit:', '        id: dev-q1'),
      /at inboundCall\.settings\.queue\.lit\b/,
      /no name/,
    );
  });

  it('a reference whose name is not text is refused instead of written with no id', () => {
    assertNoForeignId(
      configuration('    queue:', '      lit:', '        id: dev-q1', '        name: 12'),
      /at inboundCall\.settings\.queue\.lit\b/,
      /no name/,
    );
  });

  it('a reference lit with keys the dialect does not have is refused', () => {
    assertNoForeignId(
      configuration('    queue:', '      lit:', '        name: Billing', '        orgId: dev-org'),
      /at inboundCall\.settings\.queue\.lit\b/,
      /"orgId"/,
    );
  });

  it('a well-formed reference still materialises with the target id only', () => {
    const result = materializeConfiguration(
      configuration('    queue:', '      lit:', '        id: dev-q1', '        name: Billing'),
      flow,
      resolveId,
    );
    assert.deepEqual(result.unresolved, []);
    assert.match(result.text, /id: uat-q1/);
    assert.doesNotMatch(result.text, /dev-/);
  });

  it('a plan blocks the flow step with the refusal instead of failing or sending the id', () => {
    const outcome = objectCalls({
      type: 'architect.flow',
      key: 'INBOUNDCALL/Main Menu',
      id: null,
      current: null,
      desired: {
        name: 'Main Menu',
        type: 'INBOUNDCALL',
        configuration: configuration('    user:', '      lit:', '        id: dev-u1', '        name: Bob'),
      },
      resolveId,
    });
    assert.equal(outcome.kind, 'blocked', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /holds an id at inboundCall\.settings\.user\.lit/);
  });
});
