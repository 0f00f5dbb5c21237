import type { z } from 'zod';
import { changesetSchema, type Changeset } from '../model/changeset';
import { changesetDigest } from '../model/changeset-digest';
import { sha256Hex } from '../model/canonical/sha256';
import type { PackageCheck, PackageReport, PackageSigner } from '../model/package-wire';
import { keyAllows, keyValidity, type TrustedKey } from '../model/trust';
import type { EnvironmentPolicy } from '../promotion/policy';
import {
  APPROVAL_PREDICATE_TYPE,
  approvalStatementSchema,
  changesetSubjectName,
  type ApprovalPredicate,
} from '../signing/approval-statement';
import { IN_TOTO_PAYLOAD_TYPE } from '../signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../signing/in-toto-statement';
import { preAuthEncoding } from '../signing/pae';
import { parseStrictJson } from '../signing/strict-json';
import {
  CHANGESET_ARTIFACT,
  CLOCK_SKEW_MS,
  PACKAGE_PREDICATE_TYPE,
  REQUIRED_ARTIFACTS,
  packageStatementSchema,
  type PackageStatement,
} from './package-format';
import type { OpenedEnvelope, OpenedPackage } from './read-package';

/**
 * Offline verification of a change package, in two pure steps around the one thing the caller
 * must look up in its workspace (each target's policy, latest snapshot and runs):
 *
 *   inspectPackage  signatures, statements, artifacts, approvals, times — needs the trusted keys only
 *   judgePackage    per target: configured, package age, approvals counted against its policy,
 *                   self-approval, base snapshot, already applied; and the local changeset
 *
 * Every check is reported with its result; import requires all of them to pass.
 */

/** Ed25519 verification, supplied by the host (Node's crypto in the main process). */
export type SignatureVerifier = (publicKeyPem: string, data: Uint8Array, signature: Uint8Array) => boolean;

export interface InspectContext {
  trusted: readonly TrustedKey[];
  now: Date;
  verify: SignatureVerifier;
  /** Judge the package for this environment only; it must be one the package names. */
  target?: string;
}

export interface ApprovalFact {
  /** 1-based, as the checks name it (`approval-1-signature`). */
  index: number;
  signer: TrustedKey | null;
  /** The key id the envelope states (unauthenticated), or the signer's. */
  keyId: string;
  predicate: ApprovalPredicate | null;
  /** Signature, statement, binding, decision, validity and time all passed. */
  sound: boolean;
  /** sha256 of the envelope's payload bytes. */
  payloadSha256: string;
  envelope: OpenedEnvelope['envelope'];
}

export interface PackageFacts {
  statement: PackageStatement | null;
  authorSigner: TrustedKey | null;
  authorKeyId: string | null;
  changeset: Changeset | null;
  /** `sha256:<hex>` of the changeset artifact, which is the changeset's digest once it is canonical. */
  changesetDigest: string | null;
  /** sha256 of the author envelope's payload: names this package in provenance. */
  authorStatementSha256: string;
  approvals: ApprovalFact[];
  /** The targets judged: the package's, or only the one asked for. */
  targets: string[];
}

export interface InspectResult {
  checks: PackageCheck[];
  facts: PackageFacts;
  signers: PackageSigner[];
}

/** What the workspace knows about one target, gathered by the caller. */
export interface TargetContext {
  environment: string;
  /** Null when the environment is not configured here. */
  policy: EnvironmentPolicy | null;
  /** Why the policy could not be read, when it could not. */
  problem: string | null;
  /** The target's latest snapshot judged against the changeset; null without a snapshot. */
  snapshot: { commit: string; conflicts: string[]; writes: number; noops: number } | null;
  /** Runs that already applied this changeset digest to the target. */
  appliedBy: { runId: string; finishedAt: string | null }[];
}

