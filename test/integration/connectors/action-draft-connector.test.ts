import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { FAST_RETRY, rejectsWithCode } from './connector-test-support';

const LOOKUP = 'Lookup Customer By Phone';

/**
 * A data action changed through its draft while someone else saves the same draft: the draft's
 * version moves between Ferry's read and its write. Each test makes that race happen at one exact
 * request, from a fetch that sends the other person's edit first.
 */
describe('data action drafts with a moving version (issue 18)', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  /** A connector to uat whose fetch runs `meddle` once, before the first request `when` picks. */
  function racingConnector(
    when: (method: string, path: string) => boolean,
    meddle: () => Promise<void>,
  ): { connector: GenesysConnector; statuses: { method: string; path: string; status: number }[] } {
    let done = false;
    const statuses: { method: string; path: string; status: number }[] = [];
    const fetchWithRace: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = (init?.method ?? 'GET').toUpperCase();
      if (!done && when(method, url.pathname)) {
        done = true;
        await meddle();
      }
      const response = await fetch(input, init);
      statuses.push({ method, path: url.pathname, status: response.status });
      return response;
    };
    const connector = new GenesysConnector({
      target: { kind: 'gateway', url: sandbox.url },
      clientId: sandbox.orgs.uat.clientId,
      clientSecret: async () => sandbox.orgs.uat.clientSecret,
      transport: { retry: FAST_RETRY, fetch: fetchWithRace },
    });
    return { connector, statuses };
  }

  /** Someone else's edit of the draft, with their own connector, at the draft's current version. */
  async function editDraftElsewhere(actionId: string, fields: Record<string, unknown>): Promise<void> {
    const other = new GenesysConnector({
      target: { kind: 'gateway', url: sandbox.url },
      clientId: sandbox.orgs.uat.clientId,
      clientSecret: async () => sandbox.orgs.uat.clientSecret,
      transport: { retry: FAST_RETRY },
    });
    // Their edit goes through Ferry's own draft write (it reads the version and sends it), as a
    // person saving in the Genesys UI would.
    await other.request(
      'PATCH',
      `/api/v2/integrations/actions/${encodeURIComponent(actionId)}/draft`,
      fields,
    );
  }

  async function lookupId(connector: GenesysConnector): Promise<string> {
    const actions = await connector.list('integrations.action');
    const found = actions.find((action) => action.name === LOOKUP);
    assert.ok(found);
    return String(found.id);
  }

  it('writes the draft again on its new version after a 409, then publishes what it wrote', async () => {
    let id = '';
    const { connector, statuses } = racingConnector(
      (method, path) => method === 'PATCH' && path.endsWith('/draft'),
      () => editDraftElsewhere(id, { category: 'Edited elsewhere' }),
    );
    id = await lookupId(connector);
    const before = await connector.get('integrations.action', id);
    const fields = {
      name: LOOKUP,
      category: String(before.category),
      secure: false,
      config: { ...(before.config as Record<string, unknown>), timeoutSeconds: 21 },
      contract: before.contract,
    };
    await connector.request('PATCH', `/api/v2/integrations/actions/${id}/draft`, fields);
    await connector.request('POST', `/api/v2/integrations/actions/${id}/draft/publish`, {});
    const conflicts = statuses.filter((entry) => entry.status === 409);
    assert.equal(conflicts.length, 1, 'the stale write met one 409');
    const after = await connector.get('integrations.action', id);
    assert.equal((after.config as { timeoutSeconds: number }).timeoutSeconds, 21);
    assert.equal(after.category, before.category, "the run's own fields were published");
    assert.equal(Number(after.version), Number(before.version) + 1);
  });

  it('refuses to publish a draft someone changed after Ferry wrote it, naming the conflict', async () => {
    let id = '';
    const { connector } = racingConnector(
      (method, path) => method === 'POST' && path.endsWith('/draft/publish'),
      () => editDraftElsewhere(id, { category: 'Edited elsewhere' }),
    );
    id = await lookupId(connector);
    const before = await connector.get('integrations.action', id);
    await connector.request('PATCH', `/api/v2/integrations/actions/${id}/draft`, {
      name: LOOKUP,
      category: String(before.category),
      secure: false,
      config: { ...(before.config as Record<string, unknown>), timeoutSeconds: 22 },
      contract: before.contract,
    });
    const error = await rejectsWithCode(
      connector.request('POST', `/api/v2/integrations/actions/${id}/draft/publish`, {}),
      'conflict',
    );
    assert.match(error.message, /changed by someone else/);
    const after = await connector.get('integrations.action', id);
    assert.equal(after.version, before.version, 'nothing was published');
  });
});
