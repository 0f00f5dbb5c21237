import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapBounded } from '../../shared/concurrency/concurrency-limit';
import { GenesysConnector } from '../../electron/services/connectors/genesys/genesys-connector';
import { DEMO_CLIENTS, startSandbox } from '../../electron/sandbox';
import { timed, type BenchRatio } from './bench-ratio';

/** Flows in the org (issue 18: "a 300-flow org snapshot"). */
const FLOWS = Number(process.env.FERRY_BENCH_FLOWS ?? 300);
const RATE_LIMIT = 300;
const JOB_POLLS = 200;

/** A token of the uat org, through the sandbox's own OAuth endpoint. */
async function token(url: string): Promise<string> {
  const client = DEMO_CLIENTS.uat;
  const reply = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await reply.json()) as { access_token: string }).access_token;
}

/**
 * Grows uat to `count` flows the way Archy does: an import job per flow (register, PUT the file,
 * wait), then a publish, so each flow has a published version the export reads.
 */
async function growFlows(url: string, count: number): Promise<void> {
  const bearer = await token(url);
  const api = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const reply = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
    const text = await reply.text();
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  };
  const existing = Number((await api('GET', '/api/v2/flows?pageSize=1')).total ?? 0);
  const indexes = Array.from({ length: Math.max(0, count - existing) }, (_, index) => index);
  await mapBounded(indexes, 16, async (index) => {
    const job = (await api('POST', '/api/v2/flows/jobs', {})) as {
      id: string;
      presignedUrl: string;
      headers: Record<string, string>;
    };
    const file = [
      'inboundCall:',
      `  name: Bench Flow ${index}`,
      '  division: Home',
      `  description: Bench inbound flow ${index}`,
      '  defaultLanguage: en-us',
      '  startUpRef: /inboundCall/menus/menu[main]',
      '  menus:',
      '    - menu:',
      '        name: Main',
      '        refId: main',
      '        audio:',
      `          tts: Welcome to bench line ${index}. For billing press 1.`,
      '        choices:',
      '          - menuDisconnect:',
      '              name: Goodbye',
      '              dtmf: digit_9',
      '',
    ].join('\n');
    const put = await fetch(job.presignedUrl, { method: 'PUT', headers: job.headers, body: file });
    if (!put.ok) throw new Error(`flow upload: ${put.status} ${await put.text()}`);
    for (let poll = 0; poll < JOB_POLLS; poll += 1) {
      const state = (await api('GET', `/api/v2/flows/jobs/${job.id}`)) as {
        status: string;
        flow?: { id: string };
        messages?: unknown;
      };
      if (state.status === 'Failure') throw new Error(`flow import: ${JSON.stringify(state.messages)}`);
      if (state.status === 'Success' && state.flow) {
        await api('POST', `/api/v2/flows/actions/publish?flow=${encodeURIComponent(state.flow.id)}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('a bench flow import never finished');
  });
}

/**
 * Reads every flow with its configuration, counting the requests the org's rate limit metered
 * (those with the token, answered other than 429) and, of those, the polls of export jobs.
 */
async function exportFlows(url: string) {
  let metered = 0;
  let polls = 0;
  const counting: typeof fetch = async (input, init) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    const reply = await fetch(input, init);
    if (path.startsWith('/api/') && reply.status !== 429) {
      metered += 1;
      if ((init?.method ?? 'GET') === 'GET' && path.startsWith('/api/v2/flows/export/jobs/')) polls += 1;
    }
    return reply;
  };
  const client = DEMO_CLIENTS.uat;
  const connector = new GenesysConnector({
    target: { kind: 'gateway', url },
    clientId: client.clientId,
    clientSecret: async () => client.clientSecret,
    transport: { fetch: counting },
  });
  const { seconds, value: flows } = await timed(() => connector.list('architect.flow'));
  const exported = flows.filter((flow) => typeof flow.configuration === 'string').length;
  if (exported !== flows.length) throw new Error(`${flows.length - exported} flows without a configuration`);
  return { seconds, flows: flows.length, metered, polls, waits: connector.stats.rateLimitWaits };
}

/**
 * A 300-flow org's flows read with their configurations (export jobs, in parallel) from a sandbox
 * limited to 300 requests a minute, against the least time that limit allows for the requests such
 * a read needs: the ones it made other than polls (the listing, one registration per job), plus
 * one poll per job (the one that finds it done). Polls that found a job still running are not
 * needed, so they count against the export, not in its bound. The limit is a fixed window per
 * token from its first request: N needed requests cannot end before floor((N - 1) / limit)
 * windows have passed. The token request and the downloads (presigned links, no token) are not
 * metered by that window.
 */
export async function flowExportBench(): Promise<BenchRatio[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ferry-bench-flows-'));
  try {
    const seed = await startSandbox({ dataDir, rateLimitPerMinute: 1_000_000 });
    await growFlows(seed.url, FLOWS);
    await seed.close();
    const limited = await startSandbox({ dataDir, rateLimitPerMinute: RATE_LIMIT });
    const paced = await exportFlows(limited.url);
    await limited.close();
    const needed = paced.metered - paced.polls + paced.flows;
    const boundSeconds = Math.floor((needed - 1) / RATE_LIMIT) * 60;
    return [
      {
        name: `flow export of ${paced.flows} flows under ${RATE_LIMIT} requests/min (${paced.metered} metered requests of which ${paced.polls} polls, ${needed} needed; ${paced.waits} paced waits)`,
        subject: { label: 'export', seconds: paced.seconds },
        baseline: { label: 'rate-limit bound', seconds: Math.max(1, boundSeconds) },
        goal: 1.1,
      },
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
