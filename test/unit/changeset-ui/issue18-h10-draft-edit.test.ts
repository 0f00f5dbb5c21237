import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { draftEdit, keptEdit } from '../../../renderer/src/features/changesets/draft-model';

/*
 * Issue 18 point 6: an edit in a changeset's form that the type's rules refuse (here a flow
 * renamed in the form while its configuration still names the old flow) was thrown away without
 * a word. It must come back as a sentence saying what and where, and stay as the form's value.
 */

const CONFIGURATION = 'inboundCall:\n  name: Main Menu\n  startUpRef: ./menus/menu[Main]\n';
const create: ChangesetOperation = {
  op: 'create',
  type: 'architect.flow',
  key: 'INBOUNDCALL/Main Menu',
  body: { name: 'Main Menu', type: 'INBOUNDCALL', configuration: CONFIGURATION },
};

describe('an edit the draft cannot take (issue 18)', () => {
  it('takes an edit the rules accept', () => {
    const edit = draftEdit(create, undefined, {
      name: 'Main Menu',
      type: 'INBOUNDCALL',
      description: 'Front door',
    });
    assert.equal(edit.ok, true);
    assert.ok(edit.ok && edit.operation.op === 'create');
    assert.equal(
      edit.ok && edit.operation.op === 'create' ? edit.operation.body.description : undefined,
      'Front door',
    );
  });

  it('answers a refused edit with what and where, and what to do, instead of throwing', () => {
    const renamed: JsonObject = { name: 'Main Menu EMEA', type: 'INBOUNDCALL', configuration: CONFIGURATION };
    const edit = draftEdit(create, undefined, renamed);
    assert.equal(edit.ok, false);
    const problem = edit.ok ? '' : edit.problem;
    assert.match(problem, /^This edit of INBOUNDCALL\/Main Menu cannot be kept in the changeset yet: /);
    assert.match(problem, /name/i, `names the field (${problem})`);
    assert.match(
      problem,
      /Fix it in the form or the JSON view; putting the field back as it was also clears this\.$/,
    );
    // The edit is kept as the object's JSON, and the form reads it back from there.
    assert.deepEqual(keptEdit(stableStringify(renamed)), renamed);
  });

  it('has no kept edit for text that is not a JSON object', () => {
    assert.equal(keptEdit(undefined), undefined);
    assert.equal(keptEdit('{"name": "Main'), undefined);
    assert.equal(keptEdit('[1]'), undefined);
  });
});
