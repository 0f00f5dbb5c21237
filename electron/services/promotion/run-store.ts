import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { planSchema, type Plan } from '../../../shared/model/plan';
import {
  runResultSchema,
  type JournalEntry,
  type RunKind,
  type RunResult,
  type RunSummary,
} from '../../../shared/promotion/engine/run-records';
import { dsseEnvelopeSchema, envelopePayload } from '../../../shared/signing/dsse-envelope';
import { chainHash, PLAN_ENVELOPE_FILE, RESULT_ENVELOPE_FILE } from '../../../shared/signing/run-statement';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { writeFileAtomic } from '../fs/atomic-write';
import { commitFiles } from '../workspace/workspace-git';
import type { WorkspaceService } from '../workspace/workspace-service';
import { JOURNAL_FILE, parseJournal, readJournal, type JournalSigning } from './run-journal';
import { journalLineHash, RunSigner, type RunSigning } from './run-signer';
import type { RunFiles } from './run-verifier';
import { StartedRuns } from './started-runs';

export const RUNS_FOLDER = 'runs';
export const PLAN_FILE = 'plan.json';
export const RESULT_FILE = 'result.json';

const RUN_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[a-z0-9][a-z0-9-]{0,100}-[0-9a-f]{6}$/;

/** `2026-11-23T10-15-00Z-<changeset-id>-<6 hex>`: sorts by time, readable, safe as a folder name. */
export function newRunId(now: Date, changesetId: string): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${stamp}Z-${changesetId}-${randomBytes(3).toString('hex')}`;
}

/**
 * Runs being written by this process, whichever engine writes them: a run without a result is only
 * "interrupted" once no one is writing it.
 */
export const runsInProgress = new Set<string>();

export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}

export interface RunStoreOptions {
  /** Signs every run written here; without it runs are unsigned (and can never be verified). */
  signing: RunSigning | null;
  /**
   * The app's data folder, where the runs this machine started are recorded. Null (an engine built
   * alone, without a host): nothing is recorded, and every unfinished run counts as this machine's.
   */
  dataDir: string | null;
}

/** What the plan statement says beyond the plan itself. */
export interface RunStart {
  kind: RunKind;
  rollbackOf: string | null;
  startedAt: Date;
}

/** The run folders of the open workspace: plan, journal and result of each run, and their signatures. */
export class RunStore {
  readonly started: StartedRuns | null;

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly options: RunStoreOptions,
  ) {
    this.started =
      options.dataDir === null ? null : new StartedRuns(options.dataDir, () => workspace.requirePath());
  }

  folder(runId: string): string {
    if (!isRunId(runId)) throw new FerryError('run.not-found', `"${runId}" is not a run id`, { runId });
    return join(this.workspace.requirePath(), RUNS_FOLDER, runId);
  }

  journalFile(runId: string): string {
    return join(this.folder(runId), JOURNAL_FILE);
  }

  /**
   * Writes the plan and, with a signer, its signed statement; records the run as started on this
   * machine. Signs first, so a key that cannot sign leaves nothing behind. Returns how the journal
   * signs its lines (null for an unsigned run).
   */
  async create(runId: string, plan: Plan, start: RunStart): Promise<JournalSigning | null> {
    const folder = this.folder(runId);
    const planText = `${JSON.stringify(plan, null, 2)}\n`;
    let signed: (JournalSigning & { envelope: string }) | null = null;
    if (this.options.signing !== null) {
      const signer = await RunSigner.open(this.options.signing);
      const { envelope, anchor } = await signer.signPlan(new TextEncoder().encode(planText), {
        runId,
        runKind: start.kind,
        rollbackOf: start.rollbackOf,
        changesetId: plan.changesetId,
        changesetDigest: plan.changesetDigest,
        environment: plan.environment,
        fingerprint: plan.fingerprint,
        startedAt: start.startedAt.toISOString(),
      });
      signed = { signer, anchor, envelope: `${JSON.stringify(envelope, null, 2)}\n` };
    }
    await this.started?.record(runId, start.startedAt);
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, PLAN_FILE), planText);
    if (signed === null) return null;
    await writeFileAtomic(join(folder, PLAN_ENVELOPE_FILE), signed.envelope);
    return { signer: signed.signer, anchor: signed.anchor };
  }

  /**
   * How this machine signs the lines it appends to an existing run's journal (resume, rollback of
   * an interrupted run), recording that it writes the run from now on; null without a signer.
   */
  async continueRun(runId: string, files: RunFiles): Promise<JournalSigning | null> {
    await this.started?.record(runId, this.workspace.now());
    if (this.options.signing === null) return null;
    return { signer: await RunSigner.open(this.options.signing), anchor: planAnchor(files) };
  }

  /** The run folder's files, each read once, for verifying and then acting on the same bytes. */
  async readFiles(runId: string): Promise<RunFiles> {
    const folder = this.folder(runId);
    const plan = await readOptional(join(folder, PLAN_FILE));
    if (plan === null)
      throw new FerryError('run.not-found', `No run "${runId}" in this workspace`, { runId });
    return {
      runId,
      plan,
      planEnvelope: await readOptional(join(folder, PLAN_ENVELOPE_FILE)),
      journal: (await readOptional(join(folder, JOURNAL_FILE))) ?? '',
      result: await readOptional(join(folder, RESULT_FILE)),
      resultEnvelope: await readOptional(join(folder, RESULT_ENVELOPE_FILE)),
    };
  }

  async readPlan(runId: string): Promise<Plan> {
    return this.parsePlan((await this.readFiles(runId)).plan, runId);
  }

  parsePlan(text: string, runId: string): Plan {
    const parsed = planSchema.safeParse(parseJsonOrNull(text));
    if (!parsed.success)
      throw new FerryError('run.corrupt', `runs/${runId}/${PLAN_FILE} is not a plan`, { runId });
    return parsed.data;
  }

  async readResult(runId: string): Promise<RunResult | null> {
    const text = await readOptional(join(this.folder(runId), RESULT_FILE));
    return text === null ? null : this.parseResult(text, runId);
  }

  parseResult(text: string, runId: string): RunResult {
    const parsed = runResultSchema.safeParse(parseJsonOrNull(text));
    if (!parsed.success) {
      throw new FerryError('run.corrupt', `runs/${runId}/${RESULT_FILE} is not a run result`, { runId });
    }
    return parsed.data;
  }

  readJournal(runId: string): Promise<JournalEntry[]> {
    return readJournal(this.journalFile(runId));
  }

  parseJournal(text: string, runId: string): JournalEntry[] {
    return parseJournal(text, `${RUNS_FOLDER}/${runId}/${JOURNAL_FILE}`);
  }

  /**
   * Writes result.json and, with a signer, its signed statement naming the journal as it ends (its
   * length and last line), so the finished journal cannot be cut or extended unnoticed.
   */
  async writeResult(runId: string, result: RunResult): Promise<void> {
    const stored: RunResult = runResultSchema.parse(result);
    delete stored.commit;
    const folder = this.folder(runId);
    const text = `${JSON.stringify(stored, null, 2)}\n`;
    let envelope: string | null = null;
    if (this.options.signing !== null) {
      const files = await this.readFiles(runId);
      const lines = files.journal.split('\n').slice(0, -1);
      const last = lines[lines.length - 1];
      if (files.planEnvelope !== null && last !== undefined) {
        const signer = await RunSigner.open(this.options.signing);
        const signed = await signer.signResult(new TextEncoder().encode(text), {
          runId,
          status: stored.status,
          plan: planAnchor(files),
          journal: { entries: lines.length, head: journalLineHash(last) },
          finishedAt: stored.finishedAt,
        });
        envelope = `${JSON.stringify(signed, null, 2)}\n`;
      }
    }
    if (envelope !== null) await writeFileAtomic(join(folder, RESULT_ENVELOPE_FILE), envelope);
    await writeFileAtomic(join(folder, RESULT_FILE), text);
  }

  /** One commit holding the run folder, under the workspace's write lock. */
  async commit(runId: string, message: string): Promise<string> {
    const dir = this.workspace.requirePath();
    const files: string[] = [];
    for (const file of [PLAN_FILE, PLAN_ENVELOPE_FILE, JOURNAL_FILE, RESULT_FILE, RESULT_ENVELOPE_FILE]) {
      if (await exists(join(this.folder(runId), file))) files.push(`${RUNS_FOLDER}/${runId}/${file}`);
    }
    return this.workspace.writeLock.run(() =>
      commitFiles(dir, files, message, this.workspace.author(), this.workspace.now()),
    );
  }

  async ids(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(join(this.workspace.requirePath(), RUNS_FOLDER));
    } catch {
      return [];
    }
    return names.filter(isRunId).sort();
  }

  /**
   * Every run, oldest first. A run without a result is `running` while the process that writes it
   * is alive on this machine, else `interrupted`; `active` names the runs this process is writing.
   */
  async list(active: ReadonlySet<string>): Promise<RunSummary[]> {
    const summaries: RunSummary[] = [];
    for (const id of await this.ids()) {
      let result: RunResult | null;
      try {
        result = await this.readResult(id);
      } catch (error) {
        // A result.json that is there but unreadable is named, never taken for an interrupted run:
        // that would offer to roll back, from the journal alone, a run that may have finished.
        summaries.push(await this.damagedSummary(id, error));
        continue;
      }
      if (result !== null) {
        summaries.push({
          id,
          kind: result.kind,
          rollbackOf: result.rollbackOf,
          changesetId: result.changesetId,
          environment: result.environment,
          startedAt: result.startedAt,
          finishedAt: result.finishedAt,
          status: result.status,
          message: result.message,
        });
        continue;
      }
      const unfinished = await this.unfinishedSummary(id, active);
      if (unfinished !== null) summaries.push(unfinished);
    }
    return summaries;
  }

  private async damagedSummary(id: string, error: unknown): Promise<RunSummary> {
    const journal: JournalEntry[] = await this.readJournal(id).catch(() => []);
    const started = journal.find(isRunStarted);
    const file = `${RUNS_FOLDER}/${id}/${RESULT_FILE}`;
    const reason = error instanceof FerryError ? error.message : `${file} cannot be read`;
    return {
      id,
      kind: started?.runKind ?? 'promote',
      rollbackOf: started?.rollbackOf ?? null,
      changesetId: started?.changesetId ?? '',
      environment: started?.environment ?? '',
      startedAt: started?.at ?? null,
      finishedAt: null,
      status: 'corrupt',
      message: `${reason}: restore it from the workspace's history (git log -- ${file}) before resuming or rolling back this run`,
    };
  }

  /**
   * Runs this machine started, with a journal and no result, whose writer is gone. Only runs
   * without `result.json` are read, so every CLI start can ask without parsing the whole history.
   */
  async interrupted(active: ReadonlySet<string>): Promise<RunSummary[]> {
    const found: RunSummary[] = [];
    for (const id of await this.ids()) {
      if (await exists(join(this.folder(id), RESULT_FILE))) continue;
      const summary = await this.unfinishedSummary(id, active);
      if (summary?.status === 'interrupted') found.push(summary);
    }
    return found;
  }

  /**
   * A run without a result: `running` while its writer is alive on this machine, else
   * `interrupted` when this machine started it, else `incomplete` (history from elsewhere).
   */
  private async unfinishedSummary(id: string, active: ReadonlySet<string>): Promise<RunSummary | null> {
    const journal: JournalEntry[] = await this.readJournal(id).catch(() => []);
    const started = journal.find(isRunStarted);
    if (started === undefined) return null;
    const writer = [...journal].reverse().find(isResumed) ?? started;
    const ours = active.has(id) || this.started === null || (await this.started.has(id));
    const running =
      active.has(id) || (ours && writer.pid !== process.pid && writerAlive(writer.pid, writer.host));
    return {
      id,
      kind: started.runKind,
      rollbackOf: started.rollbackOf,
      changesetId: started.changesetId,
      environment: started.environment,
      startedAt: started.at,
      finishedAt: null,
      status: running ? 'running' : ours ? 'interrupted' : 'incomplete',
      message: null,
    };
  }
}

function isRunStarted(entry: JournalEntry): entry is Extract<JournalEntry, { kind: 'run-started' }> {
  return entry.kind === 'run-started';
}

function isResumed(entry: JournalEntry): entry is Extract<JournalEntry, { kind: 'resumed' }> {
  return entry.kind === 'resumed';
}

/** Whether the process that wrote a journal still runs (on this machine; another host's cannot be known). */
function writerAlive(pid: number, host: string): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

export function writerIdentity(): { pid: number; host: string } {
  return { pid: process.pid, host: hostname() };
}

/** What a run's journal chains to: the signed plan statement, or for an unsigned run the plan itself. */
function planAnchor(files: RunFiles): string {
  const encoder = new TextEncoder();
  if (files.planEnvelope !== null) {
    try {
      const envelope = dsseEnvelopeSchema.parse(parseStrictJson(files.planEnvelope));
      return chainHash(envelopePayload(envelope));
    } catch {
      // An unreadable envelope anchors nothing; the verifier refuses such a run before it is continued.
    }
  }
  return chainHash(encoder.encode(files.plan));
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function parseJsonOrNull(text: string): unknown {
  try {
    return parseStrictJson(text);
  } catch {
    return null;
  }
}
