import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { cloneJson, type JsonObject } from '../../../shared/model/canonical/json-value';
import type { TrustedKey } from '../../../shared/model/trust';
import { decodeCanonicalBase64, encodeBase64 } from '../../../shared/signing/base64';
import { keyIdSchema } from '../../../shared/signing/key-id';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { verifyEd25519 } from '../identity/ed25519';
import type { KeyService } from '../identity/key-service';
import type { TrustStore } from '../identity/trust-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import {
  AUDIT_FOLDER,
  auditEntryHash,
  auditEntrySchema,
  auditFileName,
  auditSignedBytes,
  serializeAuditEntry,
  type AuditEntry,
} from './audit-entry';

export interface AuditInput {
  /** `approve`, `reject`, `promote`, `override`, `rollback`, … */
  action: string;
  /** What the action was about, e.g. `changeset/<id>` or `run/<run id>`. */
  subject: string;
  details?: Record<string, unknown>;
}

export interface AuditProblem {
  file: string;
  /** 1-based line in the file; 0 when the problem is the file itself. */
  line: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  problems: AuditProblem[];
  files: number;
  entries: number;
  /** Signatures checked against this machine's key or a key in trust.json. */
  signaturesChecked: number;
  /** Signed by a key this verifier does not know: the chain is checked, the signature cannot be. */
  signaturesUnverifiable: number;
  /** Entries recorded for an actor other than the machine that wrote them (never signed). */
  unsigned: number;
}

export interface AuditLogOptions {
  workspace: WorkspaceService;
  keys: KeyService;
  trust: TrustStore;
}

/**
 * The hash-chained audit trail, one file per actor key so teammates appending on different
 * machines never edit the same file (no merge conflicts, and each chain has a single writer).
 *
 * Committing: `append` takes the workspace write lock and commits the entry on its own. A service
 * that records an action together with other files (an approval, a run) calls `stage` while it
 * already holds the lock, and commits the returned file with its own commit.
 */
export class AuditLog {
  constructor(private readonly options: AuditLogOptions) {}

  async append(
    actorKeyId: string,
    input: AuditInput,
  ): Promise<{ entry: AuditEntry; file: string; commit: string }> {
    const { workspace } = this.options;
    const dir = workspace.requirePath();
    return workspace.writeLock.run(async () => {
      const staged = await this.stage(actorKeyId, input);
      const commit = await commitFiles(
        dir,
        [staged.file],
        `audit: ${input.action} ${input.subject}`,
        workspace.author(),
        workspace.now(),
      );
      return { ...staged, commit };
    });
  }

