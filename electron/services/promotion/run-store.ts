import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { planSchema, type Plan } from '../../../shared/model/plan';
import {
  runResultSchema,
  type JournalEntry,
  type RunResult,
  type RunSummary,
} from '../../../shared/promotion/engine/run-records';
import { writeFileAtomic } from '../fs/atomic-write';
import { commitFiles } from '../workspace/workspace-git';
import type { WorkspaceService } from '../workspace/workspace-service';
import { JOURNAL_FILE, readJournal } from './run-journal';

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

/** The run folders of the open workspace: plan, journal and result of each run. */
export class RunStore {
  constructor(private readonly workspace: WorkspaceService) {}

  folder(runId: string): string {
    if (!isRunId(runId)) throw new FerryError('run.not-found', `"${runId}" is not a run id`, { runId });
    return join(this.workspace.requirePath(), RUNS_FOLDER, runId);
  }

  journalFile(runId: string): string {
    return join(this.folder(runId), JOURNAL_FILE);
  }

  async create(runId: string, plan: Plan): Promise<void> {
    const folder = this.folder(runId);
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, PLAN_FILE), `${JSON.stringify(plan, null, 2)}\n`);
  }

  async readPlan(runId: string): Promise<Plan> {
    const text = await readFile(join(this.folder(runId), PLAN_FILE), 'utf8').catch(() => {
      throw new FerryError('run.not-found', `No run "${runId}" in this workspace`, { runId });
    });
    const parsed = planSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new FerryError('run.corrupt', `runs/${runId}/${PLAN_FILE} is not a plan`, { runId });
    return parsed.data;
  }

  async readResult(runId: string): Promise<RunResult | null> {
    let text: string;
    try {
      text = await readFile(join(this.folder(runId), RESULT_FILE), 'utf8');
    } catch {
      return null;
    }
    const parsed = runResultSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new FerryError('run.corrupt', `runs/${runId}/${RESULT_FILE} is not a run result`, { runId });
    }
    return parsed.data;
  }

  readJournal(runId: string): Promise<JournalEntry[]> {
    return readJournal(this.journalFile(runId));
  }

  async writeResult(runId: string, result: RunResult): Promise<void> {
    const stored: RunResult = runResultSchema.parse(result);
    delete stored.commit;
    await writeFileAtomic(join(this.folder(runId), RESULT_FILE), `${JSON.stringify(stored, null, 2)}\n`);
  }

  /** One commit holding the run folder, under the workspace's write lock. */
  async commit(runId: string, message: string): Promise<string> {
    const dir = this.workspace.requirePath();
    const files = [PLAN_FILE, JOURNAL_FILE, RESULT_FILE].map((file) => `${RUNS_FOLDER}/${runId}/${file}`);
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
      const result = await this.readResult(id).catch(() => null);
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

  /**
   * Runs with a journal and no result whose writer is gone. Only runs without `result.json` are
   * read, so every CLI start can ask without parsing the whole history.
   */
  async interrupted(active: ReadonlySet<string>): Promise<RunSummary[]> {
    const found: RunSummary[] = [];
    for (const id of await this.ids()) {
      if (
        await access(join(this.folder(id), RESULT_FILE)).then(
          () => true,
          () => false,
        )
      )
        continue;
      const summary = await this.unfinishedSummary(id, active);
      if (summary?.status === 'interrupted') found.push(summary);
    }
    return found;
  }

  /** A run without a result: `running` while its writer is alive on this machine, else `interrupted`. */
  private async unfinishedSummary(id: string, active: ReadonlySet<string>): Promise<RunSummary | null> {
    const journal: JournalEntry[] = await this.readJournal(id).catch(() => []);
    const started = journal.find(isRunStarted);
    if (started === undefined) return null;
    const writer = [...journal].reverse().find(isResumed) ?? started;
    const running = active.has(id) || (writer.pid !== process.pid && writerAlive(writer.pid, writer.host));
    return {
      id,
      kind: started.runKind,
      rollbackOf: started.rollbackOf,
      changesetId: started.changesetId,
      environment: started.environment,
      startedAt: started.at,
      finishedAt: null,
      status: running ? 'running' : 'interrupted',
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
