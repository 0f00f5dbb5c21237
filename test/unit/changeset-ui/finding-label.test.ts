import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Changeset } from '../../../shared/model/changeset';
import { findingFieldLabel } from '../../../renderer/src/features/changesets/finding-label';

/* The Validation link names the field in words, not the changeset's path to the change's slot. */

const operations: Changeset['operations'] = [
  {
    op: 'update',
    type: 'architect.flow',
    key: 'Main Menu (inbound call)',
    changes: [{ path: 'configuration', before: 'a: 1', after: 'a: 2' }],
  },
  {
    op: 'create',
    type: 'flows.datatable',
    key: 'CRM Endpoints',
    body: { name: 'CRM Endpoints', rows: [{ key: 'a' }, { key: 'b', Notes: 'x' }] },
  },
  {
    op: 'update',
    type: 'routing.queue',
    key: 'Sales',
    changes: [{ path: 'acwSettings.timeoutMs', before: 1, after: 2 }],
  },
];

describe('the field a validation finding is about', () => {
  it('reads a change slot as the field it changes', () => {
    assert.equal(findingFieldLabel('operations[0].changes[0].after', operations), 'Configuration');
    assert.equal(
      findingFieldLabel('operations[0].changes[0].before', operations),
      'Configuration (its value before)',
    );
    assert.equal(
      findingFieldLabel('operations[2].changes[0].after', operations),
      'Acw settings › Timeout ms',
    );
  });

  it('reads a created body path level by level, with item numbers', () => {
    assert.equal(findingFieldLabel('operations[1].body.rows[1].Notes', operations), 'Rows, item 2 › Notes');
    assert.equal(findingFieldLabel('operations[1].body.name', operations), 'Name');
    assert.equal(findingFieldLabel('operations[1].key', operations), 'Name');
  });

  it('keeps a path it cannot place as it is', () => {
    assert.equal(findingFieldLabel('dependencies[0]', operations), 'dependencies[0]');
    assert.equal(
      findingFieldLabel('operations[9].changes[0].after', operations),
      'operations[9].changes[0].after',
    );
  });
});
