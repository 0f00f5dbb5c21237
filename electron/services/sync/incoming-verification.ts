import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import type { IncomingFlag } from '../../../shared/sync/sync-wire';
import { approvalStatementSchema } from '../../../shared/signing/approval-statement';
import { dsseEnvelopeSchema, envelopePayload } from '../../../shared/signing/dsse-envelope';
import { PLAN_ENVELOPE_FILE, RESULT_ENVELOPE_FILE } from '../../../shared/signing/run-statement';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { WORKSPACE_CONFIG_FILE } from '../../../shared/model/workspace';
import { describeRootChange } from '../../../shared/trust/describe-root-change';
import { policySummary } from '../../../shared/trust/policy-summary';
import { parseRootVersion } from '../../../shared/trust/trust-chain';
import { effectivePolicy, type TrustRootDocument } from '../../../shared/trust/trust-root';
import type { ApprovalService } from '../approvals/approval-service';
import type { ApprovalVerification } from '../approvals/approval-verifier';
import type { AuditLog } from '../audit/audit-log';
import type { TrustStore } from '../identity/trust-store';
import { JOURNAL_FILE } from '../promotion/run-journal';
import { PLAN_FILE, RESULT_FILE } from '../promotion/run-store';
import { verifyRunFiles, type RunFiles } from '../promotion/run-verifier';
import {
  changesetTitleAt,
  classifyPath,
  readTextAt,
  type ArrivedApproval,
  type ArrivedRun,
  type FileChangeRecord,
} from './pull-summary';

/**
 * Everything the checks need, each the same service the local commands use: an approval that
 * arrives is judged by ApprovalService (approval-verifier.ts), a run by run-verifier.ts, the trust
 * root by TrustStore (from the root pinned on this machine), audit files by AuditLog.verify.
 */
export interface IncomingVerificationDeps {
  /** The workspace folder, as the pull left it. */
  dir: string;
  approvals: Pick<ApprovalService, 'list'>;
  trust: Pick<TrustStore, 'root' | 'find'>;
  audit: Pick<AuditLog, 'verify'>;
  now: Date;
}

export interface IncomingVerification {
  /** Approvals with a good signature by a trusted approver key (valid, stale, too old or a rejection). */
  approvals: ArrivedApproval[];
  /** Runs whose plan, journal and result verify. */
  runs: ArrivedRun[];
  /** The new trust root when one arrived and verifies from this machine's pin, with what changed. */
  trust: { version: number; keyChanges: string[]; policyChanges: string[] } | null;
  /** Every signed file that arrived and did not verify, with why, for a person. */
  flags: IncomingFlag[];
}

/** Statuses of an approval whose signature, key and role hold: genuine, whether or not it counts now. */
const GENUINE: ReadonlySet<ApprovalVerification['status']> = new Set([
  'valid',
  'stale',
  'too-old',
  'rejected',
  'other-environment',
]);

/**
 * Checks every signed file a pull brought (`before` is the workspace's commit before it, `after`
 * the one after it, `changes` the files between them). Reads only. Nothing here makes a file
 * count: the services that act on approvals, runs and trust verify again on every use, so a file
 * flagged here is also refused there; this is what lets a person see it the moment it arrives.
 */
export async function verifyIncoming(
  deps: IncomingVerificationDeps,
  before: string,
  after: string,
  changes: readonly FileChangeRecord[],
): Promise<IncomingVerification> {
  const present = changes.filter((change) => change.change !== 'deleted');
  const result: IncomingVerification = { approvals: [], runs: [], trust: null, flags: [] };

  // Trust first: every other check reads the keys from it.
  const trustFiles = present.filter((change) => classifyPath(change.path).kind === 'trust-root');
  if (trustFiles.length > 0) {
    try {
      const root = await deps.trust.root();
      if (root !== null) {
        const previous = await rootAt(deps.dir, before);
        result.trust = { version: root.version, ...splitChanges(previous, root) };
      }
    } catch (error) {
      // The trust store's refusal already says what it means and what to do; anything else gets that said.
      const reason =
        error instanceof FerryError && error.code === 'trust.unverified'
          ? messageOf(error)
          : `${messageOf(error)}. It is not used: until an admin restores a version that chains to the one this machine pinned, Ferry refuses anything that needs trust here`;
      for (const file of trustFiles) result.flags.push({ path: file.path, kind: 'trust', reason });
    }
  }

  if (present.some((change) => classifyPath(change.path).kind === 'config')) {
    await checkConfigPolicy(deps, before, after, result);
  }
  await checkApprovals(deps, after, present, result);
  await checkRuns(deps, present, result);
  await checkAudit(deps, present, result);
  return result;
}

/**
 * Policies typed into ferry.json: once the workspace has a signed trust root they decide nothing
 * (policy comes only from the root), so an edit that arrives is shown as what it is, a policy
 * change nobody signed, beside the policy that still applies.
 */
