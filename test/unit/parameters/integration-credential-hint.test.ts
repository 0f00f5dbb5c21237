// What an integration credential block tells a person to write: {"$param": name} naming a secret
// parameter (resolveChangesetValues refuses a {"$secret"} marker written in a changeset).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrationCalls } from '../../../shared/promotion/engine/action-integration-calls';

const integration = (credentials: Record<string, unknown>) => ({
  name: 'CRM Web Services',
  integrationType: { id: 'custom-rest-actions' },
  intendedState: 'ENABLED',
  properties: {},
  advanced: {},
  credentials,
});

describe('what an integration credential block tells a person to write', () => {
  it('a password given as text: names {"$param": …} of a secret parameter, not a {"$secret"} marker', () => {
    const outcome = integrationCalls({
      key: 'CRM Web Services',
      id: 'int-1',
      current: integration({ basicAuth: { type: 'basicAuth' } }),
      desired: integration({ basicAuth: { type: 'basicAuth', fields: { password: 'hunter2' } } }),
      resolveId: () => undefined,
    } as never);
    assert.ok(outcome.kind === 'blocked');
    assert.doesNotMatch(outcome.reason, /\{"\$secret": name\}/);
    assert.match(outcome.reason, /\$param/);
  });
  it('a credential the target lacks: names {"$param": …}, not {"$secret"}', () => {
    const outcome = integrationCalls({
      key: 'CRM Web Services',
      id: null,
      current: null,
      desired: integration({ basicAuth: { type: 'basicAuth' } }),
      resolveId: () => undefined,
    } as never);
    assert.ok(outcome.kind === 'blocked');
    assert.doesNotMatch(outcome.reason, /\{"\$secret": name\}/);
  });
});
