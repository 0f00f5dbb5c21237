import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Changeset } from '../../../shared/model/changeset';
import {
  declareValues,
  describeNeeds,
  environmentNeeds,
  needsNothing,
} from '../../../shared/packages/package-parameters';
import type { ParametersView } from '../../../shared/parameters/parameters-view';
import { buildPackage, changeset, failures, target, testKey, trusted, verifyText } from './package-builder';

/** Issue 15 in packages: parameters travel by name and type, values never; the verifier holds the list honest. */

const ada = testKey('Ada');
const rita = testKey('Rita');
const keys = [trusted(ada), trusted(rita, { roles: ['approver'] })];

/** A queue whose calling number is prod's own, whose CRM token is a secret, in a mapped division. */
function parameterised(): Changeset {
  return changeset({
    id: 'billing-number-abc123',
    operations: [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Billing',
        body: {
          name: 'Billing',
          callingPartyNumber: { $param: 'billingCallingNumber' },
          description: { $param: 'crmToken' },
          division: { $ref: 'authorization.division', name: 'Customer Service' },
        },
      },
    ],
  });
}

function view(environment: string, fields: Partial<ParametersView> = {}): ParametersView {
  return { environment, parameters: [], mappings: [], ...fields };
}

const DECLARED = [
  { name: 'billingCallingNumber', type: 'phone' as const },
  { name: 'crmToken', type: 'secret' as const },
];

function check(text: string) {
  const { checks } = verifyText(text, keys, [target('uat')]);
  const found = checks.find((item) => item.check === 'parameters');
  assert.ok(found, `parameters is reported: ${checks.map((item) => item.check).join(', ')}`);
  return { found, checks };
}

describe('what a package declares, from the exporting workspace (issue 15)', () => {
  it('takes each parameter’s type from the environments that have it, and only names that are mapped', () => {
    const declared = declareValues(parameterised(), [
      view('dev', {
        parameters: [{ name: 'billingCallingNumber', type: 'phone', value: '+441130000001', hasValue: true }],
      }),
      view('prod', {
        parameters: [
          { name: 'billingCallingNumber', type: 'phone', value: '+442079460000', hasValue: true },
          { name: 'crmToken', type: 'secret', hasValue: false },
          { name: 'unused', type: 'string', value: 'x', hasValue: true },
        ],
        mappings: [
          { type: 'authorization.division', from: 'Customer Service', to: 'Customer Care' },
          { type: 'authorization.division', from: 'Sales', to: 'Revenue' },
        ],
      }),
    ]);
    assert.deepEqual(declared.problems, []);
    assert.deepEqual(declared.parameters, DECLARED);
    assert.deepEqual(declared.mappings, [{ type: 'authorization.division', names: ['Customer Service'] }]);
    // Names and types only: no value of any environment is in what the package will sign.
    assert.doesNotMatch(JSON.stringify(declared), /\+44|Customer Care/);
  });

  it('cannot declare a parameter no environment has, or one with two types', () => {
    const none = declareValues(parameterised(), [view('prod')]);
    assert.match(none.problems[0] ?? '', /billingCallingNumber is set in no environment/);
    const clash = declareValues(parameterised(), [
      view('uat', { parameters: [{ name: 'crmToken', type: 'string', value: 'x', hasValue: true }] }),
      view('prod', {
        parameters: [
          { name: 'billingCallingNumber', type: 'phone', value: '+442079460000', hasValue: true },
          { name: 'crmToken', type: 'secret', hasValue: true },
        ],
      }),
    ]);
    assert.deepEqual(clash.problems, [
      'crmToken has different types here (string in uat; secret in prod): give it one type everywhere, then export again',
    ]);
  });
});

