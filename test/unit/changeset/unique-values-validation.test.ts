import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChangeset, type ValidationFinding } from '../../../shared/changeset/validate-changeset';
import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import { division, divisionRef, ref, stateOf } from './changeset-fixture';

/** A canonical IVR answering `dnis`, in the Home division, on the Weekdays schedule group. */
function ivr(name: string, dnis: JsonValue[], fields: Record<string, JsonValue> = {}): JsonObject {
  return {
    division: divisionRef('Home'),
    dnis,
    name,
    openHoursFlow: ref('architect.flow', 'Main Menu'),
    scheduleGroup: ref('architect.schedulegroup', 'Weekdays'),
    ...fields,
  };
}

const MAIN = '+443306000001';
const SPARE = '+443306000009';

const target = stateOf(
  ['authorization.division', division('Home')],
  ['architect.schedulegroup', { division: divisionRef('Home'), name: 'Weekdays' }],
  ['architect.flow', { name: 'Main Menu', type: 'INBOUNDCALL' }],
  ['architect.ivr', ivr('Main Line', [MAIN, '+443306000002'])],
  ['architect.ivr', ivr('Support Line', ['+443306000003'])],
);

function clashes(
  changeset: Pick<Changeset, 'operations'>,
  against: typeof target | null,
): ValidationFinding[] {
  return validateChangeset(changeset, against).findings.filter(
    (finding) => finding.code === 'unique-value-clash',
  );
}

describe('changeset validation: values only one object may hold (IVR DNIS)', () => {
  it('two IVRs the changeset creates with one number: an error at the second, pointing at the number', () => {
    const result = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [SPARE]) },
          {
            op: 'create',
            type: 'architect.ivr',
            key: 'Billing',
            body: ivr('Billing', ['+443306000008', SPARE]),
          },
        ],
      },
      null,
    );
    const found = result.findings.filter((finding) => finding.code === 'unique-value-clash');
    assert.deepEqual(
      found.map((finding) => [finding.severity, finding.operation, finding.path]),
      [['error', 1, 'operations[1].body.dnis[1]']],
    );
    assert.equal(result.valid, false);
    assert.match(
      found[0]?.message ?? '',
      /\+443306000009 \(dnis\) is also given to ivr "Sales" by operation 1/,
    );
    assert.match(found[0]?.hint ?? '', /operations 1 and 2/);
  });

  it('an update that writes the number another operation gives: the change is pointed at', () => {
    const found = clashes(
      {
        operations: [
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [SPARE]) },
          {
            op: 'update',
            type: 'architect.ivr',
            key: 'Support Line',
            changes: [
              { path: 'description', after: 'Second line' },
              { path: 'dnis[0]', before: '+443306000003', after: SPARE },
            ],
          },
        ],
      },
      null,
    );
    assert.deepEqual(
      found.map((finding) => [finding.operation, finding.path]),
      [[1, 'operations[1].changes[1].after']],
    );
  });

  it('a whole dnis list in an update counts element by element', () => {
    const found = clashes(
      {
        operations: [
          {
            op: 'update',
            type: 'architect.ivr',
            key: 'Support Line',
            changes: [{ path: 'dnis', before: ['+443306000003'], after: ['+443306000003', SPARE] }],
          },
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [SPARE]) },
        ],
      },
      null,
    );
    assert.deepEqual(
      found.map((finding) => [finding.operation, finding.path]),
      [[1, 'operations[1].body.dnis[0]']],
    );
  });

  it('one parameter for the number of two IVRs lands the same value on both', () => {
    const found = clashes(
      {
        operations: [
          {
            op: 'create',
            type: 'architect.ivr',
            key: 'Sales',
            body: ivr('Sales', [{ $param: 'salesNumber' }]),
          },
          {
            op: 'create',
            type: 'architect.ivr',
            key: 'Billing',
            body: ivr('Billing', [{ $param: 'salesNumber' }]),
          },
        ],
      },
      null,
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /the value of parameter salesNumber/);
  });

  it('different numbers are no clash', () => {
    assert.deepEqual(
      clashes(
        {
          operations: [
            { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [SPARE]) },
            { op: 'create', type: 'architect.ivr', key: 'Billing', body: ivr('Billing', ['+443306000008']) },
          ],
        },
        target,
      ),
      [],
    );
  });

  it("against a target: a number another IVR of the target's snapshot keeps", () => {
    const result = validateChangeset(
      { operations: [{ op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [MAIN]) }] },
      target,
    );
    assert.deepEqual(
      result.findings.map((finding) => [finding.severity, finding.code, finding.operation, finding.path]),
      [['error', 'unique-value-clash', 0, 'operations[0].body.dnis[0]']],
    );
    assert.match(
      result.findings[0]?.message ?? '',
      /\+443306000001 \(dnis\) is held by ivr "Main Line" in the target's latest snapshot, and this changeset does not take it off/,
    );
    assert.match(result.findings[0]?.hint ?? '', /Take \+443306000001 off ivr "Main Line"/);
  });

  it('against a target: an update of the holder that leaves the number on it does not release it', () => {
    const found = clashes(
      {
        operations: [
          {
            op: 'update',
            type: 'architect.ivr',
            key: 'Main Line',
            changes: [{ path: 'description', after: 'Front door' }],
          },
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [MAIN]) },
        ],
      },
      target,
    );
    assert.deepEqual(
      found.map((finding) => [finding.operation, finding.path]),
      [[1, 'operations[1].body.dnis[0]']],
    );
  });

  it('against a target: a number handed over in the changeset (taken off, or its IVR deleted) is fine', () => {
    const handedOver = clashes(
      {
        operations: [
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [MAIN]) },
          {
            op: 'update',
            type: 'architect.ivr',
            key: 'Main Line',
            changes: [{ path: 'dnis', before: [MAIN, '+443306000002'], after: ['+443306000002'] }],
          },
        ],
      },
      target,
    );
    assert.deepEqual(handedOver, []);
    const deleted = clashes(
      {
        operations: [
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [MAIN]) },
          {
            op: 'delete',
            type: 'architect.ivr',
            key: 'Main Line',
            before: ivr('Main Line', [MAIN, '+443306000002']),
          },
        ],
      },
      target,
    );
    assert.deepEqual(deleted, []);
  });

  it('against a target: a clash between two operations is reported once, as between operations', () => {
    const found = clashes(
      {
        operations: [
          { op: 'create', type: 'architect.ivr', key: 'Sales', body: ivr('Sales', [SPARE]) },
          { op: 'create', type: 'architect.ivr', key: 'Billing', body: ivr('Billing', [SPARE]) },
        ],
      },
      target,
    );
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /also given to ivr "Sales" by operation 1/);
  });

  it('a type without unique values is not checked (two divisions may share a description)', () => {
    const result = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'authorization.division', key: 'A', body: { description: 'x', name: 'A' } },
          { op: 'create', type: 'authorization.division', key: 'B', body: { description: 'x', name: 'B' } },
        ],
      },
      null,
    );
    assert.deepEqual(result.findings, []);
  });
});
