import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';

/*
 * Attack (issue 18, point 4): an integration's credentials come per environment from secret
 * parameters, never from the source org. A data action can carry one around that rule: a request
 * header holding the credential as text (`Authorization: Basic …`, `X-API-Key: …`) or a URL with
 * a user and password in it. Read from dev, or written by a teammate, it reaches uat (and sits in
 * the workspace and every package) as text. The step must be blocked, naming the field, and tell
 * the user to use the integration's credentials (`${credentials.<field>}`) instead.
 */

const CRM_ID = '0f3e2d1c-0000-4000-8000-00000000c0de';

function action(request: JsonObject): JsonObject {
  return {
    name: 'Lookup Customer By Phone',
    integrationId: { $ref: 'integrations.integration', name: 'CRM Web Services' },
    category: 'CRM Web Services',
    secure: false,
    config: {
      request: { requestUrlTemplate: 'https://crm.example/api', requestType: 'GET', ...request },
      response: { translationMap: { id: '$.id' } },
    },
    contract: {
      input: { inputSchema: { type: 'object', properties: {} } },
      output: { successSchema: { type: 'object', properties: { id: { type: 'string' } } } },
    },
  };
}

function plan(desired: JsonObject, current: JsonObject | null = null) {
  return objectCalls({
    type: 'integrations.action',
    key: 'Lookup Customer By Phone',
    id: current === null ? null : 'custom_-_a1',
    current,
    desired,
    resolveId: (type, name) =>
      type === 'integrations.integration' && name === 'CRM Web Services' ? CRM_ID : undefined,
    environment: 'uat',
  });
}

function assertBlocked(desired: JsonObject, where: RegExp, secret: string): void {
  const outcome = plan(desired);
  assert.equal(outcome.kind, 'blocked', `sent: ${JSON.stringify(outcome)}`);
  assert.ok(outcome.kind === 'blocked');
  assert.match(outcome.reason, where);
  assert.match(outcome.reason, /credential/);
  assert.ok(!outcome.reason.includes(secret), 'the reason names the field, not the value');
}

describe('attack: a credential written into a data action', () => {
  it('an Authorization header given as text is blocked', () => {
    assertBlocked(
      action({ headers: { Authorization: 'Basic dXNlcjpodW50ZXIy' } }),
      /config\.request\.headers\.Authorization/,
      'dXNlcjpodW50ZXIy',
    );
  });

  it('an API key header given as text is blocked', () => {
    assertBlocked(
      action({ headers: { 'X-API-Key': 'sk_live_4f9a8b7c6d5e' } }),
      /config\.request\.headers\.X-API-Key/,
      'sk_live_4f9a8b7c6d5e',
    );
  });

  it('a URL with a user and password in it is blocked', () => {
    assertBlocked(
      action({ requestUrlTemplate: 'https://svc:hunter2@crm.example/api' }),
      /config\.request\.requestUrlTemplate/,
      'hunter2',
    );
  });

  it('a key in the URL’s query is blocked', () => {
    assertBlocked(
      action({ requestUrlTemplate: 'https://crm.example/api?phone=${input.phone}&api_key=AKIA12345' }),
      /config\.request\.requestUrlTemplate/,
      'AKIA12345',
    );
  });

  it('the target’s own header is its own: another field of its action still changes', () => {
    const headers = { Authorization: 'Basic dGFyZ2V0OnRhcmdldA==' };
    const current = action({ headers });
    const desired = action({ headers, requestType: 'POST' });
    assert.equal(plan(desired, current).kind, 'calls');
  });

  it('headers that use the integration’s credentials, or carry none, still go', () => {
    const outcome = plan(
      action({ headers: { Authorization: 'Bearer ${credentials.token}', Accept: 'application/json' } }),
    );
    assert.equal(outcome.kind, 'calls', JSON.stringify(outcome));
  });
});
