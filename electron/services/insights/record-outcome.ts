import { z } from 'zod';
import {
  auditFactSchema,
  changesetFactSchema,
  recordKindSchema,
  runFactSchema,
  unverifiedRecordSchema,
  type RecordKind,
  type UnverifiedRecord,
} from '../../../shared/insights/insights-facts';
import type { TrustedKey } from '../../../shared/model/trust';

/**
 * What verifying one record (a run folder, a changeset with its signatures, an actor's audit
 * file) produced: its facts, what did not verify, and how it counts. The reader merges these, and
 * the verification cache stores exactly these, so a warm pass gives the same input as a cold one.
 */
const tally = z.object({
  read: z.number().int().min(0),
  verified: z.number().int().min(0),
  unsigned: z.number().int().min(0),
  unverified: z.number().int().min(0),
});

export const recordOutcomeSchema = z.object({
  runs: z.array(runFactSchema).optional(),
  changesets: z.array(changesetFactSchema).optional(),
  audit: z.array(auditFactSchema).optional(),
  unverified: z.array(unverifiedRecordSchema).optional(),
  counts: z.partialRecord(recordKindSchema, tally),
});
export type RecordOutcome = z.infer<typeof recordOutcomeSchema>;
export type Tally = z.infer<typeof tally>;

/** The trust the reader judges history with: the verified root's keys, and this machine's clock. */
export interface HistoryTrust {
  keys: ReadonlyMap<string, TrustedKey>;
  list: readonly TrustedKey[];
  now: Date;
}

export function emptyTally(): Tally {
  return { read: 0, verified: 0, unsigned: 0, unverified: 0 };
}

/** One record of one kind, and how it ended. */
export function single(kind: RecordKind, state: 'verified' | 'unsigned' | 'unverified'): RecordOutcome {
  return { counts: { [kind]: { ...emptyTally(), read: 1, [state]: 1 } } };
}

export function unverifiedOutcome(record: UnverifiedRecord): RecordOutcome {
  return { ...single(record.kind, 'unverified'), unverified: [record] };
}

/**
 * True when an outcome depends on this machine's clock: a record dated later than now is refused
 * today and may count tomorrow, so such an outcome is never cached. The phrases are the ones the
 * verifiers use for it (run-verifier's "later than this machine's clock", approval-verifier's
 * "in the future").
 */
export function dependsOnClock(outcome: RecordOutcome): boolean {
  return (outcome.unverified ?? []).some((record) =>
    /later than this machine's clock|in the future/.test(record.reason),
  );
}

/** How a file that could not be read is described. */
export function refusedFile(file: string): string {
  return `${file} is not a regular file Ferry will read (a link, a folder, or too big); remove it from the workspace (git rm) or restore it from history`;
}
