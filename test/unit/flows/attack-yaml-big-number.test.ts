import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { normalizeConfiguration } from '../../../shared/flows/flow-configuration';

/*
 * Attack (issue 18): a whole number past 2^53 in a flow configuration (an account number, a
 * long DTMF string written unquoted) was read as the nearest double: 12345678901234567890 became
 * 12345678901234567000 in canonical text and in the import file Genesys got, with nothing said.
 * Refused, naming the line and what to write instead; numbers Ferry keeps exactly still pass.
 */

const flow = { type: 'INBOUNDCALL', name: 'Main Menu' };

function withValue(value: string): string {
  return ['inboundCall:', '  name: Main Menu', `  accountNumber: ${value}`, ''].join('\n');
}

describe('attack: a number too large to keep exactly', () => {
  for (const value of ['12345678901234567890', '-9007199254740993', '1e20']) {
    it(`${value} is refused at its line, not rounded`, () => {
      assert.throws(
        () => normalizeConfiguration(withValue(value), flow),
        (error: unknown) =>
          isFerryError(error) && /line 3: .*larger than Ferry keeps exactly.*quotes/.test(error.message),
      );
    });
  }

  it('the largest exact integer, decimals and quoted digits pass unchanged', () => {
    assert.match(
      normalizeConfiguration(withValue('9007199254740991'), flow),
      /accountNumber: 9007199254740991\n/,
    );
    assert.match(normalizeConfiguration(withValue('2.5'), flow), /accountNumber: 2.5\n/);
    assert.match(
      normalizeConfiguration(withValue('"12345678901234567890"'), flow),
      /accountNumber: "12345678901234567890"\n/,
    );
  });
});
