import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_MAX_PAGE_SIZES,
  DEMO_CLIENTS,
  minimumListRequests,
  startSandbox,
  type SandboxHandle,
} from '../../../electron/sandbox';
import { apiFor, listAll, login, type Listing, type Named } from './sandbox-test-client';

describe('sandbox paging envelope', () => {
  let sandbox: SandboxHandle;
  let api: ReturnType<typeof apiFor>;
  before(async () => {
    sandbox = await startSandbox();
    api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.prod));
  });
  after(() => sandbox.close());

  it('defaults to pageSize 25, pageNumber 1 and computes pageCount from total', async () => {
    const { status, body } = await api<Listing>('GET', '/api/v2/routing/queues');
    assert.equal(status, 200);
    assert.equal(body.pageSize, 25);
    assert.equal(body.pageNumber, 1);
    assert.equal(body.total, 60);
    assert.equal(body.pageCount, 3);
    assert.equal(body.entities.length, 25);
    assert.equal(body.firstUri, '/api/v2/routing/queues?pageSize=25&pageNumber=1');
    assert.equal(body.selfUri, '/api/v2/routing/queues?pageSize=25&pageNumber=1');
    assert.equal(body.nextUri, '/api/v2/routing/queues?pageSize=25&pageNumber=2');
    assert.equal(body.lastUri, '/api/v2/routing/queues?pageSize=25&pageNumber=3');
    assert.equal(body.previousUri, undefined);
  });

  it('gives the last page the remainder and no nextUri; past the end is empty', async () => {
    const last = await api<Listing>('GET', '/api/v2/routing/queues?pageSize=25&pageNumber=3');
    assert.equal(last.body.entities.length, 10);
    assert.equal(last.body.nextUri, undefined);
    assert.equal(last.body.previousUri, '/api/v2/routing/queues?pageSize=25&pageNumber=2');
    const beyond = await api<Listing>('GET', '/api/v2/routing/queues?pageSize=25&pageNumber=9');
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.body.entities, []);
    assert.equal(beyond.body.total, 60);
  });

  it('walks every page exactly once by following nextUri', async () => {
    const all = await listAll(api, '/api/v2/routing/wrapupcodes?pageSize=7');
    assert.equal(all.length, 41);
    assert.equal(new Set(all.map((code) => code.id)).size, 41);
    const names = all.map((code) => code.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')),
    );
  });

  it('refuses a page size above the maximum with a 400 naming it; the maximum itself is one request', async () => {
    const tooBig = await api('GET', `/api/v2/routing/skills?pageSize=${DEFAULT_MAX_PAGE_SIZES.skills + 1}`);
    assert.equal(tooBig.status, 400);
    assert.equal(tooBig.body.code, 'bad.request');
    assert.match(String(tooBig.body.message), /500/);
    const max = await api<Listing>('GET', `/api/v2/routing/skills?pageSize=${DEFAULT_MAX_PAGE_SIZES.skills}`);
    assert.equal(max.body.pageCount, minimumListRequests(max.body.total, DEFAULT_MAX_PAGE_SIZES.skills));
    assert.equal(max.body.pageCount, 1);
    assert.equal((await api('GET', '/api/v2/architect/schedules?pageSize=101')).status, 400);
    assert.equal((await api('GET', '/api/v2/routing/queues?pageNumber=0')).status, 400);
    assert.equal((await api('GET', '/api/v2/routing/queues?pageSize=abc')).status, 400);
  });

  it('carries filters into the paging links', async () => {
    const { body } = await api<Listing>('GET', '/api/v2/routing/queues?pageSize=2&name=Billing*');
    assert.equal(body.total, 8);
    assert.equal(body.nextUri, '/api/v2/routing/queues?pageSize=2&pageNumber=2&name=Billing*');
  });

  it('filters by name: prefix for skills, whole name or * wildcards for queues', async () => {
    const skills = await api<Listing<Named>>('GET', '/api/v2/routing/skills?name=billing');
    assert.deepEqual(skills.body.entities.map((skill) => skill.name).sort(), ['Billing', 'Billing Disputes']);
    const exact = await api<Listing<Named>>(
      'GET',
      `/api/v2/routing/queues?name=${encodeURIComponent('Fraud - Chat')}`,
    );
    assert.deepEqual(
      exact.body.entities.map((queue) => queue.name),
      ['Fraud - Chat'],
    );
    const partial = await api<Listing<Named>>('GET', '/api/v2/routing/queues?name=Fraud');
    assert.equal(partial.body.total, 0);
    const suffix = await api<Listing<Named>>('GET', '/api/v2/routing/queues?name=*-%20Email');
    assert.equal(suffix.body.total, 15);
  });

  it('filters by id (comma-joined, as the SDK sends) and by divisionId', async () => {
    const page = await api<Listing<Named>>('GET', '/api/v2/routing/skills?pageSize=3');
    const ids = page.body.entities.map((skill) => skill.id);
    const byId = await api<Listing<Named>>('GET', `/api/v2/routing/skills?id=${ids.join(',')}`);
    assert.deepEqual(byId.body.entities.map((skill) => skill.id).sort(), [...ids].sort());
    const home = await api<Named>('GET', '/api/v2/authorization/divisions/home');
    const inHome = await listAll<Named & { division: Named }>(
      api,
      `/api/v2/routing/wrapupcodes?divisionId=${home.body.id}`,
    );
    assert.ok(inHome.length > 0);
    assert.ok(inHome.every((code) => code.division.id === home.body.id));
  });

  it('honours a configured maximum page size', async () => {
    const small = await startSandbox({ maxPageSize: { queues: 10 } });
    try {
      assert.equal(small.maxPageSizes.queues, 10);
      assert.equal(small.maxPageSizes.skills, DEFAULT_MAX_PAGE_SIZES.skills);
      const smallApi = apiFor(small.url, await login(small.url, DEMO_CLIENTS.dev));
      assert.equal((await smallApi('GET', '/api/v2/routing/queues?pageSize=11')).status, 400);
      const page = await smallApi<Listing>('GET', '/api/v2/routing/queues?pageSize=10');
      assert.equal(page.body.pageCount, minimumListRequests(page.body.total, 10));
    } finally {
      await small.close();
    }
  });
});
