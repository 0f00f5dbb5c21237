import { FerryError } from '../../../shared/api/api-error';
import { isJsonObject, type JsonObject } from '../../../shared/model/canonical/json-value';
import { sha256Hex } from '../../../shared/model/canonical/sha256';
import { keyAllows, keyValidity, type TrustedKey } from '../../../shared/model/trust';
import { journalEntrySchema, type JournalEntry } from '../../../shared/promotion/engine/run-records';
import { decodeCanonicalBase64 } from '../../../shared/signing/base64';
import {
  dsseEnvelopeSchema,
  envelopePayload,
  IN_TOTO_PAYLOAD_TYPE,
  signatureBytes,
  type DsseEnvelope,
} from '../../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../../shared/signing/pae';
import {
  chainHash,
  journalSignatureFieldsSchema,
  PLAN_ENVELOPE_FILE,
  RESULT_ENVELOPE_FILE,
  runFileSubjectName,
  runPlanStatementSchema,
  runResultStatementSchema,
  type RunPlanPredicate,
} from '../../../shared/signing/run-statement';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { keyValidityAt, signedInFuture } from '../approvals/key-validity-at';
import { verifyEd25519 } from '../identity/ed25519';
import { journalLineHash, journalLineSignedBytes } from './run-signer';

/** A run folder's files as read once from disk: what is verified is what is then acted on. */
export interface RunFiles {
  runId: string;
  plan: string;
  planEnvelope: string | null;
  /** The journal's text ('' when absent). */
  journal: string;
  result: string | null;
  resultEnvelope: string | null;
}

export interface RunTrust {
  /** A trusted key by id, or null (trust-store.ts `find`; its own refusals pass through). */
  find(keyId: string): Promise<TrustedKey | null>;
  now: Date;
  /**
   * Judge each key at the time the record says it was signed instead of `now` (issue 19, reading
   * history): the plan statement's `startedAt` for the plan and every journal line, the result
   * statement's `finishedAt` for the result. A key that expired after the run keeps its run; one
   * revoked before it does not. Off (the default) for everything that acts on a run: resume and
   * rollback trust only keys valid now.
   */
  historical?: boolean;
}

export interface VerifiedRun {
  /** The key that signed the plan, its owner as trust says. */
  promoter: TrustedKey;
  /** Every key that signed part of the run: the promoter and whoever resumed it. */
  signers: TrustedKey[];
  plan: RunPlanPredicate;
  /** The journal's first line, verified: how the run started (its override, if any). */
  started: Extract<JournalEntry, { kind: 'run-started' }>;
}

const encoder = new TextEncoder();

/**
 * Checks that a run folder is what a trusted promoter wrote: the plan statement signed by a key
 * trusted and valid now, over these exact plan.json bytes; every complete journal line signed and
 * chained to the one before (the first to the plan statement), by the promoter or, from a
 * `resumed` line on, by whoever resumed it; and, when the run finished, the result statement signed
 * by the last writer over result.json and the journal exactly as it ended. Throws `run.unverified`
 * naming the file and the reason; never writes anything.
 */