  /**
   * Writes the next entry without committing. The caller must hold `workspace.writeLock` (two
   * stagers at once would both take the same seq) and must commit `file`.
   */
  async stage(actorKeyId: string, input: AuditInput): Promise<{ entry: AuditEntry; file: string }> {
    const actor = keyIdSchema.safeParse(actorKeyId);
    if (!actor.success) throw new FerryError('request.invalid', `"${actorKeyId}" is not a key id`);
    const { workspace, keys } = this.options;
    const dir = workspace.requirePath();
    const file = auditFileName(actor.data);
    const last = await this.lastEntry(dir, file);
    let details: JsonObject;
    try {
      details = cloneJson(input.details ?? {}) as JsonObject;
    } catch (error) {
      throw new FerryError(
        'request.invalid',
        `Audit details must be JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const unhashed = {
      seq: (last?.seq ?? 0) + 1,
      at: workspace.now().toISOString(),
      actor: actor.data,
      action: input.action,
      subject: input.subject,
      details,
      prev: last?.hash ?? null,
    };
    const hash = auditEntryHash(unhashed);
    const local = await keys.identity();
    const sig =
      local?.keyId === actor.data ? encodeBase64(await keys.sign(auditSignedBytes(hash))) : undefined;
    const entry = auditEntrySchema.parse({ ...unhashed, hash, ...(sig !== undefined ? { sig } : {}) });
    await mkdir(join(dir, AUDIT_FOLDER), { recursive: true });
    await appendFile(join(dir, file), serializeAuditEntry(entry));
    return { entry, file };
  }

  /** Every entry of one actor, in file order; a damaged line is an error (run `verify` to see all). */
  async entries(actorKeyId: string): Promise<AuditEntry[]> {
    const dir = this.options.workspace.requirePath();
    const file = auditFileName(keyIdSchema.parse(actorKeyId));
    const lines = await readLines(dir, file);
    return lines.map(({ text, line }) => {
      const parsed = parseEntry(text);
      if (typeof parsed === 'string') throw corrupt(file, line, parsed);
      return parsed;
    });
  }

  /**
   * Checks every file: each entry's hash against its content (an edit), the seq numbers for gaps
   * (a removal), their order (a reordering), each `prev` against the entry before it by seq, and
   * each signature against the actor's key. A removed *last* entry or a deleted file leaves no
   * trace in the chain itself; git history is what shows those.
   */
  async verify(): Promise<AuditVerification> {
    const { workspace, keys, trust } = this.options;
    const dir = workspace.requirePath();
    let names: string[];
    try {
      names = (await readdir(join(dir, AUDIT_FOLDER))).filter((name) => !name.startsWith('.')).sort();
    } catch {
      names = [];
    }
    const local = await keys.identity();
    const trusted = await trust.list();
    const result: AuditVerification = {
      ok: true,
      problems: [],
      files: 0,
      entries: 0,
      signaturesChecked: 0,
      signaturesUnverifiable: 0,
      unsigned: 0,
    };
    for (const name of names) {
      const file = `${AUDIT_FOLDER}/${name}`;
      const match = /^([0-9a-f]{64})\.jsonl$/.exec(name);
      if (!match?.[1]) {
        result.problems.push({ file, line: 0, problem: 'not an audit file: names must be <key id>.jsonl' });
        continue;
      }
      const actor = match[1];
      result.files += 1;
      const publicKey = publicKeyFor(actor, local, trusted);
      const checked = await verifyFile(dir, file, actor, publicKey);
      result.problems.push(...checked.problems);
      result.entries += checked.entries;
      result.signaturesChecked += checked.signaturesChecked;
      result.signaturesUnverifiable += checked.signaturesUnverifiable;
      result.unsigned += checked.unsigned;
    }
    result.ok = result.problems.length === 0;
    return result;
  }

  private async lastEntry(dir: string, file: string): Promise<AuditEntry | null> {
    const lines = await readLines(dir, file);
    const last = lines[lines.length - 1];
    if (!last) return null;
    const parsed = parseEntry(last.text);
    // Appending to a broken chain would bury the damage under a valid-looking entry.
    if (typeof parsed === 'string') throw corrupt(file, last.line, parsed);
    return parsed;
  }
}

function corrupt(file: string, line: number, problem: string): FerryError {
  return new FerryError(
    'audit.corrupt',
    `${file} line ${line} is not a valid audit entry (${problem}); run \`ferry audit verify\``,
    { file, line },
  );
}

async function readLines(dir: string, file: string): Promise<{ text: string; line: number }[]> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  // Every entry ends with a newline, so the piece after the last one is empty.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, index) => ({ text: line, line: index + 1 }));
}

/** The entry, or the reason it is not one. */
function parseEntry(text: string): AuditEntry | string {
  let raw: unknown;
  try {
    raw = parseStrictJson(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const parsed = auditEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || '(entry)'}: ${issue?.message ?? 'invalid'}`;
  }
  return parsed.data;
}

function publicKeyFor(
  actor: string,
  local: { keyId: string; publicKey: string } | null,
  trusted: readonly TrustedKey[],
): string | null {
  if (local?.keyId === actor) return local.publicKey;
  // trust.json's schema has already recomputed every key id from its key.
  return trusted.find((key) => key.keyId === actor)?.publicKey ?? null;
}

async function verifyFile(dir: string, file: string, actor: string, publicKey: string | null) {
  const problems: AuditProblem[] = [];
  const report = (line: number, problem: string) => problems.push({ file, line, problem });
  const entries: { entry: AuditEntry; line: number }[] = [];
  let signaturesChecked = 0;
  let signaturesUnverifiable = 0;
  let unsigned = 0;

  for (const { text, line } of await readLines(dir, file)) {
    const parsed = parseEntry(text);
    if (typeof parsed === 'string') {
      report(line, `not a valid audit entry: ${parsed}`);
      continue;
    }
    entries.push({ entry: parsed, line });
  }

  const bySeq = new Map<number, { entry: AuditEntry; line: number }>();
  let previous: { entry: AuditEntry; line: number } | undefined;
  for (const current of entries) {
    const { entry, line } = current;
    if (entry.actor !== actor) {
      report(line, `entry names actor ${entry.actor} but is in the file of ${actor}`);
    }
    if (auditEntryHash(entry) !== entry.hash) {
      report(line, `entry seq ${entry.seq} was edited: its content no longer matches its hash`);
    }
    if (previous && entry.seq <= previous.entry.seq) {
      report(
        line,
        `entries out of order: seq ${entry.seq} comes after seq ${previous.entry.seq} (line ${previous.line})`,
      );
    }
    const twin = bySeq.get(entry.seq);
    if (twin) report(line, `seq ${entry.seq} appears twice (also line ${twin.line})`);
    else bySeq.set(entry.seq, current);
    if (entry.sig === undefined) {
      unsigned += 1;
    } else if (publicKey === null) {
      signaturesUnverifiable += 1;
    } else {
      signaturesChecked += 1;
      const signature = decodeCanonicalBase64(entry.sig);
      if (signature === null || !verifyEd25519(publicKey, auditSignedBytes(entry.hash), signature)) {
        report(line, `entry seq ${entry.seq} has a bad signature: it was not signed by key ${actor}`);
      }
    }
    previous = current;
  }

  // Gaps and chain links are judged by seq, not by line, so a reordering is reported once as a
  // reordering and not again as a removal or a broken link.
  const seqs = [...bySeq.keys()].sort((left, right) => left - right);
  let expected = 1;
  for (const seq of seqs) {
    const { entry, line } = bySeq.get(seq) as { entry: AuditEntry; line: number };
    if (seq > expected) {
      const range = seq - 1 === expected ? `seq ${expected} is` : `seq ${expected}–${seq - 1} are`;
      report(line, `entries removed: ${range} missing before seq ${seq}`);
    }
    expected = seq + 1;
    if (seq === 1) {
      if (entry.prev !== null) report(line, 'the first entry (seq 1) must not point to an earlier one');
      continue;
    }
    const before = bySeq.get(seq - 1);
    if (before && entry.prev !== before.entry.hash) {
      report(
        line,
        `chain broken: seq ${seq} does not point to the hash of seq ${seq - 1} (line ${before.line})`,
      );
    }
  }
  problems.sort((left, right) => left.line - right.line);
  return { problems, entries: entries.length, signaturesChecked, signaturesUnverifiable, unsigned };
}
