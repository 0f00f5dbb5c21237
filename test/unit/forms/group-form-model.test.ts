import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressAdvice,
  addresses,
  CONTACT_TYPES,
  contactType,
  GROUP_KINDS,
  readAddress,
  VISIBILITIES,
  withAddressAdded,
  withAddressField,
  withAddressRemoved,
} from '../../../renderer/src/features/changesets/forms/group-form-model';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { frozenCopy } from './form-test-support';

// As a uat snapshot of the sandbox holds "Out of Hours Cover", with a ring number added.
const group = frozenCopy({
  name: 'Out of Hours Cover',
  type: 'official',
  visibility: 'public',
  rulesVisible: true,
  rolesEnabled: false,
  includeOwners: false,
  callsEnabled: false,
  addresses: [{ address: '+443307009000', mediaType: 'PHONE', type: 'GROUPRING' }],
});

describe('group form model', () => {
  it('offers exactly the values the schema allows', () => {
    assert.deepEqual(
      GROUP_KINDS.map((choice) => choice.value),
      ['official', 'social'],
    );
    assert.deepEqual(
      VISIBILITIES.map((choice) => choice.value),
      ['public', 'owners', 'members'],
    );
    assert.deepEqual(
      CONTACT_TYPES.map((choice) => choice.value),
      ['GROUPRING', 'GROUPPHONE'],
    );
  });

  it('adds a phone contact where canonical form sorts it, and nothing for blank text', () => {
    const added = withAddressAdded(group, ' +443307001000 ', 'GROUPPHONE');
    assert.deepEqual(added.addresses, [
      { address: '+443307001000', mediaType: 'PHONE', type: 'GROUPPHONE' },
      { address: '+443307009000', mediaType: 'PHONE', type: 'GROUPRING' },
    ]);
    assert.equal(contactType(added, 0), 'GROUPPHONE');
    assert.deepEqual(checkCanonicalObject('directory.group', added), []);
    assert.equal(withAddressAdded(group, '   ', 'GROUPRING'), group);
    assert.equal(readAddress('').ok, false);
  });

  it('changes a contact in place, clears its extension, and removes the list with its last one', () => {
    const withExtension = withAddressField(group, 0, 'extension', '4411');
    assert.deepEqual(addresses(withExtension)[0], {
      address: '+443307009000',
      mediaType: 'PHONE',
      type: 'GROUPRING',
      extension: '4411',
    });
    assert.deepEqual(withAddressField(withExtension, 0, 'extension', undefined), group);
    assert.equal(Object.hasOwn(withAddressRemoved(group, 0), 'addresses'), false);
  });

  it('advises E.164 without refusing what Genesys accepts', () => {
    assert.equal(addressAdvice('+443307009000'), null);
    assert.match(addressAdvice('3174181234') ?? '', /E\.164.*compares alike/);
    assert.equal(addressAdvice({ $param: 'coverNumber' }), null);
  });
});
