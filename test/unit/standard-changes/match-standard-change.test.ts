import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { RiskLevel } from '../../../shared/promotion/risk/risk-policy';
import { matchStandardChange } from '../../../shared/promotion/standard-changes/match-standard-change';
import {
  standardChangeListSchema,
  type StandardChangeTemplate,
} from '../../../shared/promotion/standard-changes/standard-change';
import { wrapupCode, wrapupRef } from '../changeset/changeset-fixture';

// Parsed through the schema admins sign, so the templates are real ones.
const [wrapupTemplate, storeTemplate] = standardChangeListSchema.parse([
  {
    id: 'add-queue-wrapup-code',
    name: 'Add a wrap-up code',
    allow: [
      { op: 'create', type: 'routing.wrapupcode' },
      { op: 'update', type: 'routing.queue', fields: ['wrapupCodes'], lists: 'add' },
    ],
  },
  {
    id: 'store-directory-row',
    name: 'Update a row of the Store Directory',
    environments: ['uat', 'prod'],
    approvals: 1,
    allow: [
      { op: 'update', type: 'flows.datatable', keys: ['Store Directory'], fields: ['rows'], lists: 'change' },
    ],
  },
]) as [StandardChangeTemplate, StandardChangeTemplate];

const addCode: ChangesetOperation[] = [
  { op: 'create', type: 'routing.wrapupcode', key: 'Escalated', body: wrapupCode('Escalated') },
  {
    op: 'update',
    type: 'routing.queue',
    key: 'Billing',
    changes: [
      {
        path: 'wrapupCodes',
        before: [wrapupRef('Resolved')],
        after: [wrapupRef('Escalated'), wrapupRef('Resolved')],
      },
    ],
  },
];
const removeCode: ChangesetOperation[] = [
  {
    op: 'update',
    type: 'routing.queue',
    key: 'Billing',
    changes: [
      {
        path: 'wrapupCodes',
        before: [wrapupRef('Resolved'), wrapupRef('Old')],
        after: [wrapupRef('Escalated'), wrapupRef('Resolved')],
      },
    ],
  },
];
const rows = (...entries: [string, string][]) => entries.map(([key, phone]) => ({ key, phone }));
const tableUpdate = (table: string, before: unknown, after: unknown, path = 'rows'): ChangesetOperation => ({
  op: 'update',
  type: 'flows.datatable',
  key: table,
  changes: [{ path, before, after }],
});

function match(
  operations: readonly ChangesetOperation[],
  options: { environment?: string; risk?: RiskLevel; templates?: StandardChangeTemplate[] } = {},
) {
  return matchStandardChange({
    templates: options.templates ?? [wrapupTemplate, storeTemplate],
    operations,
    environment: options.environment ?? 'prod',
    risk: options.risk ?? 'low',
  });
}

