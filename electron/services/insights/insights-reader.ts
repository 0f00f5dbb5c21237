import type {
  EnvironmentFact,
  InsightsInput,
  RecordKind,
  SnapshotFact,
} from '../../../shared/insights/insights-facts';
import type { TrustRootDocument } from '../../../shared/trust/trust-root';
import { trustRootDigest, trustRootPayload } from '../../../shared/trust/trust-root';
import { verifyAuditRecord } from './audit-record';
import { verifyChangesetRecord } from './changeset-record';
import { checkAuditAnchors } from './audit-anchors-check';
import { checkMissingRuns } from './missing-runs';
import { readRecordFiles, type RecordFiles } from './record-files';
import { dependsOnClock, emptyTally, type HistoryTrust, type RecordOutcome } from './record-outcome';
import { verifyRunRecord } from './run-record';
import { recordId, recordKey, VerificationCache } from './verification-cache';

export interface InsightsReaderOptions {
  /** The open workspace's folder (throws when none is open). */
  workspaceDir: () => string;
  now: () => Date;
  /** The verified trust root this machine pinned (null: the workspace has none). */
  trustRoot: () => Promise<TrustRootDocument | null>;
  /** The environments ferry.json declares, by name. */
  environments: () => Promise<string[]>;
  /** When an environment's latest snapshot was taken (its commit's time), or null. */
  lastSnapshotAt: (environment: string) => Promise<string | null>;
  /** The app's data folder, where the verification cache lives; null: no cache (every pass verifies). */
  dataDir: string | null;
}

const KINDS: readonly RecordKind[] = ['run', 'changeset', 'approval', 'audit'];

/**
 * What the verifiers here produce, as part of every cache key: a cached outcome from a build
 * whose verifiers produced something else must be verified again, not reused. Raised when audit
 * files kept the entries naming runs and their signed head, when runs and approvals passed on the
 * audit heads they record, when approvals were held to their key's environments.
 */
const OUTCOMES_VERSION = 'run-audit-4';

/**
 * Reads the open workspace's records into what Insights computes from (issue 19). Every record is
 * untrusted: it counts only when its signatures verify against the trust root pinned on this
 * machine, each key judged at the time it signed (see ../approvals/key-validity-at.ts). A record
 * that does not verify becomes an UnverifiedRecord; a bad file never aborts the report.
 */
export class InsightsReader {
  constructor(private readonly options: InsightsReaderOptions) {}

  async read(): Promise<InsightsInput> {
    const { options } = this;
    const dir = options.workspaceDir();
    const now = options.now();
    const root = await options.trustRoot();
    const trustDigest = `${root === null ? 'none' : trustRootDigest(trustRootPayload(root))}/${OUTCOMES_VERSION}`;
    const list = root?.keys ?? [];
    const trust: HistoryTrust = { keys: new Map(list.map((key) => [key.keyId, key])), list, now };

    // The cache first: the walk asks it which records are unchanged since they were verified.
    const cache =
      options.dataDir === null ? null : await VerificationCache.open(options.dataDir, dir, trustDigest);
    const [records, environments] = await Promise.all([readRecordFiles(dir, cache), this.environments(root)]);
    const outcomes: RecordOutcome[] = [];
    /** Runs whose folder holds a result, verified or not (missing-runs.ts looks for the others). */
    const present = new Set<string>();
    for (const record of records) {
      // Files unchanged since its outcome was cached (verification-cache.ts): that outcome, unread.
      if (record.kind === 'known') {
        if (record.of === 'run') present.add(record.name);
        outcomes.push(record.outcome);
        continue;
      }
      // A run with no result yet (running, interrupted) has no outcome: not a record. One whose
      // signed result is there but result.json is gone is: removing it must not hide a failure.
      if (
        record.kind === 'run' &&
        record.files['result.json'] === 'missing' &&
        record.files['result.dsse.json'] === 'missing'
      ) {
        continue;
      }
      if (record.kind === 'run') present.add(record.runId);
      const id = recordId(record);
      const key = recordKey(record, trustDigest);
      const cached = cache?.get(id, key) ?? null;
      if (cached !== null) {
        outcomes.push(cached);
        continue;
      }
      const outcome = await verifyRecord(record, trust);
      if (!dependsOnClock(outcome)) cache?.set(id, key, outcome);
      outcomes.push(outcome);
    }
    // The cache only saves work: failing to write it must not fail the report.
    await cache?.save().catch(() => undefined);
    const snapshots = await this.snapshots(environments);
    const input = merge(outcomes, environments, snapshots);
    checkMissingRuns(input, present);
    checkAuditAnchors(input);
    return input;
  }

  /** ferry.json's environments, each with the tier the signed policy gives it (null when unsigned). */
  private async environments(root: TrustRootDocument | null): Promise<EnvironmentFact[]> {
    const names = await this.options.environments().catch(() => []);
    return names.map((name) => ({ name, tier: root?.environments[name]?.tier ?? null }));
  }

  /** Each environment's latest snapshot time; git history, read once per environment. */
  private async snapshots(environments: EnvironmentFact[]): Promise<SnapshotFact[]> {
    return Promise.all(
      environments.map(async ({ name }) => ({
        environment: name,
        takenAt: await this.options.lastSnapshotAt(name).catch(() => null),
      })),
    );
  }
}

async function verifyRecord(record: RecordFiles, trust: HistoryTrust): Promise<RecordOutcome> {
  if (record.kind === 'run') return verifyRunRecord(record, trust);
  if (record.kind === 'changeset') return verifyChangesetRecord(record, trust);
  return verifyAuditRecord(record, trust);
}

/** All outcomes as one input, in a stable order (by id and time) whatever order the disk gave. */
function merge(
  outcomes: RecordOutcome[],
  environments: EnvironmentFact[],
  snapshots: SnapshotFact[],
): InsightsInput {
  const input: InsightsInput = {
    environments,
    runs: [],
    changesets: [],
    audit: [],
    snapshots,
    counts: { run: emptyTally(), changeset: emptyTally(), approval: emptyTally(), audit: emptyTally() },
    unverified: [],
  };
  for (const outcome of outcomes) {
    if (outcome.runs) input.runs.push(...outcome.runs);
    if (outcome.changesets) input.changesets.push(...outcome.changesets);
    if (outcome.audit) input.audit.push(...outcome.audit);
    if (outcome.unverified) input.unverified.push(...outcome.unverified);
    for (const kind of KINDS) {
      const add = outcome.counts[kind];
      if (add === undefined) continue;
      const total = input.counts[kind];
      total.read += add.read;
      total.verified += add.verified;
      total.unsigned += add.unsigned;
      total.unverified += add.unverified;
    }
  }
  input.runs.sort((left, right) => compare(left.runId, right.runId));
  input.changesets.sort((left, right) => compare(left.changesetId, right.changesetId));
  input.audit.sort((left, right) => compare(left.at, right.at) || compare(left.actorKeyId, right.actorKeyId));
  input.unverified.sort(
    (left, right) => compare(left.file, right.file) || compare(left.reason, right.reason),
  );
  return input;
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

export { readInsightsFiles } from './record-files';
