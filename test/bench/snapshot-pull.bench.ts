import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectTypeId } from '../../shared/model/object-types/object-type-definition';
import { mapBounded } from '../../shared/concurrency/concurrency-limit';
import { GenesysConnector } from '../../electron/services/connectors/genesys/genesys-connector';
import { MAX_PAGE_SIZE } from '../../electron/services/connectors/genesys/page-sizes';
import { DEMO_CLIENTS, startSandbox } from '../../electron/sandbox';
import { timed, type BenchRatio } from './bench-ratio';

const QUEUES = Number(process.env.FERRY_BENCH_QUEUES ?? 5000);
const SKILLS = Number(process.env.FERRY_BENCH_SKILLS ?? 2000);
const WRAPUP_CODES = Number(process.env.FERRY_BENCH_WRAPUPS ?? 500);
/** Queues in the rate-limited run: enough requests for two full windows of 300, so waits dominate. */
const RATE_LIMITED_QUEUES = Number(process.env.FERRY_BENCH_RATE_QUEUES ?? 640);
const RATE_LIMIT = 300;
/**
 * Groups, IVRs and utilization labels in roughly the proportion a contact-centre org has them
 * next to its queues (issue 17): a group per few queues, an IVR per hundred, a handful of labels.
 */
const GROUPS = Number(process.env.FERRY_BENCH_GROUPS ?? 600);
const IVRS = Number(process.env.FERRY_BENCH_IVRS ?? 50);
const LABELS = Number(process.env.FERRY_BENCH_LABELS ?? 12);
const PULLED: ObjectTypeId[] = [
  'routing.queue',
  'routing.skill',
  'routing.wrapupcode',
  'directory.group',
  'architect.ivr',
  'architect.emergencygroup',
  'routing.utilizationlabel',
  'routing.utilization',
];

/** Grows the sandbox's uat org to the sizes asked for, through its API (the seeded org is small). */
async function growOrg(
  url: string,
  counts: {
    queues: number;
    skills: number;
    wrapups: number;
    groups?: number;
    ivrs?: number;
    labels?: number;
  },
) {
  const client = DEMO_CLIENTS.uat;
  const tokenReply = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await tokenReply.json()) as { access_token: string };
  const post = async (path: string, body: unknown) => {
    const reply = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!reply.ok) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
    return (await reply.json()) as { id: string };
  };
  const count = async (path: string) => {
    const reply = await fetch(`${url}${path}?pageSize=1`, { headers: { Authorization: `Bearer ${token}` } });
    return ((await reply.json()) as { total: number }).total;
  };
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const codes = await mapBounded(range(await count('/api/v2/routing/wrapupcodes'), counts.wrapups), 16, (i) =>
    post('/api/v2/routing/wrapupcodes', { name: `Bench outcome ${i}` }),
  );
  await mapBounded(range(await count('/api/v2/routing/skills'), counts.skills), 16, (i) =>
    post('/api/v2/routing/skills', { name: `Bench skill ${i}` }),
  );
  await mapBounded(range(await count('/api/v2/routing/queues'), counts.queues), 16, async (i) => {
    const queue = await post('/api/v2/routing/queues', { name: `Bench queue ${i}` });
    const code = codes[i % Math.max(1, codes.length)];
    if (code) await post(`/api/v2/routing/queues/${queue.id}/wrapupcodes`, [{ id: code.id }]);
  });
  await mapBounded(range(await count('/api/v2/groups'), counts.groups ?? 0), 16, (i) =>
    post('/api/v2/groups', {
      name: `Bench group ${i}`,
      type: 'official',
      rulesVisible: true,
      visibility: 'public',
    }),
  );
  await mapBounded(range(await count('/api/v2/architect/ivrs'), counts.ivrs ?? 0), 16, (i) =>
    post('/api/v2/architect/ivrs', {
      name: `Bench IVR ${i}`,
      dnis: [`+4433090${String(i).padStart(5, '0')}`],
    }),
  );
  await mapBounded(range(await count('/api/v2/routing/utilization/labels'), counts.labels ?? 0), 16, (i) =>
    post('/api/v2/routing/utilization/labels', { name: `Bench label ${i}` }),
  );
}

