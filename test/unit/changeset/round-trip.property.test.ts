import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyChangeset } from '../../../shared/changeset/apply-changeset';
import { invertOperations } from '../../../shared/changeset/invert-changeset';
import {
  objectIn,
  sameState,
  stateFromEntries,
  type ObjectState,
} from '../../../shared/changeset/object-state';
import { operationsFromFieldChanges } from '../../../shared/changeset/operations-from-selection';
import { diffObjects } from '../../../shared/diff/diff-objects';
import { normalizeCanonical } from '../../../shared/model/canonical/canonicalize';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { operationsBetween } from '../../../shared/model/changeset-operations';
import { ref } from './changeset-fixture';

// ---- canonical-like objects of a few real types ---------------------------------------------

const fieldName = fc.constantFrom('a', 'b', 'Phone Number', 'x.y');
const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('', 'x', 'y'),
  fc.boolean(),
);
const { tree } = fc.letrec<{ tree: JsonValue }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(fc.oneof(tie('tree'), fc.constant(null)), { maxLength: 3 }),
    fc.dictionary(fieldName, tie('tree'), { maxKeys: 3, noNullPrototype: true }),
  ),
}));

const refTo = (type: string, names: readonly string[]) =>
  fc.constantFrom(...names).map((name) => ref(type, name));
const skills = ['Billing', 'Chat', 'Video'];
const divisions = refTo('authorization.division', ['Home', 'Sales']);
const record = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) =>
  fc.record(model, { requiredKeys: [], noNullPrototype: true });

const bodies: Record<string, (name: string) => fc.Arbitrary<Record<string, unknown>>> = {
  'routing.skill': (name) => record({ division: divisions, extra: tree }).map((body) => ({ ...body, name })),
  'routing.queue': (name) =>
    record({
      description: fc.constantFrom('Billing', 'Sales'),
      division: divisions,
      acwSettings: record({
        timeoutMs: fc.constantFrom(0, 30000, 60000),
        wrapupPrompt: fc.constantFrom('MANDATORY', 'OPTIONAL'),
      }),
      bullseye: record({
        rings: fc.array(
          record({
            actions: record({ skillsToRemove: fc.array(refTo('routing.skill', skills), { maxLength: 3 }) }),
            expansionCriteria: fc.array(
              record({ threshold: fc.integer({ min: 0, max: 3 }), type: fc.constant('TIMEOUT_SECONDS') }),
              { maxLength: 2 },
            ),
          }),
          { maxLength: 4 },
        ),
      }),
      wrapupCodes: fc.array(refTo('routing.wrapupcode', ['Resolved', 'Transferred', 'Callback']), {
        maxLength: 3,
      }),
      routingRules: fc.array(
        record({ operator: fc.constantFrom('ANY', 'MEETS_THRESHOLD'), threshold: leaf }),
        {
          maxLength: 3,
        },
      ),
      extra: tree,
    }).map((body) => ({ ...body, name })),
  'architect.schedulegroup': (name) =>
    record({
      openSchedules: fc.array(refTo('architect.schedule', ['Weekdays', 'Weekends', 'Holidays']), {
        maxLength: 3,
      }),
      timeZone: fc.constantFrom('Europe/London', 'Europe/Dublin'),
    }).map((body) => ({ ...body, name })),
  'flows.datatable': (name) =>
    record({
      rows: fc.array(
        record({
          key: fc.constantFrom('k1', 'k2', 'k3'),
          Enabled: fc.boolean(),
          Notes: fc.constantFrom('n', 'm'),
        }),
        { maxLength: 3 },
      ),
      extra: tree,
    }).map((body) => ({ ...body, name })),
};

const slots: [string, string][] = [
  ['routing.skill', 'Billing'],
  ['routing.skill', 'Chat'],
  ['routing.queue', 'Q1'],
  ['routing.queue', 'Q2'],
  ['architect.schedulegroup', 'G1'],
  ['flows.datatable', 'T1'],
];

const stateArbitrary: fc.Arbitrary<ObjectState> = fc
  .tuple(
    ...slots.map(([type, key]) =>
      fc.option(
        (bodies[type] as (name: string) => fc.Arbitrary<Record<string, unknown>>)(key).map((body) =>
          normalizeCanonical(type, body),
        ),
        { nil: undefined },
      ),
    ),
  )
  .map((values) =>
    stateFromEntries(
      values.flatMap((value, index) => {
        const [type, key] = slots[index] as [string, string];
        return value === undefined ? [] : [{ type, key, value }];
      }),
    ),
  );

// Two targets often share objects, so about half the pairs start from the same value.
const pairArbitrary = fc
  .tuple(
    stateArbitrary,
    stateArbitrary,
    fc.array(fc.boolean(), { minLength: slots.length, maxLength: slots.length }),
  )
  .map(([from, other, keep]) => {
    const to = stateFromEntries(
      slots.flatMap(([type, key], index) => {
        const value = keep[index] === true ? objectIn(from, type, key) : objectIn(other, type, key);
        return value === undefined ? [] : [{ type, key, value }];
      }),
    );
    return { from, to };
  });

function between(from: ObjectState, to: ObjectState): ChangesetOperation[] {
  return slots.flatMap(([type, key]) =>
    operationsBetween(type, key, objectIn(from, type, key), objectIn(to, type, key)),
  );
}

/** Operations from a subset of the field changes (creates and deletes whole), as picking from a compare does. */
function picked(from: ObjectState, to: ObjectState, pick: (index: number) => boolean): ChangesetOperation[] {
  let counter = 0;
  return slots.flatMap(([type, key]): ChangesetOperation[] => {
    const before = objectIn(from, type, key);
    const after = objectIn(to, type, key);
    if (before === undefined || after === undefined) {
      return pick(counter++) ? operationsBetween(type, key, before, after) : [];
    }
    const changes = diffObjects(type, before, after).changes.filter(() => pick(counter++));
    return operationsFromFieldChanges(type, key, before, after, changes);
  });
}

function roundTrip(from: ObjectState, operations: ChangesetOperation[]): ObjectState {
  const forward = applyChangeset(from, operations);
  assert.deepEqual(forward.conflicts, [], 'the changeset applies to the state it was made from');
  const back = applyChangeset(forward.state, invertOperations(operations));
  assert.deepEqual(back.conflicts, [], 'its inverse applies to the result');
  assert.ok(sameState(back.state, from), 'the inverse gives back the state');
  return forward.state;
}

describe('changesets round-trip (property)', () => {
  it('operationsBetween turns one state into the other, and its inverse turns it back', () => {
    fc.assert(
      fc.property(pairArbitrary, ({ from, to }) => {
        const reached = roundTrip(from, between(from, to));
        assert.ok(sameState(reached, to), 'applying the changeset gives the target exactly');
      }),
      { numRuns: 200 },
    );
  });

  it('any subset of the field changes applies cleanly and inverts exactly', () => {
    fc.assert(
      fc.property(
        pairArbitrary,
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        ({ from, to }, bits) => {
          roundTrip(
            from,
            picked(from, to, (index) => bits[index % bits.length] === true),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('all the field changes together give the target exactly', () => {
    fc.assert(
      fc.property(pairArbitrary, ({ from, to }) => {
        const reached = roundTrip(
          from,
          picked(from, to, () => true),
        );
        assert.ok(sameState(reached, to));
      }),
      { numRuns: 200 },
    );
  });
});
