import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connector } from '../../../electron/services/connectors/connector';
import { apiErrorFromResponse } from '../../../electron/services/connectors/genesys/genesys-error';
import { withSecretParameters } from '../../../electron/services/parameters/secret-parameter-connector';

/*
 * Attack (issue 18): an integration credential's password is sent in the credential's own POST.
 * An org that refuses it and echoes the request back quotes it as the request was written: JSON
 * (quotes and backslashes escaped, some servers escaping every non-ASCII letter as \uXXXX) or
 * URL-encoded. The value as typed is scrubbed already; each of these spellings must be too, and
 * a secret that contains another must not be left half shown.
 */

const PASSWORD = 'pä"ss\\w0rd 9/+&x';
const LONGER = `${PASSWORD}-prod-suffix-314159`;

function asciiJson(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An org that refuses a write, quoting the request in the way `echo` spells it. */
function echoingOrg(echo: (body: unknown) => string): Connector {
  return {
    request: async (method: string, path: string, body: unknown) => {
      throw apiErrorFromResponse(400, { message: `Invalid request: ${echo(body)}` }, method, path);
    },
  } as unknown as Connector;
}

const body = {
  name: 'Billing CRM password (Ferry)',
  type: { name: 'basicAuth' },
  credentialFields: { userName: 'ferry', password: { $secret: 'crmPassword' } },
};

const spellings: [string, (body: unknown) => string][] = [
  ['JSON', (sent) => JSON.stringify(sent)],
  ['JSON with non-ASCII escaped', (sent) => asciiJson(JSON.stringify(sent))],
  ['URL-encoded', (sent) => encodeURIComponent(JSON.stringify(sent))],
  [
    'form-encoded',
    (sent) =>
      new URLSearchParams({
        password: (sent as { credentialFields: { password: string } }).credentialFields.password,
      }).toString(),
  ],
];

describe('attack: a credential echoed back in an error in an encoded spelling', () => {
  for (const [label, echo] of spellings) {
    it(`${label}: the error names the secret and holds no part of its value`, async () => {
      const connector = withSecretParameters(echoingOrg(echo), 'uat', new Map([['crmPassword', PASSWORD]]));
      await assert.rejects(connector.request('POST', '/api/v2/integrations/credentials', body), (error) => {
        assert.ok(error instanceof Error);
        assert.doesNotMatch(error.message, /w0rd/, error.message);
        assert.doesNotMatch(String(error.stack), /w0rd/);
        assert.match(error.message, /\(secret crmPassword\)/);
        return true;
      });
    });
  }

  it('a secret that holds another secret is scrubbed whole, not left with its tail shown', async () => {
    const connector = withSecretParameters(
      echoingOrg(() => LONGER),
      'uat',
      new Map([
        ['crmPassword', PASSWORD],
        ['long', LONGER],
      ]),
    );
    await assert.rejects(connector.request('POST', '/api/v2/integrations/credentials', body), (error) => {
      assert.ok(error instanceof Error);
      assert.doesNotMatch(error.message, /prod-suffix/, error.message);
      assert.match(error.message, /\(secret long\)/);
      return true;
    });
  });
});
