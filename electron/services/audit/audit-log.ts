import { mkdir, readdir, realpath } from 'node:fs/promises';
import { appendFileNoFollow } from '../fs/append-file';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { cloneJson, type JsonObject } from '../../../shared/model/canonical/json-value';
import type { AuditHead } from '../../../shared/signing/audit-head';
import { encodeBase64 } from '../../../shared/signing/base64';
import { keyIdSchema } from '../../../shared/signing/key-id';
import type { KeyService } from '../identity/key-service';
import type { TrustStore } from '../identity/trust-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import { withAuditAppendLock } from './audit-append-lock';
import { ANCHOR_FOLDERS, findAuditAnchors, type AuditAnchor } from './audit-anchors';
import {
  AUDIT_FOLDER,
  auditEntryHash,
  auditEntrySchema,
  auditFileName,
  auditSignedBytes,
  serializeAuditEntry,
  type AuditEntry,
} from './audit-entry';
import {
  checkAuditFile,
  parseEntry,
  readLines,
  signatureProblem,
  type AuditProblem,
  type AuditRemedy,
  type ChainSummary,
  type SignerKey,
} from './audit-file-check';
import { AuditHeadPins, type AuditHeadPin } from './audit-head-pins';

export type { AuditProblem } from './audit-file-check';

export interface AuditInput {
  /** `approve`, `reject`, `promote`, `override`, `rollback`, `trust-propose`, `policy-propose`, … */
  action: string;
  /** What the action was about, e.g. `changeset/<id>`, `run/<run id>` or `trust/<version>`. */
  subject: string;
  details?: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  problems: AuditProblem[];
  /** What to do about the problems, one line each, in the order the problems first need them. */
  remedies: string[];
  files: number;
  entries: number;
  /** Signatures checked against this machine's key or a key the trust root vouches for. */
  signaturesChecked: number;
  /** Signed by a key this machine does not trust: each is also a problem. */
  signaturesUnverifiable: number;
  /** Entries without a signature: each is also a problem. */
  unsigned: number;
  /** Signed documents that recorded an actor's chain head, each checked against her file. */
  anchorsChecked: number;
  /** Heads of this machine's own chain recorded in its data folder, each checked. */
  pinsChecked: number;
}

export interface AuditLogOptions {
  workspace: WorkspaceService;
  keys: KeyService;
  trust: TrustStore;
  /** The app's data folder, where this machine pins the heads of its own chains. */
  dataDir: string;
}

/**
 * The hash-chained audit trail, one file per actor key so teammates appending on different
 * machines never edit the same file (no merge conflicts, and each chain has a single writer: the
 * machine holding that key, which signs every entry).
 *
 * Writers: within a process the workspace write lock, across the processes of this machine the
 * actor's audit lock file (audit-append-lock.ts), which also covers the commit of `append`.
 *
 * Committing: `append` takes the workspace write lock and commits the entry on its own. A service
 * that records an action together with other files (an approval, a run) calls `stage` while it
 * already holds the lock, and commits the returned file with its own commit.
 */
export class AuditLog {
  private readonly pins: AuditHeadPins;

  constructor(private readonly options: AuditLogOptions) {
    this.pins = new AuditHeadPins(options.dataDir);
  }

  async append(
    actorKeyId: string,
    input: AuditInput,
  ): Promise<{ entry: AuditEntry; file: string; commit: string }> {
    const { workspace } = this.options;
    const dir = workspace.requirePath();
    const actor = parseActor(actorKeyId);
    // The file lock spans the commit too, so another process's append never commits this
    // entry half-way or races this commit on the git index.
    return workspace.writeLock.run(() =>
      this.crossProcess(actor, async () => {
        const staged = await this.stageHeld(actor, input);
        const commit = await commitFiles(
          dir,
          [staged.file],
          `audit: ${input.action} ${input.subject}`,
          workspace.author(),
          workspace.now(),
        );
        return { ...staged, commit };
      }),
    );
  }

  /**
   * Writes the next entry, signed, without committing. The caller must hold `workspace.writeLock`
   * and must commit `file`. The head is read and the entry written under the actor's audit lock
   * file, so another Ferry process sharing the data folder cannot take the same seq; the caller's
   * commit comes after it (a later append by another process may commit this line first, which
   * leaves the chain whole).
   *
   * Only this machine's own key is written for: an entry for anyone else could not be signed, and
   * an unsigned entry proves nothing. Nothing is added on top of a chain that was damaged or cut
   * since this machine last wrote to it, since a signed entry pointing at it would vouch for it.
   */
  async stage(actorKeyId: string, input: AuditInput): Promise<{ entry: AuditEntry; file: string }> {
    const actor = parseActor(actorKeyId);
    return this.crossProcess(actor, () => this.stageHeld(actor, input));
  }

