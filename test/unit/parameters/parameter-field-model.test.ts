import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { parameterNameProblem } from '../../../shared/parameters/parameter-name';
import { plainWriter } from '../../../renderer/src/features/changesets/forms/parameter-field-model';
import {
  camelName,
  offersParameter,
  parameterAt,
  parameterNameInputProblem,
  suggestParameterName,
  withParameter,
  withPlainValue,
} from '../../../renderer/src/features/changesets/forms/parameter-field-model';
import {
  ringTimeout,
  ringTimeoutPath,
  withRingTimeout,
} from '../../../renderer/src/features/changesets/forms/queue-form-model';
import { describeUnnamed } from '../../../renderer/src/features/changesets/forms/reference-list';
import { withCell } from '../../../renderer/src/features/changesets/forms/datatable-form-model';
import { frozenCopy } from '../forms/form-test-support';

const queue = frozenCopy({
  name: 'Billing Chat',
  acwSettings: { wrapupPrompt: 'OPTIONAL', timeoutMs: 30000 },
  mediaSettings: { call: { alertingTimeoutSeconds: 8 } },
  bullseye: { rings: [{ expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 10 }] }, {}] },
});

describe('"Make this a parameter" in the changeset form', () => {
  it('turns a field into {"$param": name} and back into a plain, empty field', () => {
    const path = ['acwSettings', 'timeoutMs'] as const;
    const made = withParameter(plainWriter(queue, path), 'billingAcwTimeoutMs');
    assert.deepEqual(made.acwSettings, {
      wrapupPrompt: 'OPTIONAL',
      timeoutMs: { $param: 'billingAcwTimeoutMs' },
    });
    assert.equal(parameterAt(made, path), 'billingAcwTimeoutMs');
    assert.equal(parameterAt(queue, path), undefined);
    const plain = withPlainValue(plainWriter(made, path));
    assert.deepEqual(plain.acwSettings, { wrapupPrompt: 'OPTIONAL' });
    // The changeset check accepts the parameter where it refuses text.
    assert.deepEqual(checkCanonicalObject('routing.queue', made), []);
  });

  it('makes a ring’s time-out a parameter through the ring’s own writer, and the first ring only', () => {
    const made = withRingTimeout(queue, 1, { $param: 'ring2Timeout' });
    assert.equal(parameterAt(made, ringTimeoutPath(1)), 'ring2Timeout');
    assert.equal(ringTimeout(made, 1), undefined, 'the number field shows nothing for a parameter');
    assert.equal(ringTimeout(made, 0), 10);
    assert.deepEqual(withRingTimeout(made, 1, undefined).bullseye, queue.bullseye);
  });

  it('makes a data table cell a parameter, keeping the row', () => {
    const table = frozenCopy({ name: 'Numbers', rows: [{ key: 'billing', Phone: '+441234' }] });
    const made = withParameter((next) => withCell(table, 0, 'Phone', next), 'billingPhone');
    assert.deepEqual(made.rows, [{ key: 'billing', Phone: { $param: 'billingPhone' } }]);
  });

  it('suggests a valid name from the object and the field', () => {
    assert.equal(
      suggestParameterName(queue, ['mediaSettings', 'call', 'alertingTimeoutSeconds']),
      'billingChatCallAlertingTimeoutSeconds',
    );
    assert.equal(
      suggestParameterName(queue, ['acwSettings', 'timeoutMs']),
      'billingChatAcwSettingsTimeoutMs',
    );
    assert.equal(
      suggestParameterName(
        { name: 'Numbers' } as JsonObject,
        ['rows', 0, 'Phone Number'],
        ['billing', 'Phone Number'],
      ),
      'numbersBillingPhoneNumber',
    );
    assert.equal(camelName(['2024 budget', 'calling-party number']), 'budgetCallingPartyNumber');
    assert.equal(camelName(['!!!']), 'value');
    assert.equal(camelName(['x'.repeat(100)]).length, 64);
    for (const words of [['Customer Care £'], ['9 lives', 'é'], ['a', 'b_c']])
      assert.equal(parameterNameProblem(camelName(words)), null, words.join());
  });

  it('validates the name with the shared rule, and never offers the natural key', () => {
    assert.equal(parameterNameInputProblem('billingCallingNumber'), null);
    assert.equal(parameterNameInputProblem('  '), 'Name the parameter');
    assert.match(
      parameterNameInputProblem('billing.number') ?? '',
      /^Not a parameter name: .*letters, digits and _/,
    );
    assert.match(parameterNameInputProblem('9lives') ?? '', /starts with a letter/);
    assert.equal(offersParameter(['name'], 'name'), false);
    assert.equal(offersParameter(['description'], 'name'), true);
    assert.equal(offersParameter(['rows', 0, 'name'], 'name'), true);
  });

  it('names a parameter in a list of references as a parameter, not an unresolved reference', () => {
    assert.equal(describeUnnamed({ $param: 'resolvedCode' }), 'parameter resolvedCode');
    assert.equal(describeUnnamed({ $ref: 'routing.skill', id: 'abc' }), 'Unresolved reference (id abc)');
  });
});
