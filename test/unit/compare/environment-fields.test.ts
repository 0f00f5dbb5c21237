import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  environmentPathsFor,
  environmentFields,
  environmentFieldsFileSchema,
  isEnvironmentField,
  markEnvironmentFields,
} from '../../../shared/diff/environment-fields';
import { diffSides } from '../../../shared/diff/diff-sides';
import { queueType } from '../../../shared/model/object-types/routing-queue';
import { loaderOf, side } from '../diff/side-fixture';

describe('environment-specific fields (issue 15)', () => {
  it('a queue declares its calling number, caller name and outbound addresses', () => {
    for (const path of ['callingPartyNumber', 'callingPartyName', 'outboundEmailAddress'])
      assert.ok(queueType.environmentFields.includes(path), path);
    const fields = environmentFields(['routing.queue', 'routing.skill'], []);
    assert.ok(fields.every((field) => field.type === 'routing.queue' && field.declared));
  });

  it('matches a field, what lies inside it, and set paths; never the whole object or another type', () => {
    const fields = environmentFields(
      ['routing.queue'],
      [{ type: 'flows.datatable', path: 'rows[].endpointUrl', reason: 'each org calls its own CRM' }],
    );
    assert.equal(isEnvironmentField(fields, 'routing.queue', 'callingPartyNumber'), true);
    assert.equal(isEnvironmentField(fields, 'routing.queue', 'outboundEmailAddress.domain'), true);
    assert.equal(
      isEnvironmentField(fields, 'routing.queue', 'mediaSettings.email.allOutboundEmailAddresses'),
      true,
    );
    assert.equal(isEnvironmentField(fields, 'routing.queue', 'description'), false);
    assert.equal(isEnvironmentField(fields, 'routing.queue', ''), false);
    assert.equal(isEnvironmentField(fields, 'routing.skill', 'callingPartyNumber'), false);
    assert.equal(isEnvironmentField(fields, 'flows.datatable', 'rows[3].endpointUrl'), true);
    assert.equal(isEnvironmentField(fields, 'flows.datatable', 'rows[3].label'), false);
  });

  it('a flagged field the type already declares is listed once, as declared', () => {
    const fields = environmentFields(
      ['routing.queue'],
      [{ type: 'routing.queue', path: 'callingPartyName' }],
    );
    assert.equal(fields.filter((field) => field.path === 'callingPartyName').length, 1);
    assert.equal(fields.find((field) => field.path === 'callingPartyName')?.declared, true);
  });

  it('the workspace file is strict: unknown keys, unknown types and bad paths are refused', () => {
    assert.equal(environmentFieldsFileSchema.safeParse({ fields: [], extra: 1 }).success, false);
    assert.equal(
      environmentFieldsFileSchema.safeParse({ fields: [{ type: 'no.such', path: 'x' }] }).success,
      false,
    );
    assert.equal(
      environmentFieldsFileSchema.safeParse({ fields: [{ type: 'routing.queue', path: 'a[' }] }).success,
      false,
    );
    assert.equal(
      environmentFieldsFileSchema.safeParse({ fields: [{ type: 'routing.queue', path: 'description' }] })
        .success,
      true,
    );
  });

  it('marks changes at those fields apart and counts objects that differ only there', async () => {
    const a = side({
      'routing.queue': {
        Billing: { value: { name: 'Billing', callingPartyNumber: '+441130000001', description: 'x' } },
        Support: { value: { name: 'Support', callingPartyNumber: '+441130000002' } },
      },
    });
    const b = side({
      'routing.queue': {
        Billing: { value: { name: 'Billing', callingPartyNumber: '+442079460000', description: 'y' } },
        Support: { value: { name: 'Support', callingPartyNumber: '+442079460001' } },
      },
    });
    const result = await diffSides(a.index, b.index, loaderOf(a, b));
    const counts = markEnvironmentFields(result, environmentFields(['routing.queue'], []));
    assert.deepEqual(counts, { changes: 2, objects: 1 });
    const billing = result.objects.find((object) => object.key === 'Billing');
    assert.deepEqual(
      billing?.changes.map((change) => [change.path, change.environmentSpecific === true]),
      [
        ['callingPartyNumber', true],
        ['description', false],
      ],
    );
    // Still a difference: statuses stay.
    assert.equal(result.summary.totals.changed, 2);
  });

  it('a data table row that differs only in a flagged column counts as differing per environment', async () => {
    const table = (phone: string, label: string) => ({
      value: {
        name: 'Store Directory',
        rows: [
          { key: 'LDN01', 'Phone Number': '+44 20 7946 0000', Label: 'London' },
          { key: 'MAN01', 'Phone Number': phone, Label: label },
        ],
      },
    });
    const a = side({ 'flows.datatable': { 'Store Directory': table('+44 161 496 0000', 'Manchester') } });
    const b = side({ 'flows.datatable': { 'Store Directory': table('+44 161 496 0999', 'Manchester') } });
    const result = await diffSides(a.index, b.index, loaderOf(a, b));
    const changes = result.objects[0]?.changes ?? [];
    assert.deepEqual(
      changes.map((change) => change.kind),
      ['set-removed', 'set-added'],
    );
    // The button flags the column the row differs in, for every row.
    assert.deepEqual(
      environmentPathsFor('flows.datatable', changes[1] ?? { path: 'rows', kind: 'set-added' }, changes),
      ['rows[].Phone Number'],
    );
    const flagged = environmentFields([], [{ type: 'flows.datatable', path: 'rows[].Phone Number' }]);
    assert.deepEqual(markEnvironmentFields(result, flagged), { changes: 2, objects: 1 });

    // Another column differing too: a real difference, not marked.
    const c = side({ 'flows.datatable': { 'Store Directory': table('+44 161 496 0999', 'Salford') } });
    const other = await diffSides(a.index, c.index, loaderOf(a, c));
    assert.deepEqual(markEnvironmentFields(other, flagged), { changes: 0, objects: 0 });
  });

  it('a plain field is flagged for every element of its list', () => {
    assert.deepEqual(
      environmentPathsFor('routing.queue', { path: 'bullseye.rings[1].memberGroups', kind: 'changed' }, []),
      ['bullseye.rings[].memberGroups'],
    );
  });
});