  /**
   * Holds the actor's audit lock file (see audit-append-lock.ts) around `run`: the head is read
   * inside it, so another process sharing this data folder and key cannot take the same seq.
   */
  private crossProcess<T>(actor: string, run: () => Promise<T>): Promise<T> {
    const { workspace, dataDir } = this.options;
    return withAuditAppendLock(
      { dataDir, workspaceDir: workspace.requirePath(), actor, clock: () => workspace.now() },
      run,
    );
  }

  /** `stage` for a caller that holds the actor's audit lock. */
  private async stageHeld(actor: string, input: AuditInput): Promise<{ entry: AuditEntry; file: string }> {
    const { workspace, keys } = this.options;
    const local = await keys.requireIdentity();
    if (local.keyId !== actor) {
      throw new FerryError(
        'audit.foreign-actor',
        `This machine signs as key ${local.keyId} and records audit entries only for that key, not for ${actor}; the action must be recorded on the machine that holds that key`,
        { actor, localKeyId: local.keyId },
      );
    }
    const dir = workspace.requirePath();
    const file = auditFileName(actor);
    const signer: SignerKey = { publicKey: local.publicKey, owner: local.owner };
    const lines = await readLines(dir, file);
    const last = soundLastEntry(file, lines, signer);
    const names = await this.workspaceNames();
    const cut = pinProblems(await this.pins.pinned(names, actor), chainOfLines(lines), file)[0];
    if (cut) {
      throw new FerryError(
        'audit.trimmed',
        `${cut.problem}. Restore ${file} from git history (\`git log --all -- ${file}\`) before recording anything else`,
        { file },
      );
    }
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
      actor,
      action: input.action,
      subject: input.subject,
      details,
      prev: last?.hash ?? null,
    };
    const hash = auditEntryHash(unhashed);
    const sig = encodeBase64(await keys.sign(auditSignedBytes(hash)));
    const entry = auditEntrySchema.parse({ ...unhashed, hash, sig });
    await mkdir(join(dir, AUDIT_FOLDER), { recursive: true });
    await appendFileNoFollow(join(dir, file), serializeAuditEntry(entry));
    await this.pins.record(names, { keyId: actor, seq: entry.seq, hash: entry.hash });
    return { entry, file };
  }

  /**
   * The actor's current chain head, for a document she is about to sign (which then anchors it);
   * null when she has no entries. The last entry must check out (hash and signature): anchoring a
   * forged entry would make removing it look like a cut.
   */
  async head(actorKeyId: string): Promise<AuditHead | null> {
    const actor = parseActor(actorKeyId);
    const dir = this.options.workspace.requirePath();
    const file = auditFileName(actor);
    const signer = await this.signerLookup()(actor);
    const last = soundLastEntry(file, await readLines(dir, file), signer);
    return last ? { keyId: actor, seq: last.seq, hash: last.hash } : null;
  }

  /** Every entry of one actor, in file order; a damaged line is an error (run `verify` to see all). */
  async entries(actorKeyId: string): Promise<AuditEntry[]> {
    const dir = this.options.workspace.requirePath();
    const file = auditFileName(parseActor(actorKeyId));
    const lines = await readLines(dir, file);
    return lines.map(({ text, line }) => {
      const parsed = parseEntry(text);
      if (typeof parsed === 'string') throw corrupt(file, line, parsed);
      return parsed;
    });
  }

  /**
   * Checks every file (see `checkAuditFile`), then what the files alone cannot show: that each
   * chain still reaches every head its actor anchored in a document she signed, and that this
   * machine's own chain still reaches the head this machine recorded when it last wrote.
   */
  async verify(): Promise<AuditVerification> {
    const { workspace, keys } = this.options;
    const dir = workspace.requirePath();
    let names: string[];
    try {
      names = (await readdir(join(dir, AUDIT_FOLDER))).filter((name) => !name.startsWith('.')).sort();
    } catch {
      names = [];
    }
    const signerOf = this.signerLookup();
    const result: AuditVerification = {
      ok: true,
      problems: [],
      remedies: [],
      files: 0,
      entries: 0,
      signaturesChecked: 0,
      signaturesUnverifiable: 0,
      unsigned: 0,
      anchorsChecked: 0,
      pinsChecked: 0,
    };
    const remedies = new Map<string, string>();
    const report = (problem: AuditProblem, remedy: AuditRemedy, keyId?: string) => {
      result.problems.push(problem);
      const text = remedyText(remedy, problem.file, keyId);
      remedies.set(text, text);
    };

    const chains = new Map<string, ChainSummary>();
    for (const name of names) {
      const file = `${AUDIT_FOLDER}/${name}`;
      const match = /^([0-9a-f]{64})\.jsonl$/.exec(name);
      if (!match?.[1]) {
        report({ file, line: 0, problem: 'not an audit file: names must be <key id>.jsonl' }, 'remove-file');
        continue;
      }
      const actor = match[1];
      result.files += 1;
      const checked = await checkAuditFile(dir, file, actor, await signerOf(actor));
      for (const { remedy, ...problem } of checked.problems) report(problem, remedy, actor);
      chains.set(actor, checked.chain);
      result.entries += checked.entries;
      result.signaturesChecked += checked.signaturesChecked;
      result.signaturesUnverifiable += checked.signaturesUnverifiable;
      result.unsigned += checked.unsigned;
    }

    const scan = await findAuditAnchors(dir, async (keyId) => (await signerOf(keyId))?.publicKey ?? null);
    if (scan.incomplete) {
      report(
        {
          file: ANCHOR_FOLDERS.map((folder) => `${folder}/`).join(', '),
          line: 0,
          problem:
            'too many files or folders to look through for signed audit heads: the anchors past the limit were not checked',
        },
        'tidy-folders',
      );
    }
    result.anchorsChecked = scan.anchors.length;
    for (const problem of await anchorProblems(scan.anchors, chains, signerOf)) {
      report(problem, 'restore');
    }

    const local = await keys.identity();
    if (local) {
      const pins = await this.pins.pinned(await this.workspaceNames(), local.keyId);
      result.pinsChecked = pins.length;
      const file = auditFileName(local.keyId);
      for (const problem of pinProblems(pins, chains.get(local.keyId) ?? null, file)) {
        report(problem, 'restore');
      }
    }

    result.remedies = [...remedies.values()];
    result.ok = result.problems.length === 0;
    return result;
  }

  /**
   * The keys entries and anchors are checked with: this machine's own (whose public half it keeps
   * in its data folder) and those the trust root vouches for. Nothing in the workspace outside the
   * trust root names a key. A trust root that does not verify throws (`trust.unverified`).
   */
  private signerLookup(): (keyId: string) => Promise<SignerKey | null> {
    const { keys, trust } = this.options;
    const cache = new Map<string, Promise<SignerKey | null>>();
    return (keyId) => {
      let found = cache.get(keyId);
      if (!found) {
        found = (async () => {
          const local = await keys.identity();
          if (local?.keyId === keyId) return { publicKey: local.publicKey, owner: local.owner };
          const trusted = await trust.find(keyId);
          // The trust store recomputes every key id from its key; checked again, as it is cheap.
          return trusted && trusted.keyId === keyId
            ? { publicKey: trusted.publicKey, owner: trusted.owner }
            : null;
        })();
        cache.set(keyId, found);
      }
      return found;
    };
  }

  /**
   * The names this machine pins the workspace's chains under: its folder, which no pusher can
   * change, and its id from ferry.json, which follows it to a fresh clone elsewhere.
   */
  private async workspaceNames(): Promise<string[]> {
    const { workspace } = this.options;
    const dir = workspace.requirePath();
    const names = [`path:${await realpath(dir).catch(() => dir)}`];
    const id = await workspace
      .readConfig()
      .then((config) => config.id)
      .catch(() => undefined);
    if (id) names.push(`id:${id}`);
    return names;
  }
}

