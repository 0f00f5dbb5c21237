import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectDiffWire } from '../../../renderer/src/features/compare/diff-model';
import {
  canMakeParameter,
  parameterCandidates,
  parameterFieldId,
  parametersMissingIn,
  parametersToBuild,
} from '../../../renderer/src/features/compare/parameter-fields-model';

const billing: ObjectDiffWire = {
  type: 'routing.queue',
  key: 'Billing',
  status: 'changed',
  ignored: 0,
  changes: [
    {
      path: 'callingPartyNumber',
      kind: 'changed',
      before: '+441130000001',
      after: '+442079460000',
      environmentSpecific: true,
    },
    {
      path: 'outboundEmailAddress',
      kind: 'changed',
      before: { domain: 'a' },
      after: { domain: 'b' },
      environmentSpecific: true,
    },
    { path: 'description', kind: 'changed', before: 'a', after: 'b' },
  ],
};
const ref = { type: billing.type, key: billing.key };
const [number, address, description] = billing.changes as [
  ObjectDiffWire['changes'][number],
  ObjectDiffWire['changes'][number],
  ObjectDiffWire['changes'][number],
];

describe('which picked fields a changeset from a compare builds as parameters (issue 15)', () => {
  it('only scalar or reference values can be a parameter, and not a change already equal as one', () => {
    assert.equal(canMakeParameter(number), true);
    assert.equal(canMakeParameter(address), false);
    assert.equal(canMakeParameter({ path: 'x', kind: 'removed', before: 'a' }), false);
    assert.equal(
      canMakeParameter({ path: 'x', kind: 'changed', before: 'a', after: 'b', equalAsParameter: 'p' }),
      false,
    );
  });

  it('environment-specific fields of a whole-object pick are offered, on by default, with a suggested name', () => {
    const candidates = parameterCandidates(
      { objects: { [`${ref.type}\u0000${ref.key}`]: ref }, fields: {} },
      [billing],
      {},
    );
    assert.deepEqual(
      candidates.map((candidate) => [candidate.path, candidate.made]),
      [['callingPartyNumber', null]],
    );
    assert.deepEqual(parametersToBuild(candidates, {}), [
      {
        type: 'routing.queue',
        key: 'Billing',
        path: 'callingPartyNumber',
        name: 'billingCallingPartyNumber',
      },
    ]);
    // Unticked, the source's value is copied as before.
    assert.deepEqual(
      parametersToBuild(candidates, { [candidates[0]?.id ?? '']: { on: false, name: 'x' } }),
      [],
    );
  });

  it('a field made a parameter from the compare is always built as it, even when not environment-specific', () => {
    const made = {
      [parameterFieldId({ ...ref, path: 'description' })]: {
        ...ref,
        path: 'description',
        name: 'billingText',
      },
    };
    const candidates = parameterCandidates(
      {
        objects: {},
        fields: { [`${ref.type}\u0000${ref.key}`]: { ...ref, changes: { one: description } } },
      },
      [billing],
      made,
    );
    assert.deepEqual(
      candidates.map((candidate) => [candidate.path, candidate.made]),
      [['description', 'billingText']],
    );
    const fields = parametersToBuild(candidates, {});
    assert.deepEqual(parametersMissingIn(fields, ['billingText']), []);
    assert.deepEqual(parametersMissingIn(fields, ['other']), ['billingText']);
  });
});
