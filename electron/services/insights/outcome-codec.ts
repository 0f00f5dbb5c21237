import type {
  ApprovalFact,
  AuditFact,
  ChangesetFact,
  ObjectRef,
  RecordKind,
  RunFact,
  UnverifiedRecord,
} from '../../../shared/insights/insights-facts';
import { tierSchema } from '../../../shared/model/environment';
import { runKindSchema, runStatusSchema } from '../../../shared/promotion/engine/run-records';
import type { RecordOutcome, Tally } from './record-outcome';

/**
 * The verification cache's compact form of a RecordOutcome, and its strict check (issue 19).
 *
 * Why not the zod schema (`recordOutcomeSchema`) here: a fresh process (`ferry metrics`, the app
 * starting) loads the cache of 60,000 records before anything else, and zod took about 0.6 s to
 * validate a tenth of that (6,000 outcomes, 5 MB) on this project's CI box, more than the whole
 * warm pass is allowed. So outcomes are written as positional arrays (no repeated field names),
 * key ids and owners through a string table (each 64-hex key id is written once), an approval's
 * digest as 0 when it is the changeset's own; and they are checked by hand while decoding, as
 * strictly as the schema (every field's type, enums from the same zod enums, times in the ISO
 * form zod accepts, nothing extra). A cache that fails any check is discarded whole and rebuilt.
 * The schema in record-outcome.ts stays the statement of the shape; this file must follow it.
 */

const KINDS: readonly RecordKind[] = ['run', 'changeset', 'approval', 'audit'];
const RUN_KINDS: readonly string[] = runKindSchema.options;
const RUN_STATUSES: readonly string[] = runStatusSchema.options;
const TIERS: readonly string[] = tierSchema.options;
/** What zod's `z.iso.datetime()` accepts by default: UTC (`Z`), seconds, any fraction. */
const ISO_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

export class CacheDamaged extends Error {}

function fail(what: string): never {
  throw new CacheDamaged(`verification cache: ${what}`);
}

/** Strings written once per cache file, referred to by their index. */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  ref(value: string): number {
    let found = this.index.get(value);
    if (found === undefined) {
      found = this.list.length;
      this.list.push(value);
      this.index.set(value, found);
    }
    return found;
  }
}

export type EncodedOutcome = unknown[];

export function encodeOutcome(outcome: RecordOutcome, strings: StringTable): EncodedOutcome {
  const counts: number[] = [];
  KINDS.forEach((kind, index) => {
    const tally = outcome.counts[kind];
    if (tally !== undefined) counts.push(index, tally.read, tally.verified, tally.unsigned, tally.unverified);
  });
  return [
    counts,
    (outcome.runs ?? []).map((run) => encodeRun(run, strings)),
    (outcome.changesets ?? []).map((changeset) => encodeChangeset(changeset, strings)),
    (outcome.audit ?? []).map((entry) => [
      strings.ref(entry.actorKeyId),
      strings.ref(entry.actor),
      entry.at,
      entry.action,
      entry.subject,
      entry.details,
    ]),
    (outcome.unverified ?? []).map((record) => [KINDS.indexOf(record.kind), record.file, record.reason]),
    // Which optional arrays were present, so a decoded outcome equals the one encoded.
    (outcome.runs ? 1 : 0) |
      (outcome.changesets ? 2 : 0) |
      (outcome.audit ? 4 : 0) |
      (outcome.unverified ? 8 : 0),
  ];
}

function encodeRun(run: RunFact, strings: StringTable): unknown[] {
  return [
    run.runId,
    run.kind,
    run.rollbackOf,
    run.changesetId,
    run.changesetDigest,
    run.environment,
    run.tier,
    run.startedAt,
    run.finishedAt,
    run.status,
    run.override === null ? null : [run.override.reason, run.override.by],
    run.overriddenGates,
    run.objects,
    strings.ref(run.promoterKeyId),
  ];
}

function encodeChangeset(changeset: ChangesetFact, strings: StringTable): unknown[] {
  return [
    changeset.changesetId,
    changeset.title,
    changeset.digest,
    changeset.createdAt,
    changeset.authorSignedAt,
    changeset.authorKeyId === null ? null : strings.ref(changeset.authorKeyId),
    changeset.origin,
    changeset.approvals.map((approval) => [
      strings.ref(approval.keyId),
      strings.ref(approval.owner),
      approval.decision === 'approved' ? 1 : 0,
      approval.approvedAt,
      approval.signedDigest === changeset.digest ? 0 : approval.signedDigest,
      approval.environments,
    ]),
  ];
}

// --- strict decoding ---------------------------------------------------------------------------

function array(value: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) fail(what);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(what);
  return value;
}

function textOrNull(value: unknown, what: string): string | null {
  return value === null ? null : text(value, what);
}

function time(value: unknown, what: string): string {
  if (typeof value !== 'string' || !ISO_TIME.test(value)) fail(what);
  return value;
}

function timeOrNull(value: unknown, what: string): string | null {
  return value === null ? null : time(value, what);
}

function count(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(what);
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly string[], what: string): T {
  if (typeof value !== 'string' || !options.includes(value)) fail(what);
  return value as T;
}

function texts(value: unknown, what: string): string[] {
  const list = array(value, what);
  for (const item of list) text(item, what);
  return list as string[];
}