export async function verifyRunFiles(files: RunFiles, trust: RunTrust): Promise<VerifiedRun> {
  const { runId } = files;
  const path = (file: string) => runFileSubjectName(runId, file);
  const refuse = (file: string, reason: string) => unverified(runId, path(file), reason);
  const keys = new Map<string, TrustedKey>();

  /** Throws unless `key` was valid at `at`: now, or (historical) when the record was signed. */
  const validAt = (key: TrustedKey, at: Date, file: string): void => {
    if (trust.historical === true && signedInFuture(at, trust.now)) {
      throw refuse(file, `${path(file)} is dated ${at.toISOString()}, later than this machine's clock`);
    }
    const validity = trust.historical === true ? keyValidityAt(key, at) : keyValidity(key, at);
    if (validity.state !== 'valid') {
      const why =
        validity.state === 'revoked'
          ? `was revoked on ${validity.at} (${validity.reason})`
          : validity.state === 'expired'
            ? `expired on ${validity.at}`
            : `is not valid before ${validity.from}`;
      const when = trust.historical === true ? ` (it was signed on ${at.toISOString()})` : '';
      throw refuse(
        file,
        `${path(file)} is signed by ${key.owner}'s key ${short(key.keyId)}, which ${why}${when}`,
      );
    }
  };

  const trusted = async (keyId: string, file: string): Promise<TrustedKey> => {
    const known = keys.get(keyId);
    if (known) return known;
    const key = await trust.find(keyId);
    if (key === null) {
      throw refuse(
        file,
        `${path(file)} is signed by key ${short(keyId)} which is not trusted in this workspace`,
      );
    }
    if (trust.historical !== true) validAt(key, trust.now, file);
    // A run is only ever made by a promoter (promote checks the role): any other signer forged it.
    if (!keyAllows(key, 'promoter')) {
      throw refuse(
        file,
        `${path(file)} is signed by ${key.owner}'s key ${short(keyId)}, which is not trusted as a promoter`,
      );
    }
    keys.set(keyId, key);
    return key;
  };

  /** The statement an envelope carries, once a trusted key is proven to have signed it. */
  const openEnvelope = async (file: string, text: string) => {
    let envelope: DsseEnvelope;
    try {
      const parsed = dsseEnvelopeSchema.safeParse(parseStrictJson(text));
      if (!parsed.success) throw refuse(file, `${path(file)} is not a DSSE envelope`);
      envelope = parsed.data;
    } catch (error) {
      if (error instanceof FerryError) throw error;
      throw refuse(file, `${path(file)} is not a DSSE envelope`);
    }
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
      throw refuse(file, `${path(file)} does not hold an in-toto statement`);
    }
    const hinted = envelope.signatures.find((signature) => signature.keyid !== undefined);
    if (hinted?.keyid === undefined) throw refuse(file, `${path(file)} names no signing key`);
    const key = await trusted(hinted.keyid, file);
    const payload = envelopePayload(envelope);
    if (
      !verifyEd25519(key.publicKey, preAuthEncoding(envelope.payloadType, payload), signatureBytes(hinted))
    ) {
      throw refuse(
        file,
        `${path(file)} was changed after it was signed: its signature does not verify with ${key.owner}'s key ${short(key.keyId)}`,
      );
    }
    let statement: unknown;
    try {
      statement = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    } catch {
      throw refuse(file, `${path(file)} does not hold a readable statement`);
    }
    return { key, payload, statement };
  };

  // The plan.
  if (files.planEnvelope === null) {
    throw refuse(PLAN_ENVELOPE_FILE, `${path(PLAN_ENVELOPE_FILE)} is missing: the run's plan is not signed`);
  }
  const planOpened = await openEnvelope(PLAN_ENVELOPE_FILE, files.planEnvelope);
  const planStatement = runPlanStatementSchema.safeParse(planOpened.statement);
  if (!planStatement.success) {
    throw refuse(PLAN_ENVELOPE_FILE, `${path(PLAN_ENVELOPE_FILE)} is not a signed run plan`);
  }
  const predicate = planStatement.data.predicate;
  const planSignedAt = new Date(predicate.startedAt);
  if (trust.historical === true) validAt(planOpened.key, planSignedAt, PLAN_ENVELOPE_FILE);
  const [planSubject] = planStatement.data.subject;
  if (predicate.runId !== runId || planSubject?.name !== path('plan.json')) {
    throw refuse(
      PLAN_ENVELOPE_FILE,
      `${path(PLAN_ENVELOPE_FILE)} was signed for run ${predicate.runId}, not for this one (copied from another run)`,
    );
  }
  if (predicate.promoter.keyId !== planOpened.key.keyId) {
    throw refuse(PLAN_ENVELOPE_FILE, `${path(PLAN_ENVELOPE_FILE)} names a promoter other than its signer`);
  }
  if (planSubject.digest.sha256 !== sha256Hex(encoder.encode(files.plan))) {
    throw refuse('plan.json', `${path('plan.json')} was changed after it was signed`);
  }
  const anchor = chainHash(planOpened.payload);

  // The journal, line by line.
  const lines = files.journal.split('\n').slice(0, -1);
  if (lines.length === 0) throw refuse('journal.jsonl', `${path('journal.jsonl')} has no signed entries`);
  let prev = anchor;
  let writer = planOpened.key.keyId;
  let started: VerifiedRun['started'] | null = null;
  for (const [index, line] of lines.entries()) {
    const where = `${path('journal.jsonl')} line ${index + 1}`;
    const fail = (reason: string) => refuse('journal.jsonl', `${where} ${reason}`);
    let raw: unknown;
    try {
      raw = parseStrictJson(line);
    } catch {
      throw fail('is not JSON');
    }
    if (!isJsonObject(raw)) throw fail('is not a journal entry');
    const signature = journalSignatureFieldsSchema.safeParse(raw);
    if (!signature.success) throw fail('is not signed');
    const entry = journalEntrySchema.safeParse(raw);
    if (!entry.success) throw fail('is not a journal entry');
    const { keyId, sig } = signature.data;
    if (signature.data.prev !== prev) {
      throw fail(
        index === 0
          ? 'does not chain to the signed plan'
          : `does not follow line ${index}: a line was removed, reordered or inserted`,
      );
    }
    // Whoever resumes a run signs from its `resumed` line on; no one else may take over a journal.
    if (keyId !== writer && !(entry.data.kind === 'resumed' && index > 0)) {
      throw fail(`is signed by key ${short(keyId)}, not by the run's writer ${short(writer)}`);
    }
    const key = await trusted(keyId, 'journal.jsonl');
    if (trust.historical === true) validAt(key, planSignedAt, 'journal.jsonl');
    const unsigned: JsonObject = { ...raw };
    delete unsigned.sig;
    const sigBytes = decodeCanonicalBase64(sig);
    if (sigBytes === null || !verifyEd25519(key.publicKey, journalLineSignedBytes(unsigned), sigBytes)) {
      throw fail('was changed after it was signed');
    }
    if (entry.data.seq !== index) throw fail(`is numbered ${entry.data.seq}, not ${index}`);
    if (index === 0) {
      if (entry.data.kind !== 'run-started' || !startsRun(entry.data, predicate)) {
        throw fail('is not the start of the run its plan was signed for');
      }
      started = entry.data;
    }
    writer = keyId;
    prev = journalLineHash(line);
  }

  // The result, when the run finished.
  if (files.result === null) {
    if (files.resultEnvelope !== null) {
      throw refuse('result.json', `${path('result.json')} was removed after the run finished`);
    }
  } else {
    if (files.resultEnvelope === null) {
      throw refuse(
        RESULT_ENVELOPE_FILE,
        `${path(RESULT_ENVELOPE_FILE)} is missing: the run's result is not signed`,
      );
    }
    const opened = await openEnvelope(RESULT_ENVELOPE_FILE, files.resultEnvelope);
    const statement = runResultStatementSchema.safeParse(opened.statement);
    if (!statement.success) {
      throw refuse(RESULT_ENVELOPE_FILE, `${path(RESULT_ENVELOPE_FILE)} is not a signed run result`);
    }
    const signed = statement.data.predicate;
    if (trust.historical === true) validAt(opened.key, new Date(signed.finishedAt), RESULT_ENVELOPE_FILE);
    const [subject] = statement.data.subject;
    if (signed.runId !== runId || signed.plan !== anchor || subject?.name !== path('result.json')) {
      throw refuse(RESULT_ENVELOPE_FILE, `${path(RESULT_ENVELOPE_FILE)} was signed for another run or plan`);
    }
    if (opened.key.keyId !== writer || signed.signer.keyId !== writer) {
      throw refuse(
        RESULT_ENVELOPE_FILE,
        `${path(RESULT_ENVELOPE_FILE)} is signed by key ${short(opened.key.keyId)}, not by the run's last writer ${short(writer)}`,
      );
    }
    if (subject.digest.sha256 !== sha256Hex(encoder.encode(files.result))) {
      throw refuse('result.json', `${path('result.json')} was changed after it was signed`);
    }
    if (signed.journal.entries !== lines.length || signed.journal.head !== prev) {
      throw refuse(
        'journal.jsonl',
        `${path('journal.jsonl')} was changed after the run finished: its result was signed over ${signed.journal.entries} lines, the file has ${lines.length}${signed.journal.entries === lines.length ? ' and a different last line' : ''}`,
      );
    }
  }
  if (started === null) throw refuse('journal.jsonl', `${path('journal.jsonl')} has no start`);
  return { promoter: planOpened.key, signers: [...keys.values()], plan: predicate, started };
}

