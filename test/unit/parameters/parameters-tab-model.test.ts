import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { parameterTypes } from '../../../shared/parameters/parameter-types';
import type { ParameterView } from '../../../shared/parameters/parameters-view';
import {
  draftAfterSend,
  draftFrom,
  emptyDraft,
  withType,
} from '../../../renderer/src/features/parameters/parameter-draft';
import { tabAfterKey } from '../../../renderer/src/features/parameters/parameter-tabs';
import {
  editText,
  inUseRefusal,
  inUseText,
  isParameterType,
  mappingGroups,
  referenceTypeOptions,
  setByLine,
  shownValue,
  valueFieldShape,
} from '../../../renderer/src/features/parameters/parameters-model';

const phone: ParameterView = {
  name: 'billingCallingNumber',
  type: 'phone',
  value: '+442079460000',
  hasValue: true,
  setBy: 'Ada',
  setAt: '2026-12-06T10:00:00.000Z',
};
const token: ParameterView = { name: 'crmToken', type: 'secret', hasValue: true };

describe('Parameters tab model', () => {
  it('shows a secret only as whether this machine holds it, never a value', () => {
    assert.equal(shownValue(token), 'set on this machine');
    assert.equal(shownValue({ ...token, hasValue: false }), 'not set on this machine');
    // Even a view that (wrongly) carried a value for a secret is not shown or edited with it.
    assert.equal(shownValue({ ...token, value: 'hunter2' }), 'set on this machine');
    assert.equal(editText({ ...token, value: 'hunter2' }), '');
    assert.equal(shownValue(phone), '+442079460000');
  });

  it('gives each type its input and an example', () => {
    assert.equal(valueFieldShape('secret').input, 'password');
    assert.equal(valueFieldShape('boolean').input, 'boolean');
    assert.match(valueFieldShape('phone').hint, /E\.164.*\+442079460000/);
    assert.match(valueFieldShape('email').hint, /@/);
    assert.match(valueFieldShape('url').hint, /https:\/\//);
    assert.match(valueFieldShape('reference').hint, /<type>:<name>/);
    for (const type of parameterTypes) assert.equal(isParameterType(type), true);
    assert.equal(isParameterType('password'), false);
  });

  it('says who set a parameter and on which day', () => {
    assert.equal(setByLine(phone), 'Ada, 2026-12-06');
    assert.equal(setByLine({ ...phone, setBy: undefined }), '2026-12-06');
    assert.equal(setByLine({ name: 'x', type: 'string', value: 'a', hasValue: true }), '');
  });

  it('reads the in-use refusal with the changesets it names, and nothing else', () => {
    const refused = new FerryError('parameter.in-use', 'billingCallingNumber is used by 2 changesets', {
      changesets: ['video-pilot-1a2b', 'billing-3c4d', 7],
    });
    const refusal = inUseRefusal('billingCallingNumber', refused);
    assert.ok(refusal);
    assert.deepEqual(refusal.changesets, ['video-pilot-1a2b', 'billing-3c4d']);
    assert.match(inUseText(refusal, 'prod'), /video-pilot-1a2b, billing-3c4d.*prod.*unset it anyway/);
    assert.equal(inUseText(refusal, 'prod').includes('--force'), false);
    assert.equal(inUseRefusal('x', new FerryError('parameter.not-found', 'no such parameter')), null);
    assert.equal(inUseRefusal('x', new Error('boom')), null);
  });

  it('groups mappings by type, names sorted, and offers every reference type', () => {
    const groups = mappingGroups([
      { type: 'routing.skill', from: 'b', to: 'B' },
      { type: 'authorization.division', from: 'Customer Service', to: 'Customer Care' },
      { type: 'routing.skill', from: 'a', to: 'A' },
    ]);
    assert.deepEqual(
      groups.map((group) => [group.type, group.mappings.map((mapping) => mapping.from)]),
      [
        ['authorization.division', ['Customer Service']],
        ['routing.skill', ['a', 'b']],
      ],
    );
    const offered = referenceTypeOptions.map((option) => option.value);
    assert.ok(offered.includes('authorization.division'));
    assert.ok(offered.includes('architect.flow'));
  });

  it('never carries a secret’s text into a shown field, and drops it after every send', () => {
    const typed = { name: 'crmToken', type: 'secret' as const, value: 's3cret' };
    assert.equal(withType(typed, 'string').value, '');
    assert.equal(withType({ ...typed, type: 'string' }, 'secret').value, '');
    assert.equal(withType({ ...typed, type: 'string' }, 'email').value, 's3cret');
    assert.equal(withType(emptyDraft, 'boolean').value, 'true');
    assert.deepEqual(draftAfterSend(typed, false), { ...typed, value: '' });
    assert.deepEqual(draftAfterSend(typed, true), emptyDraft);
    const plain = { name: 'n', type: 'phone' as const, value: '+44 20' };
    assert.deepEqual(draftAfterSend(plain, false), plain, 'a refused plain value stays to be corrected');
    assert.deepEqual(draftFrom(token), { name: 'crmToken', type: 'secret', value: '' });
    assert.deepEqual(draftFrom(phone), { name: phone.name, type: 'phone', value: '+442079460000' });
  });

  it('moves between the Parameters and Mappings tabs with the arrow keys', () => {
    assert.equal(tabAfterKey('parameters', 'ArrowRight'), 'mappings');
    assert.equal(tabAfterKey('mappings', 'ArrowRight'), 'parameters');
    assert.equal(tabAfterKey('parameters', 'ArrowLeft'), 'mappings');
    assert.equal(tabAfterKey('parameters', 'Enter'), null);
  });
});