function parseActor(actorKeyId: string): string {
  const actor = keyIdSchema.safeParse(actorKeyId);
  if (!actor.success) throw new FerryError('request.invalid', `"${actorKeyId}" is not a key id`);
  return actor.data;
}

function corrupt(file: string, line: number, problem: string): FerryError {
  return new FerryError(
    'audit.corrupt',
    `${file} line ${line} is not a valid audit entry (${problem}); run \`ferry audit verify\``,
    { file, line },
  );
}

/**
 * The last entry, which the next one will point to; null for an empty file. Appending to (or
 * anchoring) a line that is damaged, edited or not signed by its actor would bury the damage under
 * a valid-looking signed entry, so each is refused.
 */
function soundLastEntry(
  file: string,
  lines: readonly { text: string; line: number }[],
  signer: SignerKey | null,
): AuditEntry | null {
  const last = lines[lines.length - 1];
  if (!last) return null;
  const parsed = parseEntry(last.text);
  if (typeof parsed === 'string') throw corrupt(file, last.line, parsed);
  if (auditEntryHash(parsed) !== parsed.hash) {
    throw corrupt(file, last.line, 'its content no longer matches its hash');
  }
  const signature = signatureProblem(parsed, signer);
  if (signature !== null) throw corrupt(file, last.line, signature);
  return parsed;
}