export function decodeStrings(value: unknown): string[] {
  return texts(value, 'string table');
}

function ref(value: unknown, strings: readonly string[], what: string): string {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(what);
  const found = strings[value];
  if (found === undefined) fail(what);
  return found;
}

export function decodeOutcome(value: unknown, strings: readonly string[]): RecordOutcome {
  const [counts, runs, changesets, audit, unverified, present] = array(value, 'outcome', 6);
  const outcome: RecordOutcome = { counts: {} };
  const flat = array(counts, 'counts');
  if (flat.length % 5 !== 0) fail('counts');
  for (let index = 0; index < flat.length; index += 5) {
    const kind = KINDS[count(flat[index], 'count kind')];
    if (kind === undefined || outcome.counts[kind] !== undefined) fail('count kind');
    const tally: Tally = {
      read: count(flat[index + 1], 'count'),
      verified: count(flat[index + 2], 'count'),
      unsigned: count(flat[index + 3], 'count'),
      unverified: count(flat[index + 4], 'count'),
    };
    outcome.counts[kind] = tally;
  }
  const flags = count(present, 'present');
  if (flags > 15) fail('present');
  const runList = array(runs, 'runs').map((run) => decodeRun(run, strings));
  const changesetList = array(changesets, 'changesets').map((item) => decodeChangeset(item, strings));
  const auditList = array(audit, 'audit').map((item) => decodeAudit(item, strings));
  const unverifiedList = array(unverified, 'unverified').map(decodeUnverified);
  // Absent and empty differ only in shape; an absent array must be encoded empty.
  if (flags & 1) outcome.runs = runList;
  else if (runList.length > 0) fail('runs');
  if (flags & 2) outcome.changesets = changesetList;
  else if (changesetList.length > 0) fail('changesets');
  if (flags & 4) outcome.audit = auditList;
  else if (auditList.length > 0) fail('audit');
  if (flags & 8) outcome.unverified = unverifiedList;
  else if (unverifiedList.length > 0) fail('unverified');
  return outcome;
}

function decodeRun(value: unknown, strings: readonly string[]): RunFact {
  const item = array(value, 'run', 14);
  const override = item[10] === null ? null : array(item[10], 'override', 2);
  return {
    runId: text(item[0], 'runId'),
    kind: oneOf(item[1], RUN_KINDS, 'run kind'),
    rollbackOf: textOrNull(item[2], 'rollbackOf'),
    changesetId: text(item[3], 'changesetId'),
    changesetDigest: text(item[4], 'changesetDigest'),
    environment: text(item[5], 'environment'),
    tier: oneOf(item[6], TIERS, 'tier'),
    startedAt: time(item[7], 'startedAt'),
    finishedAt: time(item[8], 'finishedAt'),
    status: oneOf(item[9], RUN_STATUSES, 'status'),
    override:
      override === null
        ? null
        : { reason: text(override[0], 'override'), by: textOrNull(override[1], 'override') },
    overriddenGates: texts(item[11], 'overriddenGates'),
    objects: array(item[12], 'objects').map((object): ObjectRef => {
      const [type, key] = array(object, 'object', 2);
      return [text(type, 'object'), text(key, 'object')];
    }),
    promoterKeyId: ref(item[13], strings, 'promoterKeyId'),
  };
}

function decodeChangeset(value: unknown, strings: readonly string[]): ChangesetFact {
  const item = array(value, 'changeset', 8);
  const digest = text(item[2], 'digest');
  return {
    changesetId: text(item[0], 'changesetId'),
    title: text(item[1], 'title'),
    digest,
    createdAt: timeOrNull(item[3], 'createdAt'),
    authorSignedAt: timeOrNull(item[4], 'authorSignedAt'),
    authorKeyId: item[5] === null ? null : ref(item[5], strings, 'authorKeyId'),
    origin: textOrNull(item[6], 'origin'),
    approvals: array(item[7], 'approvals').map((approval): ApprovalFact => {
      const fields = array(approval, 'approval', 6);
      if (fields[2] !== 0 && fields[2] !== 1) fail('decision');
      return {
        keyId: ref(fields[0], strings, 'approval keyId'),
        owner: ref(fields[1], strings, 'approval owner'),
        decision: fields[2] === 1 ? 'approved' : 'rejected',
        approvedAt: time(fields[3], 'approvedAt'),
        signedDigest: fields[4] === 0 ? digest : text(fields[4], 'signedDigest'),
        environments: fields[5] === null ? null : texts(fields[5], 'environments'),
      };
    }),
  };
}

function decodeAudit(value: unknown, strings: readonly string[]): AuditFact {
  const item = array(value, 'audit entry', 6);
  const details = item[5];
  if (typeof details !== 'object' || details === null || Array.isArray(details)) fail('details');
  return {
    actorKeyId: ref(item[0], strings, 'actorKeyId'),
    actor: ref(item[1], strings, 'actor'),
    at: time(item[2], 'at'),
    action: text(item[3], 'action'),
    subject: text(item[4], 'subject'),
    details: details as Record<string, unknown>,
  };
}

function decodeUnverified(value: unknown): UnverifiedRecord {
  const item = array(value, 'unverified', 3);
  const kind = KINDS[count(item[0], 'unverified kind')];
  if (kind === undefined) fail('unverified kind');
  return { kind, file: text(item[1], 'file'), reason: text(item[2], 'reason') };
}