export interface JudgeContext {
  now: Date;
  targets: readonly TargetContext[];
  /** The changeset of the same id already in this workspace, if any. */
  local: { digest: string } | null;
  /** Whether the source snapshot commit is in this workspace's history (null: none recorded). */
  sourceCommitKnown: boolean | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function pass(check: string, detail: string): PackageCheck {
  return { check, passed: true, detail };
}
function fail(check: string, detail: string): PackageCheck {
  return { check, passed: false, detail };
}

export function shortKey(keyId: string): string {
  return `${keyId.slice(0, 16)}…`;
}

function samePerson(left: string, right: string): boolean {
  return left.trim() !== '' && left.trim().toLowerCase() === right.trim().toLowerCase();
}

function who(key: TrustedKey): string {
  return `${key.owner}'s key ${shortKey(key.keyId)}`;
}

interface EnvelopeResult {
  checks: PackageCheck[];
  signer: TrustedKey | null;
  /** The stated key id of the signature that verified, else the first stated one. */
  keyId: string | null;
}

/**
 * Who signed an envelope. Trust is decided by trying the trusted keys against the PAE of the
 * payload, never by the envelope's `keyid`, which is unsigned: that only orders the attempts, and
 * a keyid that names another key than the one that signed is reported as spoofed.
 */
function checkEnvelope(prefix: string, envelope: OpenedEnvelope, context: InspectContext): EnvelopeResult {
  const checks: PackageCheck[] = [];
  checks.push(
    envelope.payloadType === IN_TOTO_PAYLOAD_TYPE
      ? pass(`${prefix}-payload-type`, IN_TOTO_PAYLOAD_TYPE)
      : fail(
          `${prefix}-payload-type`,
          `payloadType is ${JSON.stringify(envelope.payloadType.slice(0, 100))}, not ${IN_TOTO_PAYLOAD_TYPE}`,
        ),
  );
  const signed = preAuthEncoding(envelope.payloadType, envelope.payload);
  const hints = envelope.signatures.flatMap((signature) => (signature.keyid ? [signature.keyid] : []));
  const ordered = [...context.trusted].sort(
    (left, right) => Number(hints.includes(right.keyId)) - Number(hints.includes(left.keyId)),
  );
  let signer: TrustedKey | null = null;
  let statedKeyId: string | null = null;
  for (const key of ordered) {
    const signature = envelope.signatures.find((candidate) =>
      context.verify(key.publicKey, signed, candidate.sig),
    );
    if (signature) {
      signer = key;
      statedKeyId = signature.keyid;
      break;
    }
  }
  if (signer) {
    checks.push(pass(`${prefix}-trusted`, `signed by ${who(signer)}, which the trust root holds`));
    checks.push(
      pass(`${prefix}-signature`, `the signature over the payload and its type verifies with ${who(signer)}`),
    );
    checks.push(
      statedKeyId === null || statedKeyId === signer.keyId
        ? pass(
            `${prefix}-keyid`,
            statedKeyId === null
              ? 'no keyid given; the key was found by trying the trusted keys'
              : 'the keyid names the key that signed (recomputed from the trusted public key)',
          )
        : fail(
            `${prefix}-keyid`,
            `the envelope's keyid says ${shortKey(statedKeyId)}${nameOf(statedKeyId, context.trusted)}, but the signature is by ${who(signer)}: the keyid is spoofed`,
          ),
    );
    return { checks, signer, keyId: signer.keyId };
  }
  const named = context.trusted.find((key) => hints.includes(key.keyId));
  if (named) {
    checks.push(pass(`${prefix}-trusted`, `the keyid names ${who(named)}, which the trust root holds`));
    checks.push(
      fail(
        `${prefix}-signature`,
        `the signature does not verify with ${who(named)} that the envelope's keyid names: the payload or payloadType was changed after signing, or another key signed it under that keyid`,
      ),
    );
    return { checks, signer: null, keyId: named.keyId };
  }
  checks.push(
    fail(
      `${prefix}-trusted`,
      `no key in the trust root made this signature; it names key ${hints[0] ? shortKey(hints[0]) : '(none)'}, which the trust root does not hold`,
    ),
  );
  return { checks, signer: null, keyId: hints[0] ?? null };
}

function nameOf(keyId: string, trusted: readonly TrustedKey[]): string {
  const key = trusted.find((candidate) => candidate.keyId === keyId);
  return key ? ` (${key.owner})` : ' (not in the trust root)';
}

/** Reads an in-toto statement out of a payload, one check per thing that can be wrong with it. */
function checkStatement<S extends z.ZodType>(
  prefix: string,
  payload: Uint8Array,
  predicateType: string,
  schema: S,
): { checks: PackageCheck[]; statement: z.infer<S> | null } {
  const checks: PackageCheck[] = [];
  let raw: unknown;
  try {
    raw = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (error) {
    checks.push(
      fail(
        `${prefix}-statement`,
        `the payload is not a JSON statement: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return { checks, statement: null };
  }
  const record =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const type = record._type;
  checks.push(
    type === IN_TOTO_STATEMENT_TYPE
      ? pass(`${prefix}-statement-type`, `_type ${IN_TOTO_STATEMENT_TYPE}`)
      : fail(
          `${prefix}-statement-type`,
          `_type is ${JSON.stringify(type) ?? 'missing'}, not ${IN_TOTO_STATEMENT_TYPE}`,
        ),
  );
  const predicate = record.predicateType;
  checks.push(
    predicate === predicateType
      ? pass(`${prefix}-predicate-type`, `predicateType ${predicateType}`)
      : fail(
          `${prefix}-predicate-type`,
          `predicateType is ${JSON.stringify(predicate) ?? 'missing'}, not ${predicateType}`,
        ),
  );
  if (type !== IN_TOTO_STATEMENT_TYPE || predicate !== predicateType) return { checks, statement: null };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    checks.push(
      fail(
        `${prefix}-statement`,
        `the statement is not as ${predicateType} has it: ${issue?.path.map(String).join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
      ),
    );
    return { checks, statement: null };
  }
  checks.push(pass(`${prefix}-statement`, 'a well-formed statement'));
  return { checks, statement: parsed.data as z.infer<S> };
}

/** Whether a key could be believed both when it says it signed and now; a revocation counts whenever. */
function validityCheck(name: string, key: TrustedKey, signedAt: string, now: Date): PackageCheck {
  const current = keyValidity(key, now);
  if (current.state === 'revoked') {
    return fail(name, `${who(key)} was revoked on ${current.at}: ${current.reason}`);
  }
  const then = keyValidity(key, new Date(signedAt));
  if (then.state === 'not-yet-valid') {
    return fail(name, `${who(key)} is not valid before ${then.from}, and it signed at ${signedAt}`);
  }
  if (then.state === 'expired') {
    return fail(name, `${who(key)} expired on ${then.at}, before it signed at ${signedAt}`);
  }
  if (current.state === 'expired') return fail(name, `${who(key)} expired on ${current.at}`);
  if (current.state === 'not-yet-valid') return fail(name, `${who(key)} is not valid before ${current.from}`);
  return pass(name, `${who(key)} was valid when it signed (${signedAt}) and is valid now`);
}

function roleCheck(
  name: string,
  key: TrustedKey,
  role: 'author' | 'approver',
  targets: readonly string[],
): PackageCheck {
  if (!keyAllows(key, role)) {
    return fail(name, `${who(key)} is trusted as ${key.roles.join(', ')}, not as ${role}`);
  }
  const refused = targets.filter((target) => !keyAllows(key, role, target));
  if (refused.length > 0) {
    return fail(
      name,
      `${who(key)} may act as ${role} for ${key.environments.join(', ')} only, not for ${refused.join(', ')}`,
    );
  }
  const scope = key.environments.length === 0 ? 'every environment' : key.environments.join(', ');
  return pass(name, `${who(key)} holds the ${role} role for ${scope}`);
}

export function inspectPackage(opened: OpenedPackage, context: InspectContext): InspectResult {
  const checks: PackageCheck[] = [];
  const now = context.now;

  // The author's envelope and statement.
  const author = checkEnvelope('author', opened.author, context);
  checks.push(...author.checks);
  const read = checkStatement(
    'author',
    opened.author.payload,
    PACKAGE_PREDICATE_TYPE,
    packageStatementSchema,
  );
  checks.push(...read.checks);
  const statement = read.statement;
  const requested = context.target;
  const targets = statement
    ? statement.predicate.targetEnvironments.filter(
        (target) => requested === undefined || target === requested,
      )
    : [];
  if (statement && author.signer) {
    const claimed = statement.predicate.author;
    checks.push(
      claimed.keyId === author.signer.keyId
        ? pass(
            'author-identity',
            `the statement names ${author.signer.owner}'s key as its author, and that key signed it`,
          )
        : fail(
            'author-identity',
            `the statement says its author is ${claimed.owner} (key ${shortKey(claimed.keyId)}), but ${who(author.signer)} signed it: signed with the wrong key`,
          ),
    );
    checks.push(roleCheck('author-role', author.signer, 'author', targets));
    checks.push(validityCheck('author-key-validity', author.signer, statement.predicate.createdAt, now));
  }

  // Artifacts against the author's signed subjects.
  let changeset: Changeset | null = null;
  let digest: string | null = null;
  if (statement) {
    const artifactNames = opened.artifacts.map((artifact) => artifact.name);
    const subjectNames = statement.subject.map((subject) => subject.name);
    const repeated = [
      ...duplicates(artifactNames).map((name) => `artifact ${name}`),
      ...duplicates(subjectNames).map((name) => `subject ${name}`),
    ];
    checks.push(
      repeated.length === 0
        ? pass('artifacts-unique', 'each artifact and each subject name appears once')
        : fail(
            'artifacts-unique',
            `${repeated.join(', ')} appears more than once: which copy was signed is ambiguous`,
          ),
    );
    const missing = [
      ...subjectNames.filter((name) => !artifactNames.includes(name)),
      ...REQUIRED_ARTIFACTS.filter((name) => !subjectNames.includes(name) && !artifactNames.includes(name)),
    ];
    checks.push(
      missing.length === 0
        ? pass('artifacts-present', `every signed subject is in the package (${subjectNames.join(', ')})`)
        : fail(
            'artifacts-present',
            `the package lacks ${[...new Set(missing)].join(', ')}, which the author's statement signs or a package needs`,
          ),
    );
    const unsigned = artifactNames.filter((name) => !subjectNames.includes(name));
    checks.push(
      unsigned.length === 0
        ? pass('artifacts-signed', "every artifact is a subject of the author's statement")
        : fail(
            'artifacts-signed',
            `${unsigned.join(', ')} ${unsigned.length === 1 ? 'is' : 'are'} in the package but not signed by the author (extra)`,
          ),
    );
    for (const artifact of opened.artifacts) {
      const subject = statement.subject.find((candidate) => candidate.name === artifact.name);
      if (!subject) continue;
      const signedDigest = subject.digest.sha256 ?? '';
      checks.push(
        signedDigest === artifact.sha256
          ? pass(`artifact:${artifact.name}`, `sha256 ${artifact.sha256} as signed`)
          : fail(
              `artifact:${artifact.name}`,
              `its sha256 is ${artifact.sha256}, but the author signed ${signedDigest}: the artifact was altered`,
            ),
      );
    }
    const changesetArtifact = opened.artifacts.find((artifact) => artifact.name === CHANGESET_ARTIFACT);
    if (changesetArtifact) {
      const result = readChangeset(changesetArtifact.bytes, changesetArtifact.sha256, statement);
      checks.push(result.check);
      changeset = result.changeset;
      digest = `sha256:${changesetArtifact.sha256}`;
    }

    // Times.
    const created = Date.parse(statement.predicate.createdAt);
    const expires = Date.parse(statement.predicate.expiresAt);
    checks.push(
      created <= now.getTime() + CLOCK_SKEW_MS
        ? pass('created-at', `created ${statement.predicate.createdAt}`)
        : fail(
            'created-at',
            `createdAt ${statement.predicate.createdAt} is in the future (it is ${now.toISOString()} here)`,
          ),
    );
    checks.push(
      expires <= created
        ? fail(
            'expires-at',
            `expiresAt ${statement.predicate.expiresAt} is not after createdAt ${statement.predicate.createdAt}`,
          )
        : expires <= now.getTime()
          ? fail(
              'expires-at',
              `the package expired at ${statement.predicate.expiresAt} (it is ${now.toISOString()} here)`,
            )
          : pass('expires-at', `valid until ${statement.predicate.expiresAt}`),
    );
    if (requested !== undefined) {
      checks.push(
        targets.length > 0
          ? pass('target-environment', `the package is for ${requested}`)
          : fail(
              'target-environment',
              `the package is for ${statement.predicate.targetEnvironments.join(', ')}, not for ${requested}: wrong target environment`,
            ),
      );
    }
  }

  // Approvals: each the approver's own envelope, bound to the packaged changeset by its digest.
  const approvals = opened.approvals.map((envelope, position) =>
    inspectApproval(position + 1, envelope, context, statement, digest, targets, checks),
  );
  if (statement) {
    checks.push(listedCheck(statement, approvals));
    const byKey = new Map<string, { key: TrustedKey; indexes: number[] }>();
    for (const approval of approvals) {
      if (!approval.signer) continue;
      const entry = byKey.get(approval.signer.keyId) ?? { key: approval.signer, indexes: [] };
      entry.indexes.push(approval.index);
      byKey.set(approval.signer.keyId, entry);
    }
    const twice = [...byKey.values()].filter((entry) => entry.indexes.length > 1);
    checks.push(
      twice.length === 0
        ? pass('approvals-distinct', 'each approval is by a different key')
        : fail(
            'approvals-distinct',
            `${twice
              .map((entry) => `${who(entry.key)} signed approvals ${entry.indexes.join(' and ')}`)
              .join('; ')}: a key counts once toward a threshold, and a package carries one approval per key`,
          ),
    );
  }

  const facts: PackageFacts = {
    statement,
    authorSigner: author.signer,
    authorKeyId: author.keyId,
    changeset,
    changesetDigest: digest,
    authorStatementSha256: sha256Hex(opened.author.payload),
    approvals,
    targets,
  };
  return { checks, facts, signers: signersOf(facts, checks) };
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

function readChangeset(
  bytes: Uint8Array,
  sha256: string,
  statement: PackageStatement,
): { check: PackageCheck; changeset: Changeset | null } {
  let raw: unknown;
  try {
    raw = parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      ),
      changeset: null,
    };
  }
  const parsed = changesetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is not a valid changeset: ${issue?.path.map(String).join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
      ),
      changeset: null,
    };
  }
  const changeset = parsed.data;
  if (changesetDigest(changeset) !== `sha256:${sha256}`) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is not in canonical form: its bytes hash to ${sha256}, the changeset they hold to ${changesetDigest(changeset).slice(7)}`,
      ),
      changeset: null,
    };
  }
  if (changeset.id !== statement.predicate.changeId || changeset.title !== statement.predicate.title) {
    return {
      check: fail(
        'changeset',
        `${CHANGESET_ARTIFACT} is changeset "${changeset.id}" ("${changeset.title}"), but the statement says "${statement.predicate.changeId}" ("${statement.predicate.title}")`,
      ),
      changeset: null,
    };
  }
  return {
    check: pass(
      'changeset',
      `changeset ${changeset.id}, ${changeset.operations.length} operation${changeset.operations.length === 1 ? '' : 's'}, digest sha256:${sha256}`,
    ),
    changeset,
  };
}

function inspectApproval(
  index: number,
  opened: OpenedEnvelope,
  context: InspectContext,
  statement: PackageStatement | null,
  digest: string | null,
  targets: readonly string[],
  checks: PackageCheck[],
): ApprovalFact {
  const prefix = `approval-${index}`;
  const start = checks.length;
  const envelope = checkEnvelope(prefix, opened, context);
  checks.push(...envelope.checks);
  const read = checkStatement(prefix, opened.payload, APPROVAL_PREDICATE_TYPE, approvalStatementSchema);
  checks.push(...read.checks);
  const predicate = read.statement?.predicate ?? null;
  const signer = envelope.signer;
  if (read.statement && predicate && signer) {
    checks.push(
      predicate.approver.keyId === signer.keyId
        ? pass(
            `${prefix}-identity`,
            `the approval names ${signer.owner}'s key as the approver, and that key signed it`,
          )
        : fail(
            `${prefix}-identity`,
            `the approval says its approver is ${predicate.approver.owner} (key ${shortKey(predicate.approver.keyId)}), but ${who(signer)} signed it`,
          ),
    );
  }
  if (read.statement && predicate && statement && digest) {
    const [subject] = read.statement.subject;
    const signedDigest = `sha256:${subject?.digest.sha256 ?? ''}`;
    const changeId = statement.predicate.changeId;
    checks.push(
      predicate.changesetId !== changeId
        ? fail(
            `${prefix}-binding`,
            `this approval is of changeset "${predicate.changesetId}", not "${changeId}": taken from another change (replayed)`,
          )
        : subject?.name !== changesetSubjectName(changeId)
          ? fail(
              `${prefix}-binding`,
              `this approval names ${subject?.name ?? 'nothing'}, not ${changesetSubjectName(changeId)}`,
            )
          : signedDigest !== digest
            ? fail(
                `${prefix}-binding`,
                `this approval signs ${signedDigest.slice(0, 23)}…, not the packaged changeset ${digest.slice(0, 23)}…: it approves another version (replayed)`,
              )
            : pass(`${prefix}-binding`, `signs the packaged changeset's digest ${digest.slice(0, 23)}…`),
    );
    checks.push(
      predicate.decision === 'approved'
        ? pass(`${prefix}-decision`, 'approved')
        : fail(`${prefix}-decision`, `the decision is "${predicate.decision}", not "approved"`),
    );
    const approvedAt = Date.parse(predicate.approvedAt);
    const created = Date.parse(statement.predicate.createdAt);
    checks.push(
      approvedAt > context.now.getTime() + CLOCK_SKEW_MS
        ? fail(`${prefix}-time`, `approvedAt ${predicate.approvedAt} is in the future`)
        : approvedAt > created + CLOCK_SKEW_MS
          ? fail(
              `${prefix}-time`,
              `approvedAt ${predicate.approvedAt} is after the package was made (${statement.predicate.createdAt})`,
            )
          : pass(`${prefix}-time`, `approved at ${predicate.approvedAt}`),
    );
    if (signer) {
      checks.push(roleCheck(`${prefix}-role`, signer, 'approver', targets));
      checks.push(validityCheck(`${prefix}-key-validity`, signer, predicate.approvedAt, context.now));
    }
  }
  const own = checks.slice(start);
  return {
    index,
    signer,
    keyId: envelope.keyId ?? '',
    predicate,
    sound:
      signer !== null &&
      own.length > 0 &&
      own.every((check) => check.passed) &&
      own.some((check) => check.check === `${prefix}-binding`),
    payloadSha256: sha256Hex(opened.payload),
    envelope: opened.envelope,
  };
}