/** The chain as `checkAuditFile` would summarise it, from lines already read (bad ones skipped). */
function chainOfLines(lines: readonly { text: string; line: number }[]): ChainSummary | null {
  if (lines.length === 0) return null;
  const bySeq = new Map<number, { hash: string; line: number }>();
  let lastSeq = 0;
  for (const { text, line } of lines) {
    const entry = parseEntry(text);
    if (typeof entry === 'string' || bySeq.has(entry.seq)) continue;
    bySeq.set(entry.seq, { hash: entry.hash, line });
    lastSeq = Math.max(lastSeq, entry.seq);
  }
  return { bySeq, lastSeq };
}

/** Where this machine's own chain no longer reaches the heads it recorded. */
function pinProblems(
  pins: readonly AuditHeadPin[],
  chain: ChainSummary | null,
  file: string,
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const seen = new Set<string>();
  for (const pin of [...pins].sort((left, right) => right.seq - left.seq)) {
    const key = `${pin.seq} ${pin.hash}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = chain?.bySeq.get(pin.seq);
    if (!chain || chain.bySeq.size === 0) {
      problems.push({
        file,
        line: 0,
        problem: `audit file deleted: this machine recorded your key's audit log up to seq ${pin.seq} (hash ${pin.hash}), the workspace has none of it`,
      });
    } else if (!found) {
      problems.push({
        file,
        line: 0,
        problem:
          pin.seq > chain.lastSeq
            ? `the audit log of your key was cut: this machine recorded seq ${pin.seq}, the workspace has ${chain.lastSeq}`
            : `the audit log of your key lost seq ${pin.seq}, which this machine recorded (hash ${pin.hash})`,
      });
    } else if (found.hash !== pin.hash) {
      problems.push({
        file,
        line: found.line,
        problem: `the audit log of your key was rewritten: this machine recorded seq ${pin.seq} with hash ${pin.hash}, the workspace's seq ${pin.seq} has ${found.hash}`,
      });
    }
  }
  return problems;
}

/**
 * Where a chain no longer reaches a head its actor signed. For a cut end or a deleted file the
 * highest anchor says it all (the others are counted); a differing hash is reported per document.
 */
async function anchorProblems(
  anchors: readonly AuditAnchor[],
  chains: ReadonlyMap<string, ChainSummary>,
  signerOf: (keyId: string) => Promise<SignerKey | null>,
): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const missing = new Map<string, AuditAnchor[]>();
  for (const anchor of anchors) {
    const { keyId, seq, hash } = anchor.head;
    const found = chains.get(keyId)?.bySeq.get(seq);
    if (!found) {
      missing.set(keyId, [...(missing.get(keyId) ?? []), anchor]);
    } else if (found.hash !== hash) {
      const signer = describeSigner(keyId, await signerOf(keyId));
      problems.push({
        file: auditFileName(keyId),
        line: found.line,
        problem: `seq ${seq} was rewritten: ${anchor.source} (signed by ${signer}) records seq ${seq} hash ${hash}, the file has ${found.hash}`,
      });
    }
  }
  for (const [keyId, list] of [...missing].sort(([left], [right]) => (left < right ? -1 : 1))) {
    const [highest] = [...list].sort(
      (left, right) => right.head.seq - left.head.seq || (left.source < right.source ? -1 : 1),
    );
    if (!highest) continue;
    const chain = chains.get(keyId);
    const signer = describeSigner(keyId, await signerOf(keyId));
    const more = list.length > 1 ? ` (and ${list.length - 1} more signed documents)` : '';
    const evidence = `${highest.source} (signed by ${signer}) records seq ${highest.head.seq} hash ${highest.head.hash}${more}`;
    const what = !chain
      ? 'audit file deleted'
      : highest.head.seq > chain.lastSeq
        ? `entries removed after seq ${chain.lastSeq}`
        : `entries removed`;
    problems.push({ file: auditFileName(keyId), line: 0, problem: `${what}: ${evidence}` });
  }
  return problems;
}

function describeSigner(keyId: string, signer: SignerKey | null): string {
  return signer ? `${signer.owner}, key ${keyId}` : `key ${keyId}`;
}

function remedyText(remedy: AuditRemedy, file: string, keyId?: string): string {
  switch (remedy) {
    case 'restore':
      return `restore ${file} from git history: \`git log --all -- ${file}\` lists the commits that changed it, \`git show <commit>:${file}\` shows it as it was`;
    case 'revert-entries':
      return `find the commit that added the damaged or unsigned lines to ${file} (\`git log -p -- ${file}\`) and revert it`;
    case 'trust-or-revert':
      return `key ${keyId ?? file} is not trusted here: if it is a teammate's, an admin adds it to the trust root; if not, revert the commit that added ${file} (\`git log -- ${file}\`)`;
    case 'remove-file':
      return `remove ${file}: only <key id>.jsonl files belong in ${AUDIT_FOLDER}/`;
    case 'tidy-folders':
      return `remove what does not belong under ${ANCHOR_FOLDERS.join('/, ')}/ (\`git log --stat\` shows who added it)`;
  }
}