function connectorFor(url: string) {
  const client = DEMO_CLIENTS.uat;
  return new GenesysConnector({
    target: { kind: 'gateway', url },
    clientId: client.clientId,
    clientSecret: async () => client.clientSecret,
  });
}

/** The fewest requests a pull can make: one token, every list page, every sub-resource page. */
function minimumRequests(listed: Map<ObjectTypeId, Record<string, unknown>[]>): number {
  let minimum = 1;
  for (const [type, objects] of listed) {
    minimum += Math.max(1, Math.ceil(objects.length / MAX_PAGE_SIZE[type]));
    if (type === 'routing.queue') {
      for (const queue of objects) {
        const codes = Array.isArray(queue.wrapupCodes) ? queue.wrapupCodes.length : 0;
        minimum += Math.max(1, Math.ceil(codes / MAX_PAGE_SIZE.subresource));
      }
    }
  }
  return minimum;
}

async function pull(url: string) {
  const connector = connectorFor(url);
  const listed = new Map<ObjectTypeId, Record<string, unknown>[]>();
  const { seconds } = await timed(async () => {
    for (const type of PULLED) listed.set(type, await connector.list(type));
  });
  return { seconds, listed, requests: connector.stats.requests, waits: connector.stats.rateLimitWaits };
}

/**
 * (b) Pull of an org with 5,000 queues, 2,000 skills and 500 wrap-up codes: requests made vs the
 * minimum; then, with the sandbox limited to 300 requests a minute, pull time vs the time the
 * limit itself imposes on that many requests.
 */
export async function snapshotPullBench(): Promise<BenchRatio[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ferry-bench-pull-'));
  try {
    // In memory: a persisted org rewrites its file on every write, which would dominate seeding.
    const open = await startSandbox({ rateLimitPerMinute: 1_000_000 });
    await growOrg(open.url, {
      queues: QUEUES,
      skills: SKILLS,
      wrapups: WRAPUP_CODES,
      groups: GROUPS,
      ivrs: IVRS,
      labels: LABELS,
    });
    const big = await pull(open.url);
    await open.close();
    const minimum = minimumRequests(big.listed);

    const seed = await startSandbox({ dataDir: join(dataDir, 'limited'), rateLimitPerMinute: 1_000_000 });
    await growOrg(seed.url, { queues: RATE_LIMITED_QUEUES, skills: 0, wrapups: 0 });
    await seed.close();
    const limited = await startSandbox({ dataDir: join(dataDir, 'limited'), rateLimitPerMinute: RATE_LIMIT });
    const paced = await pull(limited.url);
    await limited.close();
    // A fixed window of 300 a minute lets n requests finish no sooner than floor((n-1)/300) minutes.
    const boundSeconds = Math.floor((paced.requests - 1) / RATE_LIMIT) * 60;

    return [
      {
        name: `pull requests (${big.listed.get('routing.queue')?.length} queues, ${big.listed.get('routing.skill')?.length} skills, ${big.listed.get('routing.wrapupcode')?.length} wrap-up codes, ${big.listed.get('directory.group')?.length} groups, ${big.listed.get('architect.ivr')?.length} IVRs, ${big.listed.get('routing.utilizationlabel')?.length} labels, utilization)`,
        subject: { label: 'requests made', seconds: big.requests },
        baseline: { label: 'minimum', seconds: minimum },
        goal: 1.05,
        unit: 'requests',
      },
      {
        name: `pull under ${RATE_LIMIT} requests/min (${paced.requests} requests, ${paced.waits} paced waits)`,
        subject: { label: 'pull', seconds: paced.seconds },
        baseline: { label: 'rate-limit bound', seconds: Math.max(1, boundSeconds) },
        goal: 1.1,
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