function startsRun(entry: VerifiedRun['started'], plan: RunPlanPredicate): boolean {
  return (
    entry.runId === plan.runId &&
    entry.runKind === plan.runKind &&
    entry.rollbackOf === plan.rollbackOf &&
    entry.changesetId === plan.changesetId &&
    entry.environment === plan.environment &&
    entry.fingerprint === plan.fingerprint
  );
}

function short(keyId: string): string {
  return `${keyId.slice(0, 12)}…`;
}

/**
 * The one refusal: which run, which file, why, and what a person can do about it. A run from
 * another machine is history, but a teammate's genuine run may be recovered on purpose once it
 * verifies; the default next step says so.
 */
export function unverified(runId: string, file: string, reason: string, next?: string): FerryError {
  return new FerryError(
    'run.unverified',
    `Run ${runId} cannot be resumed or rolled back: ${reason}. Nothing was written. ${
      next ??
      `Ferry acts only on a run whose plan, journal and result are signed by a key trusted in this workspace (a teammate's run from another machine too, once it verifies); if this run is genuine, restore ${file} from its promoter's commit (git log -- ${file})`
    }`,
    { runId, file, reason },
  );
}

/** A judgement of a run's files made before acting on them; throws to refuse. */
export type RunCheck = (files: RunFiles) => Promise<void>;
