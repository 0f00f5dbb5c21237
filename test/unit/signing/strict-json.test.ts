import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StrictJsonError, parseStrictJson } from '../../../shared/signing/strict-json';

describe('parseStrictJson', () => {
  it('parses ordinary JSON, including braces and quotes inside strings and equal keys in sibling objects', () => {
    const text = '{"a": "}{\\"a\\":", "list": [{"k": 1}, {"k": 2}], "b": {"a": [ "[" ]}}';
    assert.deepEqual(parseStrictJson(text), JSON.parse(text));
  });

  it('rejects a duplicate key at any depth, also when spelled with an escape', () => {
    for (const text of [
      '{"a": 1, "a": 2}',
      '{"x": [{"b": 1, "c": {"d": 1, "d": 1}}]}',
      '{"a": 1, "\\u0061": 2}',
    ]) {
      assert.throws(
        () => parseStrictJson(text),
        (error: unknown) => {
          assert.ok(error instanceof StrictJsonError);
          assert.match(error.message, /appears twice/);
          return true;
        },
      );
    }
  });

  it('rejects __proto__ and constructor keys', () => {
    assert.throws(() => parseStrictJson('{"__proto__": {"admin": true}}'), /"__proto__" is not allowed/);
    assert.throws(() => parseStrictJson('{"a": {"constructor": 1}}'), /"constructor" is not allowed/);
    assert.deepEqual(parseStrictJson('["__proto__"]'), ['__proto__'], 'as a value it is only text');
  });

  it('rejects invalid JSON and trailing garbage', () => {
    assert.throws(() => parseStrictJson('{"a": 1} x'), /not valid JSON/);
    assert.throws(() => parseStrictJson('{"a": 1'), /not valid JSON/);
  });
});
