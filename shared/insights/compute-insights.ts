import { FerryError } from '../api/api-error';
import { schemaFieldIssues } from '../errors/schema-issues';
import type { Tier } from '../model/environment';
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from './dora-bands';
import { durationStats, median } from './duration-stats';
import {
  DRIFT_ACCEPT_ACTION,
  DRIFT_CHECK_ACTION,
  DRIFT_IGNORE_ACTION,
  DRIFT_REVERT_ACTION,
  GATE_REFUSED_ACTION,
  driftCheckDetailsSchema,
  driftTriageDetailsSchema,
  gateRefusedDetailsSchema,
} from './insights-audit';
import { bucketFor, makeBuckets, mondayOnOrBefore, type Buckets } from './insights-buckets';
import type { ApprovalFact, ChangesetFact, InsightsInput, RunFact } from './insights-facts';
import { hoursText, plural } from './insights-format';
import {
  DEFAULT_FIX_WINDOW_DAYS,
  DEFAULT_PERIOD_DAYS,
  MAX_PERIOD_DAYS,
  insightsQuerySchema,
  type InsightsQuery,
  type ResolvedInsightsQuery,
} from './insights-query';
import {
  INSIGHTS_FORMAT_VERSION,
  MAX_EVIDENCE,
  type DoraBand,
  type EvidenceItem,
  type EvidenceList,
  type InsightsReport,
} from './insights-report';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/**
 * Fills in a query's defaults and checks it: `from` before `to`, the period at most
 * MAX_PERIOD_DAYS. Throws `request.invalid` naming what is wrong.
 */
export function resolveInsightsQuery(query: InsightsQuery, now: Date): ResolvedInsightsQuery {
  const parsed = insightsQuerySchema.safeParse(query);
  if (!parsed.success) {
    const [issue] = schemaFieldIssues(parsed.error);
    const field = issue?.path ?? '(root)';
    throw new FerryError(
      'request.invalid',
      `${field === '(root)' ? 'The Insights query' : `The Insights query's ${field}`} is not valid (${issue?.message ?? 'not valid'}): give ${fieldHint(field)}`,
    );
  }
  const to = parsed.data.to === undefined ? new Date(now.getTime()) : new Date(parsed.data.to);
  const from =
    parsed.data.from === undefined
      ? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS)
      : new Date(parsed.data.from);
  if (from.getTime() >= to.getTime()) {
    throw new FerryError(
      'request.invalid',
      `The period's start (from ${from.toISOString()}) must be before its end (to ${to.toISOString()}): pick an earlier start or a later end`,
    );
  }
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw new FerryError(
      'request.invalid',
      `The period from ${from.toISOString()} to ${to.toISOString()} is longer than ${MAX_PERIOD_DAYS} days: pick a later start (from) or an earlier end (to)`,
    );
  }
  const environments = parsed.data.environments ?? [];
  return {
    from,
    to,
    environments: environments.length === 0 ? null : [...new Set(environments)],
    fixWindowDays: parsed.data.fixWindowDays ?? DEFAULT_FIX_WINDOW_DAYS,
  };
}

function fieldHint(field: string): string {
  if (field === 'from' || field === 'to') return 'a date and time in ISO 8601 UTC, like 2026-03-01T00:00:00Z';
  if (field.startsWith('environments')) return 'environment names as the workspace lists them';
  if (field === 'fixWindowDays') return 'a whole number of days from 0 to 90';
  return 'only from, to, environments and fixWindowDays';
}

/* ---- Indexes: built once, each lookup O(1) or O(log n) ----------------------------------------- */

/** A run with its times parsed once. */
interface TimedRun {
  fact: RunFact;
  started: number;
  finished: number;
}

/** A successful promotion that wrote an object, for the follow-up-fix search. */
interface ObjectWrite {
  finished: number;
  changesetId: string;
  run: TimedRun;
}

/**
 * Successful promotions' writes by environment, object type and key (nested maps rather than one
 * joined key: no string is built per lookup), each list ascending by finish.
 */
class ObjectWrites {
  private readonly byEnvironment = new Map<string, Map<string, Map<string, ObjectWrite[]>>>();

