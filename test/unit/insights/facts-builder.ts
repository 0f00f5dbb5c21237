import type {
  ApprovalFact,
  AuditFact,
  ChangesetFact,
  EnvironmentFact,
  InsightsInput,
  ObjectRef,
  RecordCounts,
  RecordKind,
  RunFact,
  SnapshotFact,
  UnverifiedRecord,
} from '../../../shared/insights/insights-facts';
import type { Tier } from '../../../shared/model/environment';
import type { RunStatus } from '../../../shared/promotion/engine/run-records';

/**
 * A small history of verified facts written by hand, so each test states its answer: every time is
 * an offset in hours from T0, a Monday (2026-03-02 00:00 UTC), so weeks and days line up on it.
 */
export const T0 = Date.UTC(2026, 2, 2);
const HOUR_MS = 3_600_000;

/** The ISO time `hours` after T0 (negative: before). */
export function at(hours: number): string {
  return new Date(T0 + hours * HOUR_MS).toISOString();
}

/** A Date `hours` after T0. */
export function date(hours: number): Date {
  return new Date(T0 + hours * HOUR_MS);
}

export const digestOf = (changesetId: string) => `sha256:${changesetId.padEnd(64, '0').slice(0, 64)}`;

export interface RunSpec {
  id: string;
  changeset: string;
  env: string;
  /** Hours after T0. */
  started: number;
  finished: number;
  status?: RunStatus;
  kind?: 'promote' | 'rollback';
  rollbackOf?: string;
  objects?: ObjectRef[];
  override?: { reason: string; by: string | null };
  tier?: Tier;
  digest?: string;
}

export interface ChangesetSpec {
  id: string;
  title?: string;
  /** Hours after T0, or null: no verified signature vouches for it. */
  created: number | null;
  authorSigned?: number | null;
  digest?: string;
}

export interface ApprovalSpec {
  changeset: string;
  at: number;
  envs: string[] | null;
  keyId?: string;
  owner?: string;
  decision?: 'approved' | 'rejected';
  digest?: string;
}

const emptyCounts = (): RecordCounts => ({ read: 0, verified: 0, unsigned: 0, unverified: 0 });

export class FactsBuilder {
  private readonly environments: EnvironmentFact[] = [];
  private readonly runs: RunFact[] = [];
  private readonly changesets = new Map<string, ChangesetFact>();
  private readonly audit: AuditFact[] = [];
  private readonly snapshots: SnapshotFact[] = [];
  private readonly unverified: UnverifiedRecord[] = [];
  private readonly counts: Record<RecordKind, RecordCounts> = {
    run: emptyCounts(),
    changeset: emptyCounts(),
    approval: emptyCounts(),
    audit: emptyCounts(),
  };

  env(name: string, tier: Tier | null): this {
    this.environments.push({ name, tier });
    return this;
  }

  changeset(spec: ChangesetSpec): this {
    this.changesets.set(spec.id, {
      changesetId: spec.id,
      title: spec.title ?? `Change ${spec.id}`,
      digest: spec.digest ?? digestOf(spec.id),
      createdAt: spec.created === null ? null : at(spec.created),
      authorSignedAt:
        spec.authorSigned === undefined || spec.authorSigned === null ? null : at(spec.authorSigned),
      authorKeyId: spec.authorSigned === undefined ? null : 'key-author',
      origin: null,
      approvals: [],
    });
    this.counts.changeset.read += 1;
    this.counts.changeset.verified += 1;
    return this;
  }

  approval(spec: ApprovalSpec): this {
    const changeset = this.changesets.get(spec.changeset);
    if (!changeset) throw new Error(`no changeset ${spec.changeset} in this history`);
    const approval: ApprovalFact = {
      keyId: spec.keyId ?? `key-${spec.owner ?? 'approver'}`,
      owner: spec.owner ?? 'approver',
      decision: spec.decision ?? 'approved',
      approvedAt: at(spec.at),
      signedDigest: spec.digest ?? changeset.digest,
      environments: spec.envs,
    };
    changeset.approvals.push(approval);
    this.counts.approval.read += 1;
    this.counts.approval.verified += 1;
    return this;
  }

  run(spec: RunSpec): this {
    const tier = spec.tier ?? this.environments.find((env) => env.name === spec.env)?.tier ?? 'dev';
    this.runs.push({
      runId: spec.id,
      kind: spec.kind ?? 'promote',
      rollbackOf: spec.rollbackOf ?? null,
      changesetId: spec.changeset,
      changesetDigest: spec.digest ?? this.changesets.get(spec.changeset)?.digest ?? digestOf(spec.changeset),
      environment: spec.env,
      tier,
      startedAt: at(spec.started),
      finishedAt: at(spec.finished),
      status: spec.status ?? 'succeeded',
      override: spec.override ?? null,
      overriddenGates: spec.override ? ['window'] : [],
      objects: spec.objects ?? [],
      promoterKeyId: 'key-promoter',
    });
    this.counts.run.read += 1;
    this.counts.run.verified += 1;
    return this;
  }

  auditEntry(
    action: string,
    hours: number,
    subject: string,
    details: Record<string, unknown>,
    actor = 'Ana',
  ): this {
    this.audit.push({ actorKeyId: `key-${actor}`, actor, at: at(hours), action, subject, details });
    this.counts.audit.read += 1;
    this.counts.audit.verified += 1;
    return this;
  }

  snapshot(environment: string, hours: number | null): this {
    this.snapshots.push({ environment, takenAt: hours === null ? null : at(hours) });
    return this;
  }

  unverifiedRecord(kind: RecordKind, file: string, reason: string): this {
    this.unverified.push({ kind, file, reason });
    this.counts[kind].read += 1;
    this.counts[kind].unverified += 1;
    return this;
  }

  unsignedRecord(kind: RecordKind): this {
    this.counts[kind].read += 1;
    this.counts[kind].unsigned += 1;
    return this;
  }

  build(): InsightsInput {
    return {
      environments: [...this.environments],
      runs: [...this.runs],
      changesets: [...this.changesets.values()],
      audit: [...this.audit],
      snapshots: [...this.snapshots],
      counts: structuredClone(this.counts),
      unverified: [...this.unverified],
    };
  }
}

/** dev, test and prod, the usual three. */
export function threeEnvironments(): FactsBuilder {
  return new FactsBuilder().env('dev', 'dev').env('test', 'test').env('prod', 'prod');
}
