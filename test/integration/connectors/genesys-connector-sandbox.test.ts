import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { ModelErrorCode } from '../../../shared/model/object-types/model-error-codes';
import { objectTypeIds, type ObjectTypeId } from '../../../shared/model/object-types/object-type-definition';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { ORG_KEYS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import type { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { MAX_PAGE_SIZE } from '../../../electron/services/connectors/genesys/page-sizes';
import { connectTo, rejectsWithCode, seededCounts, type SeededCounts } from './connector-test-support';

type Pull = Record<ObjectTypeId, Record<string, unknown>[]>;

async function pullEverything(connector: GenesysConnector): Promise<Pull> {
  const pull = {} as Pull;
  for (const type of objectTypeIds) pull[type] = await connector.list(type);
  return pull;
}

const pages = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

/** Token + every list page + every sub-resource page (at the largest page size allowed) + prompt audio. */
function minimumRequests(counts: SeededCounts, sizes: Record<ObjectTypeId | 'subresource', number>): number {
  let requests = 1;
  for (const type of objectTypeIds) requests += pages(counts.objects[type], sizes[type]);
  // Lists that leave fields out (skill groups without their conditions): one read per object.
  for (const type of objectTypeIds) {
    if (getObjectType(type).listing?.summaryOnly === true) requests += counts.objects[type];
  }
  for (const codes of counts.queueWrapupCodes.values()) requests += pages(codes, sizes.subresource);
  for (const rows of counts.datatableRows.values()) requests += pages(rows, sizes.subresource);
  // Prompts come with their resources; each transcoded one's audio is downloaded once.
  requests += counts.promptAudio;
  // Integrations come with their configuration; the credential list (one credential per seeded
  // integration) gives each credential's kind.
  const integrations = counts.objects['integrations.integration'];
  if (integrations > 0) requests += pages(integrations, sizes.subresource);
  // Each flow's configuration comes through its own export job: the job's registration, one poll
  // (these sandboxes finish a job at once, see FLOW_JOBS_AT_ONCE) and the download of its file.
  requests += 3 * counts.objects['architect.flow'];
  return requests;
}

/** Export jobs that are done when first polled, so a flow's read takes a known number of requests. */
const FLOW_JOBS_AT_ONCE = { flowJobDurationMs: 0 };

function byName(objects: Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  return new Map(objects.map((object) => [String(object.name), object]));
}

describe('Genesys connector against the sandbox', () => {
  let sandbox: SandboxHandle;
  let clean: Pull;
  const prod = seededCounts('prod');

  before(async () => {
    sandbox = await startSandbox({ port: 0, ...FLOW_JOBS_AT_ONCE });
    // The reference pull the other tests compare with.
    clean = await pullEverything(connectTo(sandbox.url, sandbox.orgs.prod).connector);
  });
  after(() => sandbox.close());

  it('check() logs in with client credentials and names each org', async () => {
    for (const org of ORG_KEYS) {
      const { connector, calls } = connectTo(sandbox.url, sandbox.orgs[org]);
      assert.deepEqual(await connector.check(), {
        orgId: sandbox.orgs[org].orgId,
        orgName: sandbox.orgs[org].orgName,
      });
      assert.deepEqual(
        calls.map((call) => `${call.method} ${call.path}`),
        ['POST /oauth/token', 'GET /api/v2/organizations/me'],
      );
    }
  });

  it('lists every type with the seeded counts, sub-resources attached, in the fewest requests', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.prod);
    const pull = await pullEverything(connector);
    assert.deepEqual(pull, clean, 'two pulls of an unchanged org are equal');
    for (const type of objectTypeIds) {
      assert.equal(pull[type].length, prod.objects[type], type);
      assert.equal(
        new Set(pull[type].map((object) => object.id)).size,
        prod.objects[type],
        `${type} ids unique`,
      );
    }

    const queues = byName(pull['routing.queue']);
    for (const [name, codes] of prod.queueWrapupCodes) {
      const wrapupCodes = queues.get(name)?.wrapupCodes;
      assert.ok(Array.isArray(wrapupCodes), `${name} has wrapupCodes`);
      assert.equal(wrapupCodes.length, codes, `${name} wrap-up codes`);
    }
    const tables = byName(pull['flows.datatable']);
    for (const [name, rowCount] of prod.datatableRows) {
      const table = tables.get(name);
      assert.ok(table?.schema, `${name} is listed with its schema`);
      const rows = table.rows;
      assert.ok(Array.isArray(rows), `${name} has rows`);
      assert.equal(rows.length, rowCount, `${name} rows`);
      // Full rows (showbrief=false), not just their keys.
      assert.ok(
        rows.every((row: unknown) => typeof row === 'object' && row !== null && Object.keys(row).length > 1),
        `${name} rows are full rows`,
      );
    }

    assert.equal(connector.stats.requests, minimumRequests(prod, MAX_PAGE_SIZE));
    assert.equal(connector.stats.retries, 0);
    assert.equal(calls.length, connector.stats.requests);
  });

  it('reads small pages in exactly the minimum number of requests, with the same result', async () => {
    const pageSize = 7;
    const small = await startSandbox({ port: 0, maxPageSize: pageSize, ...FLOW_JOBS_AT_ONCE });
    try {
      const sizes = Object.fromEntries(
        [...objectTypeIds, 'subresource'].map((key) => [key, pageSize]),
      ) as Record<ObjectTypeId | 'subresource', number>;
      const { connector, calls } = connectTo(small.url, small.orgs.prod, { pageSizes: sizes });
      const pull = await pullEverything(connector);
      const expected = minimumRequests(prod, sizes);
      assert.ok(expected > minimumRequests(prod, MAX_PAGE_SIZE), 'small pages need more requests');
      assert.equal(connector.stats.requests, expected);
      assert.equal(connector.stats.retries, 0);
      const targets = calls.filter((call) => call.method === 'GET').map((call) => call.target);
      assert.equal(new Set(targets).size, targets.length, 'no page is read twice');
      // Every list is paged; the org-wide utilization is one object at its own path, read once,
      // and each skill group and data action is read at its own URL for what its listing leaves out.
      const skillGroup = /\/api\/v2\/routing\/skillgroups\/[^/?]+$/;
      const dataAction = /\/api\/v2\/integrations\/actions\/[^/?]+(\?|$)/;
      // A flow's export job is polled at its own URL (with expand=messages), not listed.
      const exportJob = /\/api\/v2\/flows\/export\/jobs\/[^/?]+(\?|$)/;
      // Prompt audio and flow files are downloads of media links, not lists.
      const paged = targets.filter(
        (target) =>
          !target.endsWith('/api/v2/routing/utilization') &&
          !skillGroup.test(target) &&
          !dataAction.test(target) &&
          !exportJob.test(target) &&
          !target.startsWith('/sandbox-media/'),
      );
      assert.equal(
        targets.length - paged.length,
        1 +
          prod.objects['routing.skillgroup'] +
          prod.objects['integrations.action'] +
          prod.promptAudio +
          2 * prod.objects['architect.flow'],
      );
      assert.ok(paged.every((target) => target.includes(`pageSize=${pageSize}`)));
      assert.deepEqual(pull, clean);
    } finally {
      await small.close();
    }
  });

  it('reports progress while listing', async () => {
    const { connector } = connectTo(sandbox.url, sandbox.orgs.prod, {
      pageSizes: { 'routing.wrapupcode': 10 },
    });
    const seen: number[] = [];
    await connector.list('routing.wrapupcode', { onProgress: (progress) => seen.push(progress.objects) });
    assert.equal(seen.at(-1), prod.objects['routing.wrapupcode']);
    assert.ok(seen.length >= pages(prod.objects['routing.wrapupcode'], 10));
  });

  it('get() returns the same object list() does, sub-resources included', async () => {
    const { connector } = connectTo(sandbox.url, sandbox.orgs.prod);
    for (const type of objectTypeIds) {
      const listed = clean[type].at(-1);
      assert.ok(listed, type);
      assert.deepEqual(await connector.get(type, String(listed.id)), listed, type);
    }
  });

  it('pulls the same result through 503s and 429s as without faults', async () => {
    const faulty = await startSandbox({ port: 0, faults: '503=0.1,429=0.05,seed=11' });
    try {
      const { connector } = connectTo(faulty.url, faulty.orgs.prod);
      const pull = await pullEverything(connector);
      assert.ok(connector.stats.retries > 0, 'faults were injected and retried');
      assert.ok(connector.stats.rateLimitWaits > 0, 'a 429 was waited out');
      assert.ok(connector.stats.requests > minimumRequests(prod, MAX_PAGE_SIZE));
      assert.deepEqual(pull, clean);
    } finally {
      await faulty.close();
    }
  });

  it('refuses a bad secret as bad-credentials without repeating or revealing it', async () => {
    const secret = 'wrong-secret-6f1d2c';
    const { connector, calls } = connectTo(sandbox.url, {
      clientId: sandbox.orgs.dev.clientId,
      clientSecret: secret,
    });
    const error = await rejectsWithCode(connector.check(), 'genesys.bad-credentials');
    assert.equal(calls.length, 1, 'a refused login is not retried');
    const basic = Buffer.from(`${sandbox.orgs.dev.clientId}:${secret}`).toString('base64');
    const everything = [
      error.message,
      error.stack ?? '',
      JSON.stringify(error.toApiError()),
      inspect(error, { depth: 5, showHidden: true }),
    ].join('\n');
    assert.ok(!everything.includes(secret), 'the secret does not appear');
    assert.ok(!everything.includes(basic), 'the Basic header does not appear');
  });

  it('refuses an unknown client id the same way', async () => {
    const { connector } = connectTo(sandbox.url, { clientId: 'nobody', clientSecret: 'nothing-at-all' });
    await rejectsWithCode(connector.check(), 'genesys.bad-credentials');
  });

  it('maps a missing object to not-found with the Genesys code and contextId', async () => {
    const { connector } = connectTo(sandbox.url, sandbox.orgs.dev);
    const error = await rejectsWithCode(
      connector.get('routing.queue', '00000000-0000-4000-8000-000000000000'),
      'genesys.not-found',
    );
    assert.equal(error.details?.status, 404);
    assert.equal(error.details?.genesysCode, 'not.found');
    assert.equal(typeof error.details?.contextId, 'string');
  });

  it('refuses an unknown type as bad input before any request', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.dev);
    await rejectsWithCode(connector.list('routing.flows' as ObjectTypeId), ModelErrorCode.typeUnknown);
    assert.equal(calls.length, 0);
  });
});

