import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSides } from '../../../shared/diff/diff-sides';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import {
  composeMappings,
  markParameterEquality,
  parameterPairs,
  translateIndex,
  translateObject,
} from '../../../shared/parameters/compare-resolution';
import type { EnvironmentValues } from '../../../shared/parameters/parameters-file';
import type { ParameterType } from '../../../shared/parameters/parameter-types';
import { loaderOf, side } from '../diff/side-fixture';

function values(
  environment: string,
  parameters: Record<string, [ParameterType, JsonValue | undefined]>,
  mappings: Record<string, Record<string, string>> = {},
): EnvironmentValues {
  return {
    environment,
    parameters: new Map(Object.entries(parameters).map(([name, [type, value]]) => [name, { type, value }])),
    mappings: new Map(
      Object.entries(mappings).map(([type, names]) => [type, new Map(Object.entries(names))]),
    ),
  };
}

const division = (name: string) => ({ $ref: 'authorization.division', name });

describe('a compare that resolves parameters and mappings (issue 15)', () => {
  it("goes from a's name back to the changesets' name, then to b's", () => {
    const uat = values('uat', {}, { 'authorization.division': { 'Customer Care': 'UAT Care' } });
    const prod = values('prod', {}, { 'authorization.division': { 'Customer Care': 'Care' } });
    assert.deepEqual(
      [...(composeMappings(uat, prod).get('authorization.division') ?? [])],
      [['UAT Care', 'Care']],
    );
    // b keeps the changesets' name: a's name goes back to it.
    assert.deepEqual(
      [...(composeMappings(uat, values('dev', {})).get('authorization.division') ?? [])],
      [['UAT Care', 'Customer Care']],
    );
    // a keeps it: it goes forward to b's.
    assert.deepEqual(
      [...(composeMappings(values('dev', {}), prod).get('authorization.division') ?? [])],
      [['Customer Care', 'Care']],
    );
    // Nothing to translate without values (a preview side) or where both agree.
    assert.equal(composeMappings(null, null).size, 0);
    assert.equal(composeMappings(prod, prod).size, 0);
  });

  it('translates keys of mapped types and references inside objects, and reports each', () => {
    const names = composeMappings(
      values('uat', {}, { 'authorization.division': { 'Customer Care': 'UAT Care' } }),
      values('prod', {}),
    );
    const a = side({
      'authorization.division': { 'UAT Care': { value: { name: 'UAT Care' } } },
      'routing.queue': { Billing: { value: { name: 'Billing', division: division('UAT Care') } } },
    });
    const { index, originalKey, renamed } = translateIndex(a.index, names);
    assert.deepEqual([...(index.get('authorization.division')?.keys() ?? [])], ['Customer Care']);
    assert.equal(originalKey('authorization.division', 'Customer Care'), 'UAT Care');
    assert.deepEqual(renamed, [{ type: 'authorization.division', a: 'UAT Care', b: 'Customer Care' }]);
    const found: unknown[] = [];
    assert.deepEqual(
      translateObject('routing.queue', { name: 'Billing', division: division('UAT Care') }, names, (name) =>
        found.push(name),
      ),
      { name: 'Billing', division: division('Customer Care') },
    );
    assert.deepEqual(translateObject('authorization.division', { name: 'UAT Care' }, names), {
      name: 'Customer Care',
    });
    assert.deepEqual(found, [{ type: 'authorization.division', a: 'UAT Care', b: 'Customer Care' }]);
  });

  it('keeps a key whose translation a already holds, so no object is lost', () => {
    const names = composeMappings(
      values('uat', {}, { 'authorization.division': { Care: 'Old Care' } }),
      null,
    );
    const a = side({
      'authorization.division': {
        'Old Care': { value: { name: 'Old Care' } },
        Care: { value: { name: 'Care' } },
      },
    });
    assert.deepEqual(
      [...(translateIndex(a.index, names).index.get('authorization.division')?.keys() ?? [])].sort(),
      ['Care', 'Old Care'],
    );
  });

  it("a field holding each side's value of one parameter is equal as that parameter", async () => {
    const uat = values('uat', { billingNumber: ['phone', '+441130000001'], crmToken: ['secret', undefined] });
    const prod = values('prod', {
      billingNumber: ['phone', '+442079460000'],
      crmToken: ['secret', undefined],
    });
    const a = side({
      'routing.queue': {
        Billing: { value: { name: 'Billing', callingPartyNumber: '+441130000001' } },
        Sales: { value: { name: 'Sales', callingPartyNumber: '+441130000001', description: 'old' } },
        Other: { value: { name: 'Other', callingPartyNumber: '+441130000009' } },
      },
    });
    const b = side({
      'routing.queue': {
        Billing: { value: { name: 'Billing', callingPartyNumber: '+442079460000' } },
        Sales: { value: { name: 'Sales', callingPartyNumber: '+442079460000', description: 'new' } },
        Other: { value: { name: 'Other', callingPartyNumber: '+442079460000' } },
      },
    });
    const result = await diffSides(a.index, b.index, loaderOf(a, b));
    const pairs = parameterPairs(uat, prod, new Map());
    // A secret has no value here: it never makes anything equal.
    assert.deepEqual(
      pairs.map((pair) => pair.name),
      ['billingNumber'],
    );
    const uses = markParameterEquality(result, pairs, false);
    assert.deepEqual(uses, [{ name: 'billingNumber', a: '+441130000001', b: '+442079460000', fields: 2 }]);
    // Billing differed only in the parameter: gone from the list, counted unchanged.
    assert.deepEqual(
      result.objects.map((object) => [object.key, object.status]),
      [
        ['Other', 'changed'],
        ['Sales', 'changed'],
      ],
    );
    assert.equal(result.summary.totals.changed, 2);
    assert.equal(result.summary.totals.unchanged, 1);
    const sales = result.objects.find((object) => object.key === 'Sales');
    assert.deepEqual(
      sales?.changes.map((change) => [change.path, change.equalAsParameter ?? null]),
      [
        ['callingPartyNumber', 'billingNumber'],
        ['description', null],
      ],
    );
  });

  it('with unchanged objects asked for, an object equal as a parameter stays listed with why', async () => {
    const a = side({ 'routing.queue': { Billing: { value: { name: 'Billing', callingPartyName: 'UAT' } } } });
    const b = side({
      'routing.queue': { Billing: { value: { name: 'Billing', callingPartyName: 'Prod' } } },
    });
    const result = await diffSides(a.index, b.index, loaderOf(a, b));
    markParameterEquality(
      result,
      parameterPairs(
        values('uat', { callerName: ['string', 'UAT'] }),
        values('prod', { callerName: ['string', 'Prod'] }),
        new Map(),
      ),
      true,
    );
    assert.equal(result.objects[0]?.status, 'unchanged');
    assert.equal(result.objects[0]?.changes[0]?.equalAsParameter, 'callerName');
  });
});