/** The approvals the author listed must be exactly the ones in the package: none added, none removed. */
function listedCheck(statement: PackageStatement, approvals: readonly ApprovalFact[]): PackageCheck {
  const remaining = [...statement.predicate.approvals];
  const problems: string[] = [];
  for (const approval of approvals) {
    const at = remaining.findIndex((listed) => listed.sha256 === approval.payloadSha256);
    if (at === -1) {
      problems.push(
        `approval ${approval.index} is not among the approvals the author's statement lists (added after signing)`,
      );
      continue;
    }
    const [listed] = remaining.splice(at, 1);
    if (listed && approval.signer && listed.keyId !== approval.signer.keyId) {
      problems.push(
        `approval ${approval.index} is listed as by key ${shortKey(listed.keyId)} but ${who(approval.signer)} signed it`,
      );
    }
  }
  for (const listed of remaining) {
    problems.push(
      `the author's statement lists an approval by key ${shortKey(listed.keyId)} that the package lacks (removed)`,
    );
  }
  return problems.length === 0
    ? pass(
        'approvals-listed',
        `the package carries exactly the ${approvals.length} approval${approvals.length === 1 ? '' : 's'} the author signed for`,
      )
    : fail('approvals-listed', problems.join('; '));
}

/** The checks about the key itself; what the signature is over (binding, time, decision) is judged apart. */
const KEY_CHECKS = ['trusted', 'keyid', 'signature', 'role', 'key-validity'];

