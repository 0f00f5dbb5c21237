import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { parseFlowConfiguration } from '../../../shared/flows/flow-configuration-parse';

/*
 * Attack (issue 18): a configuration well under the length limit that nests flow collections
 * (`[[[[…` or `{a: {a: …`) a hundred thousand deep. The YAML parser recursed until the stack ran
 * out, seconds of CPU on every read (a pull, a check, a plan), and the refusal said "Maximum call
 * stack size exceeded". It is refused at once, saying what is wrong.
 */

const source = { label: 'flow INBOUNDCALL/Main Menu' };

describe('attack: flow collections nested far too deep', () => {
  for (const [label, text] of [
    ['sequences', `inboundCall: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`],
    ['mappings', `inboundCall: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`],
  ] as const) {
    it(`${label}: refused quickly as too deep`, () => {
      const started = performance.now();
      assert.throws(
        () => parseFlowConfiguration(text, source),
        (error: unknown) =>
          isFerryError(error) && /nests deeper than/.test(error.message) && !/call stack/.test(error.message),
      );
      assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
    });
  }

  it('brackets inside text do not count against a real flow', () => {
    const text = `inboundCall:\n  name: Main Menu\n  note: "${'['.repeat(150)}"\n`;
    const value = parseFlowConfiguration(text, source) as { inboundCall: { note: string } };
    assert.equal(value.inboundCall.note, '['.repeat(150));
  });
});
