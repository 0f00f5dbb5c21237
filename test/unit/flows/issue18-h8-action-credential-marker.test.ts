import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import {
  CREDENTIAL_REMOVED_MARKER,
  withoutInlineCredentials,
} from '../../../shared/promotion/engine/inline-credentials';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';

/*
 * Issue 18: a snapshot keeps a marker where a data action's request held a credential as text.
 * The marker is removed text, not the target's own value: a step whose action holds it is blocked
 * with the inline-credential advice even when the target's read holds the same marker (writing it
 * would replace the target's real credential with the marker). Removing is what the plan's check
 * finds, no more: references to credentials and other headers are kept, and it is idempotent.
 */

function action(request: JsonObject): JsonObject {
  return {
    name: 'Lookup',
    integrationId: { $ref: 'integrations.integration', name: 'CRM' },
    category: 'CRM',
    secure: false,
    config: { request: { requestUrlTemplate: 'https://crm.example/api', requestType: 'GET', ...request } },
  };
}

function plan(desired: JsonObject, current: JsonObject) {
  return objectCalls({
    type: 'integrations.action',
    key: 'Lookup',
    id: 'custom_-_a1',
    current,
    desired,
    resolveId: () => '0f3e2d1c-0000-4000-8000-00000000c0de',
    environment: 'uat',
  });
}

describe('a data action credential removed on read (issue 18)', () => {
  it('removes header, URL password and query key values, keeps references and is idempotent', () => {
    const read = withoutInlineCredentials(
      action({
        requestUrlTemplate: 'https://svc:hunter2@crm.example/api?q=${input.q}&access_token=abc123#top',
        headers: {
          Authorization: 'Bearer abc',
          'X-Auth-Token': '${credentials.token}',
          Accept: 'text/plain',
        },
      }),
    );
    const request = (read.config as { request: JsonObject }).request;
    assert.deepEqual(request.headers, {
      Authorization: CREDENTIAL_REMOVED_MARKER,
      'X-Auth-Token': '${credentials.token}',
      Accept: 'text/plain',
    });
    assert.equal(
      request.requestUrlTemplate,
      `https://svc:${CREDENTIAL_REMOVED_MARKER}@crm.example/api?q=\${input.q}&access_token=${CREDENTIAL_REMOVED_MARKER}#top`,
    );
    assert.deepEqual(withoutInlineCredentials(structuredClone(read)), read, 'reading twice is the same');
  });

  it('a removed header is blocked even when the target’s read holds the same marker', () => {
    const removed = action({ headers: { Authorization: CREDENTIAL_REMOVED_MARKER } });
    const outcome = plan({ ...removed, secure: true }, removed);
    assert.equal(outcome.kind, 'blocked', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /config\.request\.headers\.Authorization gives a credential as text/);
  });

  it('a removed URL password is blocked even when the target’s read holds the same URL', () => {
    const removed = action({
      requestUrlTemplate: `https://svc:${CREDENTIAL_REMOVED_MARKER}@crm.example/api`,
    });
    const outcome = plan({ ...removed, secure: true }, removed);
    assert.equal(outcome.kind, 'blocked', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /config\.request\.requestUrlTemplate gives a credential as text/);
  });
});
