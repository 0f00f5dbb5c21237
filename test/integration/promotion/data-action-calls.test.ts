import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { actionCalls, type IntegrationCalls } from '../../../shared/promotion/engine/action-calls';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import {
  integrationCalls,
  withoutCredentialFields,
} from '../../../shared/promotion/engine/action-integration-calls';

const CRM_ID = '0f3e2d1c-0000-4000-8000-00000000c0de';
const resolveId = (type: string, name: string) =>
  type === 'integrations.integration' && name === 'CRM Web Services' ? CRM_ID : undefined;

/** The outcome is calls, and they are these methods on these paths, in this order. */
function assertCalls(
  outcome: IntegrationCalls,
  expected: [string, string][],
): asserts outcome is Extract<IntegrationCalls, { kind: 'calls' }> {
  assert.ok(outcome.kind === 'calls', JSON.stringify(outcome));
  assert.deepEqual(
    outcome.calls.map((call) => [call.method, call.path]),
    expected,
  );
}

function action(overrides: JsonObject = {}): JsonObject {
  return {
    name: 'Lookup Customer By Phone',
    integrationId: { $ref: 'integrations.integration', name: 'CRM Web Services' },
    category: 'CRM Web Services',
    secure: false,
    config: {
      request: {
        requestUrlTemplate: 'https://crm.example/api?phone=${input.phoneNumber}',
        requestType: 'GET',
      },
      response: { translationMap: { id: '$.id' } },
    },
    contract: {
      input: { inputSchema: { type: 'object', properties: { phoneNumber: { type: 'string' } } } },
      output: { successSchema: { type: 'object', properties: { id: { type: 'string' } } } },
    },
    ...overrides,
  };
}

function integration(overrides: JsonObject = {}): JsonObject {
  return {
    name: 'CRM Web Services',
    integrationType: { id: 'custom-rest-actions' },
    intendedState: 'ENABLED',
    properties: {},
    advanced: {},
    credentials: { basicAuth: { type: 'basicAuth' } },
    ...overrides,
  };
}

describe('the calls that write data actions and integrations (issue 18)', () => {
  it('creates an action published, with its integration by the target id', () => {
    const outcome = actionCalls({
      key: 'Lookup Customer By Phone',
      id: null,
      current: null,
      desired: action(),
      resolveId,
    });
    assert.equal(outcome.kind, 'calls');
    assertCalls(outcome, [['POST', '/api/v2/integrations/actions']]);
    assert.equal((outcome.calls[0]?.body as JsonObject).integrationId, CRM_ID);
  });

  it('changes a published action through its draft, then publishes the draft', () => {
    const desired = action({
      config: { request: { requestUrlTemplate: 'https://crm.example/v2', requestType: 'GET' } },
    });
    const outcome = actionCalls({
      key: 'Lookup Customer By Phone',
      id: 'custom_-_a1',
      current: action(),
      desired,
      resolveId,
    });
    assertCalls(outcome, [
      ['PATCH', '/api/v2/integrations/actions/custom_-_a1/draft'],
      ['POST', '/api/v2/integrations/actions/custom_-_a1/draft/publish'],
    ]);
    const draft = outcome.calls[0]?.body as JsonObject;
    assert.equal(draft.integrationId, undefined, 'a draft has no integration to change');
    assert.deepEqual(draft.config, desired.config);
  });

  it('writes nothing for an action the target already holds', () => {
    const outcome = actionCalls({
      key: 'x',
      id: 'custom_-_a1',
      current: action(),
      desired: action(),
      resolveId,
    });
    assert.deepEqual(outcome, { kind: 'calls', calls: [] });
  });

  it('blocks an action whose integration the target lacks, naming it', () => {
    const outcome = actionCalls({
      key: 'Create Support Ticket',
      id: null,
      current: null,
      desired: action({ integrationId: { $ref: 'integrations.integration', name: 'Ticketing' } }),
      resolveId,
    });
    assert.equal(outcome.kind, 'blocked');
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /the integration "Ticketing"/);
  });

  it("writes an integration's credential from secret markers, which stay markers in the plan", () => {
    const desired = integration({
      credentials: {
        basicAuth: {
          type: 'basicAuth',
          fields: { userName: 'svc-uat', password: { $secret: 'crmPassword' } },
        },
      },
    });
    const outcome = integrationCalls({
      key: 'CRM Web Services',
      id: 'int-1',
      current: integration(),
      desired,
      resolveId,
    });
    assertCalls(outcome, [['PUT', '/api/v2/integrations/int-1/config/current']]);
    assert.deepEqual(
      (outcome.calls[0]?.body as { credentials: JsonObject }).credentials,
      desired.credentials,
    );
  });

  it('creates an integration, then its configuration, then switches it on', () => {
    const desired = integration({
      credentials: { basicAuth: { type: 'basicAuth', fields: { password: { $secret: 'crmPassword' } } } },
    });
    const outcome = integrationCalls({
      key: 'CRM Web Services',
      id: null,
      current: null,
      desired,
      resolveId,
    });
    assertCalls(outcome, [
      ['POST', '/api/v2/integrations'],
      ['PUT', '/api/v2/integrations/{id of integrations.integration "CRM Web Services"}/config/current'],
      ['PATCH', '/api/v2/integrations/{id of integrations.integration "CRM Web Services"}'],
    ]);
  });

  it('blocks an integration whose credential the target lacks and the changeset gives no fields for', () => {
    const outcome = integrationCalls({
      key: 'CRM Web Services',
      id: null,
      current: null,
      desired: integration(),
      resolveId,
    });
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /"basicAuth"/);
    assert.match(outcome.reason, /never copies a credential from another org/);
  });

  it('compares an integration as a read shows it: credential fields are write-only', () => {
    const written = integration({
      credentials: { basicAuth: { type: 'basicAuth', fields: { password: { $secret: 'crmPassword' } } } },
    });
    assert.deepEqual(withoutCredentialFields(written), integration());
  });

  it("blocks an action whose template holds another org's id, as any object's", () => {
    const desired = action({
      config: {
        request: {
          requestUrlTemplate: '/api/v2/routing/queues/7d3c2b1a-0000-4000-8000-0000000000aa/members',
          requestType: 'GET',
        },
      },
    });
    const outcome = objectCalls({
      type: 'integrations.action',
      key: 'Queue Members',
      id: null,
      current: null,
      desired,
      resolveId,
    });
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /config\.request\.requestUrlTemplate holds an object id/);
  });

  it('blocks a password written in the changeset as text, naming the field', () => {
    const desired = integration({
      credentials: { basicAuth: { type: 'basicAuth', fields: { userName: 'svc', password: 'hunter2' } } },
    });
    const outcome = integrationCalls({
      key: 'CRM Web Services',
      id: 'int-1',
      current: integration(),
      desired,
      resolveId,
    });
    assert.ok(outcome.kind === 'blocked');
    assert.match(outcome.reason, /credentials\.basicAuth\.fields\.password/);
    assert.ok(!outcome.reason.includes('hunter2'), 'the reason does not repeat the value');
  });
});
