import { REFERENCE_LOOKUPS } from '../../electron/services/connectors/genesys/reference-lookups';
import type { JsonObject } from '../../shared/model/canonical/json-value';
import {
  acceptedWrites,
  changesetOf,
  liveObjects,
  promotionWorld,
} from '../integration/promotion/promotion-test-support';
import type { BenchRatio } from './bench-ratio';

const QUEUES = Number(process.env.FERRY_BENCH_REFERENCE_QUEUES ?? 300);

/** Path prefixes of the lists references are looked up in (email routes live under their domain). */
const LOOKUP_PREFIXES = Object.values(REFERENCE_LOOKUPS).map(
  (endpoint) => endpoint.path.split('{')[0] as string,
);

function isLookup(path: string): boolean {
  return LOOKUP_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Issue 12: resolving references to objects Ferry does not manage must not cost a request per
 * reference. Promotes QUEUES new queues, each pointing at member groups of every kind, a script,
 * flows, prompts, an edge group, a site, an email route and canned-response libraries (a copy of
 * dev's "Billing - Voice" and "Billing - Messaging"), and counts at the HTTP layer the writes and
 * the lookups of plan and execute together. Goal: at most 1.1 requests per operation against the
 * floor of one write per operation. Lookups are printed on their own.
 */
export async function referenceLookupsBench(): Promise<BenchRatio[]> {
  const world = await promotionWorld({ snapshot: false });
  try {
    const dev = (await liveObjects(world.services, 'dev', ['routing.queue'])).get('routing.queue');
    const templates = ['Billing - Voice', 'Billing - Email', 'Billing - Messaging'].map((name) => {
      const value = structuredClone(dev?.get(name)) as JsonObject;
      // One write per operation: the wrap-up code list is written through its own URL.
      delete value.wrapupCodes;
      return value;
    });
    const operations = Array.from({ length: QUEUES }, (_, index) => {
      const key = `Bench reference queue ${String(index).padStart(4, '0')}`;
      const body = { ...(templates[index % templates.length] as JsonObject), name: key };
      return { op: 'create' as const, type: 'routing.queue', key, body };
    });
    const from = world.requests.length;
    const plan = await world.engine.plan(changesetOf('bench-references', operations), 'uat');
    const blocked = plan.steps.filter((step) => step.action !== 'create');
    if (blocked.length > 0)
      throw new Error(
        `the bench plan has ${blocked.length} steps that do not create: ${blocked[0]?.reason ?? ''}`,
      );
    const result = await world.engine.execute(plan, { snapshot: false, concurrency: 8 });
    if (result.status !== 'succeeded')
      throw new Error(`the bench run ended ${result.status}: ${result.message}`);
    const requests = world.requests.slice(from);
    const writes = acceptedWrites(requests).length;
    const lookups = requests.filter((request) => request.method === 'GET' && isLookup(request.path)).length;
    const lookupTypes = new Set(
      requests
        .filter((request) => request.method === 'GET' && isLookup(request.path))
        .map((request) => LOOKUP_PREFIXES.find((prefix) => request.path.startsWith(prefix))),
    ).size;
    console.log(
      `reference lookups: ${QUEUES} queue creates, ${writes} writes, ${lookups} lookup requests over ${lookupTypes} lists (plan and execute together)`,
    );
    return [
      {
        name: 'requests per promoted operation with references',
        subject: {
          label: 'writes + lookups per operation',
          seconds: Number(((writes + lookups) / QUEUES).toFixed(3)),
        },
        baseline: { label: 'one write per operation', seconds: 1 },
        goal: 1.1,
        unit: 'requests',
      },
    ];
  } finally {
    await world.close();
  }
}