describe('standard change matching', () => {
  it('applies "add a wrap-up code" to a changeset that creates a code and adds it to a queue', () => {
    const result = match(addCode);
    assert.deepEqual(result.applied, {
      id: 'add-queue-wrapup-code',
      name: 'Add a wrap-up code',
      approvals: 0,
    });
    assert.deepEqual(result.notApplied, []);
  });

  it('adding an element at the end of a list path counts as adding', () => {
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing',
        changes: [{ path: 'wrapupCodes[1]', after: wrapupRef('X') }],
      },
    ];
    assert.equal(match(operations).applied?.id, 'add-queue-wrapup-code');
  });

  it('refuses "add" when a wrap-up code is removed, saying which operation and why', () => {
    const result = match(removeCode);
    assert.equal(result.applied, null);
    assert.deepEqual(result.notApplied[0], {
      id: 'add-queue-wrapup-code',
      name: 'Add a wrap-up code',
      reason:
        'operation 1 changes queue "Billing" (wrapupCodes), which the template does not allow (it only allows adding items to lists, and this removes or changes items)',
    });
    const removedByIndex: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing',
        changes: [{ path: 'wrapupCodes[0]', before: wrapupRef('Old') }],
      },
    ];
    assert.equal(match(removedByIndex).applied, null);
  });

  it('refuses a change to another field of the queue', () => {
    const operations: ChangesetOperation[] = [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing',
        changes: [{ path: 'acwSettings.timeoutMs', before: 1, after: 2 }],
      },
    ];
    assert.equal(
      match(operations, { templates: [wrapupTemplate] }).notApplied[0]?.reason,
      'operation 1 changes queue "Billing" (acwSettings.timeoutMs), which the template does not allow (it allows only wrapupCodes)',
    );
  });

  it('refuses an operation no rule names, in words', () => {
    const operations: ChangesetOperation[] = [
      ...addCode,
      { op: 'delete', type: 'routing.queue', key: 'Billing', before: { name: 'Billing' } },
    ];
    assert.equal(
      match(operations, { templates: [wrapupTemplate] }).notApplied[0]?.reason,
      'operation 3 deletes queue "Billing", which the template does not allow',
    );
  });

  it('applies "change" to a Store Directory row update and refuses an added row', () => {
    const changed = tableUpdate(
      'Store Directory',
      rows(['Lagos', '01 555'], ['Accra', '02 555']),
      rows(['Lagos', '01 999'], ['Accra', '02 555']),
    );
    assert.deepEqual(match([changed]).applied, {
      id: 'store-directory-row',
      name: 'Update a row of the Store Directory',
      approvals: 1,
    });
    // A change below one row (`rows[0].phone`) changes an item already there.
    assert.equal(
      match([tableUpdate('Store Directory', '01 555', '01 999', 'rows[0].phone')]).applied?.id,
      'store-directory-row',
    );

    const added = tableUpdate(
      'Store Directory',
      rows(['Lagos', '01 555']),
      rows(['Lagos', '01 555'], ['Abuja', '09 555']),
    );
    const result = match([added]);
    assert.equal(result.applied, null);
    assert.equal(
      result.notApplied[1]?.reason,
      'operation 1 changes data table "Store Directory" (rows), which the template does not allow (it only allows changing items already in a list, and this adds or removes items)',
    );
    assert.equal(
      match([tableUpdate('Store Directory', undefined, { key: 'Abuja' }, 'rows[1]')]).applied,
      null,
    );
  });

  it('refuses another table: the rule covers only its keys', () => {
    const other = tableUpdate('Holidays', rows(['a', '1']), rows(['a', '2']));
    assert.equal(
      match([other]).notApplied[1]?.reason,
      'operation 1 changes data table "Holidays", which the template does not allow (it covers only "Store Directory")',
    );
  });

  it('refuses an environment the template does not list', () => {
    const changed = tableUpdate('Store Directory', rows(['Lagos', '1']), rows(['Lagos', '2']));
    const result = match([changed], { environment: 'dev' });
    assert.equal(result.applied, null);
    assert.equal(result.notApplied[1]?.reason, 'it is for uat and prod only, not dev');
  });

  it('refuses a risk above the template limit (medium by default)', () => {
    assert.equal(match(addCode, { risk: 'medium' }).applied?.id, 'add-queue-wrapup-code');
    const result = match(addCode, { risk: 'high' });
    assert.equal(result.applied, null);
    assert.equal(result.notApplied[0]?.reason, "the risk is high, above the template's limit of medium");
  });

  it('refuses more operations than the template allows (20 by default)', () => {
    const many: ChangesetOperation[] = Array.from({ length: 21 }, (_, index) => ({
      op: 'create',
      type: 'routing.wrapupcode',
      key: `C${index}`,
      body: wrapupCode(`C${index}`),
    }));
    assert.equal(match(many.slice(0, 20)).applied?.id, 'add-queue-wrapup-code');
    assert.equal(
      match(many).notApplied[0]?.reason,
      "the changeset has 21 operations, more than the template's limit of 20",
    );
  });

  it('the first of two applying templates wins, and the ones before it say why not', () => {
    const broad = {
      ...wrapupTemplate,
      id: 'any-queue-change',
      name: 'Any queue change',
      approvals: 2,
      allow: [
        { op: 'update' as const, type: 'routing.queue' },
        { op: 'create' as const, type: 'routing.wrapupcode' },
      ],
    };
    assert.equal(match(addCode, { templates: [wrapupTemplate, broad] }).applied?.id, 'add-queue-wrapup-code');
    const second = match(addCode, { templates: [broad, wrapupTemplate] });
    assert.deepEqual(second.applied, { id: 'any-queue-change', name: 'Any queue change', approvals: 2 });
    const third = match(removeCode, { templates: [storeTemplate, wrapupTemplate, broad] });
    assert.equal(third.applied?.id, 'any-queue-change');
    assert.deepEqual(
      third.notApplied.map((entry) => entry.id),
      ['store-directory-row', 'add-queue-wrapup-code'],
    );
  });

  it('applies nothing without templates', () => {
    assert.deepEqual(match(addCode, { templates: [] }), { applied: null, notApplied: [] });
  });
});
