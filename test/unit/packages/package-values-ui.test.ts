import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  declaredParametersText,
  importNeedsLines,
} from '../../../renderer/src/features/packages/package-values';

describe('the Packages page on parameters (issue 15)', () => {
  it('lists a package’s parameters by name and type; nothing for a package made before them', () => {
    assert.equal(
      declaredParametersText([
        { name: 'billingCallingNumber', type: 'phone' },
        { name: 'crmToken', type: 'secret' },
      ]),
      'billingCallingNumber (phone), crmToken (secret)',
    );
    assert.equal(declaredParametersText([]), 'none');
    assert.equal(declaredParametersText(undefined), null);
  });

  it('says after an import what each environment here still needs', () => {
    const lines = importNeedsLines([
      {
        environment: 'prod',
        missing: [{ name: 'billingCallingNumber', type: 'phone' }],
        wrongType: [{ name: 'crmToken', type: 'secret', actual: 'string' }],
        secretsNotHere: [],
        unmapped: [{ type: 'authorization.division', name: 'Customer Service' }],
      },
      { environment: 'uat', missing: [], wrongType: [], secretsNotHere: ['crmToken'], unmapped: [] },
      { environment: 'dev', missing: [], wrongType: [], secretsNotHere: [], unmapped: [] },
    ]);
    assert.deepEqual(lines, [
      {
        environment: 'prod',
        ready: false,
        text: 'still needs billingCallingNumber (phone), crmToken (secret; it is a string there): set them on its Parameters tab; maps none of division "Customer Service" (fine if it has objects of those names).',
      },
      { environment: 'uat', ready: false, text: 'this machine lacks the secret crmToken.' },
      { environment: 'dev', ready: true, text: 'has every value it needs' },
    ]);
  });
});
