import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import {
  apiErrorFromResponse,
  GenesysApiError,
} from '../../../electron/services/connectors/genesys/genesys-error';
import type { Connector } from '../../../electron/services/connectors/connector';
import { withSecretParameters } from '../../../electron/services/parameters/secret-parameter-connector';

/**
 * Genesys quotes what it was sent in some error messages. A write carrying a revealed secret that
 * the org refuses must not hand the secret back in the error: the executor puts that message in the
 * run's result and the caller shows it.
 */
const TOKEN = 'tok-quoted-back-2718281828';

/** An org that refuses every write, quoting the description it was sent (as Genesys does for some fields). */
function refusingOrg(): Connector {
  const refuse = (method: string, path: string, body: unknown) => {
    const quoted = (body as { description?: string }).description ?? '';
    throw apiErrorFromResponse(
      400,
      { message: `The description '${quoted}' is not valid`, code: 'bad.request', contextId: quoted },
      method,
      path,
    );
  };
  return {
    create: async (_type: string, body: unknown) => refuse('POST', '/api/v2/routing/queues', body),
    update: async (_type: string, _id: string, body: unknown) =>
      refuse('PUT', '/api/v2/routing/queues/1', body),
    request: async (method: string, path: string, body: unknown) => refuse(method, path, body),
  } as unknown as Connector;
}

describe('a secret quoted back in an API error (issue 15 attack)', () => {
  const connector = withSecretParameters(refusingOrg(), 'prod', new Map([['crmToken', TOKEN]]));
  const body = { name: 'Billing', description: { $secret: 'crmToken' } };

  for (const [label, write] of [
    ['create', () => connector.create('routing.queue', body)],
    ['update', () => connector.update('routing.queue', '1', body)],
    ['request', () => connector.request('PUT', '/api/v2/routing/queues/1', body)],
  ] as const) {
    it(`${label}: the error names the secret, never its value, and stays the API's error`, async () => {
      await assert.rejects(write(), (error: unknown) => {
        assert.ok(error instanceof GenesysApiError);
        assert.ok(error instanceof FerryError);
        assert.equal(error.status, 400);
        assert.ok(!error.message.includes(TOKEN), error.message);
        assert.ok(!String(error.stack).includes(TOKEN));
        assert.ok(!JSON.stringify(error.toApiError()).includes(TOKEN));
        assert.match(error.message, /\(secret crmToken\)/);
        return true;
      });
    });
  }
});
