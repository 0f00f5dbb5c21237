import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';

describe('stableStringify', () => {
  it('sorts keys at every depth, indents by two spaces and ends with one newline', () => {
    assert.equal(
      stableStringify({ b: 1, a: { d: [true, null, { z: 'x', y: 'é' }], c: {} }, e: [] }),
      '{\n  "a": {\n    "c": {},\n    "d": [\n      true,\n      null,\n      {\n        "y": "é",\n' +
        '        "z": "x"\n      }\n    ]\n  },\n  "b": 1,\n  "e": []\n}\n',
    );
    assert.equal(stableStringify('text'), '"text"\n');
  });

  it('sorts integer-like keys as text, which plain JSON.stringify would put first', () => {
    const text = stableStringify({ b: 1, 10: 'ten', 2: 'two', a: 0 });
    assert.deepEqual(
      [...text.matchAll(/^ {2}"([^"]+)"/gm)].map((match) => match[1]),
      ['10', '2', 'a', 'b'],
    );
  });

  it('orders keys by code unit, not by locale', () => {
    const text = stableStringify({ é: 1, z: 2, Z: 3, _: 4, $ref: 5 });
    assert.deepEqual(
      [...text.matchAll(/^ {2}"([^"]+)"/gm)].map((match) => match[1]),
      ['$ref', 'Z', '_', 'z', 'é'],
    );
  });

  it('keeps a __proto__ field as data', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    assert.equal(stableStringify(value), '{\n  "__proto__": {\n    "polluted": true\n  },\n  "a": 1\n}\n');
  });

  it('does not depend on the order keys were inserted in, and reads back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = stableStringify(value);
        const reversed = JSON.parse(JSON.stringify(value), (_key, field: unknown) =>
          field !== null && typeof field === 'object' && !Array.isArray(field)
            ? Object.fromEntries(Object.entries(field).reverse())
            : field,
        ) as unknown;
        assert.equal(stableStringify(reversed), text);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
        assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
      }),
    );
  });

  it('refuses values JSON cannot hold instead of dropping them', () => {
    assert.throws(() => stableStringify({ a: Number.NaN }), /NaN is not a JSON number/);
    assert.throws(() => stableStringify([undefined]), /undefined/);
    assert.throws(() => stableStringify({ when: new Date(0) }), /plain objects/);
    assert.throws(() => stableStringify({ big: 1n }), /bigint/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    assert.throws(() => stableStringify(loop), /refers to itself/);
    assert.equal(stableStringify({ gone: undefined, zero: -0 }), '{\n  "zero": 0\n}\n');
  });
});