describe('verifying the declared parameters', () => {
  it('passes a package that declares exactly what its changeset uses', () => {
    const { text } = buildPackage({
      author: ada,
      approvers: [rita],
      changeset: parameterised(),
      parameters: DECLARED,
      mappings: [{ type: 'authorization.division', names: ['Customer Service'] }],
    });
    const { found, checks } = check(text);
    assert.equal(found.passed, true, found.detail);
    assert.match(found.detail, /billingCallingNumber \(phone\), crmToken \(secret\)/);
    assert.deepEqual(failures(checks), []);
  });

  it('refuses a package whose statement leaves out a parameter its changeset uses', () => {
    const { text } = buildPackage({
      author: ada,
      approvers: [rita],
      changeset: parameterised(),
      parameters: [{ name: 'billingCallingNumber', type: 'phone' }],
    });
    const { found } = check(text);
    assert.equal(found.passed, false);
    assert.match(found.detail, /uses crmToken, which the signed statement does not declare/);
  });

  it('refuses a declared parameter the changeset does not use, and a mapped name it never refers to', () => {
    const { text } = buildPackage({
      author: ada,
      approvers: [rita],
      changeset: parameterised(),
      parameters: [...DECLARED, { name: 'supportEmail', type: 'email' }],
      mappings: [{ type: 'authorization.division', names: ['Sales'] }],
    });
    const { found } = check(text);
    assert.equal(found.passed, false);
    assert.match(found.detail, /declares supportEmail, which the changeset does not use/);
    assert.match(found.detail, /division "Sales", which the changeset does not refer to/);
  });

  it('still verifies a package made before parameters, unless its changeset uses one', () => {
    const old = buildPackage({ author: ada, approvers: [rita], parameters: 'absent' });
    assert.doesNotMatch(Buffer.from(JSON.parse(old.text).author.payload, 'base64').toString(), /parameters/);
    const { found, checks } = check(old.text);
    assert.equal(found.passed, true);
    assert.deepEqual(failures(checks), []);
    const sneaky = buildPackage({
      author: ada,
      approvers: [rita],
      changeset: parameterised(),
      parameters: 'absent',
    });
    assert.match(check(sneaky.text).found.detail, /declares no parameters/);
  });

  it('refuses a statement that carries a parameter’s value', () => {
    const { text } = buildPackage({
      author: ada,
      approvers: [rita],
      changeset: parameterised(),
      predicate: {
        parameters: [
          { name: 'billingCallingNumber', type: 'phone', value: '+442079460000' },
          { name: 'crmToken', type: 'secret' },
        ],
      },
    });
    const { checks } = verifyText(text, keys, [target('uat')]);
    const statement = checks.find((item) => item.check === 'author-statement');
    assert.equal(statement?.passed, false, JSON.stringify(checks.filter((item) => !item.passed)));
  });
});

describe('what an importing environment still needs', () => {
  it('names missing parameters, wrong types and secrets this machine lacks', () => {
    const prod = environmentNeeds(
      view('prod', { parameters: [{ name: 'crmToken', type: 'string', value: 'x', hasValue: true }] }),
      DECLARED,
      [{ type: 'authorization.division', names: ['Customer Service'] }],
    );
    assert.deepEqual(prod.missing, [{ name: 'billingCallingNumber', type: 'phone' }]);
    assert.deepEqual(prod.wrongType, [{ name: 'crmToken', type: 'secret', actual: 'string' }]);
    assert.equal(needsNothing(prod), false);
    const lines = describeNeeds(prod);
    assert.match(
      lines[0] ?? '',
      /^prod still needs: billingCallingNumber \(phone\), crmToken \(secret; it is a string there\) — set each with `ferry param set prod/,
    );
    assert.match(lines[1] ?? '', /^prod maps none of division "Customer Service"/);

    const uat = environmentNeeds(
      view('uat', {
        parameters: [
          { name: 'billingCallingNumber', type: 'phone', value: '+441130000001', hasValue: true },
          { name: 'crmToken', type: 'secret', hasValue: false },
        ],
        mappings: [{ type: 'authorization.division', from: 'Customer Service', to: 'Care' }],
      }),
      DECLARED,
      [{ type: 'authorization.division', names: ['Customer Service'] }],
    );
    assert.deepEqual(uat.secretsNotHere, ['crmToken']);
    assert.deepEqual(uat.unmapped, []);
    assert.match(describeNeeds(uat).join('\n'), /this machine does not hold the secret crmToken/);
  });
});
