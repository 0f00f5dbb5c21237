import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import {
  MAX_CONFIGURATION_DEPTH,
  MAX_CONFIGURATION_LENGTH,
  parseFlowConfiguration,
  serializeFlowConfiguration,
} from '../../../shared/flows/flow-configuration-parse';

const source = { label: 'flow INBOUNDCALL/Main Menu' };

function refusedWith(text: string, pattern: RegExp): void {
  assert.throws(
    () => parseFlowConfiguration(text, source),
    (error: unknown) =>
      isFerryError(error) &&
      error.code === 'flow.configuration-invalid' &&
      error.message.startsWith('The configuration of flow INBOUNDCALL/Main Menu') &&
      pattern.test(error.message),
  );
}

describe('flow configuration: strict parsing', () => {
  it('reads plain YAML into JSON', () => {
    const value = parseFlowConfiguration('inboundCall:\n  name: Main Menu\n  menus:\n    - a: 1\n', source);
    assert.deepEqual(value, { inboundCall: { name: 'Main Menu', menus: [{ a: 1 }] } });
  });

  it('refuses a billion-laughs alias bomb without expanding it, naming the line', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    refusedWith(bomb, /line 1: anchors \(&a\) are not accepted/);
    refusedWith('inboundCall:\n  name: x\n  other: *nothing\n', /line 3|alias/i);
  });

  it('refuses duplicate keys with the line of the second', () => {
    refusedWith('inboundCall:\n  name: A\n  name: B\n', /line 3: a key appears twice/);
  });

  it('refuses __proto__ and constructor keys, and never touches Object.prototype', () => {
    refusedWith(
      'inboundCall:\n  __proto__:\n    polluted: true\n',
      /line 2: the key "__proto__" is not accepted/,
    );
    refusedWith('inboundCall:\n  constructor: x\n', /the key "constructor"/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses tags, several documents, non-text keys and empty text', () => {
    refusedWith('inboundCall:\n  name: !!binary aGVsbG8=\n', /line 2: tags/);
    refusedWith(
      'inboundCall:\n  name: A\n---\ninboundCall:\n  name: B\n',
      /2 YAML documents \(the second at line 3\)/,
    );
    refusedWith('inboundCall:\n  ? [a]\n  : b\n', /every key must be plain text/);
    refusedWith('', /empty/);
  });

  it('refuses text too long or too deep before walking it', () => {
    refusedWith('a: ' + 'x'.repeat(MAX_CONFIGURATION_LENGTH), /characters long/);
    const deep = Array.from(
      { length: MAX_CONFIGURATION_DEPTH + 2 },
      (_, depth) => `${'  '.repeat(depth)}k:`,
    ).join('\n');
    refusedWith(`${deep} x\n`, /nests deeper than/);
  });

  it('writes canonical text: keys sorted, sequences in order, quoted only where needed, one trailing newline', () => {
    const text = serializeFlowConfiguration({
      inboundCall: { name: 'Main Menu', description: 'x: y', menus: [{ b: 2 }, { a: 1 }], yes: 'yes' },
    });
    assert.equal(
      text,
      'inboundCall:\n  description: "x: y"\n  menus:\n    - b: 2\n    - a: 1\n  name: Main Menu\n  "yes": "yes"\n',
    );
    assert.deepEqual(parseFlowConfiguration(text, source), {
      inboundCall: { description: 'x: y', menus: [{ b: 2 }, { a: 1 }], name: 'Main Menu', yes: 'yes' },
    });
  });
});
