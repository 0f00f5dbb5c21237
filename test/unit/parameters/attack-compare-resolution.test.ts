import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSides } from '../../../shared/diff/diff-sides';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import { markParameterEquality, parameterPairs } from '../../../shared/parameters/compare-resolution';
import type { EnvironmentValues } from '../../../shared/parameters/parameters-file';
import type { ParameterType } from '../../../shared/parameters/parameter-types';
import { loaderOf, side } from '../diff/side-fixture';

/**
 * A resolved compare marks a field equal when it holds each side's value of one parameter. A pair
 * of values that many unrelated fields hold (false and true) identifies no parameter: a uat flag
 * `recordingEnabled` false and prod's true must not make every other flag that is off in uat and on
 * in prod look "equal as recordingEnabled", and hide the objects that differ only so.
 */
function values(
  environment: string,
  parameters: Record<string, [ParameterType, JsonValue]>,
): EnvironmentValues {
  return {
    environment,
    parameters: new Map(Object.entries(parameters).map(([name, [type, value]]) => [name, { type, value }])),
    mappings: new Map(),
  };
}

describe('a resolved compare does not hide real differences (issue 15 attack)', () => {
  it('a boolean parameter does not make unrelated flags equal', async () => {
    const a = side({
      'routing.queue': {
        Billing: { value: { name: 'Billing', enableTranscription: false, skipEnabled: false } },
      },
    });
    const b = side({
      'routing.queue': {
        Billing: { value: { name: 'Billing', enableTranscription: true, skipEnabled: true } },
      },
    });
    const result = await diffSides(a.index, b.index, loaderOf(a, b));
    const pairs = parameterPairs(
      values('uat', { recordingEnabled: ['boolean', false] }),
      values('prod', { recordingEnabled: ['boolean', true] }),
      new Map(),
    );
    markParameterEquality(result, pairs, false);
    assert.deepEqual(
      result.objects.map((object) => [object.key, object.status]),
      [['Billing', 'changed']],
    );
    assert.ok(result.objects[0]?.changes.every((change) => change.equalAsParameter === undefined));
  });
});