  add(run: TimedRun): void {
    let byType = this.byEnvironment.get(run.fact.environment);
    if (!byType) this.byEnvironment.set(run.fact.environment, (byType = new Map()));
    for (const [type, key] of run.fact.objects) {
      let byKey = byType.get(type);
      if (!byKey) byType.set(type, (byKey = new Map()));
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      // A run listing an object twice writes it once.
      if (list[list.length - 1]?.run !== run) {
        list.push({ finished: run.finished, changesetId: run.fact.changesetId, run });
      }
    }
  }

  get(environment: string, type: string, key: string): readonly ObjectWrite[] | undefined {
    return this.byEnvironment.get(environment)?.get(type)?.get(key);
  }
}

/** The first index in `writes` (ascending by `finished`) whose `finished` is greater than `time`. */
function firstAfter(writes: readonly ObjectWrite[], time: number): number {
  let low = 0;
  let high = writes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((writes[mid]?.finished ?? Infinity) <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The first successful promotion of ANOTHER changeset, in the same environment, that wrote one of
 * the objects `run` wrote and finished after it (no later than `until`): the change that fixed it.
 * Per object a binary search then a forward scan that skips the run's own changeset's writes.
 */
function firstFix(run: TimedRun, writesByObject: ObjectWrites, until: number): TimedRun | null {
  let best: TimedRun | null = null;
  for (const [type, key] of run.fact.objects) {
    const writes = writesByObject.get(run.fact.environment, type, key);
    if (!writes) continue;
    for (let index = firstAfter(writes, run.finished); index < writes.length; index += 1) {
      const write = writes[index];
      if (!write || write.finished > until || (best && write.finished >= best.finished)) break;
      if (write.changesetId !== run.fact.changesetId) {
        best = write.run;
        break;
      }
    }
  }
  return best;
}

/** Evidence newest first, capped at MAX_EVIDENCE, with how many there were. */
function evidence(items: EvidenceItem[]): EvidenceList {
  items.sort((a, b) => compareText(b.at ?? '', a.at ?? '') || compareText(a.id, b.id));
  return { total: items.length, items: items.slice(0, MAX_EVIDENCE) };
}

/** Code-unit order: stable across locales, and ISO times in one format sort by time. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function capped<T>(items: T[]): T[] {
  return items.slice(0, MAX_EVIDENCE);
}

const hoursBetween = (start: number, end: number) => (end - start) / HOUR_MS;

/** A stage measured only when both its ends are signed and in order. */
function stage(start: number | null, end: number | null): number | null {
  if (start === null || end === null || end < start) return null;
  return hoursBetween(start, end);
}

function parsedTime(iso: string | null): number | null {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

const covers = (approval: ApprovalFact, environment: string) =>
  approval.decision === 'approved' &&
  approval.environments !== null &&
  approval.environments.includes(environment);

function changesetTitle(changeset: ChangesetFact | undefined, changesetId: string): string {
  return changeset ? `"${changeset.title}"` : changesetId;
}

/* ---- The report ------------------------------------------------------------------------------- */

/**
 * The figures of a period from the verified facts; pure, and near-linear: one sort of the runs,
 * then indexes (changesets by id, rollbacks by the run they undo, successful writes by environment
 * and object, sorted by time) so no figure compares every run with every other.
 *
 * The semantics (issue 19), each stated again where it is computed:
 * - The period is `[from, to)`; a run belongs to it by its `finishedAt`.
 * - A deployment is a `promote` run that `succeeded`; production is the `prod` tier.
 * - Lead time: changeset created → its FIRST successful promotion to an environment.
 * - A failure is a promotion that did not succeed, was later rolled back, or was followed within
 *   the fix window by a successful promotion of another changeset writing one of its objects in the
 *   same environment; one cause each, in that order.
 * - Restored: a run that undid itself at its own finish (from its start); otherwise at the first
 *   successful rollback of it or the first fix after it, whichever finished first.
 */
export function computeInsights(
  input: InsightsInput,
  query: ResolvedInsightsQuery,
  now: Date,
): InsightsReport {
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  const days = (toMs - fromMs) / DAY_MS;
  const inPeriod = (time: number) => time >= fromMs && time < toMs;
  const fixWindowMs = query.fixWindowDays * DAY_MS;

  // Every run, its times parsed once and sorted once by when it finished (then by id, for ties).
  const runs: TimedRun[] = [];
  for (const fact of input.runs) {
    const started = Date.parse(fact.startedAt);
    const finished = Date.parse(fact.finishedAt);
    if (Number.isNaN(started) || Number.isNaN(finished)) continue;
    runs.push({ fact, started, finished });
  }
  runs.sort((a, b) => a.finished - b.finished || compareText(a.fact.runId, b.fact.runId));

  /* Environments: the workspace's, then any a run names that it no longer lists, then any the
     query names that neither knows (shown selected and empty, so the filter is visible). An
     environment's tier is the signed policy's, else the tier its latest run recorded. */
  const latestRunTier = new Map<string, Tier>();
  for (const run of runs) latestRunTier.set(run.fact.environment, run.fact.tier);
  const environmentTiers = new Map<string, Tier | null>();
  for (const environment of input.environments) {
    environmentTiers.set(environment.name, environment.tier ?? latestRunTier.get(environment.name) ?? null);
  }
  const runOnly = [...latestRunTier.keys()].filter((name) => !environmentTiers.has(name)).sort();
  for (const name of runOnly) environmentTiers.set(name, latestRunTier.get(name) ?? null);
  for (const name of query.environments ?? [])
    if (!environmentTiers.has(name)) environmentTiers.set(name, null);
  const selectedSet = new Set(query.environments ?? environmentTiers.keys());
  const isSelected = (environment: string) => selectedSet.has(environment);
  const environments = [...environmentTiers].map(([name, tier]) => ({
    name,
    tier,
    selected: isSelected(name),
  }));
  const selected = environments.filter((environment) => environment.selected).map(({ name }) => name);
  // The headline (lead time, deployment frequency's band) is production's: the prod-tier
  // environments selected, or every one selected when none of them is production.
  const prodSelected = environments
    .filter((environment) => environment.selected && environment.tier === 'prod')
    .map(({ name }) => name);
  const headline = prodSelected.length > 0 ? prodSelected : selected;
  const headlineSet = new Set(headline);

  const changesets = new Map<string, ChangesetFact>();
  for (const changeset of input.changesets) changesets.set(changeset.changesetId, changeset);

  // Rollback runs by the run they undo, in the order they finished; successful promotions by
  // (environment, object), ascending by finish, for the follow-up-fix search.
  const rollbacksOf = new Map<string, TimedRun[]>();
  const writesByObject = new ObjectWrites();
  for (const run of runs) {
    if (run.fact.kind === 'rollback' && run.fact.rollbackOf !== null) {
      const list = rollbacksOf.get(run.fact.rollbackOf) ?? [];
      list.push(run);
      rollbacksOf.set(run.fact.rollbackOf, list);
    }
    if (run.fact.kind === 'promote' && run.fact.status === 'succeeded') writesByObject.add(run);
  }

  const buckets = makeBuckets(bucketFor(query.from, query.to), query.from, query.to);
  const bucketStart = (index: number) => new Date(buckets.starts[index] ?? fromMs).toISOString();
  const emptyPerBucket = <T>(make: () => T): T[] => buckets.starts.map(make);

  /* ---- Deployment frequency, lead time, approvals per change ---------------------------------- */

  const deploymentCounts = new Map<string, number>(selected.map((name) => [name, 0]));
  const deploymentSeries = emptyPerBucket(() => new Map<string, number>(selected.map((name) => [name, 0])));
  const deploymentEvidence: EvidenceItem[] = [];
  let headlineDeployments = 0;
  const approvalsPerDeployment: number[] = [];

  // Lead time counts a changeset's FIRST successful promotion to an environment, over all history:
  // a redeploy of the same changeset is a deployment, not new lead time.
  const promotedBefore = new Set<string>();
  const leadHours: number[] = [];
  const leadByEnvironment = new Map<string, number[]>(selected.map((name) => [name, []]));
  const leadSeries = emptyPerBucket((): number[] => []);
  const stageHours = {
    authoring: [] as number[],
    approval: [] as number[],
    waiting: [] as number[],
    promotion: [] as number[],
  };
  const leadEvidence: EvidenceItem[] = [];
  let unmeasured = 0;

  for (const run of runs) {
    const fact = run.fact;
    if (fact.kind !== 'promote' || fact.status !== 'succeeded') continue;
    const pairKey = `${fact.changesetId}\u0000${fact.environment}`;
    const first = !promotedBefore.has(pairKey);
    promotedBefore.add(pairKey);
    if (!inPeriod(run.finished) || !isSelected(fact.environment)) continue;
    const changeset = changesets.get(fact.changesetId);
    const bucket = buckets.indexOf(run.finished);

    deploymentCounts.set(fact.environment, (deploymentCounts.get(fact.environment) ?? 0) + 1);
    const bucketCounts = deploymentSeries[bucket];
    bucketCounts?.set(fact.environment, (bucketCounts.get(fact.environment) ?? 0) + 1);
    if (headlineSet.has(fact.environment)) headlineDeployments += 1;
    deploymentEvidence.push({
      kind: 'run',
      id: fact.runId,
      environment: fact.environment,
      at: fact.finishedAt,
      note: `deployed ${changesetTitle(changeset, fact.changesetId)}`,
    });

    // Approvals per change: distinct approvers of the digest promoted, covering this environment.
    const approvers = new Set<string>();
    for (const approval of changeset?.approvals ?? []) {
      if (approval.signedDigest === fact.changesetDigest && covers(approval, fact.environment)) {
        approvers.add(approval.keyId);
      }
    }
    approvalsPerDeployment.push(approvers.size);

    if (!first) continue;
    const created = parsedTime(changeset?.createdAt ?? null);
    const lead = created === null ? null : stage(created, run.finished);
    if (lead === null) {
      unmeasured += 1;
      leadEvidence.push({
        kind: 'changeset',
        id: fact.changesetId,
        environment: fact.environment,
        at: fact.finishedAt,
        note:
          created === null
            ? `no verified signature vouches for when it was created (run ${fact.runId})`
            : `its signed creation time is after this deployment (run ${fact.runId})`,
        hours: null,
      });
      continue;
    }
    leadByEnvironment.get(fact.environment)?.push(lead);
    if (!headlineSet.has(fact.environment)) continue;
    leadHours.push(lead);
    leadSeries[bucket]?.push(lead);
    leadEvidence.push({
      kind: 'changeset',
      id: fact.changesetId,
      environment: fact.environment,
      at: fact.finishedAt,
      note: `lead time ${hoursText(lead)} to ${fact.environment} (run ${fact.runId})`,
      hours: lead,
    });

    // The stages: created → author signed → last covering approval before the run → started → finished.
    const authorSigned = parsedTime(changeset?.authorSignedAt ?? null);
    let approved: number | null = null;
    for (const approval of changeset?.approvals ?? []) {
      if (approval.signedDigest !== fact.changesetDigest || !covers(approval, fact.environment)) continue;
      const time = parsedTime(approval.approvedAt);
      if (time !== null && time <= run.started && (approved === null || time > approved)) approved = time;
    }
    const pushStage = (list: number[], hours: number | null) => {
      if (hours !== null) list.push(hours);
    };
    pushStage(stageHours.authoring, stage(created, authorSigned));
    pushStage(stageHours.approval, stage(authorSigned ?? created, approved));
    pushStage(stageHours.waiting, stage(approved, run.started));
    pushStage(stageHours.promotion, stage(run.started, run.finished));
  }

  const headlinePerDay = headlineDeployments / days;
  const overallLead = durationStats(leadHours);

  /* ---- Change failure rate and time to restore ------------------------------------------------ */

  let promotions = 0;
  const byCause = { failedRun: 0, rolledBack: 0, followUpFix: 0 };
  const failureSeries = emptyPerBucket(() => ({ deployments: 0, failures: 0 }));
  const failureEvidence: EvidenceItem[] = [];
  const restoreHours: number[] = [];
  const restoreSeries = emptyPerBucket((): number[] => []);
  const restoreEvidence: EvidenceItem[] = [];
  let open = 0;

  for (const run of runs) {
    const fact = run.fact;
    if (fact.kind !== 'promote' || !inPeriod(run.finished) || !isSelected(fact.environment)) continue;
    promotions += 1;
    const bucket = buckets.indexOf(run.finished);
    const point = failureSeries[bucket];
    if (point) point.deployments += 1;

    // One cause per failure, in this order: the run itself failed; a rollback later undid it; a
    // successful promotion of another changeset rewrote one of its objects within the fix window.
    const rollbacks = rollbacksOf.get(fact.runId) ?? [];
    const fixInWindow =
      fact.status === 'succeeded' && rollbacks.length === 0
        ? firstFix(run, writesByObject, run.finished + fixWindowMs)
        : null;
    let cause: keyof typeof byCause;
    let note: string;
    if (fact.status !== 'succeeded') {
      cause = 'failedRun';
      // Issue 20: every step done and verified, but a post-promotion check failed and the policy
      // said stop: the writes stayed, so it is failed until a rollback or a fix restores it.
      note =
        fact.status === 'checks-failed'
          ? 'ended checks-failed: its post-promotion checks failed and its writes stayed'
          : `ended ${fact.status}`;
    } else if (rollbacks[0]) {
      cause = 'rolledBack';
      note = `rolled back by run ${rollbacks[0].fact.runId}`;
    } else if (fixInWindow) {
      cause = 'followUpFix';
      note = `fixed by run ${fixInWindow.fact.runId} (changeset ${fixInWindow.fact.changesetId}) within ${plural(query.fixWindowDays, 'day')}`;
    } else {
      continue;
    }
    byCause[cause] += 1;
    if (point) point.failures += 1;
    failureEvidence.push({
      kind: 'run',
      id: fact.runId,
      environment: fact.environment,
      at: fact.finishedAt,
      note,
    });

    // Restored: a run that undid its own writes, when it finished (from when it started); otherwise
    // from when it finished, by the first successful rollback of it or the first fix after it.
    let restoredFrom = run.finished;
    let restoredBy: TimedRun | null;
    if (fact.status === 'rolled-back') {
      restoredFrom = run.started;
      restoredBy = run;
    } else {
      restoredBy = rollbacks.find((rollback) => rollback.fact.status === 'succeeded') ?? null;
      const fix = fixInWindow ?? firstFix(run, writesByObject, restoredBy?.finished ?? Infinity);
      if (fix && (restoredBy === null || fix.finished < restoredBy.finished)) restoredBy = fix;
    }
    if (restoredBy === null) {
      open += 1;
      restoreEvidence.push({
        kind: 'run',
        id: fact.runId,
        environment: fact.environment,
        at: fact.finishedAt,
        note: `${note}; not restored yet`,
        hours: null,
      });
      continue;
    }
    const hours = hoursBetween(restoredFrom, restoredBy.finished);
    restoreHours.push(hours);
    restoreSeries[bucket]?.push(hours);
    restoreEvidence.push({
      kind: 'run',
      id: fact.runId,
      environment: fact.environment,
      at: fact.finishedAt,
      note:
        restoredBy === run
          ? `${note}: undid its own writes in ${hoursText(hours)}`
          : `${note}; restored by run ${restoredBy.fact.runId} in ${hoursText(hours)}`,
      hours,
    });
  }

  const failures = byCause.failedRun + byCause.rolledBack + byCause.followUpFix;
  const failureRate = promotions === 0 ? null : failures / promotions;
  const restored = durationStats(restoreHours);

  /* ---- Governance ----------------------------------------------------------------------------- */

  // Overrides: runs finished in the period, in the environments selected, that an emergency
  // override let through.
  const overrides = runs
    .filter((run) => run.fact.override !== null && inPeriod(run.finished) && isSelected(run.fact.environment))
    .reverse()
    .map((run) => ({
      runId: run.fact.runId,
      environment: run.fact.environment,
      at: run.fact.finishedAt,
      reason: run.fact.override?.reason ?? '',
      by: run.fact.override?.by ?? null,
    }));

  // Time to first approval: changesets created in the period; author signed (else created) → the
  // first approval given after it. With environments chosen, only approvals covering one count.
  const firstApprovalHours: number[] = [];
  // Most of the changesets were created outside the period: their ISO dates (UTC, `Z`) compared as
  // text rule them out without parsing a time, which is most of this loop's work at 50,000.
  const firstDay = query.from.toISOString().slice(0, 10);
  const dayAfterLast = new Date(toMs + DAY_MS).toISOString().slice(0, 10);
  for (const changeset of input.changesets) {
    const createdAt = changeset.createdAt;
    if (createdAt === null || createdAt < firstDay || createdAt >= dayAfterLast) continue;
    const created = parsedTime(createdAt);
    if (created === null || !inPeriod(created)) continue;
    const start = parsedTime(changeset.authorSignedAt) ?? created;
    let first: number | null = null;
    for (const approval of changeset.approvals) {
      if (approval.decision !== 'approved') continue;
      if (query.environments !== null && !(approval.environments ?? []).some(isSelected)) continue;
      const time = parsedTime(approval.approvedAt);
      if (time !== null && time >= start && (first === null || time < first)) first = time;
    }
    if (first !== null) firstApprovalHours.push(hoursBetween(start, first));
  }

  // Gate refusals and drift, from verified audit entries whose details parse (others ignored).
  const refusals: InsightsReport['governance']['gateRefusals']['items'] = [];
  const refusalsByGate = new Map<string, number>();
  const driftWeeks = makeWeekBuckets(fromMs, toMs);
  const driftPoints = driftWeeks.starts.map(() => ({
    checks: 0,
    foundByEnvironment: new Map<string, number>(),
    accepted: 0,
    reverted: 0,
    ignored: 0,
  }));
  for (const entry of input.audit) {
    const time = Date.parse(entry.at);
    if (Number.isNaN(time) || !inPeriod(time)) continue;
    if (entry.action === GATE_REFUSED_ACTION) {
      const details = gateRefusedDetailsSchema.safeParse(entry.details);
      if (!details.success || !isSelected(details.data.environment)) continue;
      refusals.push({
        at: entry.at,
        changesetId: entry.subject.startsWith('changeset/')
          ? entry.subject.slice('changeset/'.length)
          : entry.subject,
        environment: details.data.environment,
        by: entry.actor,
        gates: details.data.gates,
      });
      for (const gate of new Set(details.data.gates.map(({ gate }) => gate))) {
        refusalsByGate.set(gate, (refusalsByGate.get(gate) ?? 0) + 1);
      }
      continue;
    }
    const point = driftPoints[driftWeeks.indexOf(time)];
    if (!point) continue;
    if (entry.action === DRIFT_CHECK_ACTION) {
      const details = driftCheckDetailsSchema.safeParse(entry.details);
      if (!details.success || !isSelected(details.data.environment)) continue;
      point.checks += 1;
      const found = details.data.added + details.data.changed + details.data.removed;
      const before = point.foundByEnvironment.get(details.data.environment) ?? 0;
      point.foundByEnvironment.set(details.data.environment, Math.max(before, found));
      continue;
    }
    const triage =
      entry.action === DRIFT_ACCEPT_ACTION
        ? 'accepted'
        : entry.action === DRIFT_REVERT_ACTION
          ? 'reverted'
          : entry.action === DRIFT_IGNORE_ACTION
            ? 'ignored'
            : null;
    if (triage === null) continue;
    const details = driftTriageDetailsSchema.safeParse(entry.details);
    if (!details.success || !isSelected(details.data.environment)) continue;
    point[triage] += 1;
  }
  refusals.sort((a, b) => compareText(b.at, a.at) || compareText(a.changesetId, b.changesetId));
  const weeks = driftPoints.map((point, index) => {
    let found = 0;
    for (const count of point.foundByEnvironment.values()) found += count;
    return {
      start: new Date(driftWeeks.starts[index] ?? fromMs).toISOString(),
      checks: point.checks,
      found,
      accepted: point.accepted,
      reverted: point.reverted,
      ignored: point.ignored,
    };
  });
  const totals = { checks: 0, found: 0, accepted: 0, reverted: 0, ignored: 0 };
  for (const week of weeks) {
    totals.checks += week.checks;
    totals.found += week.found;
    totals.accepted += week.accepted;
    totals.reverted += week.reverted;
    totals.ignored += week.ignored;
  }

  // Snapshot age per environment selected, at `now` (the latest snapshot when several are given).
  const snapshotTimes = new Map<string, string>();
  for (const snapshot of input.snapshots) {
    if (snapshot.takenAt === null) continue;
    const before = snapshotTimes.get(snapshot.environment);
    if (before === undefined || Date.parse(snapshot.takenAt) > Date.parse(before)) {
      snapshotTimes.set(snapshot.environment, snapshot.takenAt);
    }
  }
  const snapshots = selected.map((environment) => {
    const takenAt = snapshotTimes.get(environment) ?? null;
    return {
      environment,
      takenAt,
      ageHours: takenAt === null ? null : hoursBetween(Date.parse(takenAt), now.getTime()),
    };
  });

  const band = <T>(value: T | null, toBand: (value: T) => DoraBand) =>
    value === null ? null : toBand(value);

  return {
    formatVersion: INSIGHTS_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    period: { from: query.from.toISOString(), to: query.to.toISOString(), days, bucket: buckets.bucket },
    environments,
    fixWindowDays: query.fixWindowDays,
    deploymentFrequency: {
      total: deploymentEvidence.length,
      perDay: deploymentEvidence.length / days,
      perWeek: (deploymentEvidence.length / days) * 7,
      band: headline.length === 0 ? null : deploymentFrequencyBand(headlinePerDay),
      byEnvironment: selected.map((environment) => {
        const deployments = deploymentCounts.get(environment) ?? 0;
        return { environment, deployments, perWeek: (deployments / days) * 7 };
      }),
      series: deploymentSeries.map((counts, index) => ({
        start: bucketStart(index),
        counts: Object.fromEntries(counts),
      })),
      evidence: evidence(deploymentEvidence),
    },
    leadTime: {
      environments: headline,
      overall: overallLead,
      band: band(overallLead.medianHours, leadTimeBand),
      stages: {
        authoring: durationStats(stageHours.authoring),
        approval: durationStats(stageHours.approval),
        waiting: durationStats(stageHours.waiting),
        promotion: durationStats(stageHours.promotion),
      },
      byEnvironment: selected.map((environment) => ({
        environment,
        stats: durationStats(leadByEnvironment.get(environment) ?? []),
      })),
      series: leadSeries.map((hours, index) => ({
        start: bucketStart(index),
        count: hours.length,
        medianHours: median(hours),
      })),
      unmeasured,
      evidence: evidence(leadEvidence),
    },
    changeFailureRate: {
      deployments: promotions,
      failures,
      rate: failureRate,
      band: band(failureRate, changeFailureRateBand),
      byCause,
      series: failureSeries.map((point, index) => ({
        start: bucketStart(index),
        deployments: point.deployments,
        failures: point.failures,
        rate: point.deployments === 0 ? null : point.failures / point.deployments,
      })),
      evidence: evidence(failureEvidence),
    },
    timeToRestore: {
      restored,
      open,
      band: band(restored.medianHours, timeToRestoreBand),
      series: restoreSeries.map((hours, index) => ({
        start: bucketStart(index),
        count: hours.length,
        medianHours: median(hours),
      })),
      evidence: evidence(restoreEvidence),
    },
    governance: {
      approvalsPerChange: {
        changes: approvalsPerDeployment.length,
        mean:
          approvalsPerDeployment.length === 0
            ? null
            : approvalsPerDeployment.reduce((sum, count) => sum + count, 0) / approvalsPerDeployment.length,
        median: median(approvalsPerDeployment),
      },
      timeToFirstApproval: durationStats(firstApprovalHours),
      overrides: { count: overrides.length, items: capped(overrides) },
      gateRefusals: {
        count: refusals.length,
        byGate: [...refusalsByGate]
          .map(([gate, count]) => ({ gate, count }))
          .sort((a, b) => b.count - a.count || compareText(a.gate, b.gate)),
        items: capped(refusals),
      },
      drift: { weeks, totals },
      snapshots,
    },
    records: {
      counts: input.counts,
      unverified: { total: input.unverified.length, items: capped(input.unverified) },
    },
  };
}

/** Drift is counted per week whatever the period's bucket: Monday 00:00 UTC weeks covering it. */
function makeWeekBuckets(fromMs: number, toMs: number): Pick<Buckets, 'starts' | 'indexOf'> {
  const first = mondayOnOrBefore(fromMs);
  const starts: number[] = [];
  for (let start = first; start < toMs; start += WEEK_MS) starts.push(start);
  return { starts, indexOf: (time) => Math.floor((time - first) / WEEK_MS) };
}
