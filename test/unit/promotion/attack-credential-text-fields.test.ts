import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { integrationCalls } from '../../../shared/promotion/engine/action-integration-calls';

/*
 * Attack (issue 18): a credential's secret given as text in a changeset is blocked, but only
 * when its field's name says pass/secret/token/key/credential. A `userDefined` credential's
 * fields are named by whoever made it (`pwd`, `pin`, `apiAuth`, `bearer`), and a number is not
 * text: those went into the plan and the journal in the clear. Only fields known to hold no
 * secret (a user name, a client id, a URL) may be text; every other one must be a secret parameter.
 */

const resolveId = () => undefined;

function integration(fields: JsonObject): JsonObject {
  return {
    name: 'CRM Web Services',
    integrationType: { id: 'custom-rest-actions' },
    intendedState: 'ENABLED',
    credentials: { crm: { type: 'userDefined', fields } },
  };
}

function outcomeFor(fields: JsonObject) {
  return integrationCalls({
    key: 'CRM Web Services',
    id: 'int-1',
    current: integration({ userName: { $secret: 'old' } }),
    desired: integration(fields),
    resolveId,
  });
}

describe('attack: a credential secret as text under a field name that does not say so', () => {
  for (const [field, value] of [
    ['pwd', 'hunter2'],
    ['pin', 4821],
    ['apiAuth', 'Basic aHVudGVyMg=='],
    ['bearer', 'eyJhbGciOi'],
  ] as const) {
    it(`blocks credentials.crm.fields.${field}, naming the field and not the value`, () => {
      const outcome = outcomeFor({ userName: 'svc', [field]: value });
      assert.equal(outcome.kind, 'blocked', JSON.stringify(outcome));
      assert.ok(outcome.kind === 'blocked');
      assert.match(outcome.reason, new RegExp(`credentials\\.crm\\.fields\\.${field}\\b`));
      assert.ok(!outcome.reason.includes(String(value)));
      assert.doesNotMatch(outcome.reason, /fields\.userName/);
    });
  }

  it('a user name, client id or login URL as text, and secrets as markers, still plan', () => {
    const outcome = outcomeFor({
      userName: 'svc',
      clientId: 'abc',
      loginUrl: 'https://login.crm.example',
      pwd: { $secret: 'crmPassword' },
    });
    assert.equal(outcome.kind, 'calls', JSON.stringify(outcome));
  });
});
