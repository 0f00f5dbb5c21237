import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import { startSandbox, type OrgKey, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { canonicalizeListing } from '../../../electron/services/snapshot/canonical-listing';
import { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { nativeGit } from '../../support/native-git';
import { listOrg, sandboxOrgToken } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';
import { changesetOf } from '../promotion/promotion-test-support';

/**
 * Issue 12, point 4: a pull survives a busy org. Another client creates and deletes objects
 * between the page requests of a pull (over the sandbox's HTTP API, from a fetch wrapper in front
 * of Ferry's transport); Ferry lists each object exactly once, or says the list kept changing.
 * An object the org returns with a value Ferry does not know (an enum value added since, six
 * fraction digits) is kept, with a warning, instead of failing the pull.
 */

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const QUEUES = '/api/v2/routing/queues';
const CODES = '/api/v2/routing/wrapupcodes';
const FAST_RETRY = { baseDelayMs: 2, maxDelayMs: 20, maxRetries: 3, timeoutMs: 5000 };

/** Runs before a matching Ferry request is forwarded: the other client's turn. */
type Hook = (url: URL) => Promise<void>;

/** A fetch for Ferry's transport that lets `hook` act before each request it is given. */
function busyFetch(hook: () => Hook | null): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    await hook()?.(url);
    return fetch(input, init);
  };
}

/** Another client of the org: creates and deletes over HTTP, as a colleague's script would. */
class OtherClient {
  private token: string | null = null;

  constructor(
    private readonly sandbox: SandboxHandle,
    private readonly org: OrgKey,
  ) {}

  async create(path: string, body: object): Promise<string> {
    const reply = await this.send('POST', path, body);
    return ((await reply.json()) as { id: string }).id;
  }

  async remove(path: string, id: string): Promise<void> {
    await this.send('DELETE', `${path}/${id}`);
  }

