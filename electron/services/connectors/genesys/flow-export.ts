import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { runLimited } from '../../../../shared/concurrency/concurrency-limit';
import { GenesysApiError, malformedReply } from './genesys-error';
import { downloadFlowFile, type FlowFileLinkDeps } from './flow-file-link';
import type { PlatformApiCall } from './platform-api-call';

/** `RegisterArchitectExportJobResponse`: the job's id. */
const registeredSchema = z.object({ id: z.string().min(1), status: z.string().nullish() }).loose();
/** `ArchitectJobMessage`, reduced to what a person reads. */
const messageSchema = z.object({ text: z.string().nullish(), type: z.string().nullish() }).loose();
/** `ArchitectExportJobStateResponse`. */
export const exportJobStateSchema = z
  .object({
    id: z.string().nullish(),
    status: z.string().nullish(),
    downloadUrl: z.string().nullish(),
    messages: z.array(messageSchema).nullish(),
  })
  .loose();

export const FLOW_EXPORT_JOBS_PATH = '/api/v2/flows/export/jobs';

/**
 * Waits between polls of a job: short at first (a small flow exports in well under a second, and
 * each poll is a request the rate limit counts), then longer, about two minutes in all.
 */
export const JOB_POLL_DELAYS_MS = [
  50, 100, 150, 250, 400, 600, 1000, 1500, 2000, 3000, 5000, 5000, 10_000, 10_000, 10_000, 10_000, 10_000,
  10_000, 10_000, 10_000, 10_000,
];
/** Registering a job is harmless to repeat (an unused job expires): resends after a lost reply. */
const REGISTER_RETRIES = 4;
/** How many finished jobs the first-poll estimate looks back on. */
const PACE_SAMPLES = 16;
/** The latest a first poll waits, however slow the jobs seen so far. */
const FIRST_POLL_MAX_MS = 5000;

/**
 * When to poll a job first. Each poll is a request the org's rate limit counts, and a snapshot of
 * hundreds of flows is bound by that limit: a job polled before it is done costs a request for
 * nothing. So the first poll of a job, after its registration's reply, waits as long as the
 * quickest of the recent jobs took to be seen done (from before its POST to the reply that said
 * so: never less than the job took; a request held back by the rate limit only makes it longer,
 * which the minimum ignores). Before any job finished, the fixed cadence's first wait.
 */
export class JobPollPace {
  private readonly recent: number[] = [];

  firstPollMs(): number {
    if (this.recent.length === 0) return JOB_POLL_DELAYS_MS[0] ?? 0;
    return Math.min(FIRST_POLL_MAX_MS, Math.max(JOB_POLL_DELAYS_MS[0] ?? 0, Math.min(...this.recent)));
  }

  /** A job seen done `ms` after its registration was sent. */
  finished(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > PACE_SAMPLES) this.recent.shift();
  }

  /**
   * The waits between polls: the first poll's, then the fixed cadence's from the point it reached,
   * so a job that takes longer is still given about two minutes in all.
   */
  delays(): number[] {
    const first = this.firstPollMs();
    const waits = [first];
    let previous = first;
    let at = 0;
    for (const wait of JOB_POLL_DELAYS_MS) {
      at += wait;
      if (at <= previous) continue;
      waits.push(at - previous);
      previous = at;
    }
    return waits;
  }
}

export interface FlowExportDeps {
  call: PlatformApiCall;
  link: FlowFileLinkDeps;
  concurrency: number;
}

/** The flow fields an export needs: which flow and which of its versions. */
export interface ExportedFlow {
  id: string;
  name: string;
  type: string;
  /** The published version's id; null when the flow was never published. */
  publishedVersion: string | null;
}

/**
 * Flows' configurations through Architect export jobs. One flow per job: a job of several flows
 * (up to 25) would cost fewer requests, but its download is a zip archive of them all, and one
 * flow that fails fails them all; one flow per job gives a YAML file per download, lets the
 * exports run in parallel, fail one by one (naming the flow) and report progress per flow. Each
 * job costs its POST and its polls, all through the connector's one rate-limit gate, so polls are
 * paced to be few (JobPollPace).
 */
export class FlowExport {
  /** Shared by every export of this connector: what one pull learns, the next one uses. */
  private readonly pace = new JobPollPace();

  constructor(private readonly deps: FlowExportDeps) {}

