import type { Changeset } from '../../../shared/model/changeset';
import type { Plan } from '../../../shared/model/plan';
import type { JournalEntry, RunResult, RunSummary } from '../../../shared/promotion/engine/run-records';
import type { EventHub } from '../events/event-hub';
import type { EnvironmentService } from '../environments/environment-service';
import type { WorkspaceLeases } from '../locks/workspace-lease';
import type { SnapshotService } from '../snapshot/snapshot-service';
import type { WorkspaceService } from '../workspace/workspace-service';
import { Executor, type ExecuteOptions } from './executor';
import { planChangeset, type PlanOptions, type TargetValues } from './planner';
import { RunRecovery, type RecoveryOptions } from './run-recovery';
import { planRunRollback, rollbackRun, type RollbackPlanOptions } from './run-rollback';
import type { RunSigning } from './run-signer';
import { RunStore, runsInProgress } from './run-store';

export interface PromotionEngineDeps {
  workspace: WorkspaceService;
  environments: EnvironmentService;
  snapshots: SnapshotService;
  events?: EventHub;
  clock?: () => Date;
  /** The app's data folder, for the environment locks; without it runs exclude each other in this process only. */
  dataDir?: string;
  /**
   * Signs every run's plan, journal and result. Hosts always give it: governance resumes and rolls
   * back only runs whose signatures verify, so an unsigned run is recoverable by the bare engine only.
   */
  signing?: RunSigning;
  /** The target's parameters and mappings (issue 15); without them a changeset that uses any cannot be planned. */
  targetValues?: TargetValues;
  /**
   * The environment lease on the workspace's shared remote (issue 16): hosts give it so that two
   * machines never write to one environment at once. Without it, or without a remote, the local
   * lock alone applies.
   */
  leases?: WorkspaceLeases;
}

export interface RunDetail {
  id: string;
  plan: Plan;
  result: RunResult | null;
  journal: JournalEntry[];
}

/**
 * Promotion, headless (DESIGN §5): plan a changeset against a live target, execute the plan with a
 * write-ahead journal and a verify, recover runs a crash interrupted, roll finished runs back.
 * Gates are the caller's: `plan` records the results it is given, `execute` refuses on a failed
 * one unless given an override.
 */
export class PromotionEngine {
  private readonly store: RunStore;
  private readonly executor: Executor;
  private readonly recovery: RunRecovery;
  private readonly clock: () => Date;

  constructor(private readonly deps: PromotionEngineDeps) {
    this.clock = deps.clock ?? (() => deps.workspace.now());
    this.store = new RunStore(deps.workspace, {
      signing: deps.signing ?? null,
      dataDir: deps.dataDir ?? null,
    });
    this.executor = new Executor({
      environments: deps.environments,
      snapshots: deps.snapshots,
      runs: this.store,
      clock: this.clock,
      active: runsInProgress,
      onCommitted: () => void this.announce(),
      dataDir: deps.dataDir ?? null,
      leases: deps.leases ?? null,
    });
    this.recovery = new RunRecovery(this.executor);
  }

  plan(changeset: Changeset, environment: string, options: PlanOptions = {}): Promise<Plan> {
    return planChangeset(
      this.deps.environments,
      changeset,
      environment,
      this.clock(),
      options,
      this.deps.targetValues,
    );
  }

  execute(plan: Plan, options: ExecuteOptions = {}): Promise<RunResult> {
    return this.executor.execute(plan, options);
  }

  runs(): Promise<RunSummary[]> {
    return this.store.list(this.executor.deps.active);
  }

  async run(id: string): Promise<RunDetail> {
    const plan = await this.store.readPlan(id);
    return { id, plan, result: await this.store.readResult(id), journal: await this.store.readJournal(id) };
  }

  interruptedRuns(): Promise<RunSummary[]> {
    return this.recovery.interruptedRuns();
  }

  rollbackInterrupted(id: string, options: RecoveryOptions = {}): Promise<RunResult> {
    return this.recovery.rollbackInterrupted(id, options);
  }

  resumeInterrupted(id: string, options: RecoveryOptions = {}): Promise<RunResult> {
    return this.recovery.resumeInterrupted(id, options);
  }

  /** The plan that would undo a finished run, for review before `rollbackRun`. */
  planRollback(id: string, options: RollbackPlanOptions = {}): Promise<Plan> {
    return planRunRollback(this.executor, id, this.clock(), options);
  }

  rollbackRun(id: string, options: ExecuteOptions & RollbackPlanOptions = {}): Promise<RunResult> {
    return rollbackRun(this.executor, id, this.clock(), options);
  }

  /** The workspace gained a commit: hosts refresh what they show of it. */
  private async announce(): Promise<void> {
    if (this.deps.events === undefined) return;
    try {
      this.deps.events.emit('workspace.changed', await this.deps.workspace.info());
    } catch {
      /* a listener's failure is not the run's */
    }
  }
}
