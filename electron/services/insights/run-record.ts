import { FerryError } from '../../../shared/api/api-error';
import type { ObjectRef, RunFact } from '../../../shared/insights/insights-facts';
import { runResultSchema } from '../../../shared/promotion/engine/run-records';
import { OVERRIDABLE_GATES } from '../../../shared/promotion/gates';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyRunFiles } from '../promotion/run-verifier';
import { ANCHOR_ACTION } from './audit-anchors-check';
import type { RunRecordFiles } from './record-files';
import {
  refusedFile,
  single,
  unverifiedOutcome,
  type HistoryTrust,
  type RecordOutcome,
} from './record-outcome';

/** Step outcomes that mean the run wrote the object (and perhaps undid it later). */
const WROTE = new Set(['done', 'rolled-back', 'rollback-failed']);

/**
 * One finished run as a fact, or why not. A run counts only when `verifyRunFiles` passes (the very
 * checks resume and rollback make) with each key judged at the time it signed; a run with no
 * plan.dsse.json was never signed and is counted `unsigned`. The facts come from the signed plan
 * predicate and from result.json, whose bytes the result statement signs.
 */
export async function verifyRunRecord(record: RunRecordFiles, trust: HistoryTrust): Promise<RecordOutcome> {
  const { runId, files } = record;
  const where = (file: string) => `runs/${runId}/${file}`;
  for (const [name, bytes] of Object.entries(files)) {
    if (bytes === 'refused') {
      return unverifiedOutcome({ kind: 'run', file: where(name), reason: refusedFile(where(name)) });
    }
  }
  if (files['plan.dsse.json'] === 'missing') return single('run', 'unsigned');
  const text = (bytes: Buffer | 'missing' | 'refused'): string | null =>
    typeof bytes === 'string' ? null : bytes.toString('utf8');

  let verified;
  try {
    verified = await verifyRunFiles(
      {
        runId,
        plan: text(files['plan.json']) ?? '',
        planEnvelope: text(files['plan.dsse.json']),
        journal: text(files['journal.jsonl']) ?? '',
        result: text(files['result.json']),
        resultEnvelope: text(files['result.dsse.json']),
      },
      { find: async (keyId) => trust.keys.get(keyId) ?? null, now: trust.now, historical: true },
    );
  } catch (error) {
    if (!(error instanceof FerryError) || error.code !== 'run.unverified') throw error;
    const file = typeof error.details?.file === 'string' ? error.details.file : where('');
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : error.message;
    return unverifiedOutcome({ kind: 'run', file, reason });
  }

  // Signed bytes, yet still parsed as untrusted: a genuine promoter's build could be broken.
  const resultFile = where('result.json');
  let raw: unknown;
  try {
    raw = parseStrictJson(text(files['result.json']) ?? '');
  } catch {
    return unverifiedOutcome({ kind: 'run', file: resultFile, reason: `${resultFile} is not JSON` });
  }
  const parsed = runResultSchema.safeParse(raw);
  if (!parsed.success) {
    return unverifiedOutcome({ kind: 'run', file: resultFile, reason: `${resultFile} is not a run result` });
  }
  const result = parsed.data;
  const plan = verified.plan;
  if (
    result.runId !== runId ||
    result.kind !== plan.runKind ||
    result.rollbackOf !== plan.rollbackOf ||
    result.changesetId !== plan.changesetId ||
    result.changesetDigest !== plan.changesetDigest ||
    result.environment !== plan.environment
  ) {
    return unverifiedOutcome({
      kind: 'run',
      file: resultFile,
      reason: `${resultFile} names another run, changeset or environment than the run's signed plan`,
    });
  }
  const objects: ObjectRef[] = result.steps
    .filter((step) => WROTE.has(step.status))
    .map((step) => [step.type, step.key]);
  const fact: RunFact = {
    runId,
    kind: plan.runKind,
    rollbackOf: plan.rollbackOf,
    changesetId: plan.changesetId,
    changesetDigest: plan.changesetDigest,
    environment: plan.environment,
    tier: result.tier,
    startedAt: plan.startedAt,
    finishedAt: result.finishedAt,
    status: result.status,
    // Who overrode is the key that signed the plan, as the trust root names it, not a typed name.
    override:
      result.override === null ? null : { reason: result.override.reason, by: verified.promoter.owner },
    // An override lets through only the overridable gates that failed; they stay failed in `gates`.
    overriddenGates:
      result.override === null
        ? []
        : result.gates
            .filter((gate) => !gate.passed && OVERRIDABLE_GATES.includes(gate.gate))
            .map((gate) => gate.gate),
    objects,
    promoterKeyId: plan.promoter.keyId,
  };
  // The promoter's audit head her signed plan records, for audit-anchors-check.ts: only her own.
  const anchor = plan.auditHead;
  const anchors =
    anchor !== null && anchor.keyId === verified.promoter.keyId
      ? [
          {
            actorKeyId: anchor.keyId,
            actor: verified.promoter.owner,
            at: plan.startedAt,
            action: ANCHOR_ACTION,
            subject: where('plan.dsse.json'),
            details: { seq: anchor.seq, hash: anchor.hash },
          },
        ]
      : [];
  return { ...single('run', 'verified'), runs: [fact], ...(anchors.length > 0 ? { audit: anchors } : {}) };
}