async function checkConfigPolicy(
  deps: IncomingVerificationDeps,
  before: string,
  after: string,
  result: IncomingVerification,
): Promise<void> {
  const [was, now] = await Promise.all([
    declaredPolicies(deps.dir, before),
    declaredPolicies(deps.dir, after),
  ]);
  const changed = [...now.keys()].filter((name) => now.get(name) !== (was.get(name) ?? stableStringify({})));
  if (changed.length === 0) return;
  let root: TrustRootDocument | null;
  try {
    root = await deps.trust.root();
  } catch {
    // A root that does not verify is flagged as such; nothing more to say about ferry.json.
    return;
  }
  if (root === null) return;
  for (const name of changed.sort()) {
    const effective = effectivePolicy(root, name);
    result.flags.push({
      path: WORKSPACE_CONFIG_FILE,
      kind: 'policy',
      reason: `it changes ${name}'s policy by hand, which nobody signed: only the policy admins sign into the trust root counts, so this has no effect (${name} still needs ${policySummary(effective.policy)}, from the ${effective.source === 'signed' ? `signed trust root version ${root.version}` : 'secure default'})`,
    });
  }
}

/** Each environment's `policy` in ferry.json at `commit`, in canonical form, by name. */
async function declaredPolicies(dir: string, commit: string): Promise<Map<string, string>> {
  const policies = new Map<string, string>();
  const text = await readTextAt(dir, commit, WORKSPACE_CONFIG_FILE);
  if (text === null) return policies;
  try {
    const config = parseStrictJson(text);
    const environments =
      typeof config === 'object' && config !== null && 'environments' in config
        ? (config as { environments: unknown }).environments
        : [];
    if (!Array.isArray(environments)) return policies;
    for (const entry of environments as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { name, policy } = entry as { name?: unknown; policy?: unknown };
      if (typeof name === 'string') policies.set(name, stableStringify(policy ?? {}));
    }
  } catch {
    // A ferry.json that is not JSON says nothing about policy (opening the workspace will say what is wrong).
  }
  return policies;
}

async function checkApprovals(
  deps: IncomingVerificationDeps,
  after: string,
  present: readonly FileChangeRecord[],
  result: IncomingVerification,
): Promise<void> {
  const byChangeset = new Map<string, string[]>();
  for (const { path } of present) {
    const where = classifyPath(path);
    if (where.kind !== 'approval') continue;
    byChangeset.set(where.changesetId, [...(byChangeset.get(where.changesetId) ?? []), path]);
  }
  for (const [changesetId, files] of byChangeset) {
    const title = await changesetTitleAt(deps.dir, after, changesetId);
    let judged: ApprovalVerification[];
    try {
      judged = await deps.approvals.list(changesetId);
    } catch (error) {
      const reason =
        error instanceof FerryError && error.code === 'changeset.not-found'
          ? `it is an approval of changeset ${changesetId}, which is not in this workspace, so it approves nothing`
          : `it could not be checked (${messageOf(error)}), so it does not count towards any promotion`;
      for (const path of files) result.flags.push({ path, kind: 'approval', reason });
      continue;
    }
    for (const path of files) {
      const verification = judged.find((entry) => entry.file === path);
      if (verification === undefined) continue;
      if (GENUINE.has(verification.status) && verification.owner !== null && verification.decision !== null) {
        result.approvals.push({
          changesetId,
          title,
          approver: verification.owner,
          decision: verification.decision,
          stale: verification.status === 'stale',
        });
        continue;
      }
      const claimed = await claimedApprover(deps.dir, after, path);
      const what = claimed === null ? 'an approval' : `${claimed}'s approval`;
      result.flags.push({
        path,
        kind: 'approval',
        reason: `it claims to be ${what} of "${title}", but ${verification.reason}; it does not count towards any promotion`,
      });
    }
  }
}

async function checkRuns(
  deps: IncomingVerificationDeps,
  present: readonly FileChangeRecord[],
  result: IncomingVerification,
): Promise<void> {
  const runIds = new Set<string>();
  for (const { path } of present) {
    const where = classifyPath(path);
    if (where.kind === 'run') runIds.add(where.runId);
  }
  for (const runId of [...runIds].sort()) {
    const files = await readRunFolder(deps.dir, runId);
    if (files === null) {
      // Files arrived in a run folder that has no plan: no run Ferry made looks like that, so a
      // person sees it rather than it passing unremarked (nothing reads a run without its plan).
      result.flags.push({
        path: `runs/${runId}`,
        kind: 'run',
        reason: `files arrived in it but it has no ${PLAN_FILE}, so it is not a run record Ferry recognises; Ferry will not resume it, roll it back or take it as history`,
      });
      continue;
    }
    try {
      const verified = await verifyRunFiles(files, {
        find: (keyId) => deps.trust.find(keyId),
        now: deps.now,
      });
      result.runs.push({
        runId,
        environment: verified.plan.environment,
        by: verified.promoter.owner,
        rollback: verified.plan.runKind === 'rollback',
      });
    } catch (error) {
      // The verifier's reason names files inside the run by their full path; the flag's path is the run's.
      const detail = (
        error instanceof FerryError && typeof error.details?.reason === 'string'
          ? error.details.reason
          : messageOf(error)
      )
        .split(`runs/${runId}/`)
        .join('');
      result.flags.push({
        path: `runs/${runId}`,
        kind: 'run',
        reason: `${detail}; it is not a trusted promoter's record, so Ferry will not resume it, roll it back or take it as history`,
      });
    }
  }
}

