import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangesetOperation } from '../../shared/model/changeset';
import { matchStandardChange } from '../../shared/promotion/standard-changes/match-standard-change';
import {
  standardChangeListSchema,
  type StandardChangeTemplate,
} from '../../shared/promotion/standard-changes/standard-change';
import { wrapupCode, wrapupRef } from './changeset/changeset-fixture';

/**
 * Issue 20 attacks on standard changes: a teammate who writes the changeset tries to make a
 * riskier change pass as "add a wrap-up code to any queue" (no approvals).
 */

const [addWrapup] = standardChangeListSchema.parse([
  {
    id: 'add-queue-wrapup-code',
    name: 'Add a wrap-up code',
    allow: [
      { op: 'create', type: 'routing.wrapupcode' },
      { op: 'update', type: 'routing.queue', fields: ['wrapupCodes'], lists: 'add' },
    ],
  },
]) as [StandardChangeTemplate];

const update = (path: string, before: unknown, after: unknown, key = 'Billing'): ChangesetOperation => ({
  op: 'update',
  type: 'routing.queue',
  key,
  changes: [{ path, before, after }],
});

function applied(operations: ChangesetOperation[], templates: StandardChangeTemplate[] = [addWrapup]) {
  return matchStandardChange({ templates, operations, environment: 'prod', risk: 'low' }).applied;
}

describe('issue 20 attack: standard change fields match on path segments, not text prefixes', () => {
  it('wrapupCodes allows the wrapupCodes list itself', () => {
    assert.notEqual(
      applied([update('wrapupCodes', [wrapupRef('A')], [wrapupRef('A'), wrapupRef('B')])]),
      null,
    );
  });
  for (const path of [
    'wrapupCodesX',
    'wrapupCodes2',
    'wrapupcodes',
    'wrapupCodes ',
    'name',
    'acwSettings.wrapupPrompt',
  ]) {
    it(`a change at ${JSON.stringify(path)} is not covered by the field "wrapupCodes"`, () => {
      assert.equal(applied([update(path, undefined, [wrapupRef('B')])]), null);
    });
  }
  it('a change of the whole object (empty path) is not within a field', () => {
    const operations = [
      { op: 'update', type: 'routing.queue', key: 'Billing', changes: [{ path: '', before: {}, after: {} }] },
    ] as unknown as ChangesetOperation[];
    assert.equal(applied(operations), null);
  });
});

describe('issue 20 attack: a list "add" cannot change or remove what is there', () => {
  it('a whole-list write that adds one item and changes another is refused', () => {
    const changed = { ...wrapupRef('A'), id: 'another-id' };
    assert.equal(applied([update('wrapupCodes', [wrapupRef('A')], [changed, wrapupRef('B')])]), null);
  });
  it('a whole-list write that swaps an item for a new one (same length) is refused', () => {
    assert.equal(applied([update('wrapupCodes', [wrapupRef('A')], [wrapupRef('B')])]), null);
  });
  it('emptying the list is refused', () => {
    assert.equal(applied([update('wrapupCodes', [wrapupRef('A')], [])]), null);
  });
  it('replacing an element in place (an index with a before) is refused', () => {
    assert.equal(applied([update('wrapupCodes[0]', wrapupRef('A'), wrapupRef('B'))]), null);
  });
  it('removing an element by index is refused', () => {
    assert.equal(applied([update('wrapupCodes[0]', wrapupRef('A'), undefined)]), null);
  });
  it('changing a field below an element is refused', () => {
    assert.equal(applied([update('wrapupCodes[0].name', 'A', 'B')]), null);
  });
  it('a list field turned into something that is not a list is refused', () => {
    assert.equal(applied([update('wrapupCodes', [wrapupRef('A')], { name: 'B' })]), null);
    assert.equal(applied([update('wrapupCodes', [wrapupRef('A')], 'B')]), null);
  });
  it('inserting an element by index is an addition', () => {
    assert.notEqual(applied([update('wrapupCodes[1]', undefined, wrapupRef('B'))]), null);
  });
});

