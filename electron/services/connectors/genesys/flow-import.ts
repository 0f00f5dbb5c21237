import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import {
  clientLockHolder,
  FLOW_IMPORT_PATH,
  FLOW_PUBLISH_PATH,
  flowImportBodySchema,
  type FlowImportBody,
} from '../../../../shared/promotion/engine/flow-calls';
import { GenesysApiError } from './genesys-error';
import { JOB_POLL_DELAYS_MS, jobMessages, type FlowExport } from './flow-export';
import { parseFlowConfiguration } from '../../../../shared/flows/flow-configuration-parse';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import { UNNAMED_HOLDER } from '../../../../shared/model/canonical/status-fields';
import { uploadFlowFile, type FlowFileLinkDeps } from './flow-file-link';
import type { PlatformApiCall } from './platform-api-call';
import { isNotFound } from './write-settlement';

/** `RegisterArchitectJobResponse`: where to PUT the flow file, with which headers. */
const registeredSchema = z
  .object({
    id: z.string().min(1),
    presignedUrl: z.string().min(1),
    headers: z.record(z.string(), z.string()).nullish(),
  })
  .loose();
/** `ArchitectJobStateResponse`. */
const jobStateSchema = z
  .object({
    id: z.string().nullish(),
    status: z.string().nullish(),
    flow: z
      .object({ id: z.string().min(1) })
      .loose()
      .nullish(),
    messages: z.array(z.object({ text: z.string().nullish() }).loose()).nullish(),
  })
  .loose();
const versionSchema = z.object({ id: z.string().min(1) }).loose();
/** The parts of `Flow` a write looks at. */
const flowStateSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().nullish(),
    publishedVersion: versionSchema.nullish(),
    checkedInVersion: versionSchema.nullish(),
    savedVersion: versionSchema.nullish(),
    lockedUser: z.object({ name: z.string().nullish(), id: z.string().nullish() }).loose().nullish(),
    lockedClient: z.object({ name: z.string().nullish(), id: z.string().nullish() }).loose().nullish(),
  })
  .loose();
type FlowState = z.infer<typeof flowStateSchema>;

/** Resends of a request whose reply was lost and which the target shows it did not take. */
const RESENDS = 4;

export interface FlowImportDeps {
  call: PlatformApiCall;
  link: FlowFileLinkDeps;
  /** Reads a version back, to tell whether an import not yet published already holds the file. */
  exporter: FlowExport;
}

/**
 * Writes a flow the way Genesys takes one: an import job (register, PUT the file to the job's
 * presigned URL, wait for the job), then a publish. Each part is made exactly once although
 * replies get lost: a lost registration is registered again (an unused job does nothing), a lost
 * upload is judged by the job's state (started: it landed), a lost publish by the flow's
 * published version.
 */
export class FlowImport {
  constructor(private readonly deps: FlowImportDeps) {}

  /** The import call of a plan: returns the flow as the target now holds it (with its id). */
  async importFlow(rawBody: unknown, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    const parsed = flowImportBodySchema.safeParse(rawBody);
    if (!parsed.success) {
      throw new FerryError(
        'promotion.plan-invalid',
        'A flow import must name the flow and carry its configuration',
      );
    }
    const body: FlowImportBody = parsed.data;
    const name = body.flow.name;
    const imported = await this.alreadyImported(body, signal);
    if (imported !== null) return imported;
    const job = await this.resendWhileLost(
      () => this.deps.call('POST', FLOW_IMPORT_PATH, {}, {}, signal),
      signal,
    );
    const registered = registeredSchema.safeParse(job);
    if (!registered.success) throw importFailed(name, 'the import job came back without an upload link');
    const jobPath = `${FLOW_IMPORT_PATH}/${encodeURIComponent(registered.data.id)}`;
    await uploadFlowFile(
      this.deps.link,
      registered.data.presignedUrl,
      registered.data.headers ?? {},
      body.configuration,
      name,
      signal,
    );
    const state = await this.waitForJob(jobPath, name, signal);
    if ((state.status ?? '').toLowerCase() === 'failure') {
      throw await this.failure(body, state, signal);
    }
    const flowId = state.flow?.id ?? body.flow.id;
    if (flowId === undefined) throw importFailed(name, 'the finished import job does not name the flow');
    return { id: flowId, name, type: body.flow.type };
  }

  /**
   * Publishes the flow's newest version (after an import), or `version` (a rollback putting back
   * what was published before the run), and waits until the flow shows it published. A publish
   * whose reply was lost is sent again only when the flow does not show it.
   */
  async publish(
    flowId: string,
    version: string | null,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const before = await this.readFlow(flowId, signal);
    if (before === null) throw importFailed(flowId, 'the flow to publish is not in the target');
    const wanted = version ?? newestVersion(before);
    const label = before.name ?? flowId;
    if (wanted !== null && before.publishedVersion?.id === wanted)
      return { id: flowId, publishedVersion: { id: wanted } };
    const query: Record<string, unknown> = { flow: flowId, ...(version === null ? {} : { version }) };
    for (let resent = 0; ; resent += 1) {
      try {
        await this.deps.call('POST', FLOW_PUBLISH_PATH, query, undefined, signal);
        break;
      } catch (error) {
        if (!(error instanceof GenesysApiError && error.outcomeUnknown)) throw error;
        const now = await this.readFlow(flowId, signal).catch(() => {
          throw error;
        });
        if (now !== null && wanted !== null && now.publishedVersion?.id === wanted) break;
        if (resent >= RESENDS) throw error;
        await pause(50 * 2 ** resent, signal);
      }
    }
    // Publishing is asynchronous in Genesys: the flow shows the version once it is done.
    for (const wait of [0, ...JOB_POLL_DELAYS_MS]) {
      await pause(wait, signal);
      const now = await this.readFlow(flowId, signal);
      if (now === null) throw importFailed(label, 'the flow disappeared while it was being published');
      const published = now.publishedVersion?.id ?? null;
      if (published !== null && (wanted === null || published === wanted)) {
        return { id: flowId, publishedVersion: { id: published } };
      }
    }
    throw importFailed(label, 'the publish had not shown after about two minutes');
  }

