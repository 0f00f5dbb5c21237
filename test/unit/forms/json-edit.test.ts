import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fieldTestId,
  getAt,
  setAt,
  textOrUndefined,
} from '../../../renderer/src/features/changesets/forms/json-edit';
import {
  referencedNames,
  sortReferences,
  withReferencedNames,
  withReferenceToggled,
  withoutElement,
} from '../../../renderer/src/features/changesets/forms/reference-list';
import { deepFreeze, frozenCopy } from './form-test-support';

describe('fieldTestId', () => {
  it('writes diff paths, quoting names that would read as syntax', () => {
    assert.equal(fieldTestId(['acwSettings', 'timeoutMs']), 'field-acwSettings.timeoutMs');
    assert.equal(
      fieldTestId(['bullseye', 'rings', 1, 'expansionCriteria', 0, 'threshold']),
      'field-bullseye.rings[1].expansionCriteria[0].threshold',
    );
    // formatDiffPath quotes only names holding path syntax; a space is plain.
    assert.equal(fieldTestId(['rows', 3, 'Phone Number']), 'field-rows[3].Phone Number');
    assert.equal(fieldTestId(['rows', 3, 'a.b']), 'field-rows[3]["a.b"]');
    assert.equal(fieldTestId(['rows', 0, 'key']), 'field-rows[0].key');
  });
});

describe('setAt', () => {
  const queue = {
    name: 'Q',
    acwSettings: { timeoutMs: 30000 },
    bullseye: { rings: [{ expansionCriteria: [{ threshold: 5, type: 'TIMEOUT_SECONDS' }] }, {}] },
    unknown: { kept: [1, 2] },
  };

  it('copies only along the path and never changes its input', () => {
    const input = frozenCopy(queue);
    const next = setAt(input, ['acwSettings', 'timeoutMs'], 45000);
    assert.equal(getAt(next, ['acwSettings', 'timeoutMs']), 45000);
    assert.equal(next.unknown, input.unknown);
    assert.equal(next.bullseye, input.bullseye);
    assert.deepEqual(input, queue);
  });

  it('creates missing objects on the way', () => {
    const next = setAt(frozenCopy(queue), ['mediaSettings', 'call', 'serviceLevel', 'percentage'], 0.8);
    assert.deepEqual(next.mediaSettings, { call: { serviceLevel: { percentage: 0.8 } } });
  });

  it('removes a cleared field and the objects it leaves empty, but not the root', () => {
    const cleared = setAt(frozenCopy(queue), ['acwSettings', 'timeoutMs'], undefined);
    assert.equal(Object.hasOwn(cleared, 'acwSettings'), false);
    assert.deepEqual(setAt(deepFreeze({ name: 'x' }), ['name'], undefined), {});
  });

  it('keeps an array element in place when its content is cleared', () => {
    const next = setAt(frozenCopy(queue), ['bullseye', 'rings', 0, 'expansionCriteria'], undefined);
    assert.deepEqual(next.bullseye, { rings: [{}, {}] });
  });

  it('keeps objects that were already empty', () => {
    const next = setAt(deepFreeze({ a: {}, b: 1 }), ['b'], undefined);
    assert.deepEqual(next, { a: {} });
  });

  it('writes a field called __proto__ as a field', () => {
    const next = setAt(deepFreeze({}), ['__proto__'], 'x');
    assert.equal(Object.getPrototypeOf(next), Object.prototype);
    assert.deepEqual(Object.keys(next), ['__proto__']);
  });

  it('refuses to invent an array element', () => {
    assert.throws(
      () => setAt(frozenCopy(queue), ['bullseye', 'rings', 5, 'x'], 1),
      /no element 5 at bullseye\.rings/,
    );
  });

  it('turns empty text into no field', () => {
    assert.equal(textOrUndefined(''), undefined);
    assert.equal(textOrUndefined(' '), ' ');
  });
});

describe('reference lists', () => {
  const ref = (name: string) => ({ $ref: 'routing.wrapupcode', name });
  const unresolved = { $ref: 'routing.wrapupcode', id: 'abc' };

  it('adds a name in sorted place and removes it again', () => {
    const list = deepFreeze([ref('Billing'), ref('Sales')]);
    const added = withReferenceToggled(list, 'routing.wrapupcode', 'Other', true);
    assert.deepEqual(referencedNames(added), ['Billing', 'Other', 'Sales']);
    assert.deepEqual(withReferenceToggled(added, 'routing.wrapupcode', 'Billing', false), [
      ref('Other'),
      ref('Sales'),
    ]);
  });

  it('sorts in code-unit order like canonicalize, unnamed elements first', () => {
    const sorted = sortReferences([ref('b'), ref('B'), unresolved, ref('a')]);
    assert.deepEqual(sorted, [unresolved, ref('B'), ref('a'), ref('b')]);
  });

  it('keeps references it cannot name until they are removed one by one', () => {
    const list = deepFreeze([unresolved, ref('A')]);
    const chosen = withReferencedNames(list, 'routing.wrapupcode', ['C', 'C']);
    assert.deepEqual(chosen, [unresolved, ref('C')]);
    assert.deepEqual(withoutElement(chosen, chosen[0] ?? null), [ref('C')]);
    assert.deepEqual(withReferencedNames(undefined, 'routing.wrapupcode', []), []);
  });
});