describe('issue 20 attack: a rule for one type and op covers nothing else', () => {
  it('a create allowed for wrap-up codes does not allow creating a queue, a flow or a data action', () => {
    for (const type of ['routing.queue', 'architect.flow', 'integrations.action', 'routing.wrapupcode.x']) {
      const operations = [
        { op: 'create', type, key: 'Escalated', body: wrapupCode('Escalated') },
      ] as ChangesetOperation[];
      assert.equal(applied(operations), null, type);
    }
  });
  it('an update or delete of a wrap-up code is not the create the rule allows', () => {
    const operations: ChangesetOperation[] = [
      { op: 'delete', type: 'routing.wrapupcode', key: 'Old', before: wrapupCode('Old') },
    ];
    assert.equal(applied(operations), null);
  });
  it('one allowed operation does not carry a disallowed one with it', () => {
    const operations: ChangesetOperation[] = [
      { op: 'create', type: 'routing.wrapupcode', key: 'Escalated', body: wrapupCode('Escalated') },
      update('name', 'Billing', 'Billing 2'),
    ];
    assert.equal(applied(operations), null);
  });
  it('keys are compared exactly: a rule for "Billing" does not cover "billing" or "Billing\\u200b"', () => {
    const [only] = standardChangeListSchema.parse([
      {
        id: 'billing-only',
        name: 'Billing only',
        allow: [
          { op: 'update', type: 'routing.queue', keys: ['Billing'], fields: ['wrapupCodes'], lists: 'add' },
        ],
      },
    ]) as [StandardChangeTemplate];
    const add = (key: string) => update('wrapupCodes', [], [wrapupRef('B')], key);
    assert.notEqual(applied([add('Billing')], [only]), null);
    assert.equal(applied([add('billing')], [only]), null);
    assert.equal(applied([add('Billing\u200b')], [only]), null);
    assert.equal(applied([add('Bi\u0301lling')], [only]), null);
  });
  it('a template never applies above its risk limit, whatever its rules allow', () => {
    const ops = [update('wrapupCodes', [], [wrapupRef('B')])];
    for (const risk of ['high', 'critical'] as const) {
      assert.equal(
        matchStandardChange({ templates: [addWrapup], operations: ops, environment: 'prod', risk }).applied,
        null,
      );
    }
  });
});

describe('issue 20 attack: a hand-edited list of templates', () => {
  it('duplicate template ids are refused', () => {
    const template = { id: 'same', name: 'Same', allow: [{ op: 'create', type: 'routing.wrapupcode' }] };
    const parsed = standardChangeListSchema.safeParse([template, { ...template, name: 'Other' }]);
    assert.equal(parsed.success, false);
  });
  it('a template without rules, an unknown op or extra fields is refused', () => {
    for (const template of [
      { id: 'none', name: 'None', allow: [] },
      { id: 'op', name: 'Op', allow: [{ op: 'replace', type: 'routing.queue' }] },
      {
        id: 'extra',
        name: 'Extra',
        allow: [{ op: 'create', type: 'routing.queue' }],
        approvals: 0,
        risk: 'low',
      },
      { id: 'Upper', name: 'Upper', allow: [{ op: 'create', type: 'routing.queue' }] },
      { id: 'neg', name: 'Neg', approvals: -1, allow: [{ op: 'create', type: 'routing.queue' }] },
    ]) {
      assert.equal(standardChangeListSchema.safeParse([template]).success, false, template.id);
    }
  });
  it('environments [] means every environment, as documented (an admin signs it knowingly)', () => {
    const [everywhere] = standardChangeListSchema.parse([{ ...addWrapup, environments: [] }]) as [
      StandardChangeTemplate,
    ];
    assert.notEqual(applied([update('wrapupCodes', [], [wrapupRef('B')])], [everywhere]), null);
  });
});
