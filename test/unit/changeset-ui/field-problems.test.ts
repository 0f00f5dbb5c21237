import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  draftBlockedReason,
  numberProblem,
  problemsOfObjects,
  problemsRenamed,
  saveBlockedReason,
  withFieldProblem,
} from '../../../renderer/src/features/changesets/field-problems';

const ACW = 'After-call work time-out';

describe('number field problems name the field in words', () => {
  it('says what the number must be', () => {
    assert.equal(numberProblem(ACW, '-5', { min: 0 }), 'After-call work time-out must be 0 or more');
    assert.equal(
      numberProblem('Service level', '101', { min: 0, max: 100 }),
      'Service level must be between 0 and 100',
    );
    assert.equal(numberProblem('Rings', '5', { max: 3 }), 'Rings must be 3 or less');
    assert.equal(
      numberProblem('Alerting time-out', '1.5', { integer: true }),
      'Alerting time-out must be a whole number',
    );
    assert.equal(numberProblem('Count', '', { required: true }), 'Count is required');
    assert.equal(numberProblem('Count', '1e', {}, true), 'Count must be a number');
  });

  it('accepts what the field accepts, and empty text where empty removes the field', () => {
    assert.equal(numberProblem(ACW, '0', { min: 0 }), null);
    assert.equal(numberProblem(ACW, '45', { min: 0, integer: true }), null);
    assert.equal(numberProblem(ACW, '', { min: 0 }), null);
  });
});

describe('pending field text', () => {
  const problem = { name: ACW, message: `${ACW} must be 0 or more`, text: '-5' };

  it('keeps one problem per field, replaced by the newest and cleared when fixed', () => {
    let list = withFieldProblem([], 'queue\u0000A', 'field-acw', problem);
    list = withFieldProblem(list, 'queue\u0000A', 'field-acw', { ...problem, text: '-6' });
    assert.equal(list.length, 1);
    assert.equal(list[0]?.text, '-6');
    assert.deepEqual(withFieldProblem(list, 'queue\u0000A', 'field-acw', null), []);
  });

  it('follows its object when renamed and goes with a removed operation', () => {
    const list = withFieldProblem([], 'queue\u0000A', 'field-acw', problem);
    const renamed = problemsRenamed(list, 'queue\u0000A', 'queue\u0000B');
    assert.equal(renamed[0]?.object, 'queue\u0000B');
    assert.deepEqual(problemsOfObjects(renamed, new Set(['queue\u0000A'])), []);
    assert.equal(problemsOfObjects(renamed, new Set(['queue\u0000B'])).length, 1);
  });

  it('blocks Save with a reason naming the first field', () => {
    assert.equal(saveBlockedReason([]), null);
    const one = withFieldProblem([], 'o', 'f1', problem);
    assert.equal(
      saveBlockedReason(one),
      'Fix this field before saving: After-call work time-out must be 0 or more.',
    );
    const two = withFieldProblem(one, 'o', 'f2', { ...problem, message: 'Other must be a number' });
    assert.match(
      saveBlockedReason(two) ?? '',
      /^Fix 2 fields before saving: After-call.*\(and 1 more, listed in Validation\)\.$/,
    );
  });
});

describe('a changeset needs a title to be saved', () => {
  it('blocks Save on an empty title before anything else', () => {
    const problem = { name: ACW, message: `${ACW} must be 0 or more`, text: '-5' };
    const list = withFieldProblem([], 'o', 'f', problem);
    assert.equal(
      draftBlockedReason('  ', list),
      'Title is required: give the changeset a title before saving.',
    );
    assert.match(draftBlockedReason('Raise ACW', list) ?? '', /^Fix this field/);
    assert.equal(draftBlockedReason('Raise ACW', []), null);
  });
});
