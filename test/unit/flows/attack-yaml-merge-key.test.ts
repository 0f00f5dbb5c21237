import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { parseFlowConfiguration } from '../../../shared/flows/flow-configuration-parse';

/*
 * Attack (issue 18): YAML 1.2 (how Ferry reads) has no merge key, so `<<` is an ordinary key to
 * Ferry: shown, diffed and scanned for references as a mapping of its own. Canonical text is
 * written for YAML 1.1 readers (Archy), for which `<<` merges its mapping into the one around
 * it: the flow Genesys would get is not the flow a reviewer saw. Refused, quoted or not, with or
 * without a %YAML 1.1 directive.
 */

const source = { label: 'flow INBOUNDCALL/Main Menu' };

function refusedAtLine(text: string, line: number): void {
  assert.throws(
    () => parseFlowConfiguration(text, source),
    (error: unknown) =>
      isFerryError(error) &&
      new RegExp(`line ${line}: .*merge key`).test(error.message) &&
      error.message.includes('flow INBOUNDCALL/Main Menu'),
  );
}

describe('attack: a YAML merge key in a flow configuration', () => {
  it('a plain `<<` key is refused, naming its line', () => {
    refusedAtLine(
      [
        'inboundCall:',
        '  name: Main Menu',
        '  settings:',
        '    <<: {queue: {lit: {name: Billing}}}',
        '',
      ].join('\n'),
      4,
    );
  });

  it('a quoted "<<" key is refused too (written back unquoted, a 1.1 reader merges it)', () => {
    refusedAtLine(['inboundCall:', '  name: Main Menu', '  "<<":', '    name: Other', ''].join('\n'), 3);
  });

  it('under a %YAML 1.1 directive, where it merges, it is refused as well', () => {
    refusedAtLine(
      ['%YAML 1.1', '---', 'inboundCall:', '  name: Main Menu', '  <<: {description: merged}', ''].join('\n'),
      5,
    );
  });
});
