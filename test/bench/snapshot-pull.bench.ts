import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectTypeId } from '../../shared/model/object-types/object-type-definition';
import { mapBounded } from '../../shared/concurrency/concurrency-limit';
import { GenesysConnector } from '../../electron/services/connectors/genesys/genesys-connector';
import { MAX_PAGE_SIZE } from '../../electron/services/connectors/genesys/page-sizes';
import { DEMO_CLIENTS, startSandbox } from '../../electron/sandbox';
import { synthesizePromptWav } from '../../electron/sandbox/prompt-audio-synth';
import { prng, word } from './bench-data';
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
/**
 * Skill groups and prompts (issue 17): a skill group per nine queues or so, each matching agents
 * on one to three of the bench's skills; a prompt and a half per queue (greetings, hold and
 * closed messages), each recorded in one or two languages as a few KB of audio.
 */
const SKILL_GROUPS = Number(process.env.FERRY_BENCH_SKILLGROUPS ?? Math.ceil(QUEUES / 9));
const PROMPTS = Number(process.env.FERRY_BENCH_PROMPTS ?? Math.round(QUEUES * 1.5));
const PROMPT_LANGUAGES = ['en-us', 'es-us'] as const;
const PULLED: ObjectTypeId[] = [
  'routing.queue',
  'routing.skill',
  'routing.wrapupcode',
  'directory.group',
  'architect.ivr',
  'architect.emergencygroup',
  'routing.utilizationlabel',
  'routing.utilization',
  'routing.skillgroup',
  'architect.prompt',
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
    skillGroups?: number;
    prompts?: number;
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
  // Cursor-paged lists (skill groups) give no total: the pages are walked instead.
  const countByCursor = async (path: string) => {
    let total = 0;
    let next: string | undefined = `${path}?pageSize=100`;
    for (let pages = 0; next !== undefined && pages < 1000; pages += 1) {
      const reply = await fetch(`${url}${next}`, { headers: { Authorization: `Bearer ${token}` } });
      const page = (await reply.json()) as { entities: unknown[]; nextUri?: string };
      total += page.entities.length;
      next = page.nextUri;
    }
    return total;
  };
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const codes = await mapBounded(range(await count('/api/v2/routing/wrapupcodes'), counts.wrapups), 16, (i) =>
    post('/api/v2/routing/wrapupcodes', { name: `Bench outcome ${i}` }),
  );
  const skillsBefore = await count('/api/v2/routing/skills');
  await mapBounded(range(skillsBefore, counts.skills), 16, (i) =>
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
  const random = prng(17);
  // The bench's own skills, named from the org's seeded count up (see above).
  const skillName = () =>
    `Bench skill ${skillsBefore + Math.floor(random() * Math.max(1, counts.skills - skillsBefore))}`;
  const term = () => ({
    routingSkill: skillName(),
    comparator: 'GreaterThanOrEqualTo',
    proficiency: 1 + Math.floor(random() * 4),
  });
  const groupsToAdd = range(await countByCursor('/api/v2/routing/skillgroups'), counts.skillGroups ?? 0);
  // Conditions are drawn before the concurrent posts, so the same run always makes the same groups.
  const groupBodies = groupsToAdd.map((i) => ({
    name: `Bench skill group ${i}`,
    skillConditions: [
      {
        routingSkillConditions: Array.from({ length: 1 + Math.floor(random() * 3) }, term),
        languageSkillConditions: [],
        operation: random() > 0.3 ? 'And' : 'Or',
      },
    ],
  }));
  await mapBounded(groupBodies, 16, (body) => post('/api/v2/routing/skillgroups', body));
  const promptsToAdd = range(await count('/api/v2/architect/prompts'), counts.prompts ?? 0).map((i) => ({
    i,
    languages: PROMPT_LANGUAGES.slice(0, random() > 0.5 ? 2 : 1),
    seconds: 0.4 + random() * 0.5,
    words: `${word(random)} ${word(random)} ${word(random)}`,
  }));
  // Each language is created, then recorded through Genesys's upload flow: a pre-signed URL, then a PUT.
  await mapBounded(promptsToAdd, 16, async ({ i, languages, seconds, words }) => {
    const prompt = await post('/api/v2/architect/prompts', { name: `Bench_prompt_${i}` });
    for (const language of languages) {
      const resources = `/api/v2/architect/prompts/${prompt.id}/resources`;
      const text = `${words} ${language} ${i}`;
      await post(resources, { language, ttsString: text, text });
      const upload = (await post(`${resources}/${language}/uploads`, {})) as unknown as {
        url: string;
        headers: Record<string, string>;
      };
      const put = await fetch(upload.url, {
        method: 'PUT',
        headers: upload.headers,
        body: Buffer.from(synthesizePromptWav(text, seconds)),
      });
      if (!put.ok) throw new Error(`prompt upload: ${put.status} ${await put.text()}`);
    }
  });
}

/**
 * Prompt resources whose audio is playable (transcoded, with a media link), read straight from the
 * API rather than from Ferry's pull: each is a download any client must make.
 */
async function playableAudio(url: string): Promise<number> {
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
  let playable = 0;
  for (let pageNumber = 1, pageCount = 1; pageNumber <= pageCount && pageNumber <= 1000; pageNumber += 1) {
    const reply = await fetch(
      `${url}/api/v2/architect/prompts?pageSize=100&pageNumber=${pageNumber}&includeMediaUris=true`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const page = (await reply.json()) as {
      pageCount: number;
      entities: { resources?: { uploadStatus?: string; mediaUri?: string }[] }[];
    };
    pageCount = page.pageCount;
    for (const prompt of page.entities) {
      playable += (prompt.resources ?? []).filter(
        (resource) => resource.uploadStatus === 'transcoded' && (resource.mediaUri ?? '') !== '',
      ).length;
    }
  }
  return playable;
}

function connectorFor(url: string) {
  const client = DEMO_CLIENTS.uat;
  return new GenesysConnector({
    target: { kind: 'gateway', url },
    clientId: client.clientId,
    clientSecret: async () => client.clientSecret,
  });
}

/**
 * The fewest requests a pull can make: one token, every list page, every sub-resource page, one
 * read of each skill group (its cursor-paged listing leaves out `skillConditions`, and no list
 * carries them) and one download of each playable prompt recording (a media link holds one file).
 * Prompt resources are not read apart: the prompt list carries them (`includeResources`, true by
 * default in the SDK), so no client needs `/resources` pages to pull.
 */
function minimumRequests(listed: Map<ObjectTypeId, Record<string, unknown>[]>, promptAudio: number): number {
  let minimum = 1;
  for (const [type, objects] of listed) {
    minimum += Math.max(1, Math.ceil(objects.length / MAX_PAGE_SIZE[type]));
    if (type === 'routing.queue') {
      for (const queue of objects) {
        const codes = Array.isArray(queue.wrapupCodes) ? queue.wrapupCodes.length : 0;
        minimum += Math.max(1, Math.ceil(codes / MAX_PAGE_SIZE.subresource));
      }
    }
    if (type === 'routing.skillgroup') minimum += objects.length;
  }
  return minimum + promptAudio;
}

/** Prompt recordings in Ferry's pull: resources it gave an audio descriptor (it downloaded them). */
function pulledAudio(prompts: Record<string, unknown>[]): number {
  let audio = 0;
  for (const prompt of prompts) {
    const resources = Array.isArray(prompt.resources) ? (prompt.resources as unknown[]) : [];
    for (const resource of resources) {
      const held = typeof resource === 'object' && resource !== null && 'audio' in resource;
      if (held && (resource as { audio: unknown }).audio !== null) audio += 1;
    }
  }
  return audio;
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
 * (b) Pull of an org with 5,000 queues, 2,000 skills and 500 wrap-up codes, and the other managed
 * types beside them (skill groups and prompts with their audio among them): requests made vs the
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
      skillGroups: SKILL_GROUPS,
      prompts: PROMPTS,
    });
    // Uploaded audio reads `uploaded` until the sandbox's transcode delay has passed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const promptAudio = await playableAudio(open.url);
    const big = await pull(open.url);
    await open.close();
    const audioPulled = pulledAudio(big.listed.get('architect.prompt') ?? []);
    if (audioPulled !== promptAudio) {
      throw new Error(`the pull described ${audioPulled} prompt recordings, the org plays ${promptAudio}`);
    }
    const minimum = minimumRequests(big.listed, promptAudio);

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
        name: `pull requests (${big.listed.get('routing.queue')?.length} queues, ${big.listed.get('routing.skill')?.length} skills, ${big.listed.get('routing.wrapupcode')?.length} wrap-up codes, ${big.listed.get('directory.group')?.length} groups, ${big.listed.get('architect.ivr')?.length} IVRs, ${big.listed.get('routing.utilizationlabel')?.length} labels, utilization, ${big.listed.get('routing.skillgroup')?.length} skill groups, ${big.listed.get('architect.prompt')?.length} prompts with ${promptAudio} recordings)`,
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