function signersOf(facts: PackageFacts, checks: readonly PackageCheck[]): PackageSigner[] {
  const passedAll = (prefix: string) =>
    checks
      .filter((check) => KEY_CHECKS.some((name) => check.check === `${prefix}-${name}`))
      .every((check) => check.passed);
  const signers: PackageSigner[] = [];
  const statement = facts.statement;
  signers.push({
    keyId: facts.authorSigner?.keyId ?? facts.authorKeyId ?? statement?.predicate.author.keyId ?? '',
    owner: facts.authorSigner?.owner ?? null,
    role: 'author',
    trusted: facts.authorSigner !== null && passedAll('author'),
    decision: null,
    at: statement?.predicate.createdAt ?? null,
    comment: null,
  });
  for (const approval of facts.approvals) {
    signers.push({
      keyId: approval.signer?.keyId ?? approval.keyId,
      owner: approval.signer?.owner ?? null,
      role: 'approver',
      trusted: approval.signer !== null && passedAll(`approval-${approval.index}`),
      decision: approval.predicate?.decision ?? null,
      at: approval.predicate?.approvedAt ?? null,
      comment: approval.predicate?.comment ?? null,
    });
  }
  return signers;
}

/** Self-approval: by the package's author key, the changeset's author key, or the same person. */
function isSelfApproval(approval: ApprovalFact, facts: PackageFacts): boolean {
  const signer = approval.signer;
  if (!signer) return false;
  if (facts.authorSigner && signer.keyId === facts.authorSigner.keyId) return true;
  if (facts.changeset?.authorKeyId !== undefined && signer.keyId === facts.changeset.authorKeyId) return true;
  if (facts.authorSigner && samePerson(signer.owner, facts.authorSigner.owner)) return true;
  return facts.changeset !== null && samePerson(signer.owner, facts.changeset.author);
}

