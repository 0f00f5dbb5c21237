import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatDiffPath } from '../../../shared/diff/diff-path';
import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import { insertAt, parseValuePath, readAt, writeAt } from '../../../shared/changeset/value-path';

const sample: JsonObject = {
  acwSettings: { timeoutMs: 30000 },
  bullseye: { rings: [{ actions: { skillsToRemove: ['a', 'b'] } }, {}] },
  'Phone Number': '+44',
  rows: [1, 2, 3],
};

describe('value paths', () => {
  it('reads fields, elements and quoted names', () => {
    assert.equal(readAt(sample, 'acwSettings.timeoutMs'), 30000);
    assert.equal(readAt(sample, 'bullseye.rings[0].actions.skillsToRemove[1]'), 'b');
    assert.equal(readAt(sample, '["Phone Number"]'), '+44');
    assert.deepEqual(readAt(sample, 'bullseye.rings[1]'), {});
  });

  it('reads a missing place or a mismatched shape as absent', () => {
    assert.equal(readAt(sample, 'acwSettings.wrapupPrompt'), undefined);
    assert.equal(readAt(sample, 'rows[3]'), undefined);
    assert.equal(readAt(sample, 'rows.length'), undefined);
    assert.equal(readAt(sample, 'acwSettings[0]'), undefined);
    assert.equal(readAt(sample, 'acwSettings.timeoutMs.x'), undefined);
  });

  it('refuses [] with a clear error', () => {
    assert.throws(() => readAt(sample, 'rows[]'), /\[\] names every element/);
    assert.throws(() => writeAt(sample, 'bullseye.rings[].actions', {}), /\[\] names every element/);
    assert.throws(() => readAt(sample, 'a..b'), /bad path/);
  });

  it('writes a copy along the path only, leaving the input alone', () => {
    const before = structuredClone(sample);
    const written = writeAt(sample, 'bullseye.rings[0].actions.skillsToRemove[1]', 'c');
    assert.deepEqual(sample, before);
    assert.equal(readAt(written, 'bullseye.rings[0].actions.skillsToRemove[1]'), 'c');
    assert.notEqual(written, sample);
    assert.equal(written.acwSettings, sample.acwSettings, 'untouched branches are shared');
    assert.equal(written.rows, sample.rows);
  });

  it('removes a field, and splices out an element', () => {
    const withoutTimeout = writeAt(sample, 'acwSettings.timeoutMs', undefined);
    assert.deepEqual(withoutTimeout.acwSettings, {});
    assert.deepEqual(writeAt(sample, 'rows[0]', undefined).rows, [2, 3]);
    assert.deepEqual(writeAt(sample, '["Phone Number"]', undefined)['Phone Number'], undefined);
  });

  it('removing something absent changes nothing and does not throw', () => {
    assert.deepEqual(writeAt(sample, 'missing.deeper.field', undefined), sample);
    assert.deepEqual(writeAt(sample, 'rows[7]', undefined), sample);
    assert.deepEqual(writeAt(sample, 'acwSettings.timeoutMs.x', undefined), sample);
  });

  it('creates missing objects on the way, but not missing lists', () => {
    assert.deepEqual(writeAt({}, 'a.b.c', 1), { a: { b: { c: 1 } } });
    assert.throws(() => writeAt({}, 'a[0]', 1), /cannot write a\[0\]: a does not exist/);
    assert.throws(() => writeAt(sample, 'rows[5]', 1), /the list has 3 element/);
    assert.throws(
      () => writeAt(sample, 'acwSettings.timeoutMs.x', 1),
      /acwSettings.timeoutMs is a number, not an object/,
    );
    assert.throws(() => writeAt(sample, 'rows.x', 1), /rows is a list, not an object/);
    assert.deepEqual(writeAt(sample, 'rows[3]', 4).rows, [1, 2, 3, 4], 'the index just past the end appends');
  });

  it('inserts before an element, the inverse of removing it', () => {
    assert.deepEqual(insertAt(sample, 'rows[1]', 9).rows, [1, 9, 2, 3]);
    assert.deepEqual(insertAt(sample, 'rows[3]', 9).rows, [1, 2, 3, 9]);
    assert.throws(() => insertAt(sample, 'rows', 9), /must end in an index/);
  });

  it('keeps a field called __proto__ an ordinary field', () => {
    const written = writeAt({}, '__proto__.x', 1);
    assert.deepEqual(Object.keys(written), ['__proto__']);
    assert.equal(Object.getPrototypeOf(written), Object.prototype);
    assert.equal(readAt(written, '__proto__.x'), 1);
  });
});

// Names that need quoting in a path, to check the syntax round-trips.
const fieldName = fc.constantFrom('a', 'b', 'Phone Number', 'x.y', 'q"uote', '[0]', 'émoji 🙂');
const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: JsonValue }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fieldName, tie('tree'), { maxKeys: 3, noNullPrototype: true }),
  ),
}));
const root = fc.dictionary(fieldName, tree, { minKeys: 1, maxKeys: 4, noNullPrototype: true });

/** Every place in a value, as segments. */
function placesIn(value: JsonValue, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((element, index) => [[...prefix, index], ...placesIn(element, [...prefix, index])]);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, field]) => [
    [...prefix, key],
    ...placesIn(field, [...prefix, key]),
  ]);
}

describe('value paths (properties)', () => {
  it('reads back what it wrote, and leaves everything else as it was', () => {
    fc.assert(
      fc.property(root, fc.nat(), leaf, (value, pick, next) => {
        const places = placesIn(value);
        const place = places[pick % places.length] as (string | number)[];
        const path = formatDiffPath(place);
        assert.deepEqual(parseValuePath(path), place);
        const before = structuredClone(value);
        const written = writeAt(value, path, next);
        assert.deepEqual(value, before, 'the input is not changed');
        assert.deepEqual(readAt(written, path), next);
        // Putting the old value back restores the whole object.
        assert.deepEqual(writeAt(written, path, readAt(value, path)), value);
      }),
      { numRuns: 300 },
    );
  });

  it('removing then inserting (or setting) the old value restores the object', () => {
    fc.assert(
      fc.property(root, fc.nat(), (value, pick) => {
        const places = placesIn(value);
        const place = places[pick % places.length] as (string | number)[];
        const path = formatDiffPath(place);
        const old = readAt(value, path) as JsonValue;
        const removed = writeAt(value, path, undefined);
        assert.equal(readAt(removed, path) === undefined || typeof place.at(-1) === 'number', true);
        const restored =
          typeof place.at(-1) === 'number' ? insertAt(removed, path, old) : writeAt(removed, path, old);
        assert.deepEqual(restored, value);
      }),
      { numRuns: 300 },
    );
  });
});
