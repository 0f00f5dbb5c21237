import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CLIENTS,
  MAX_QUEUE_WRAPUP_CODES_PER_POST,
  startSandbox,
  VERSION_MISMATCH_MESSAGE,
  type SandboxHandle,
} from '../../../electron/sandbox';
import { apiFor, findByName, listAll, login, type Listing, type Named } from './sandbox-test-client';

interface GenesysError {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: { errorCode: string; fieldName?: string }[];
  errors: unknown[];
}

function assertErrorBody(body: unknown, status: number, code: string): GenesysError {
  const error = body as GenesysError;
  assert.equal(error.status, status);
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.match(error.contextId, /^[0-9a-f-]{36}$/);
  assert.ok(Array.isArray(error.details));
  assert.deepEqual(error.errors, []);
  return error;
}

describe('sandbox Platform API semantics', () => {
  let sandbox: SandboxHandle;
  let api: ReturnType<typeof apiFor>;
  before(async () => {
    sandbox = await startSandbox();
    api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.dev));
  });
  after(() => sandbox.close());

  it('answers unknown routes and unknown ids with a 404 Genesys body', async () => {
    assertErrorBody((await api('GET', '/api/v2/routing/nothing')).body, 404, 'not.found');
    const missing = await api('GET', '/api/v2/routing/queues/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assertErrorBody(missing.body, 404, 'not.found');
    assert.equal((await api('DELETE', '/api/v2/architect/schedules/nope')).status, 404);
  });

  it('answers a bad body with a 400 naming each bad field', async () => {
    const response = await api('POST', '/api/v2/routing/queues', {
      name: 'Bad Queue',
      acwSettings: { wrapupPrompt: 'SOMETIMES' },
      mediaSettings: { call: { alertingTimeoutSeconds: 'eight' } },
    });
    assert.equal(response.status, 400);
    const error = assertErrorBody(response.body, 400, 'bad.request');
    const fields = error.details.map((detail) => detail.fieldName);
    assert.ok(fields.includes('acwSettings.wrapupPrompt'));
    assert.ok(fields.includes('mediaSettings.call.alertingTimeoutSeconds'));
    assert.match(error.message, /acwSettings\.wrapupPrompt/);
    const malformed = await api('POST', '/api/v2/routing/skills', '{"name": ');
    assertErrorBody(malformed.body, 400, 'bad.request');
    const duplicate = await api('POST', '/api/v2/routing/skills', { name: 'billing' });
    assert.equal(duplicate.status, 400);
    assert.match((duplicate.body as unknown as GenesysError).message, /already exists/);
  });

  it('refuses a reference to a skill the org does not have', async () => {
    const response = await api('POST', '/api/v2/routing/queues', {
      name: 'Dangling Ring',
      bullseye: { rings: [{ actions: { skillsToRemove: [{ id: 'no-such-skill' }] } }] },
    });
    assert.equal(response.status, 400);
    const error = response.body as unknown as GenesysError;
    assert.equal(error.details[0]?.fieldName, 'bullseye.rings.0.actions.skillsToRemove.0.id');
  });

  it('has no PUT for skills or languages: 405 with Allow', async () => {
    const skill = await findByName(api, '/api/v2/routing/skills', 'Billing');
    const put = await api('PUT', `/api/v2/routing/skills/${skill.id}`, { name: 'Billing Renamed' });
    assert.equal(put.status, 405);
    assertErrorBody(put.body, 405, 'method.not.allowed');
    assert.match(put.headers.get('allow') ?? '', /GET/);
    assert.doesNotMatch(put.headers.get('allow') ?? '', /PUT/);
    const language = await findByName(api, '/api/v2/routing/languages', 'English');
    assert.equal((await api('PUT', `/api/v2/routing/languages/${language.id}`, { name: 'X' })).status, 405);
    assert.equal((await api('GET', `/api/v2/routing/skills/${skill.id}`)).body.name, 'Billing');
  });

  it('creates a skill with server-set fields and deletes it', async () => {
    const created = await api<Named & Record<string, unknown>>('POST', '/api/v2/routing/skills', {
      name: 'Drone Support',
    });
    assert.equal(created.status, 200);
    assert.match(created.body.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.body.selfUri, `/api/v2/routing/skills/${created.body.id}`);
    assert.equal(created.body.version, '1');
    assert.equal((created.body.division as Named).name, 'Home');
    assert.equal((await api('DELETE', `/api/v2/routing/skills/${created.body.id}`)).status, 204);
    assert.equal((await api('GET', `/api/v2/routing/skills/${created.body.id}`)).status, 404);
  });

  it('bumps a schedule version on PUT and refuses a stale version with 409', async () => {
    const schedule = await findByName<Named & { version: number; start: string; end: string }>(
      api,
      '/api/v2/architect/schedules',
      'Sunday Opening Hours',
    );
    const body = {
      name: schedule.name,
      start: schedule.start,
      end: '2024-01-07T17:00:00.000',
      version: schedule.version,
    };
    const updated = await api<{ version: number; end: string }>(
      'PUT',
      `/api/v2/architect/schedules/${schedule.id}`,
      body,
    );
    assert.equal(updated.status, 200);
    assert.equal(updated.body.version, schedule.version + 1);
    assert.equal(updated.body.end, '2024-01-07T17:00:00.000');
    const stale = await api('PUT', `/api/v2/architect/schedules/${schedule.id}`, body);
    assert.equal(stale.status, 409);
    assert.equal(assertErrorBody(stale.body, 409, 'general.conflict').message, VERSION_MISMATCH_MESSAGE);
    const missingVersion = await api('PUT', `/api/v2/architect/schedules/${schedule.id}`, {
      ...body,
      version: undefined,
    });
    assert.equal(missingVersion.status, 400);
  });

  it('applies the same version rule to schedule groups and checks their schedule references', async () => {
    const group = await findByName<Named & { version: number; openSchedules: Named[] }>(
      api,
      '/api/v2/architect/schedulegroups',
      'Sales Hours',
    );
    const body = {
      name: group.name,
      timeZone: 'Europe/Paris',
      openSchedules: group.openSchedules.map((ref) => ({ id: ref.id })),
      version: group.version,
    };
    const ok = await api<{ version: number; timeZone: string }>(
      'PUT',
      `/api/v2/architect/schedulegroups/${group.id}`,
      body,
    );
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version, group.version + 1);
    assert.equal(ok.body.timeZone, 'Europe/Paris');
    assert.equal((await api('PUT', `/api/v2/architect/schedulegroups/${group.id}`, body)).status, 409);
    const badZone = await api('POST', '/api/v2/architect/schedulegroups', {
      name: 'Mars Hours',
      timeZone: 'Mars/Olympus',
    });
    assert.equal(badZone.status, 400);
    const badRef = await api('POST', '/api/v2/architect/schedulegroups', {
      name: 'Ghost Hours',
      holidaySchedules: [{ id: 'ghost' }],
    });
    assert.equal(badRef.status, 400);
    const inUse = await api('DELETE', `/api/v2/architect/schedules/${group.openSchedules[0]?.id}`);
    assert.equal(inUse.status, 409);
  });

  it('lets a data table PUT add schema fields but never change or remove one', async () => {
    const table = await findByName(api, '/api/v2/flows/datatables', 'IVR Feature Flags');
    const full = await api<{ schema: { properties: Record<string, { type: string }> } }>(
      'GET',
      `/api/v2/flows/datatables/${table.id}?expand=schema`,
    );
    const properties = full.body.schema.properties;
    assert.deepEqual(Object.keys(properties), ['key', 'Enabled', 'Notes']);
    const brief = await api('GET', `/api/v2/flows/datatables/${table.id}`);
    assert.equal(brief.body.schema, undefined);

    const added = await api<{ schema: { properties: Record<string, { type: string }> } }>(
      'PUT',
      `/api/v2/flows/datatables/${table.id}`,
      { name: table.name, schema: { properties: { ...properties, Owner: { type: 'string' } } } },
    );
    assert.equal(added.status, 200);
    assert.ok(added.body.schema.properties.Owner);

    const changed = await api('PUT', `/api/v2/flows/datatables/${table.id}`, {
      name: table.name,
      schema: { properties: { ...added.body.schema.properties, Enabled: { type: 'string' } } },
    });
    assert.equal(changed.status, 400);
    assert.match(String(changed.body.message), /Enabled/);
    const withoutNotes = Object.fromEntries(
      Object.entries(added.body.schema.properties).filter(([name]) => name !== 'Notes'),
    );
    const removed = await api('PUT', `/api/v2/flows/datatables/${table.id}`, {
      name: table.name,
      schema: { properties: withoutNotes },
    });
    assert.equal(removed.status, 400);
    assert.match(String(removed.body.message), /Notes/);
  });

  it('lists data table rows as keys by default and in full with showbrief=false', async () => {
    const table = await findByName(api, '/api/v2/flows/datatables', 'Store Directory');
    const rowsPath = `/api/v2/flows/datatables/${table.id}/rows`;
    const brief = await api<Listing<Record<string, unknown>>>('GET', `${rowsPath}?pageSize=5`);
    assert.equal(brief.body.total, 22);
    assert.deepEqual(Object.keys(brief.body.entities[0] ?? {}), ['key']);
    assert.match(brief.body.nextUri ?? '', /showbrief=true/);
    const full = await api<Listing<Record<string, unknown>>>('GET', `${rowsPath}?pageSize=5&showbrief=false`);
    assert.equal(full.body.entities[0]?.City, 'Aberdeen');

    const created = await api('POST', rowsPath, { key: 'TST01', City: 'Testville', 'Open Sundays': true });
    assert.equal(created.status, 200);
    assert.equal((await api('POST', rowsPath, { key: 'TST01' })).status, 400);
    const wrongType = await api('POST', rowsPath, { key: 'TST02', 'Routing Priority': 'high' });
    assert.equal(wrongType.status, 400);
    assert.equal((wrongType.body as unknown as GenesysError).details[0]?.fieldName, 'Routing Priority');
    assert.equal((await api('POST', rowsPath, { key: 'TST03', Colour: 'red' })).status, 400);

    const one = await api('GET', `${rowsPath}/TST01?showbrief=false`);
    assert.equal(one.body.City, 'Testville');
    assert.deepEqual((await api('GET', `${rowsPath}/TST01`)).body, { key: 'TST01' });
    const put = await api('PUT', `${rowsPath}/TST01`, { City: 'Newtown' });
    assert.deepEqual(put.body, { City: 'Newtown', key: 'TST01' });
    assert.equal((await api('DELETE', `${rowsPath}/TST01`)).status, 204);
    assert.equal((await api('GET', `${rowsPath}/TST01`)).status, 404);
  });

  it('manages queue wrap-up codes as a paged sub-resource', async () => {
    const created = await api<Named>('POST', '/api/v2/routing/queues', { name: 'Sub-resource Queue' });
    assert.equal(created.status, 200);
    const path = `/api/v2/routing/queues/${created.body.id}/wrapupcodes`;
    const codes = (await listAll(api, '/api/v2/routing/wrapupcodes?pageSize=100')).slice(0, 30);
    const posted = await api<Named[]>(
      'POST',
      path,
      codes.map((code) => ({ id: code.id })),
    );
    assert.equal(posted.status, 200);
    assert.equal(posted.body.length, 30);
    const page = await api<Listing<Named>>('GET', `${path}?pageSize=10&pageNumber=2`);
    assert.equal(page.body.total, 30);
    assert.equal(page.body.pageCount, 3);
    assert.equal(page.body.entities.length, 10);

    const tooMany = Array.from({ length: MAX_QUEUE_WRAPUP_CODES_PER_POST + 1 }, () => ({ id: codes[0]?.id }));
    assert.equal((await api('POST', path, tooMany)).status, 400);
    assert.equal((await api('POST', path, [{ id: 'unknown-code' }])).status, 400);

    const first = codes[0] as Named;
    assert.equal((await api('DELETE', `${path}/${first.id}`)).status, 204);
    assert.equal((await api('DELETE', `${path}/${first.id}`)).status, 404);
    assert.equal((await api<Listing>('GET', path)).body.total, 29);
    assert.equal((await api('DELETE', `/api/v2/routing/queues/${created.body.id}`)).status, 204);
    assert.equal((await api('GET', path)).status, 404);
  });

  it('answers the home division and refuses to delete it', async () => {
    const home = await api<Named & { homeDivision: boolean }>('GET', '/api/v2/authorization/divisions/home');
    assert.equal(home.body.name, 'Home');
    assert.equal(home.body.homeDivision, true);
    assert.equal((await api('DELETE', `/api/v2/authorization/divisions/${home.body.id}`)).status, 400);
  });
});
