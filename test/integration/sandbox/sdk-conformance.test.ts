import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import {
  DEMO_CLIENTS,
  startSandbox,
  VERSION_MISMATCH_MESSAGE,
  type SandboxHandle,
} from '../../../electron/sandbox';
import { queueWithEveryReference, referenceIds } from './queue-with-every-reference';
import { apiFor, login } from './sandbox-test-client';
import { newSdkClient as newClient, sdkRejection as rejectedStatus, type ApiClient } from './sdk-test-client';

/**
 * Genesys's own JavaScript SDK, pointed at the sandbox through its gateway setting, must be able
 * to log in and list, create, update and delete every supported type. If this passes, the
 * sandbox speaks the same URLs, query strings, bodies and status codes as the SDK expects.
 */
describe('official Genesys SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let client: ApiClient;
  let routing: InstanceType<typeof platformClient.RoutingApi>;
  let architect: InstanceType<typeof platformClient.ArchitectApi>;
  let authorization: InstanceType<typeof platformClient.AuthorizationApi>;

  before(async () => {
    sandbox = await startSandbox();
    client = newClient(sandbox.port);
    await client.loginClientCredentialsGrant(DEMO_CLIENTS.dev.clientId, DEMO_CLIENTS.dev.clientSecret);
    routing = new platformClient.RoutingApi(client);
    architect = new platformClient.ArchitectApi(client);
    authorization = new platformClient.AuthorizationApi(client);
  });
  after(() => sandbox.close());

  it('logs in and tests the connection', async () => {
    const me = await new platformClient.OrganizationApi(client).getOrganizationsMe();
    assert.equal(me.id, sandbox.orgs.dev.orgId);
    assert.equal(me.name, sandbox.orgs.dev.orgName);
  });

  it('refuses a bad secret through the SDK', async () => {
    const other = newClient(sandbox.port);
    await assert.rejects(other.loginClientCredentialsGrant(DEMO_CLIENTS.dev.clientId, 'wrong'));
  });

  it('divisions: list, home, create, update, delete', async () => {
    const list = await authorization.getAuthorizationDivisions({ pageSize: 100 });
    assert.equal(list.total, 3);
    const home = await authorization.getAuthorizationDivisionsHome();
    assert.equal(home.homeDivision, true);
    const created = await authorization.postAuthorizationDivisions({
      name: 'Collections Partners',
      description: 'BPO',
    });
    const updated = await authorization.putAuthorizationDivision(created.id ?? '', {
      name: 'Collections Partners Ltd',
      description: 'Outsourced',
    });
    assert.equal(updated.name, 'Collections Partners Ltd');
    await authorization.deleteAuthorizationDivision(created.id ?? '');
    assert.equal(
      (await rejectedStatus(authorization.getAuthorizationDivision(created.id ?? ''))).status,
      404,
    );
  });

  it('skills: list, create, move division, delete', async () => {
    const list = await routing.getRoutingSkills({ pageSize: 500, name: 'Billing' });
    assert.deepEqual(list.entities?.map((skill) => skill.name).sort(), ['Billing', 'Billing Disputes']);
    const created = await routing.postRoutingSkills({ name: 'Satellite Support' });
    const divisions = await authorization.getAuthorizationDivisions({ name: 'Customer Service' });
    const target = divisions.entities?.[0]?.id ?? '';
    const moved = await routing.patchRoutingSkill(created.id ?? '', { divisionId: target });
    assert.equal(moved.division?.id, target);
    await routing.deleteRoutingSkill(created.id ?? '');
    assert.equal((await rejectedStatus(routing.getRoutingSkill(created.id ?? ''))).status, 404);
  });

  it('languages: list, create, delete', async () => {
    const list = await routing.getRoutingLanguages({ pageSize: 100 });
    assert.equal(list.total, 9);
    const created = await routing.postRoutingLanguages({ name: 'Gaelic' });
    assert.equal((await routing.getRoutingLanguage(created.id ?? '')).name, 'Gaelic');
    await routing.deleteRoutingLanguage(created.id ?? '');
  });

  it('wrap-up codes: list, create, update, delete', async () => {
    const list = await routing.getRoutingWrapupcodes({ pageSize: 100, pageNumber: 1 });
    assert.ok((list.total ?? 0) >= 40);
    const created = await routing.postRoutingWrapupcodes({ name: 'Survey Offered' });
    const updated = await routing.putRoutingWrapupcode(created.id ?? '', {
      name: 'Survey Offered',
      description: 'Post-call survey accepted',
    });
    assert.equal(updated.description, 'Post-call survey accepted');
    await routing.deleteRoutingWrapupcode(created.id ?? '');
  });

  it('queues: list, create, update, wrap-up code sub-resource, delete', async () => {
    const list = await routing.getRoutingQueues({ pageSize: 500, name: '*- Voice' });
    assert.equal(list.total, 16);
    const skill = (await routing.getRoutingSkills({ name: 'Video Support' })).entities?.[0];
    assert.ok(skill?.id);
    const created = await routing.postRoutingQueues({
      name: 'SDK Queue',
      mediaSettings: {
        call: { alertingTimeoutSeconds: 12, serviceLevel: { percentage: 0.85, durationMs: 15000 } },
      },
      acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 20000 },
      skillEvaluationMethod: 'BEST',
      bullseye: {
        rings: [
          {
            expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 10 }],
            actions: { skillsToRemove: [{ id: skill.id }] },
          },
          {},
        ],
      },
    });
    assert.equal(created.bullseye?.rings?.[0]?.actions?.skillsToRemove?.[0]?.name, 'Video Support');
    // The way real clients update a queue: read it, change a field, PUT the whole thing back.
    const current = await routing.getRoutingQueue(created.id ?? '');
    const updated = await routing.putRoutingQueue(created.id ?? '', {
      ...current,
      name: current.name ?? '',
      acwSettings: { ...current.acwSettings, timeoutMs: 25000 },
    } as Parameters<typeof routing.putRoutingQueue>[1]);
    assert.equal(updated.acwSettings?.timeoutMs, 25000);
    assert.equal(updated.mediaSettings?.call?.alertingTimeoutSeconds, 12);

    const codes = await routing.getRoutingWrapupcodes({ pageSize: 3 });
    const ids = (codes.entities ?? []).map((code) => ({ id: code.id ?? '' }));
    const added = await routing.postRoutingQueueWrapupcodes(created.id ?? '', ids);
    assert.equal(added.length, 3);
    const assigned = await routing.getRoutingQueueWrapupcodes(created.id ?? '', { pageSize: 2 });
    assert.equal(assigned.total, 3);
    assert.equal(assigned.pageCount, 2);
    await routing.deleteRoutingQueueWrapupcode(created.id ?? '', ids[0]?.id ?? '');
    assert.equal((await routing.getRoutingQueueWrapupcodes(created.id ?? '')).total, 2);

    // Moving it to another division goes through the divisions API, as the real one does.
    const divisions = await authorization.getAuthorizationDivisions({ pageSize: 25 });
    const target = (divisions.entities ?? []).find((division) => division.id !== updated.division?.id);
    assert.ok(target?.id);
    await authorization.postAuthorizationDivisionObject(target.id, 'QUEUE', [created.id ?? '']);
    assert.equal((await routing.getRoutingQueue(created.id ?? '')).division?.id, target.id);

    await routing.deleteRoutingQueue(created.id ?? '');
    assert.equal((await rejectedStatus(routing.getRoutingQueue(created.id ?? ''))).status, 404);
  });

  it('schedules: list, create, update with version, stale version 409, delete', async () => {
    const list = await architect.getArchitectSchedules({ pageSize: 100 });
    assert.ok((list.total ?? 0) >= 10);
    const created = await architect.postArchitectSchedules({
      name: 'Stocktake Closure',
      start: '2025-01-02T00:00:00.000',
      end: '2025-01-02T12:00:00.000',
      rrule: 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=2',
    });
    assert.equal(created.version, 1);
    const updated = await architect.putArchitectSchedule(created.id ?? '', {
      name: 'Stocktake Closure',
      start: created.start,
      end: '2025-01-02T13:00:00.000',
      version: created.version,
    });
    assert.equal(updated.version, 2);
    const stale = await rejectedStatus(
      architect.putArchitectSchedule(created.id ?? '', { ...updated, version: 1 } as Parameters<
        typeof architect.putArchitectSchedule
      >[1]),
    );
    assert.equal(stale.status, 409);
    assert.equal(stale.message, VERSION_MISMATCH_MESSAGE);
    await architect.deleteArchitectSchedule(created.id ?? '');
  });

  it('schedule groups: list, create, update with version, delete', async () => {
    const list = await architect.getArchitectSchedulegroups({ pageSize: 100 });
    assert.equal(list.total, 4);
    const schedules = await architect.getArchitectSchedules({ name: 'Weekday Opening Hours' });
    const open = schedules.entities?.[0]?.id ?? '';
    const created = await architect.postArchitectSchedulegroups({
      name: 'Scotland Support Hours',
      timeZone: 'Europe/London',
      openSchedules: [{ id: open }],
    });
    assert.equal(created.openSchedules?.[0]?.name, 'Weekday Opening Hours');
    const updated = await architect.putArchitectSchedulegroup(created.id ?? '', {
      name: 'Scotland Support Hours',
      timeZone: 'Europe/London',
      openSchedules: [{ id: open }],
      holidaySchedules: [],
      version: created.version,
    });
    assert.equal(updated.version, 2);
    await architect.deleteArchitectSchedulegroup(created.id ?? '');
  });

  it('IVRs: list with name and dnis filters, create, update with version, DNIS clash, 409, delete', async () => {
    const list = await architect.getArchitectIvrs({ pageSize: 100 });
    assert.equal(list.total, 4, 'three IVRs every org has, and the video pilot line of dev');
    const main = (await architect.getArchitectIvrs({ name: 'Main Line' })).entities?.[0];
    assert.equal(main?.scheduleGroup?.name, 'Customer Service Hours');
    assert.equal(main?.openHoursFlow?.name, 'Main IVR');
    const number = main?.dnis?.[0] ?? '';
    const byNumber = await architect.getArchitectIvrs({ dnis: number });
    assert.deepEqual(
      byNumber.entities?.map((ivr) => ivr.name),
      ['Main Line'],
    );
    const flows = await architect.getFlows({ name: 'Closed Message', type: ['INBOUNDCALL'] });
    const closed = flows.entities?.[0]?.id ?? '';
    const created = await architect.postArchitectIvrs({
      name: 'Outage Line',
      dnis: ['+443306009999'],
      openHoursFlow: { id: closed },
    });
    assert.equal(created.version, 1);
    assert.equal(created.openHoursFlow?.name, 'Closed Message');
    const clash = await rejectedStatus(
      architect.putArchitectIvr(created.id ?? '', {
        name: 'Outage Line',
        dnis: ['+443306009999', number],
        version: created.version,
      }),
    );
    assert.equal(clash.status, 400);
    assert.match(clash.message, /already assigned to IVR "Main Line"/);
    const inQueue = (await architect.getFlows({ name: 'Billing', type: ['INQUEUECALL'] })).entities?.[0];
    const wrongFlow = await rejectedStatus(
      architect.postArchitectIvrs({ name: 'Wrong Flow Line', openHoursFlow: { id: inQueue?.id ?? '' } }),
    );
    assert.equal(wrongFlow.status, 400);
    assert.match(wrongFlow.message, /openHoursFlow\.id/);
    const updated = await architect.putArchitectIvr(created.id ?? '', {
      name: 'Outage Line',
      dnis: ['+443306009999', '+443306009998'],
      openHoursFlow: { id: closed },
      version: created.version,
    });
    assert.equal(updated.version, 2);
    const stale = await rejectedStatus(
      architect.putArchitectIvr(created.id ?? '', { name: 'Outage Line', version: 1 }),
    );
    assert.equal(stale.status, 409);
    assert.equal(stale.message, VERSION_MISMATCH_MESSAGE);
    await architect.deleteArchitectIvr(created.id ?? '');
    assert.equal((await rejectedStatus(architect.getArchitectIvr(created.id ?? ''))).status, 404);
  });

  it('emergency groups: list, create, enable with version, IVR in use 409, delete', async () => {
    const list = await architect.getArchitectEmergencygroups({ pageSize: 100 });
    assert.equal(list.total, 2);
    const evacuation = (await architect.getArchitectEmergencygroups({ name: 'Site Evacuation' }))
      .entities?.[0];
    assert.equal(evacuation?.enabled, false);
    assert.equal(evacuation?.emergencyCallFlows?.[0]?.emergencyFlow?.name, 'Emergency Closure');
    assert.deepEqual(evacuation?.emergencyCallFlows?.[0]?.ivrs?.map((ivr) => ivr.name).sort(), [
      'Billing Line',
      'Main Line',
    ]);
    const video = (await architect.getArchitectIvrs({ name: 'Video Support Line' })).entities?.[0];
    const flow = evacuation?.emergencyCallFlows?.[0]?.emergencyFlow?.id ?? '';
    const created = await architect.postArchitectEmergencygroups({
      name: 'Video Pilot Closure',
      enabled: false,
      emergencyCallFlows: [{ emergencyFlow: { id: flow }, ivrs: [{ id: video?.id ?? '' }] }],
    });
    const inUse = await rejectedStatus(architect.deleteArchitectIvr(video?.id ?? ''));
    assert.equal(inUse.status, 409);
    assert.match(inUse.message, /emergency group\(s\) "Video Pilot Closure"/);
    const enabled = await architect.putArchitectEmergencygroup(created.id ?? '', {
      ...created,
      name: created.name,
      enabled: true,
    });
    assert.equal(enabled.enabled, true);
    assert.equal(enabled.version, 2);
    const stale = await rejectedStatus(
      architect.putArchitectEmergencygroup(created.id ?? '', { ...created, name: created.name }),
    );
    assert.equal(stale.status, 409);
    await architect.deleteArchitectEmergencygroup(created.id ?? '');
    assert.equal((await rejectedStatus(architect.getArchitectEmergencygroup(created.id ?? ''))).status, 404);
  });

  it('utilization labels: list with a name filter, create, rename, delete', async () => {
    const list = await routing.getRoutingUtilizationLabels({ pageSize: 100 });
    assert.deepEqual(
      list.entities?.map((label) => label.name),
      ['Back Office', 'Complex Case', 'Video Calls', 'VIP'],
    );
    // The name filter takes the whole name, or `*` at either end (a prefix also matches "Video").
    const vip = await routing.getRoutingUtilizationLabels({ name: 'VIP' });
    assert.deepEqual(
      vip.entities?.map((label) => label.name),
      ['VIP'],
    );
    const prefixed = await routing.getRoutingUtilizationLabels({ name: 'vi*' });
    assert.deepEqual(
      prefixed.entities?.map((label) => label.name),
      ['Video Calls', 'VIP'],
    );
    const created = await routing.postRoutingUtilizationLabels({ name: 'Escalations' });
    assert.equal((await routing.getRoutingUtilizationLabel(created.id ?? '')).name, 'Escalations');
    const taken = await rejectedStatus(routing.postRoutingUtilizationLabels({ name: 'vip' }));
    assert.equal(taken.status, 400);
    const renamed = await routing.putRoutingUtilizationLabel(created.id ?? '', { name: 'Escalated Cases' });
    assert.equal(renamed.name, 'Escalated Cases');
    await routing.deleteRoutingUtilizationLabel(created.id ?? '');
    assert.equal((await rejectedStatus(routing.getRoutingUtilizationLabel(created.id ?? ''))).status, 404);
  });

  it('utilization: get, put per media and per label id, unknown label 400, label in use 409, delete resets', async () => {
    const current = await routing.getRoutingUtilization();
    assert.equal(current.utilization?.chat?.maximumCapacity, 3);
    assert.deepEqual(current.utilization?.email?.interruptableMediaTypes, ['call', 'chat']);
    const labels = await routing.getRoutingUtilizationLabels({ pageSize: 100 });
    const labelId = (name: string) => labels.entities?.find((label) => label.name === name)?.id ?? '';
    assert.equal(current.labelUtilizations?.[labelId('Complex Case')]?.labelName, 'Complex Case');
    assert.deepEqual(current.labelUtilizations?.[labelId('Complex Case')]?.interruptingLabelIds, [
      labelId('VIP'),
    ]);
    const updated = await routing.putRoutingUtilization({
      utilization: {
        ...current.utilization,
        message: { maximumCapacity: 6, interruptableMediaTypes: ['call'] },
      },
      labelUtilizations: {
        [labelId('VIP')]: { maximumCapacity: 1, interruptingLabelIds: [] },
        [labelId('Back Office')]: { maximumCapacity: 3, interruptingLabelIds: [labelId('VIP')] },
      },
    });
    assert.equal(updated.utilization?.message?.maximumCapacity, 6);
    assert.equal(
      updated.labelUtilizations?.[labelId('Complex Case')],
      undefined,
      'a PUT replaces the whole setting',
    );
    const unknown = await rejectedStatus(
      routing.putRoutingUtilization({ labelUtilizations: { 'not-a-label': { maximumCapacity: 1 } } }),
    );
    assert.equal(unknown.status, 400);
    assert.match(unknown.message, /labelUtilizations\.not-a-label/);
    const inUse = await rejectedStatus(routing.deleteRoutingUtilizationLabel(labelId('Back Office')));
    assert.equal(inUse.status, 409);
    await routing.deleteRoutingUtilization();
    const reset = await routing.getRoutingUtilization();
    assert.equal(reset.utilization?.chat?.maximumCapacity, 4, 'back to the Genesys default');
    assert.deepEqual(reset.labelUtilizations, {});
    await routing.putRoutingUtilization({
      utilization: current.utilization,
      labelUtilizations: current.labelUtilizations,
    });
  });

  it('data tables and rows: list, create, update, delete', async () => {
    const list = await architect.getFlowsDatatables({ expand: 'schema', pageSize: 100 });
    assert.equal(list.total, 2);
    assert.ok(list.entities?.every((table) => table.schema !== undefined));
    const created = await architect.postFlowsDatatables({
      name: 'Postcode Routing',
      schema: {
        properties: {
          key: { type: 'string', title: 'Postcode Area' },
          Region: { type: 'string' },
        },
      },
    } as Parameters<typeof architect.postFlowsDatatables>[0]);
    const id = created.id ?? '';
    const schema = (await architect.getFlowsDatatable(id, { expand: 'schema' })).schema as {
      properties: Record<string, object>;
    };
    const updated = await architect.putFlowsDatatable(
      id,
      {
        name: 'Postcode Routing',
        schema: { ...schema, properties: { ...schema.properties, Priority: { type: 'integer' } } },
      } as Parameters<typeof architect.putFlowsDatatable>[1],
      { expand: 'schema' },
    );
    assert.ok((updated.schema as { properties: Record<string, object> }).properties.Priority);

    await architect.postFlowsDatatableRows(id, { key: 'EH', Region: 'Scotland', Priority: 1 });
    await architect.postFlowsDatatableRows(id, { key: 'CF', Region: 'Wales', Priority: 2 });
    const brief = await architect.getFlowsDatatableRows(id, { pageSize: 10 });
    assert.deepEqual(brief.entities, [{ key: 'CF' }, { key: 'EH' }]);
    const full = await architect.getFlowsDatatableRows(id, { showbrief: false });
    assert.equal((full.entities?.[1] as Record<string, unknown>).Region, 'Scotland');
    await architect.putFlowsDatatableRow(id, 'EH', { body: { key: 'EH', Region: 'Lothian', Priority: 1 } });
    const row = (await architect.getFlowsDatatableRow(id, 'EH', { showbrief: false })) as Record<
      string,
      unknown
    >;
    assert.equal(row.Region, 'Lothian');
    await architect.deleteFlowsDatatableRow(id, 'CF');
    assert.equal((await architect.getFlowsDatatableRows(id)).total, 1);
    await architect.deleteFlowsDatatable(id);
    assert.equal((await rejectedStatus(architect.getFlowsDatatable(id))).status, 404);
  });

  it('groups, skill groups and teams: list (pages, cursors, filters) and get', async () => {
    const groups = new platformClient.GroupsApi(client);
    const all = await groups.getGroups({ pageSize: 100 });
    assert.equal(all.total, 5, 'four groups every org has, and the new one of dev');
    const first = all.entities?.[0];
    assert.ok(first?.id);
    const byId = await groups.getGroups({ id: [first.id] });
    assert.deepEqual(
      byId.entities?.map((group) => group.name),
      [first.name],
    );
    assert.equal((await groups.getGroup(first.id)).name, first.name);
    const created = await groups.postGroups({
      name: 'Night Shift',
      type: 'official',
      rulesVisible: true,
      visibility: 'public',
      addresses: [{ address: '+443306000500', type: 'GROUPRING', mediaType: 'PHONE' }],
    });
    assert.equal(created.version, 1);
    const updated = await groups.putGroup(created.id ?? '', {
      body: { name: 'Night Shift', description: 'After 22:00', version: created.version ?? 0 },
    });
    assert.equal(updated.description, 'After 22:00');
    assert.equal(updated.version, 2);
    const stale = await rejectedStatus(
      groups.putGroup(created.id ?? '', { body: { name: 'Night Shift', version: 1 } }),
    );
    assert.equal(stale.status, 409);
    const queues = await routing.getRoutingQueues({ name: 'Billing - Voice' });
    const queue = await routing.getRoutingQueue(queues.entities?.[0]?.id ?? '');
    await routing.putRoutingQueue(queue.id ?? '', {
      ...queue,
      name: queue.name ?? '',
      memberGroups: [{ id: created.id ?? '', type: 'GROUP' }],
    } as Parameters<typeof routing.putRoutingQueue>[1]);
    const inUse = await rejectedStatus(groups.deleteGroup(created.id ?? ''));
    assert.equal(inUse.status, 409);
    await routing.putRoutingQueue(queue.id ?? '', { ...queue, name: queue.name ?? '' } as Parameters<
      typeof routing.putRoutingQueue
    >[1]);
    await groups.deleteGroup(created.id ?? '');
    assert.equal((await rejectedStatus(groups.getGroup(created.id ?? ''))).status, 404);

    // Skill groups page by cursor: follow `after` from each nextUri until there is none.
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const listing = await routing.getRoutingSkillgroups({ pageSize: 1, ...(after ? { after } : {}) });
      seen.push(...(listing.entities ?? []).map((group) => group.name));
      if (!listing.nextUri) break;
      after = new URL(listing.nextUri, 'http://sandbox').searchParams.get('after') ?? undefined;
    }
    assert.equal(seen.length, 5);
    assert.ok(seen.includes('Billing Specialists'));
    const billing = await routing.getRoutingSkillgroups({ name: 'Billing Specialists' });
    const billingId = billing.entities?.[0]?.id ?? '';
    assert.equal((await routing.getRoutingSkillgroup(billingId)).name, 'Billing Specialists');

    const teams = new platformClient.TeamsApi(client);
    const team = await teams.getTeams({ name: 'Billing Team', pageSize: 10 });
    assert.deepEqual(
      team.entities?.map((one) => one.name),
      ['Billing Team A', 'Billing Team B'],
    );
    assert.equal((await teams.getTeam(team.entities?.[0]?.id ?? '')).name, 'Billing Team A');
  });

  it('scripts, flows and prompts: list with their filters and get', async () => {
    const scripts = new platformClient.ScriptsApi(client);
    const script = await scripts.getScripts({ name: 'Billing Call Script' });
    assert.equal(script.entities?.[0]?.name, 'Billing Call Script');
    assert.equal((await scripts.getScript(script.entities?.[0]?.id ?? '')).name, 'Billing Call Script');

    const both = await architect.getFlows({ name: 'Billing' });
    assert.equal(both.total, 2);
    const inQueue = await architect.getFlows({ name: 'Billing', type: ['inqueuecall'] });
    assert.deepEqual(
      inQueue.entities?.map((flow) => flow.type),
      ['INQUEUECALL'],
    );
    const digital = await architect.getFlows({ type: ['INQUEUEEMAIL', 'INQUEUESHORTMESSAGE'] });
    assert.equal(digital.total, 2);
    assert.equal((await architect.getFlow(inQueue.entities?.[0]?.id ?? '')).name, 'Billing');

    const prompts = await architect.getArchitectPrompts({ name: ['BillingWhisper', 'HoldMusicAcme'] });
    assert.deepEqual(
      prompts.entities?.map((prompt) => prompt.name),
      ['BillingWhisper', 'HoldMusicAcme'],
    );
    assert.equal(
      (await architect.getArchitectPrompt(prompts.entities?.[0]?.id ?? '')).name,
      'BillingWhisper',
    );
  });

  it('sites, edge groups, email domains and routes, libraries, SMS numbers, recipients', async () => {
    const telephony = new platformClient.TelephonyProvidersEdgeApi(client);
    const site = await telephony.getTelephonyProvidersEdgesSites({ name: 'London Site' });
    assert.equal(site.entities?.[0]?.name, 'London Site');
    assert.equal(
      (await telephony.getTelephonyProvidersEdgesSite(site.entities?.[0]?.id ?? '')).name,
      'London Site',
    );
    const edgeGroup = await telephony.getTelephonyProvidersEdgesEdgegroups({ name: 'London Edge Group' });
    assert.equal(
      (await telephony.getTelephonyProvidersEdgesEdgegroup(edgeGroup.entities?.[0]?.id ?? '')).name,
      'London Edge Group',
    );

    const domains = await routing.getRoutingEmailDomains({ pageSize: 25 });
    assert.deepEqual(domains.entities?.map((domain) => domain.id).sort(), [
      'dev.contoso.mypurecloud.com',
      'support.contoso.com',
    ]);
    assert.equal((await routing.getRoutingEmailDomain('support.contoso.com')).id, 'support.contoso.com');
    const routes = await routing.getRoutingEmailDomainRoutes('support.contoso.com', { pattern: 'billing' });
    const route = routes.entities?.[0];
    assert.equal(route?.fromName, 'Acme Billing');
    assert.equal(route?.name, undefined);
    assert.equal(
      (await routing.getRoutingEmailDomainRoute('support.contoso.com', route?.id ?? '')).pattern,
      'billing',
    );

    const responses = new platformClient.ResponseManagementApi(client);
    const libraries = await responses.getResponsemanagementLibraries({ libraryPrefix: 'Billing' });
    assert.deepEqual(
      libraries.entities?.map((library) => library.name),
      ['Billing Responses'],
    );
    assert.equal(
      (await responses.getResponsemanagementLibrary(libraries.entities?.[0]?.id ?? '')).name,
      'Billing Responses',
    );

    const numbers = await routing.getRoutingSmsPhonenumbers({ pageSize: 25 });
    const billingNumber = numbers.entities?.find((number) => number.name === 'Acme Billing SMS');
    assert.ok(billingNumber?.phoneNumber);
    const byNumber = await routing.getRoutingSmsPhonenumbers({
      phoneNumber: billingNumber.phoneNumber.slice(1),
    });
    assert.deepEqual(
      byNumber.entities?.map((number) => number.name),
      ['Acme Billing SMS'],
    );
    assert.equal((await routing.getRoutingSmsPhonenumber(billingNumber.id ?? '')).name, 'Acme Billing SMS');

    const recipients = await routing.getRoutingMessageRecipients({ messengerType: 'open' });
    assert.deepEqual(
      recipients.entities?.map((recipient) => recipient.name),
      ['Acme Web Messenger'],
    );
    assert.equal(
      (await routing.getRoutingMessageRecipient(recipients.entities?.[0]?.id ?? '')).messengerType,
      'open',
    );
  });

  it('queues: create and replace with every id-bearing field; names come back', async () => {
    const ids = await referenceIds(apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.dev)));
    const body = queueWithEveryReference('SDK Every Reference', ids);
    const created = await routing.postRoutingQueues(
      body as unknown as Parameters<typeof routing.postRoutingQueues>[0],
    );
    assert.deepEqual(
      created.memberGroups?.map((group) => `${group.type}:${group.name}`),
      ['GROUP:Out of Hours Cover', 'SKILLGROUP:Welsh Speakers', 'TEAM:Broadband Team'],
    );
    assert.equal(created.defaultScripts?.CALL?.name, 'Default Inbound Script');
    assert.equal(created.mediaSettings?.callback?.site?.name, 'Manchester Site');
    assert.equal(created.outboundEmailAddress?.route?.pattern, 'support');
    assert.deepEqual(created.cannedResponseLibraries?.libraryIds, [ids.library]);
    // Read, change, PUT the whole thing back: the rendered references are accepted as written.
    const current = await routing.getRoutingQueue(created.id ?? '');
    const updated = await routing.putRoutingQueue(created.id ?? '', {
      ...current,
      name: current.name ?? '',
      directRouting: { ...current.directRouting, agentWaitSeconds: 45 },
    } as Parameters<typeof routing.putRoutingQueue>[1]);
    assert.equal(updated.directRouting?.agentWaitSeconds, 45);
    assert.equal(updated.directRouting?.backupQueueId, ids.queue);
    assert.equal(updated.conditionalGroupRouting?.rules?.[1]?.queue?.name, 'Retention - Voice');
    assert.equal(updated.queueFlow?.name, 'Standard In-Queue');
    const refused = await rejectedStatus(
      routing.putRoutingQueue(created.id ?? '', {
        ...current,
        name: current.name ?? '',
        whisperPrompt: { id: ids.library },
      } as Parameters<typeof routing.putRoutingQueue>[1]),
    );
    assert.equal(refused.status, 400);
    assert.match(refused.message, /whisperPrompt\.id/);
    await routing.deleteRoutingQueue(created.id ?? '');
  });

  it('a queue or data table a flow uses: 409 on delete, gone when forced', async () => {
    const queue = (await routing.getRoutingQueues({ name: 'Billing - Voice' })).entities?.[0];
    assert.ok(queue?.id);
    const refused = await rejectedStatus(routing.deleteRoutingQueue(queue.id));
    assert.equal(refused.status, 409);
    assert.match(refused.message, /flow "Billing"/);
    await routing.deleteRoutingQueue(queue.id, { forceDelete: true });
    assert.equal((await rejectedStatus(routing.getRoutingQueue(queue.id))).status, 404);

    const table = (await architect.getFlowsDatatables({ name: 'Store Directory' })).entities?.[0];
    assert.ok(table?.id);
    const tableRefused = await rejectedStatus(architect.deleteFlowsDatatable(table.id));
    assert.equal(tableRefused.status, 409);
    assert.match(tableRefused.message, /flow "Billing"/);
    await architect.deleteFlowsDatatable(table.id, { force: true });
    assert.equal((await rejectedStatus(architect.getFlowsDatatable(table.id))).status, 404);
  });
});