async function checkAudit(
  deps: IncomingVerificationDeps,
  present: readonly FileChangeRecord[],
  result: IncomingVerification,
): Promise<void> {
  const files = present.filter((change) => classifyPath(change.path).kind === 'audit').map((c) => c.path);
  if (files.length === 0) return;
  try {
    const verification = await deps.audit.verify();
    for (const path of files) {
      const problems = verification.problems.filter((problem) => problem.file === path);
      if (problems.length === 0) continue;
      const shown = problems
        .slice(0, 3)
        .map((problem) => (problem.line > 0 ? `line ${problem.line}: ${problem.problem}` : problem.problem));
      const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
      result.flags.push({
        path,
        kind: 'audit',
        reason: `${shown.join('; ')}${more}; this actor's audit trail cannot be relied on until it is restored (\`ferry audit verify\`)`,
      });
    }
  } catch (error) {
    for (const path of files) {
      result.flags.push({ path, kind: 'audit', reason: `it could not be checked: ${messageOf(error)}` });
    }
  }
}

/** A run folder as the verifier reads it; null when the pull removed its plan. */
async function readRunFolder(dir: string, runId: string): Promise<RunFiles | null> {
  const folder = join(dir, 'runs', runId);
  const read = async (name: string): Promise<string | null> => {
    try {
      return await readFile(join(folder, name), 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
  };
  const plan = await read(PLAN_FILE);
  if (plan === null) return null;
  return {
    runId,
    plan,
    planEnvelope: await read(PLAN_ENVELOPE_FILE),
    journal: (await read(JOURNAL_FILE)) ?? '',
    result: await read(RESULT_FILE),
    resultEnvelope: await read(RESULT_ENVELOPE_FILE),
  };
}

/**
 * The newest trust root version the workspace had at `commit`, parsed but not verified again:
 * it was this machine's trust before the pull, and is only the "before" of what changed.
 */
async function rootAt(dir: string, commit: string): Promise<TrustRootDocument | null> {
  for (let version = await newestVersionAt(dir, commit); version > 0; version -= 1) {
    const file = `trust/root/${version}.json`;
    const text = await readTextAt(dir, commit, file);
    if (text === null) continue;
    try {
      return parseRootVersion({ file, text }, version).document;
    } catch {
      return null;
    }
  }
  return null;
}

/** Bounded by the versions a root can have (the file names allow 999999), and normally a handful. */
async function newestVersionAt(dir: string, commit: string): Promise<number> {
  let newest = 0;
  for (let version = 1; version <= 999_999; version += 1) {
    if ((await readTextAt(dir, commit, `trust/root/${version}.json`)) === null) break;
    newest = version;
  }
  return newest;
}

/** What a new root changes, apart: keys and admins (trust) and environments' tiers and policies (policy). */
function splitChanges(
  previous: TrustRootDocument | null,
  next: TrustRootDocument,
): { keyChanges: string[]; policyChanges: string[] } {
  const nothing = (lines: string[]) => lines.filter((line) => line !== 'changes nothing');
  const keyChanges = nothing(
    describeRootChange(previous, { ...next, environments: previous?.environments ?? {} }),
  );
  const policyChanges =
    previous === null
      ? nothing(describeRootChange({ ...next, environments: {} }, next))
      : nothing(
          describeRootChange({ ...previous, keys: next.keys, adminThreshold: next.adminThreshold }, next),
        );
  return { keyChanges, policyChanges };
}

/** The owner an approval file names, unverified: only to say whose approval it pretends to be. */
async function claimedApprover(dir: string, commit: string, path: string): Promise<string | null> {
  const text = await readTextAt(dir, commit, path);
  if (text === null) return null;
  try {
    const envelope = dsseEnvelopeSchema.parse(parseStrictJson(text));
    const statement = approvalStatementSchema.parse(
      parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(envelopePayload(envelope))),
    );
    const owner = statement.predicate.approver.owner.trim();
    return owner === '' ? null : owner.slice(0, 100);
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.\s*$/, '');
}