  private async send(method: string, path: string, body?: object): Promise<Response> {
    this.token ??= await sandboxOrgToken(this.sandbox, this.org);
    const reply = await fetch(new URL(path, this.sandbox.url), {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(reply.ok, `${method} ${path}: HTTP ${reply.status} ${await reply.clone().text()}`);
    return reply;
  }
}

const isPage = (url: URL, path: string, page: number) =>
  url.pathname === path && url.searchParams.get('pageNumber') === String(page);

function ids(objects: Record<string, unknown>[]): string[] {
  return objects.map((object) => String(object.id));
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<FerryError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof FerryError, `expected a FerryError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.match(caught.message, message);
  return caught;
}

describe('a queue list read five at a time while another client changes the org', () => {
  let sandbox: SandboxHandle;
  let other: OtherClient;
  let hook: Hook | null = null;
  /** A connector reading queues five at a time, one page after another; `pagesRead` counts page 1 reads. */
  const connect = () => {
    const seen: URL[] = [];
    const connector = new GenesysConnector({
      target: { kind: 'gateway', url: sandbox.url },
      clientId: sandbox.orgs.prod.clientId,
      clientSecret: async () => sandbox.orgs.prod.clientSecret,
      pageSizes: { 'routing.queue': 5 },
      concurrency: 1,
      transport: {
        retry: FAST_RETRY,
        fetch: busyFetch(() => async (url) => {
          seen.push(url);
          await hook?.(url);
        }),
      },
    });
    return { connector, firstPageReads: () => seen.filter((url) => isPage(url, QUEUES, 1)).length };
  };
  /** The queues as the org holds them now, read over HTTP, not through Ferry. */
  const queuesInOrg = async () =>
    (await listOrg(sandbox, 'prod', QUEUES)).map((queue) => queue as { id: string; name: string });

  before(async () => {
    sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
    other = new OtherClient(sandbox, 'prod');
  });
  after(() => sandbox.close());

  it('creating 3 queues during the pull gives each queue exactly once, the new ones included, and no "share the name"', async () => {
    const { connector } = connect();
    let created = 0;
    hook = async (url) => {
      if (created > 0 || !isPage(url, QUEUES, 3)) return;
      // Named to sort first, so every later page shifts by three.
      for (const n of [1, 2, 3]) await other.create(QUEUES, { name: `AAA busy create ${n}` });
      created = 3;
    };
    const listed = await connector.list('routing.queue');
    hook = null;
    assert.equal(created, 3, 'the other client created its queues mid-pull');
    const org = await queuesInOrg();
    assert.equal(new Set(ids(listed)).size, listed.length, 'no queue twice');
    assert.deepEqual(ids(listed).sort(), org.map((queue) => queue.id).sort(), 'every queue the org holds');
    // The snapshot's own check of names sees each queue once: no misleading duplicate.
    const listing = canonicalizeListing('prod', new Map([['routing.queue', listed]]), {});
    assert.equal(listing.texts.get('routing.queue')?.size, org.length);
    assert.deepEqual(listing.warnings, []);
  });

  it('deleting queues during the pull never skips one that is still there', async () => {
    const { connector } = connect();
    const doomed = (await queuesInOrg()).slice(0, 2);
    let deleted = false;
    hook = async (url) => {
      if (deleted || !isPage(url, QUEUES, 3)) return;
      // From the pages already read, so every later page shifts back by two.
      for (const queue of doomed) await other.remove(QUEUES, queue.id);
      deleted = true;
    };
    const listed = await connector.list('routing.queue');
    hook = null;
    assert.ok(deleted);
    const org = await queuesInOrg();
    assert.deepEqual(ids(listed).sort(), org.map((queue) => queue.id).sort());
    for (const queue of doomed) assert.ok(!ids(listed).includes(queue.id), `${queue.name} is gone`);
  });

  it('a queue deleted after it was listed, before its wrap-up codes were read, is read again instead of failing the pull', async () => {
    const { connector } = connect();
    const victim = (await queuesInOrg()).at(-1);
    assert.ok(victim);
    let deleted = false;
    hook = async (url) => {
      if (deleted || url.pathname !== `${QUEUES}/${victim.id}/wrapupcodes`) return;
      await other.remove(QUEUES, victim.id);
      deleted = true;
    };
    const listed = await connector.list('routing.queue');
    hook = null;
    assert.ok(deleted);
    assert.ok(!ids(listed).includes(victim.id));
    assert.deepEqual(ids(listed).sort(), (await queuesInOrg()).map((queue) => queue.id).sort());
  });

  it('a list that changes on every read ends in a clear retry-exhausted error naming the type, after 3 reads', async () => {
    const { connector, firstPageReads } = connect();
    let round = 0;
    hook = async (url) => {
      if (!isPage(url, QUEUES, 2)) return;
      round += 1;
      await other.create(QUEUES, { name: `AAA churn ${round}` });
    };
    const error = await rejectsWith(
      connector.list('routing.queue'),
      'genesys.listing-changed',
      /^Queues changed while Ferry read them 3 times; try again when the org is quieter$/,
    );
    hook = null;
    assert.equal(round, 3, 'read three times, no more');
    assert.equal(error.details?.type, 'routing.queue');
    assert.equal(firstPageReads(), 3);
  });
});

describe('names shared in a listing', () => {
  const skill = (id: string, name: string) => ({ id, name });

  it('one id listed twice is one object; two ids with one name are still refused, naming both', () => {
    const once = canonicalizeListing(
      'prod',
      new Map([['routing.skill', [skill('s-1', 'Billing'), skill('s-1', 'Billing')]]]),
      {},
    );
    assert.equal(once.texts.get('routing.skill')?.size, 1);
    assert.deepEqual(once.ids['routing.skill'], { Billing: 's-1' });
    assert.throws(
      () =>
        canonicalizeListing(
          'prod',
          new Map([['routing.skill', [skill('s-1', 'Billing'), skill('s-2', 'Billing')]]]),
          {},
        ),
      (error: unknown) =>
        error instanceof FerryError &&
        error.code === 'snapshot.duplicate-key' &&
        /ids s-1 and s-2/.test(error.message),
    );
  });
});

describe('a snapshot of a busy org, and of objects Ferry does not fully know', () => {
  let sandbox: SandboxHandle;
  let services: FerryServices;
  let other: OtherClient;
  let dir: string;
  let dataDir: string;
  let hook: Hook | null = null;
  const odd = { queue: '', schedule: '', start: '' };

  before(async () => {
    // The org's stored state is edited between two runs of the sandbox: a queue with a routing
    // method and a field newer than Ferry, a schedule whose start has microseconds.
    const orgs = await tempDir('ferry-busy-org-');
    await (await startSandbox({ dataDir: orgs })).close();
    const file = join(orgs, 'uat.json');
    const state = JSON.parse(await readFile(file, 'utf8')) as {
      queues: Record<string, { name: string; settings: Record<string, unknown> }>;
      schedules: Record<string, { name: string; start: string }>;
    };
    const queue = Object.values(state.queues)[0];
    const schedule = Object.values(state.schedules)[0];
    assert.ok(queue && schedule);
    queue.settings.skillEvaluationMethod = 'SKILL_PROFICIENCY_V2';
    queue.settings.futureRoutingOption = { enabled: true };
    schedule.start = `${schedule.start.replace(/\.\d+$/, '')}.123456`;
    Object.assign(odd, { queue: queue.name, schedule: schedule.name, start: schedule.start });
    await writeFile(file, JSON.stringify(state));
    sandbox = await startSandbox({ dataDir: orgs, rateLimitPerMinute: 100_000 });
    other = new OtherClient(sandbox, 'uat');

    const root = await tempDir('ferry-busy-ws-');
    dataDir = join(root, 'data');
    services = createFerryServices({
      dataDir,
      version: 'test',
      env: {},
      author: { name: 'Busy Org', email: 'busy@example.test' },
      transport: { retry: FAST_RETRY, fetch: busyFetch(() => hook) },
    });
    dir = join(root, 'ws');
    await services.workspace.create(dir, 'Busy org');
    await services.environments.save(
      { name: 'uat', kind: 'sandbox', url: sandbox.url, org: 'uat', tier: 'test' },
      undefined,
    );
    // Wrap-up codes come 100 to a page: enough of them for two pages.
    for (let n = 0; n < 75; n += 1) {
      await other.create(CODES, { name: `Filler ${String(n).padStart(2, '0')}` });
    }
  });
  after(() => sandbox.close());

  const codesInOrg = async () => (await listOrg(sandbox, 'uat', CODES)).map((code) => code.name).sort();
  const codesInSnapshot = async () => {
    const ids = JSON.parse(await readFile(join(dir, 'environments', 'uat', 'ids.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    return Object.keys(ids['routing.wrapupcode'] ?? {}).sort();
  };

  it('keeps an object with an unknown enum value, an unknown field or a six-digit fraction, and warns', async () => {
    const result = await services.snapshots.run('uat');
    assert.ok(result.commit, result.message);
    const warned = result.warnings.map((warning) => `${warning.type} ${warning.key}`).sort();
    assert.deepEqual(warned, [`architect.schedule ${odd.schedule}`, `routing.queue ${odd.queue}`]);
    const queueWarning = result.warnings.find((warning) => warning.type === 'routing.queue');
    assert.deepEqual(
      queueWarning?.issues.map((issue) => issue.path),
      ['skillEvaluationMethod'],
      'an unknown field is no issue at all',
    );
    assert.match(
      queueWarning?.message ?? '',
      new RegExp(`Queue "${odd.queue}" is kept as the org returned it`),
    );
    const scheduleWarning = result.warnings.find((warning) => warning.type === 'architect.schedule');
    assert.deepEqual(
      scheduleWarning?.issues.map((issue) => issue.path),
      ['start'],
    );

    const file = (type: string, key: string) =>
      readFile(join(dir, 'environments', 'uat', 'snapshot', type, keyToFileName(key)), 'utf8');
    const queue = JSON.parse(await file('routing.queue', odd.queue)) as Record<string, unknown>;
    assert.equal(queue.skillEvaluationMethod, 'SKILL_PROFICIENCY_V2');
    assert.deepEqual(queue.futureRoutingOption, { enabled: true });
    const schedule = JSON.parse(await file('architect.schedule', odd.schedule)) as Record<string, unknown>;
    assert.equal(schedule.start, odd.start);
    assert.equal(result.counts['routing.queue'], (await listOrg(sandbox, 'uat', QUEUES)).length);
  });

  it('plans against a target holding such a queue, instead of failing the whole plan', async () => {
    const plan = await services.engine.plan(
      changesetOf('odd-queue', [
        {
          op: 'update',
          type: 'routing.queue',
          key: odd.queue,
          changes: [{ path: 'description', before: null, after: 'changed by a plan' }],
        },
      ]),
      'uat',
    );
    const step = plan.steps.find((candidate) => candidate.key === odd.queue);
    assert.ok(step && step.action !== 'blocked', JSON.stringify(step));
  });

  it('ferry snapshot reports the warnings on stderr and in --json, and succeeds', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [BIN, '-w', dir, ...args],
          { env: { ...process.env, FERRY_DATA_DIR: dataDir } },
          (error, stdout, stderr) =>
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });
    const human = await run(['snapshot', 'uat']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stderr,
      new RegExp(`warning: Queue "${odd.queue}" is kept as the org returned it.*skillEvaluationMethod`),
    );
    assert.match(
      human.stderr,
      new RegExp(`warning: Schedule "${odd.schedule}" is kept as the org returned it.*start`),
    );
    assert.match(human.stdout, /2 kept with warnings/);
    const json = await run(['snapshot', 'uat', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const data = JSON.parse(json.stdout) as { warnings: { type: string; key: string }[] };
    assert.deepEqual(data.warnings.map((warning) => `${warning.type} ${warning.key}`).sort(), [
      `architect.schedule ${odd.schedule}`,
      `routing.queue ${odd.queue}`,
    ]);
    assert.match(json.stderr, /warning: Queue/);
  });

  it('a snapshot while another client creates and deletes wrap-up codes holds each code exactly once', async () => {
    const before = await codesInOrg();
    let busy = true;
    hook = async (url) => {
      if (!busy || !isPage(url, CODES, 2)) return;
      busy = false;
      await other.create(CODES, { name: 'AAA created mid-pull' });
      await other.create(CODES, { name: 'AAB created mid-pull' });
      const [first] = await listOrg<{ id: string; name: string }>(sandbox, 'uat', CODES);
      assert.ok(first && first.name === 'AAA created mid-pull');
      const doomed = (await listOrg<{ id: string; name: string }>(sandbox, 'uat', CODES)).find(
        (code) => code.name === 'Filler 03',
      );
      assert.ok(doomed);
      await other.remove(CODES, doomed.id);
    };
    const result = await services.snapshots.run('uat', { types: ['routing.wrapupcode'] });
    hook = null;
    assert.equal(busy, false, 'the other client ran mid-pull');
    const after = await codesInOrg();
    assert.equal(after.length, before.length + 1);
    assert.deepEqual(await codesInSnapshot(), after);
    assert.equal(result.counts['routing.wrapupcode'], after.length);
  });

  it('a snapshot of a list that never settles fails clearly and leaves the previous snapshot as it was', async () => {
    const head = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    let round = 0;
    hook = async (url) => {
      if (!isPage(url, CODES, 2) || round >= 10) return;
      round += 1;
      await other.create(CODES, { name: `AAA churn ${round}` });
    };
    const error = await rejectsWith(
      services.snapshots.run('uat', { types: ['routing.wrapupcode'] }),
      'genesys.listing-changed',
      /previous snapshot is unchanged: Wrap-up codes changed while Ferry read them 3 times; try again when the org is quieter/,
    );
    hook = null;
    assert.doesNotMatch(error.message, /share the name/);
    assert.equal(round, 3);
    assert.equal(nativeGit(dir, 'rev-parse', 'HEAD').trim(), head, 'no commit');
  });
});