describe('Genesys connector token lifetime', () => {
  let sandbox: SandboxHandle;
  let skewMs = 0;
  before(async () => {
    sandbox = await startSandbox({ port: 0, tokenTtlSeconds: 3600, clock: () => Date.now() + skewMs });
  });
  after(() => sandbox.close());

  it('logs in once and reuses the token while it is valid', async () => {
    const { connector, logins } = connectTo(sandbox.url, sandbox.orgs.uat);
    for (let index = 0; index < 5; index += 1) await connector.check();
    assert.equal(logins(), 1);
  });

  it('logs in again once when the server stops accepting the token mid-session', async () => {
    const { connector, logins, calls } = connectTo(sandbox.url, sandbox.orgs.uat);
    await connector.check();
    skewMs += 2 * 3600 * 1000;
    assert.equal((await connector.check()).orgName, sandbox.orgs.uat.orgName);
    assert.equal(logins(), 2);
    assert.deepEqual(
      calls.map((call) => `${call.method} ${call.path}`),
      [
        'POST /oauth/token',
        'GET /api/v2/organizations/me',
        'GET /api/v2/organizations/me',
        'POST /oauth/token',
        'GET /api/v2/organizations/me',
      ],
    );
  });

  it('logs in again only once when several requests in flight are refused together', async () => {
    const { connector, logins } = connectTo(sandbox.url, sandbox.orgs.uat);
    await connector.check();
    skewMs += 2 * 3600 * 1000;
    const results = await Promise.all(Array.from({ length: 6 }, () => connector.check()));
    assert.ok(results.every((result) => result.orgName === sandbox.orgs.uat.orgName));
    assert.equal(logins(), 2);
  });

  it('does not loop when the fresh token is refused too', async () => {
    // A server whose clock leaps ahead on every reading: each token has expired by its first use.
    let readings = 0;
    const leaping = await startSandbox({
      port: 0,
      tokenTtlSeconds: 1,
      clock: () => Date.now() + (readings += 1) * 10_000,
    });
    try {
      const { connector, logins } = connectTo(leaping.url, leaping.orgs.uat);
      await rejectsWithCode(connector.check(), 'genesys.unauthorized');
      assert.equal(logins(), 2);
    } finally {
      await leaping.close();
    }
  });
});
