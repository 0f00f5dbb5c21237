import type {
  ApprovalFact,
  InsightsInput,
  ObjectRef,
  RunFact,
} from '../../../shared/insights/insights-facts';
import type { RunStatus } from '../../../shared/promotion/engine/run-records';
import { FactsBuilder, T0 } from './facts-builder';

/**
 * A large, bounded history of facts (no files, no signatures: those are the reader's), for showing
 * that computeInsights stays near-linear: `runs` runs and `changesets` changesets over a year before
 * T0, from a fixed seed so every run of the test computes the same thing.
 */
export function largeHistory(runs: number, changesets: number): InsightsInput {
  let seed = 19;
  // A small linear congruential generator: deterministic, and enough to spread the facts.
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const HOUR_MS = 3_600_000;
  const spanHours = 365 * 24;
  const environments = ['dev', 'test', 'prod'] as const;
  const statuses: RunStatus[] = [
    'succeeded',
    'succeeded',
    'succeeded',
    'succeeded',
    'succeeded',
    'succeeded',
    'stopped',
    'rolled-back',
    'verify-failed',
  ];
  const objects: ObjectRef[] = Array.from({ length: 600 }, (_, index) => [
    pick(['queue', 'flow', 'prompt', 'hours']),
    `object-${index}`,
  ]);

  // Built directly, not through FactsBuilder: 50,000 changesets go faster as plain objects.
  const iso = (hours: number) => new Date(T0 + hours * HOUR_MS).toISOString();
  const input: InsightsInput = {
    ...new FactsBuilder().env('dev', 'dev').env('test', 'test').env('prod', 'prod').build(),
  };
  for (let index = 0; index < changesets; index += 1) {
    const created = -spanHours + random() * spanHours;
    const digest = `sha256:${index}`;
    const approvals: ApprovalFact[] = [];
    if (random() < 0.6) approvals.push(approval('ana', iso(created + 30), digest, ['test', 'prod']));
    if (random() < 0.3) approvals.push(approval('ben', iso(created + 40), digest, ['prod']));
    input.changesets.push({
      changesetId: `c${index}`,
      title: `Change ${index}`,
      digest,
      createdAt: iso(created),
      authorSignedAt: iso(created + random() * 24),
      authorKeyId: 'key-author',
      origin: null,
      approvals,
    });
  }
  const promotes: RunFact[] = [];
  for (let index = 0; index < runs; index += 1) {
    const changeset = input.changesets[Math.floor(random() * changesets)];
    if (!changeset) continue;
    const created = Date.parse(changeset.createdAt ?? '') - T0;
    const started = Math.min(-1, created / HOUR_MS + 50 + random() * 200);
    const environment = pick(environments);
    const status = pick(statuses);
    const rollbackOf = index % 50 === 0 ? promotes[promotes.length - 1] : undefined;
    const run: RunFact = {
      runId: `r${index}`,
      kind: rollbackOf ? 'rollback' : 'promote',
      rollbackOf: rollbackOf?.runId ?? null,
      changesetId: rollbackOf?.changesetId ?? changeset.changesetId,
      changesetDigest: changeset.digest,
      environment: rollbackOf?.environment ?? environment,
      tier: rollbackOf?.tier ?? environment,
      startedAt: new Date(T0 + started * HOUR_MS).toISOString(),
      finishedAt: new Date(T0 + (started + random()) * HOUR_MS).toISOString(),
      status: rollbackOf ? 'succeeded' : status,
      override: random() < 0.02 ? { reason: 'outage', by: 'ana' } : null,
      overriddenGates: [],
      objects: [pick(objects), pick(objects), pick(objects)],
      promoterKeyId: 'key-promoter',
    };
    input.runs.push(run);
    if (!rollbackOf) promotes.push(run);
  }
  for (let index = 0; index < 2000; index += 1) {
    const hours = -spanHours + random() * spanHours;
    input.audit.push({
      actorKeyId: 'key-ana',
      actor: 'ana',
      at: new Date(T0 + hours * HOUR_MS).toISOString(),
      action: pick(['gate-refused', 'drift-check', 'drift-accept']),
      subject: 'environment/prod',
      details:
        index % 3 === 0
          ? { environment: pick(environments), gates: [{ gate: 'window', reason: 'closed' }] }
          : {
              environment: pick(environments),
              added: 1,
              changed: 2,
              removed: 0,
              ignored: 0,
              type: 'queue',
              key: 'Q',
            },
    });
  }
  return input;
}

function approval(
  owner: string,
  approvedAt: string,
  signedDigest: string,
  environments: string[],
): ApprovalFact {
  return { keyId: `key-${owner}`, owner, decision: 'approved', approvedAt, signedDigest, environments };
}