  /**
   * Attaches `configuration` (the export's text, with the org's ids) to each flow, `concurrency`
   * at a time, reporting each flow done. A flow that does not export fails the whole read with its
   * name: a snapshot must not hold a flow whose configuration is silently missing.
   */
  async attachConfigurations(
    flows: Record<string, unknown>[],
    signal: AbortSignal | undefined,
    onExported?: (done: number, total: number) => void,
  ): Promise<void> {
    let done = 0;
    // Every text is kept aside until all flows exported: a cancelled or failed read leaves the
    // listed flows as they were, never some with a configuration and some without.
    const texts = new Array<string>(flows.length);
    try {
      await runLimited(
        flows.length,
        this.deps.concurrency,
        async (index) => {
          texts[index] = await this.exportOne(exportedFlowOf(flows[index] ?? {}), signal);
          done += 1;
          onExported?.(done, flows.length);
        },
        signal,
      );
    } catch (error) {
      // The pool's own check of the signal throws the platform's AbortError: said as Ferry says it.
      if (signal?.aborted && !(error instanceof FerryError)) {
        throw new FerryError('cancelled', 'Reading flows was cancelled');
      }
      throw error;
    }
    for (const [index, flow] of flows.entries()) flow.configuration = texts[index];
  }

  /**
   * One flow's configuration: its published version, or (never published) its latest saved one,
   * which is what Architect shows it as. Register the job, poll it, download the file.
   */
  async exportOne(flow: ExportedFlow, signal: AbortSignal | undefined): Promise<string> {
    const reference: Record<string, string> = { id: flow.id, name: flow.name, type: flow.type };
    if (flow.publishedVersion !== null) reference.version = flow.publishedVersion;
    // `Yaml` said outright (it is the default today): the other export type is Architect's own
    // binary format, which no diff or import of Ferry's could read.
    // Timed from before the POST: the job starts when the server takes it, which may be well
    // before its reply is read, so a job seen done is never credited with less than it took.
    const registering = performance.now();
    const job = await this.register({ flows: [{ flow: reference, exportType: 'Yaml' }] }, signal);
    const state = await this.waitFor(job, registering, flow.name, signal);
    return downloadFlowFile(this.deps.link, state.downloadUrl ?? '', flow.name, signal);
  }

  private async register(body: unknown, signal: AbortSignal | undefined): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const reply = registeredSchema.safeParse(
          await this.deps.call('POST', FLOW_EXPORT_JOBS_PATH, {}, body, signal),
        );
        if (!reply.success) throw malformedReply(FLOW_EXPORT_JOBS_PATH, 'an export job without an id');
        return reply.data.id;
      } catch (error) {
        if (!(error instanceof GenesysApiError && error.outcomeUnknown) || attempt >= REGISTER_RETRIES) {
          throw error;
        }
        await pause(50 * 2 ** attempt, signal);
      }
    }
  }

  private async waitFor(
    jobId: string,
    registering: number,
    flowName: string,
    signal: AbortSignal | undefined,
  ): Promise<z.infer<typeof exportJobStateSchema>> {
    const path = `${FLOW_EXPORT_JOBS_PATH}/${encodeURIComponent(jobId)}`;
    for (const wait of this.pace.delays()) {
      await pause(wait, signal);
      // A job's messages (why it failed) come only when asked for (`expand=messages`).
      const state = exportJobStateSchema.safeParse(
        await this.deps.call('GET', path, { expand: 'messages' }, undefined, signal),
      );
      if (!state.success) throw malformedReply(FLOW_EXPORT_JOBS_PATH, 'an export job state that is not one');
      const status = (state.data.status ?? '').toLowerCase();
      if (status === 'failure') {
        throw new FerryError(
          'flow.export-failed',
          `Genesys Cloud could not export flow "${flowName}": ${jobMessages(state.data.messages) || 'the export job failed without a message'}`,
          { flow: flowName, job: jobId },
        );
      }
      if (status === 'success') {
        if (!state.data.downloadUrl)
          throw malformedReply(FLOW_EXPORT_JOBS_PATH, 'a finished export job without a download link');
        this.pace.finished(performance.now() - registering);
        return state.data;
      }
    }
    throw new FerryError(
      'flow.export-failed',
      `The export of flow "${flowName}" had not finished after about two minutes`,
      { flow: flowName, job: jobId },
    );
  }
}

/** The id, name, type and published version of a flow as `/api/v2/flows` lists it. */
export function exportedFlowOf(flow: Record<string, unknown>): ExportedFlow {
  const published = flow.publishedVersion;
  const version =
    typeof published === 'object' && published !== null && 'id' in published ? published.id : null;
  if (typeof flow.id !== 'string' || typeof flow.name !== 'string' || typeof flow.type !== 'string') {
    throw malformedReply(FLOW_EXPORT_JOBS_PATH, 'a flow without id, name or type');
  }
  return {
    id: flow.id,
    name: flow.name,
    type: flow.type,
    publishedVersion: typeof version === 'string' && version !== '' ? version : null,
  };
}

/** A job's messages as one line a person reads. */
export function jobMessages(messages: readonly z.infer<typeof messageSchema>[] | null | undefined): string {
  return (messages ?? [])
    .map((message) => message.text ?? '')
    .filter((text) => text !== '')
    .slice(0, 5)
    .join('; ');
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch {
    throw new FerryError('cancelled', 'Reading flows was cancelled');
  }
}
