import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeReference, diffFlowReferences } from '../../../shared/flows/flow-references-diff';

const UAT = `inboundCall:
  name: Main Menu
  menus:
    - menu:
        name: Main menu
        choices:
          - menuTransferToAcd:
              dtmf: digit_1
              queue:
                lit:
                  name: Billing
          - menuTransferToAcd:
              dtmf: digit_2
              queue:
                lit:
                  name: Billing
  tasks:
    - task:
        name: Lookup
        actions:
          - callData:
              dataAction:
                lit:
                  name: Get Customer
          - callCommonModule:
              flow:
                lit:
                  name: Verify
                  type: COMMONMODULE
`;

describe('diffFlowReferences', () => {
  it('lists each reference only one side uses, once, by type and name', () => {
    const dev = UAT.replace('name: Get Customer', 'name: Get Customer v2').replace(
      '              dtmf: digit_2\n              queue:\n                lit:\n                  name: Billing',
      '              dtmf: digit_2\n              queue:\n                lit:\n                  name: Sales',
    );
    const diff = diffFlowReferences(UAT, dev);
    assert.deepEqual(
      diff.onlyBefore.map((reference) => describeReference(reference)),
      ['data action Get Customer'],
    );
    assert.deepEqual(
      diff.onlyAfter.map((reference) => describeReference(reference)),
      ['data action Get Customer v2', 'queue Sales'],
    );
  });

  it('tells flows apart by their type', () => {
    const dev = UAT.replace('type: COMMONMODULE', 'type: INBOUNDCALL');
    const diff = diffFlowReferences(UAT, dev);
    assert.deepEqual(diff.onlyBefore.map(describeReference), ['flow Verify (commonmodule)']);
    assert.deepEqual(diff.onlyAfter.map(describeReference), ['flow Verify (inboundcall)']);
  });

  it('lists every reference of the one side when the other is absent', () => {
    const diff = diffFlowReferences(null, UAT);
    assert.equal(diff.onlyBefore.length, 0);
    assert.deepEqual(diff.onlyAfter.map(describeReference), [
      'flow Verify (commonmodule)',
      'data action Get Customer',
      'queue Billing',
    ]);
  });

  it('finds nothing in equal texts', () => {
    assert.deepEqual(diffFlowReferences(UAT, UAT), { onlyBefore: [], onlyAfter: [] });
  });
});