  /**
   * Exactly once across a crash: a run that imported the file and died before its publish is
   * resumed by sending the step again. A flow whose newest version is not the published one is
   * exported at that version; when it holds this very file (as parsed, so layout does not count),
   * that import is the one to publish and no second version is made.
   */
  private async alreadyImported(
    body: FlowImportBody,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown> | null> {
    const id = body.flow.id;
    if (id === undefined) return null;
    const flow = await this.readFlow(id, signal);
    const newest = flow === null ? null : newestVersion(flow);
    if (flow === null || newest === null || newest === (flow.publishedVersion?.id ?? null)) return null;
    const label = { label: `flow ${body.flow.type}/${body.flow.name}` };
    const held = await this.deps.exporter.exportOne(
      { id, name: body.flow.name, type: body.flow.type, publishedVersion: newest },
      signal,
    );
    try {
      const same =
        stableStringify(parseFlowConfiguration(held, label)) ===
        stableStringify(parseFlowConfiguration(body.configuration, label));
      return same ? { id, name: body.flow.name, type: body.flow.type } : null;
    } catch {
      // An export Ferry cannot read is not the file it wrote: import as planned.
      return null;
    }
  }

  /** Polls an import job (bounded) until it succeeds or fails. */
  private async waitForJob(jobPath: string, name: string, signal: AbortSignal | undefined) {
    for (const wait of JOB_POLL_DELAYS_MS) {
      await pause(wait, signal);
      const state = jobStateSchema.safeParse(await this.deps.call('GET', jobPath, {}, undefined, signal));
      if (!state.success) continue;
      const status = (state.data.status ?? '').toLowerCase();
      if (status === 'success' || status === 'failure') return state.data;
    }
    throw importFailed(name, 'the import job had not finished after about two minutes');
  }

  /**
   * A failed import, in words: Genesys's messages, and who holds the flow when it is checked out
   * (locked after the plan was made, since a plan blocks a step for a flow checked out then).
   */
  private async failure(
    body: FlowImportBody,
    state: z.infer<typeof jobStateSchema>,
    signal: AbortSignal | undefined,
  ): Promise<FerryError> {
    const said = jobMessages(state.messages);
    const flowId = body.flow.id ?? state.flow?.id;
    const flow = flowId === undefined ? null : await this.readFlow(flowId, signal).catch(() => null);
    const holder = flow === null ? null : lockHolder(flow);
    if (holder !== null) {
      // Said in Ferry's words only: Genesys's own message names the user by id, which tells the
      // person reading the run nothing.
      return new FerryError(
        'flow.checked-out',
        `flow "${body.flow.name}" was checked out by ${holder} in the target after the plan was made, so Genesys Cloud refused the import: ask them to check it in, or unlock it in Architect, then plan again`,
        { flow: body.flow.name, holder },
      );
    }
    return importFailed(body.flow.name, said === '' ? 'the import job failed without a message' : said);
  }

  private async readFlow(flowId: string, signal: AbortSignal | undefined): Promise<FlowState | null> {
    try {
      const reply = flowStateSchema.safeParse(
        await this.deps.call('GET', `/api/v2/flows/${encodeURIComponent(flowId)}`, {}, undefined, signal),
      );
      return reply.success ? reply.data : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Registering a job is harmless to repeat: a reply lost on the way is asked for again. */
  private async resendWhileLost(send: () => Promise<unknown>, signal: AbortSignal | undefined) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof GenesysApiError && error.outcomeUnknown) || attempt >= RESENDS) throw error;
        await pause(50 * 2 ** attempt, signal);
      }
    }
  }
}

/**
 * Who holds a flow checked out: a person by name (never their id; one the org does not name is
 * said to be such, as a plan says it), or an OAuth client (Archy, CX as Code, a script) by name or
 * id in a plan's words; null when nobody does. Only asked after Genesys refused the import, so a
 * client holding it is another one than Ferry's.
 */
function lockHolder(flow: FlowState): string | null {
  const user = flow.lockedUser;
  if (user === null || user === undefined) return clientLockHolder(flow.lockedClient);
  const name = user.name?.trim() ?? '';
  return name === '' ? UNNAMED_HOLDER : name;
}

/** The version an import just made: checked in when the flow has one, else the latest saved. */
function newestVersion(flow: FlowState): string | null {
  return flow.checkedInVersion?.id ?? flow.savedVersion?.id ?? null;
}

function importFailed(name: string, why: string): FerryError {
  return new FerryError('flow.import-failed', `Genesys Cloud did not take flow "${name}": ${why}`, {
    flow: name,
  });
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch {
    throw new FerryError('cancelled', 'Writing the flow was cancelled');
  }
}
