import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfigurationValues } from '../../../shared/flows/flow-configuration-values';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { flowImportBodySchema } from '../../../shared/promotion/engine/flow-calls';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';

/*
 * Attack (issue 18, points 1 and 3): names Archy writes as keys, in a teammate's changeset, a
 * package or a snapshot. A key that is the source org's id, a prototype name, a name differing
 * only in case, a lit holding a name and another object's id: each is refused or given the
 * target's own id, and no source id reaches the import file. A data action call's integration
 * (`category: {<integration>: {dataAction: {<action>: …}}}`) was never checked: a call through an
 * integration the target lacks was planned as fine when an action of that name existed
 * elsewhere, and failed at the import, after earlier steps had written; a mapping of the
 * integration's name never reached the key. Now it is checked and mapped like the action.
 */

const DEV = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const UAT_QUEUE = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const ids: Record<string, string> = {
  'routing.queue:Billing': UAT_QUEUE,
  'flows.datatable:Rates': 'aaaaaaaa-3b7d-4bad-9bdd-2b0d7b3dcb6d',
  'integrations.action:Lookup': 'custom_-_bbbbbbbb-3b7d-4bad-9bdd-2b0d7b3dcb6d',
  'integrations.integration:CRM': 'dddddddd-3b7d-4bad-9bdd-2b0d7b3dcb6d',
};

function configuration(...lines: string[]): string {
  return ['inboundCall:', '  name: Main Menu', '  settings:', ...lines, ''].join('\n');
}

function plan(text: string) {
  const desired: JsonObject = { name: 'Main Menu', type: 'INBOUNDCALL', configuration: text };
  return objectCalls({
    type: 'architect.flow',
    key: 'INBOUNDCALL/Main Menu',
    id: null,
    current: null,
    desired,
    resolveId: (type, key) => ids[`${type}:${key}`],
    environment: 'uat',
  });
}

function blocked(text: string): string {
  const outcome = plan(text);
  assert.equal(outcome.kind, 'blocked', JSON.stringify(outcome));
  assert.ok(outcome.kind === 'blocked');
  return outcome.reason;
}

function imported(text: string): string {
  const outcome = plan(text);
  assert.equal(outcome.kind, 'calls', JSON.stringify(outcome));
  assert.ok(outcome.kind === 'calls');
  return flowImportBodySchema.parse(outcome.calls[0]?.body).configuration;
}

const call = (integration: string, action: string) => [
  '    category:',
  `      ${integration}:`,
  '        dataAction:',
  `          ${action}:`,
  '            inputs: {}',
];

describe('attack: names written as keys in a flow configuration (issue 18)', () => {
  it('a key that is the source org’s id is a name the target lacks, never sent', () => {
    for (const lines of [
      ['    dataTable:', `      ${DEV}:`, '        foundOutputs: {}'],
      ['    commonModule:', `      ${DEV}:`, '        ver_latestPublished: {}'],
      call('CRM', DEV),
      call('CRM', `custom_-_${DEV}`),
      call(DEV, 'Lookup'),
    ]) {
      assert.match(blocked(configuration(...lines)), /uat does not have|org it was read from/);
    }
  });

  it('prototype names, a {$param} key and a case-only difference are refused, not crashed on', () => {
    assert.match(
      blocked(configuration('    dataTable:', '      __proto__: {}')),
      /"__proto__" is not accepted/,
    );
    assert.match(blocked(configuration('    commonModule:', '      constructor: {}')), /not accepted/);
    assert.match(blocked(configuration('    dataTable:', '      toString: {}')), /"toString", which uat/);
    assert.match(blocked(configuration('    dataTable:', '      {$param: Rates}: {}')), /plain text/);
    assert.match(blocked(configuration('    dataTable:', '      rates: {}')), /"rates", which uat/);
    assert.match(blocked(configuration('    dataTable:', '      Rates: {}', '      Rates: {}')), /twice/);
  });

  it('a lit with a name and another object’s id gets the target’s id for the name', () => {
    const text = imported(configuration('    targetQueue:', `      lit: {name: Billing, id: ${DEV}}`));
    assert.ok(!text.includes(DEV));
    assert.ok(text.includes(UAT_QUEUE));
  });

  it('a data action call through an integration the target lacks is blocked, naming it', () => {
    assert.ok(imported(configuration(...call('CRM', 'Lookup'))).includes('CRM:'));
    assert.match(
      blocked(configuration(...call('Other CRM', 'Lookup'))),
      /refers to integration "Other CRM", which uat does not have/,
    );
    assert.match(blocked(configuration(...call('hasOwnProperty', 'Lookup'))), /integration "hasOwnProperty"/);
  });

  it('a mapping of the integration’s name renames its key', () => {
    const text = resolveConfigurationValues(configuration(...call('CRM Dev', 'Lookup')), {
      parameter: () => undefined,
      mapName: (type, name) =>
        type === 'integrations.integration' && name === 'CRM Dev' ? 'CRM' : undefined,
    });
    assert.match(text, /category:\n\s+CRM:\n\s+dataAction:\n\s+Lookup:/);
    assert.ok(!text.includes('CRM Dev'));
    imported(text);
  });
});
