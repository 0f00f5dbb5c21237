import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ObjectTypeId } from '../../../shared/model/object-types/object-type-definition';
import { startSandbox, VERSION_MISMATCH_MESSAGE, type SandboxHandle } from '../../../electron/sandbox';
import type { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { connectTo, rejectsWithCode } from './connector-test-support';

interface RoundTrip {
  type: ObjectTypeId;
  create: () => Record<string, unknown>;
  /** The PUT body built from what the server returned; absent for types Genesys cannot update. */
  update?: (current: Record<string, unknown>) => Record<string, unknown>;
  /** A field the update changed, checked on a fresh read. */
  changed?: [string, unknown];
}

const WINDOW = {
  start: '2030-01-07T09:00:00.000',
  end: '2030-01-07T17:00:00.000',
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
};

describe('Genesys connector writes against the sandbox', () => {
  let sandbox: SandboxHandle;
  let connector: GenesysConnector;
  let scheduleId: string;
  let closedFlowId: string;
  let ivrId: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    ({ connector } = connectTo(sandbox.url, sandbox.orgs.dev));
    scheduleId = String(
      (await connector.create('architect.schedule', { name: 'Ferry Group Member', ...WINDOW })).id,
    );
    const flows = await connector.list('architect.flow');
    closedFlowId = String(
      flows.find((flow) => flow.name === 'Closed Message' && flow.type === 'INBOUNDCALL')?.id ?? '',
    );
    assert.ok(closedFlowId);
    ivrId = String(
      (await connector.create('architect.ivr', { name: 'Ferry Emergency Member', dnis: ['+443306008001'] }))
        .id,
    );
  });
  after(() => sandbox.close());

  const roundTrips: RoundTrip[] = [
    {
      type: 'authorization.division',
      create: () => ({ name: 'Ferry Division', description: 'made by a test' }),
      update: (current) => ({ name: current.name, description: 'changed by a test' }),
      changed: ['description', 'changed by a test'],
    },
    { type: 'routing.skill', create: () => ({ name: 'Ferry Skill' }) },
    { type: 'routing.language', create: () => ({ name: 'Ferry Language' }) },
    {
      type: 'routing.wrapupcode',
      create: () => ({ name: 'Ferry Wrap-up' }),
      update: () => ({ name: 'Ferry Wrap-up (renamed)', description: 'renamed' }),
      changed: ['name', 'Ferry Wrap-up (renamed)'],
    },
    {
      type: 'routing.queue',
      create: () => ({ name: 'Ferry Queue', acwSettings: { wrapupPrompt: 'OPTIONAL', timeoutMs: 30_000 } }),
      update: (current) => ({
        ...current,
        acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 45_000 },
      }),
      changed: ['acwSettings', { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 45_000 }],
    },
    {
      type: 'architect.schedule',
      create: () => ({ name: 'Ferry Schedule', ...WINDOW }),
      update: (current) => ({ ...current, end: '2030-01-07T18:00:00.000' }),
      changed: ['end', '2030-01-07T18:00:00.000'],
    },
    {
      type: 'architect.schedulegroup',
      create: () => ({ name: 'Ferry Group', timeZone: 'Europe/London', openSchedules: [{ id: scheduleId }] }),
      update: (current) => ({ ...current, timeZone: 'Europe/Dublin' }),
      changed: ['timeZone', 'Europe/Dublin'],
    },
    {
      type: 'architect.ivr',
      create: () => ({ name: 'Ferry IVR', dnis: ['+443306008100'], openHoursFlow: { id: closedFlowId } }),
      update: (current) => ({ ...current, dnis: ['+443306008100', '+443306008101'] }),
      changed: ['dnis', ['+443306008100', '+443306008101']],
    },
    {
      type: 'architect.emergencygroup',
      create: () => ({
        name: 'Ferry Emergency',
        enabled: false,
        emergencyCallFlows: [{ emergencyFlow: { id: closedFlowId }, ivrs: [{ id: ivrId }] }],
      }),
      update: (current) => ({ ...current, enabled: true }),
      changed: ['enabled', true],
    },
    {
      type: 'directory.group',
      create: () => ({
        name: 'Ferry Group Object',
        type: 'official',
        rulesVisible: true,
        visibility: 'public',
      }),
      update: (current) => ({ ...current, description: 'changed by a test' }),
      changed: ['description', 'changed by a test'],
    },
    {
      type: 'routing.utilizationlabel',
      create: () => ({ name: 'Ferry Label' }),
      update: () => ({ name: 'Ferry Label (renamed)' }),
      changed: ['name', 'Ferry Label (renamed)'],
    },
    {
      type: 'flows.datatable',
      create: () => ({
        name: 'Ferry Table',
        schema: { properties: { key: { type: 'string', title: 'Code' } } },
      }),
      update: (current) => {
        const schema = current.schema as { properties: Record<string, unknown> };
        return {
          name: current.name,
          schema: {
            ...schema,
            properties: { ...schema.properties, Open: { type: 'boolean', title: 'Open' } },
          },
        };
      },
      changed: ['schema.properties.Open.type', 'boolean'],
    },
  ];

  for (const trip of roundTrips) {
    it(`creates, reads, ${trip.update ? 'updates, ' : ''}and removes a ${trip.type}`, async () => {
      const created = await connector.create(trip.type, trip.create());
      const id = String(created.id);
      assert.ok(id.length > 0);
      const read = await connector.get(trip.type, id);
      assert.equal(read.name, created.name);
      assert.ok(
        (await connector.list(trip.type)).some((object) => object.id === id),
        'listed',
      );

      if (trip.update && trip.changed) {
        const updated = await connector.update(trip.type, id, trip.update(read));
        assert.equal(updated.id, id);
        const [field, value] = trip.changed;
        assert.deepEqual(pick(await connector.get(trip.type, id), field), value, field);
      }

      await connector.remove(trip.type, id);
      await rejectsWithCode(connector.get(trip.type, id), 'genesys.not-found');
      assert.ok(!(await connector.list(trip.type)).some((object) => object.id === id), 'no longer listed');
    });
  }

  it('turns a PUT with a stale schedule version into a conflict and leaves the schedule alone', async () => {
    const created = await connector.create('architect.schedule', { name: 'Ferry Versioned', ...WINDOW });
    const id = String(created.id);
    assert.equal(created.version, 1);
    const first = await connector.update('architect.schedule', id, { ...created, description: 'first edit' });
    assert.equal(first.version, 2);

    // A second writer still holding version 1.
    const error = await rejectsWithCode(
      connector.update('architect.schedule', id, { ...created, description: 'stale edit' }),
      'conflict',
    );
    assert.equal(error.details?.status, 409);
    assert.equal(error.details?.method, 'PUT');
    assert.equal(error.details?.path, `/api/v2/architect/schedules/${id}`);
    assert.equal(error.details?.genesysCode, 'general.conflict');
    assert.ok(error.message.includes(VERSION_MISMATCH_MESSAGE));
    const current = await connector.get('architect.schedule', id);
    assert.equal(current.description, 'first edit');
    assert.equal(current.version, 2);
    await connector.remove('architect.schedule', id);
  });

  it('turns a stale schedule group version into a conflict too', async () => {
    const created = await connector.create('architect.schedulegroup', {
      name: 'Ferry Versioned Group',
      openSchedules: [{ id: scheduleId }],
    });
    const id = String(created.id);
    await connector.update('architect.schedulegroup', id, { ...created, timeZone: 'Europe/Paris' });
    await rejectsWithCode(
      connector.update('architect.schedulegroup', id, { ...created, timeZone: 'Europe/Rome' }),
      'conflict',
    );
    await connector.remove('architect.schedulegroup', id);
  });

  it('reports a refused write as bad-request with the Genesys message, without retrying it', async () => {
    const { connector: counted, calls } = connectTo(sandbox.url, sandbox.orgs.dev);
    const error = await rejectsWithCode(
      counted.create('architect.schedule', { name: 'Backwards', start: WINDOW.end, end: WINDOW.start }),
      'genesys.bad-request',
    );
    assert.match(error.message, /end must be after start/);
    assert.equal(calls.filter((call) => call.method === 'POST' && call.path !== '/oauth/token').length, 1);
  });

  it('reads and updates the org-wide utilization as one object, and refuses to create or delete it', async () => {
    const [only, ...rest] = await connector.list('routing.utilization');
    assert.equal(rest.length, 0);
    assert.equal(only?.id, 'organization');
    assert.equal(only?.name, 'organization');
    const utilization = only?.utilization as Record<string, { maximumCapacity: number }>;
    const updated = await connector.update('routing.utilization', 'organization', {
      ...only,
      utilization: { ...utilization, callback: { maximumCapacity: 2 } },
    });
    assert.equal((updated.utilization as typeof utilization).callback?.maximumCapacity, 2);
    const read = await connector.get('routing.utilization', 'organization');
    assert.equal((read.utilization as typeof utilization).callback?.maximumCapacity, 2);
    await rejectsWithCode(
      connector.create('routing.utilization', { name: 'organization' }),
      'genesys.not-updatable',
    );
    await rejectsWithCode(connector.remove('routing.utilization', 'organization'), 'genesys.not-updatable');
    await connector.update('routing.utilization', 'organization', only ?? {});
  });

  it('encodes ids into the path, so an id cannot reach another resource', async () => {
    await rejectsWithCode(connector.get('routing.queue', '../skills'), 'genesys.not-found');
  });
});

/** Reads `a.b.c` out of an object. */
function pick(object: Record<string, unknown>, path: string): unknown {
  let value: unknown = object;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}