export function judgePackage(facts: PackageFacts, context: JudgeContext): PackageCheck[] {
  const checks: PackageCheck[] = [];
  const statement = facts.statement;
  if (!statement) return checks;
  const contexts = facts.targets.map(
    (target) =>
      context.targets.find((candidate) => candidate.environment === target) ?? {
        environment: target,
        policy: null,
        problem: null,
        snapshot: null,
        appliedBy: [],
      },
  );

  for (const target of contexts) {
    const name = target.environment;
    if (!target.policy) {
      checks.push(
        fail(
          `target:${name}`,
          target.problem ??
            `${name} is not an environment of this workspace, so its policy cannot be checked`,
        ),
      );
      continue;
    }
    const policy = target.policy;
    checks.push(
      pass(
        `target:${name}`,
        `${name} is configured here: ${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'} required${policy.allowSelfApproval ? ', self-approval allowed' : ''}`,
      ),
    );
    if (policy.maxPackageAgeDays !== undefined) {
      const age = context.now.getTime() - Date.parse(statement.predicate.createdAt);
      checks.push(
        age <= policy.maxPackageAgeDays * DAY_MS
          ? pass(
              `package-age:${name}`,
              `${Math.floor(age / DAY_MS)} days old; ${name} accepts ${policy.maxPackageAgeDays}`,
            )
          : fail(
              `package-age:${name}`,
              `the package is ${Math.floor(age / DAY_MS)} days old; ${name}'s policy accepts packages up to ${policy.maxPackageAgeDays} days old (expired)`,
            ),
      );
    }
  }

  // Self-approval, judged against every target's policy.
  for (const approval of facts.approvals) {
    if (!isSelfApproval(approval, facts)) continue;
    const refusing = contexts.filter((target) => target.policy && !target.policy.allowSelfApproval);
    const owner = approval.signer?.owner ?? 'the approver';
    checks.push(
      refusing.length === 0
        ? pass(
            `approval-${approval.index}-self-approval`,
            `${owner} approved their own change, which the targets' policies allow`,
          )
        : fail(
            `approval-${approval.index}-self-approval`,
            `${owner} approved their own change (the same key or person as its author); the policy of ${refusing.map((target) => target.environment).join(', ')} does not allow self-approval`,
          ),
    );
  }

  for (const target of contexts) {
    if (!target.policy) continue;
    const policy = target.policy;
    const name = target.environment;
    const keys = new Set<string>();
    const people: string[] = [];
    for (const approval of facts.approvals) {
      const signer = approval.signer;
      if (!approval.sound || !signer || approval.predicate?.decision !== 'approved') continue;
      if (!keyAllows(signer, 'approver', name)) continue;
      // An approval counts only for the environments it names (older ones name none).
      if (!(approval.predicate.environments ?? []).includes(name)) continue;
      if (!policy.allowSelfApproval && isSelfApproval(approval, facts)) continue;
      if (keys.has(signer.keyId) || people.some((person) => samePerson(person, signer.owner))) continue;
      keys.add(signer.keyId);
      people.push(signer.owner);
    }
    const required = policy.approvalsRequired;
    const counted = people.length > 0 ? `: ${people.join(', ')}` : '';
    checks.push(
      people.length >= required
        ? pass(`approvals:${name}`, `${name} requires ${required}; ${people.length} counted${counted}`)
        : fail(
            `approvals:${name}`,
            `${name} requires ${required} approval${required === 1 ? '' : 's'} from distinct trusted approvers; the package has ${people.length} that count${counted} (too few)`,
          ),
    );
    if (target.snapshot === null) {
      checks.push(
        pass(
          `base-snapshot:${name}`,
          `no snapshot of ${name} here to compare with; the plan checks the live target before any write`,
        ),
      );
    } else if (target.snapshot.conflicts.length > 0) {
      checks.push(
        fail(
          `base-snapshot:${name}`,
          `${name}'s latest snapshot (${target.snapshot.commit.slice(0, 12)}) no longer matches what the changeset expects: ${target.snapshot.conflicts.slice(0, 3).join('; ')}${target.snapshot.conflicts.length > 3 ? ` (and ${target.snapshot.conflicts.length - 3} more)` : ''}`,
        ),
      );
    } else {
      checks.push(
        pass(
          `base-snapshot:${name}`,
          `${name}'s latest snapshot (${target.snapshot.commit.slice(0, 12)}) matches every precondition: ${target.snapshot.writes} to write, ${target.snapshot.noops} already so`,
        ),
      );
    }
    const applied = target.appliedBy[0];
    checks.push(
      applied
        ? fail(
            `not-applied:${name}`,
            `run ${applied.runId} already applied this changeset (${facts.changesetDigest?.slice(0, 23) ?? ''}…) to ${name}${applied.finishedAt ? ` at ${applied.finishedAt}` : ''}: change already applied`,
          )
        : pass(`not-applied:${name}`, `no run here has applied this changeset to ${name}`),
    );
  }

  if (facts.changeset && facts.changesetDigest) {
    checks.push(
      context.local === null
        ? pass('workspace-changeset', `changesets/${facts.changeset.id}.json is not in this workspace yet`)
        : context.local.digest === facts.changesetDigest
          ? pass(
              'workspace-changeset',
              `changesets/${facts.changeset.id}.json is already here with the same digest`,
            )
          : fail(
              'workspace-changeset',
              `changesets/${facts.changeset.id}.json is already here with another digest (${context.local.digest.slice(0, 23)}…); importing would overwrite it`,
            ),
    );
  }
  const source = statement.predicate.sourceEnvironment;
  const commit = statement.predicate.sourceSnapshotCommit;
  checks.push(
    pass(
      'source-snapshot',
      source === null
        ? 'the package names no source environment'
        : commit === null
          ? `built against ${source} (no snapshot recorded)`
          : `built against ${source} at snapshot ${commit.slice(0, 12)}, which ${context.sourceCommitKnown ? 'is' : 'is not'} in this workspace's history`,
    ),
  );
  return checks;
}

/** The report for the wire: the checks in order, what the package says, who signed. */
export function assembleReport(input: {
  checks: readonly PackageCheck[];
  inspected: InspectResult | null;
  alreadyImported: boolean;
  alreadyApplied: string[];
}): PackageReport {
  const facts = input.inspected?.facts;
  const predicate = facts?.statement?.predicate;
  return {
    ok: input.checks.length > 0 && input.checks.every((check) => check.passed),
    summary: {
      changesetId: facts?.changeset?.id ?? predicate?.changeId ?? null,
      title: facts?.changeset?.title ?? predicate?.title ?? null,
      changesetDigest: facts?.changesetDigest ?? null,
      operations: facts?.changeset?.operations.length ?? null,
      sourceEnvironment: predicate?.sourceEnvironment ?? null,
      sourceCommit: predicate?.sourceSnapshotCommit ?? null,
      targetEnvironments: predicate?.targetEnvironments ?? [],
      createdAt: predicate?.createdAt ?? null,
      expiresAt: predicate?.expiresAt ?? null,
    },
    signers: input.inspected?.signers ?? [],
    checks: [...input.checks],
    alreadyImported: input.alreadyImported,
    alreadyApplied: input.alreadyApplied,
  };
}
