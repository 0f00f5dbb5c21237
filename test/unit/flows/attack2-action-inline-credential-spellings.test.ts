import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import {
  CREDENTIAL_REMOVED_MARKER,
  inlineCredentialPath,
  withoutInlineCredentials,
} from '../../../shared/promotion/engine/inline-credentials';

/*
 * Attack (issue 18, point 4): a data action's credential written as text in a spelling the first
 * check did not read — a password holding a raw `@` (its tail was left in the URL), a token given
 * as the URL's user, a query name that is a word of a credential name (`auth_token`,
 * `private_token`, `x-api-key`) or percent-encoded (`api%5Fkey`), a fragment's `#access_token=`,
 * header names `Authentication`, `X-Auth-Key`, `Ocp-Apim-Subscription-Key` or with a trailing
 * space or an invisible character, and a JSON or form body holding `"password": "…"`. Each went to
 * the workspace on read and to every target on promotion. Now each is removed on read and blocks
 * the step; `${…}` references and ordinary fields still go.
 */

const SECRET = 'hunter2-s3cret';

function action(request: JsonObject): JsonObject {
  return {
    name: 'Lookup',
    config: { request: { requestUrlTemplate: 'https://crm.example/api', requestType: 'POST', ...request } },
  };
}

function read(request: JsonObject): string {
  return JSON.stringify(withoutInlineCredentials(action(request)));
}

const URLS = [
  `https://svc:p@${SECRET}@crm.example/api`,
  `https://${SECRET}@crm.example/api`,
  `https://crm.example/api?auth_token=${SECRET}`,
  `https://crm.example/api?private_token=${SECRET}`,
  `https://crm.example/api?x-api-key=${SECRET}`,
  `https://crm.example/api?api%5Fkey=${SECRET}`,
  `https://crm.example/api?subscription-key=${SECRET}`,
  `https://crm.example/api?authToken=${SECRET}`,
  `https://crm.example/api#access_token=${SECRET}`,
];

const HEADERS = [
  'Authentication',
  'X-Auth-Key',
  'Ocp-Apim-Subscription-Key',
  'X-Access-Key',
  'X-Api-Key ',
  'Authorization\u200b',
  'x-authToken',
];

const BODIES = [
  `{"user": "svc", "password": "${SECRET}"}`,
  `{\n  "apiKey": "${SECRET}",\n  "q": "\${input.q}"\n}`,
  `grant_type=client_credentials&client_secret=${SECRET}`,
];

describe('attack: a data action credential in another spelling (issue 18)', () => {
  for (const url of URLS) {
    it(`removes and blocks ${url}`, () => {
      assert.ok(!read({ requestUrlTemplate: url }).includes(SECRET), 'the secret stays out of the read');
      assert.equal(
        inlineCredentialPath(action({ requestUrlTemplate: url }), null),
        'config.request.requestUrlTemplate',
      );
    });
  }
  for (const header of HEADERS) {
    it(`removes and blocks header ${JSON.stringify(header)}`, () => {
      const request = { headers: { [header]: `Bearer ${SECRET}` } };
      assert.ok(!read(request).includes(SECRET));
      assert.equal(inlineCredentialPath(action(request), null), `config.request.headers.${header}`);
    });
  }
  for (const body of BODIES) {
    it(`removes and blocks body ${JSON.stringify(body)}`, () => {
      const removed = read({ requestTemplate: body });
      assert.ok(!removed.includes(SECRET));
      assert.ok(removed.includes(CREDENTIAL_REMOVED_MARKER));
      assert.equal(
        inlineCredentialPath(action({ requestTemplate: body }), null),
        'config.request.requestTemplate',
      );
      // The marker itself, in a changeset's body, is never written to an org.
      const marked = withoutInlineCredentials(action({ requestTemplate: body }));
      assert.equal(inlineCredentialPath(marked, marked), 'config.request.requestTemplate');
    });
  }

  it('keeps references, ordinary fields and the target’s own body', () => {
    const request = {
      requestUrlTemplate: 'https://${credentials.user}@crm.example/api?q=${input.q}&page=2#top',
      headers: { 'X-Auth-Token': '${credentials.token}', Accept: 'application/json' },
      requestTemplate:
        '{"password": "${credentials.password}", "tokenType": "Bearer", "name": "${input.name}"}',
    };
    const kept = JSON.parse(read(request)) as { config: { request: JsonObject } };
    assert.deepEqual(kept.config.request, { ...request, requestType: 'POST' });
    assert.equal(inlineCredentialPath(action(request), null), null);
    const own = action({ requestTemplate: `{"password": "${SECRET}"}` });
    assert.equal(inlineCredentialPath(own, own), null, 'the target’s own body is its own');
  });
});

describe('a body field that only mentions auth is not a credential (issue 18)', () => {
  it('keeps auth_type and similar settings', () => {
    const request = { requestTemplate: '{"auth_type": "oauth", "authMode": "basic", "q": "x"}' };
    assert.equal(inlineCredentialPath(action(request), null), null);
    const kept = JSON.parse(read(request)) as { config: { request: JsonObject } };
    assert.equal(kept.config.request.requestTemplate, request.requestTemplate);
  });
});
