import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalizeConfiguration,
  materializeConfiguration,
} from '../../../shared/flows/flow-configuration';
import {
  configurationNames,
  resolveConfigurationValues,
} from '../../../shared/flows/flow-configuration-values';

/**
 * Issue 18 for a real org's flows: Archy's own reference shapes (`targetQueue: {lit: …}`, names
 * written as keys under `dataTable`, `commonModule`, a data action call's `category`) are found
 * by the one reference finder, so ids become names, parameters and mappings apply, and a package
 * counts the names.
 */
const flow = { type: 'INBOUNDCALL', name: 'Menu' };

const archyMenu = (queue: string[]) =>
  [
    'inboundCall:',
    '  name: Menu',
    '  actions:',
    '    - transferToAcd:',
    '        name: To support',
    '        targetQueue:',
    '          lit:',
    ...queue.map((line) => `            ${line}`),
    '    - dataTableLookup:',
    '        dataTable:',
    '          Holidays:',
    '            foundOutputs: {}',
    '    - callCommonModule:',
    '        commonModule:',
    '          Identify Caller:',
    '            ver_latestPublished: {}',
    '    - callData:',
    '        category:',
    '          Web Services:',
    '            dataAction:',
    '              Get Balance:',
    '                inputs: {}',
    '',
  ].join('\n');

describe("Archy's own reference shapes in a flow's configuration (issue 18)", () => {
  it('canonicalises `targetQueue: {lit: {id, name}}` to the current name, with no id', () => {
    const result = canonicalizeConfiguration(
      archyMenu(['id: dev-q1', 'name: Support (old name)']),
      flow,
      (type, id) => (type === 'routing.queue' && id === 'dev-q1' ? 'Support' : undefined),
    );
    assert.deepEqual(result.unresolved, []);
    assert.match(result.text, /targetQueue:\n\s+lit:\n\s+name: Support\n/);
    assert.doesNotMatch(result.text, /dev-q1|old name/);
  });

  it('resolves a `{$param}` name under targetQueue per environment, and maps a name written as a key', () => {
    const text = archyMenu(['name:', '  $param: supportQueue']);
    const values = { uat: 'Support - UAT', prod: 'Support' };
    for (const [environment, queue] of Object.entries(values)) {
      const resolved = resolveConfigurationValues(text, {
        parameter: (name) => (name === 'supportQueue' ? queue : undefined),
        mapName: (type, name) =>
          type === 'flows.datatable' && name === 'Holidays' ? `Holidays ${environment}` : undefined,
      });
      assert.match(resolved, new RegExp(`targetQueue:\\n\\s+lit:\\n\\s+name: ${queue}\\n`), environment);
      assert.match(resolved, new RegExp(`dataTable:\\n\\s+Holidays ${environment}:\\n`), environment);
    }
  });

  it("materialises the target's id into a `lit` and the target's name where Archy writes a key", () => {
    const ids: Record<string, string> = {
      'routing.queue:Support': 'uat-q1',
      'flows.datatable:Holidays UAT': 'uat-t1',
      'architect.flow:COMMONMODULE/Identify Caller': 'uat-f1',
      'integrations.action:Get Balance': 'uat-a1',
      'integrations.integration:Web Services': 'uat-i1',
    };
    const result = materializeConfiguration(
      archyMenu(['name: Support']),
      flow,
      (type, key) => ids[`${type}:${key}`],
      { mapName: (type, name) => (type === 'flows.datatable' ? `${name} UAT` : name) },
    );
    assert.deepEqual(result.unresolved, []);
    assert.match(result.text, /targetQueue:\n\s+lit:\n\s+id: uat-q1\n\s+name: Support\n/);
    assert.match(result.text, /dataTable:\n\s+Holidays UAT:\n/);
    const missing = materializeConfiguration(archyMenu(['name: Support']), flow, (type, key) =>
      type === 'integrations.action' ? undefined : (ids[`${type}:${key}`] ?? 'some-id'),
    );
    assert.deepEqual(
      missing.unresolved.map((reference) => [reference.refType, reference.name]),
      [['integrations.action', 'Get Balance']],
    );
  });

  it('counts every name of either shape for a package', () => {
    assert.deepEqual(configurationNames(archyMenu(['name: Support'])), [
      { type: 'routing.queue', name: 'Support' },
      { type: 'flows.datatable', name: 'Holidays' },
      { type: 'architect.flow', name: 'Identify Caller' },
      { type: 'integrations.action', name: 'Get Balance' },
    ]);
  });
});
