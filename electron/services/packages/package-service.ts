import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import type { ParametersView } from '../../../shared/parameters/parameters-view';
import type { EnvironmentValues } from '../../../shared/parameters/parameters-file';
import { parametersUsedBy } from '../../../shared/parameters/parameters-used';
import { resolveChangesetValues } from '../../../shared/parameters/resolve-values';
import {
  declareValues,
  environmentNeeds,
  type Declarations,
} from '../../../shared/packages/package-parameters';
import {
  packageExportRequestSchema,
  type PackageExport,
  type PackageExportRequest,
  type DeclaredMapping,
  type DeclaredParameter,
  type EnvironmentNeeds,
  type PackageImport,
  type PackageReport,
} from '../../../shared/model/package-wire';
import {
  AUTHOR_KEY_FILE,
  authorStatement,
  bundledApproval,
  changesetArtifactBytes,
  extractedFiles,
  packageText,
  statementBytes,
} from '../../../shared/packages/build-package';
import { renderPackageDocument, type PackageDocumentInput } from '../../../shared/packages/change-document';
import {
  MAX_AUDIO_FILES,
  audioArtifactName,
  audioHashOfName,
  audioWrittenBy,
  type AudioUse,
} from '../../../shared/packages/package-audio';
import {
  CHANGE_CONTROL_ARTIFACT,
  CHANGESET_ARTIFACT,
  DEFAULT_EXPIRY_DAYS,
  MAX_PACKAGE_BYTES,
  packageFileName,
} from '../../../shared/packages/package-format';
import { readPackage, sizeCheck, type OpenedPackage } from '../../../shared/packages/read-package';
import {
  judgeAgainstSnapshot,
  summarizeJudgements,
  type OperationJudgement,
} from '../../../shared/packages/target-state';
import {
  assembleReport,
  inspectPackage,
  judgePackage,
  type InspectResult,
  type TargetContext,
} from '../../../shared/packages/verify-package';
import type { EnvironmentPolicy } from '../../../shared/promotion/policy';
import {
  IN_TOTO_PAYLOAD_TYPE,
  buildEnvelope,
  dsseEnvelopeSchema,
  envelopePayload,
  type DsseEnvelope,
} from '../../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../../shared/signing/pae';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import type { ApprovalVerification } from '../approvals/approval-verifier';
import { readWorkspaceAudio } from '../audio/audio-store';
import { findWorkspaceAudio } from '../audio/workspace-audio';
import type { ChangesetService } from '../authoring/changeset-service';
import { inputFileStats } from '../fs/input-file';
import type { ChangesetStore } from '../changesets/changeset-store';
import type { EnvironmentService } from '../environments/environment-service';
import { readCommit } from '../git/repository';
import { verifyEd25519 } from '../identity/ed25519';
import type { IdentityServices } from '../identity/identity-services';
import type { PromotionEngine } from '../promotion/promotion-engine';
import type { SnapshotService } from '../snapshot/snapshot-service';
import type { WorkspaceService } from '../workspace/workspace-service';
import { plainIssueMessage } from '../../../shared/errors/schema-issues';

export const PACKAGE_REJECTED = 'package.rejected';

/** What the package service uses; `FerryServices` has all of it. */
export interface PackageServiceDeps {
  workspace: WorkspaceService;
  environments: EnvironmentService;
  snapshots: SnapshotService;
  changesets: ChangesetStore;
  authoring: ChangesetService;
  identity: IdentityServices;
  engine: PromotionEngine;
  /** Each environment's parameters and mappings: types for an export, needs for an import, values to judge against its snapshot. */
  parameters: {
    view(environment: string): Promise<ParametersView>;
    values(
      environment: string,
      needed: readonly string[],
    ): Promise<{ values: EnvironmentValues; secrets: ReadonlySet<string> }>;
  };
}

interface Evaluation {
  report: PackageReport;
  opened: OpenedPackage | null;
  inspected: InspectResult | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Run outcomes that leave the changeset's writes in the target. */
const APPLIED_STATUSES: ReadonlySet<string> = new Set([
  'succeeded',
  'verify-failed',
  'stopped',
  'checks-failed',
]);

/**
 * Signed change packages (issue #7): export a changeset with its change-control document and
 * approvals, signed by this machine's key; verify a package offline against the signed trust root and the
 * targets' policies; import it (changeset and approvals, one commit) only when every check passed.
 */
/** What the package channels and commands need from the package service (issue #7). */
export interface PackageServiceApi {
  export(request: PackageExportRequest): Promise<PackageExport>;
  verify(text: string, options?: { target?: string }): Promise<PackageReport>;
  import(text: string, options?: { target?: string }): Promise<PackageImport>;
}

export class PackageService implements PackageServiceApi {
  constructor(private readonly deps: PackageServiceDeps) {}

  async export(request: PackageExportRequest): Promise<PackageExport> {
    const parsed = packageExportRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FerryError(
        'request.invalid',
        `The export request is not valid: ${issue?.path.map(String).join('.') || '(root)'} ${issue ? plainIssueMessage(issue) : ''}`.trim(),
      );
    }
    const { changesetId, targets, source, expiresInDays } = parsed.data;
    if (new Set(targets).size !== targets.length) {
      throw new FerryError('request.invalid', `The targets name an environment twice: ${targets.join(', ')}`);
    }
    const { workspace, changesets, identity, snapshots } = this.deps;
    const signer = await identity.keys.requireIdentity();
    const { changeset, digest } = await changesets.get(changesetId);
    let sourceCommit: string | null = null;
    if (source !== undefined) {
      await this.deps.environments.get(source);
      sourceCommit = (await snapshots.store().lastSnapshot(source))?.commit ?? null;
    }

    const declared = await this.declarations(changeset, [
      ...(source === undefined ? [] : [source]),
      ...targets,
    ]);
    const audio = await this.audioToCarry(changeset);
    const policies = await Promise.all(targets.map((target) => this.policyOf(target)));
    const selfAllowed = policies.every((policy) => policy.policy?.allowSelfApproval === true);
    const approvals = await this.approvalsToBundle(changeset, digest, signer.keyId, selfAllowed);

    const now = workspace.now();
    const createdAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + (expiresInDays ?? DEFAULT_EXPIRY_DAYS) * DAY_MS).toISOString();
    const document: PackageDocumentInput = {
      changeset,
      digest,
      packagedBy: { owner: signer.owner, keyId: signer.keyId },
      source: source === undefined ? null : { environment: source, commit: sourceCommit },
      targets: await Promise.all(
        targets.map(async (target) => ({
          environment: target,
          snapshot: await this.snapshotJudgement(target, changeset),
        })),
      ),
      approvals: approvals.map(({ verification }) => ({
        owner: verification.owner ?? verification.claimedOwner ?? 'unknown',
        keyId: verification.keyId,
        decision: verification.decision ?? 'approved',
        approvedAt: verification.approvedAt ?? '',
        comment: verification.comment ?? '',
      })),
      createdAt,
      expiresAt,
      parameters: declared.parameters,
      mappings: declared.mappings,
      audio: audio.map((file) => file.use),
    };
    const artifacts = [
      { name: CHANGESET_ARTIFACT, bytes: changesetArtifactBytes(changeset) },
      { name: CHANGE_CONTROL_ARTIFACT, bytes: new TextEncoder().encode(renderPackageDocument(document)) },
      ...audio.map((file) => ({ name: audioArtifactName(file.sha256), bytes: file.bytes })),
    ];
    const statement = authorStatement({
      changeset,
      artifacts,
      author: { keyId: signer.keyId, owner: signer.owner },
      sourceEnvironment: source ?? null,
      sourceSnapshotCommit: sourceCommit,
      targetEnvironments: targets,
      createdAt,
      expiresAt,
      approvals: approvals.map(({ verification, envelope }) =>
        bundledApproval(verification.keyId, envelopePayload(envelope)),
      ),
      parameters: declared.parameters,
      mappings: declared.mappings,
    });
    const payload = statementBytes(statement);
    const sig = await identity.keys.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));
    const author = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [{ keyid: signer.keyId, sig }]);
    const text = packageText({ artifacts, author, approvals: approvals.map(({ envelope }) => envelope) });
    if (new TextEncoder().encode(text).length > MAX_PACKAGE_BYTES) {
      throw new FerryError(
        'package.too-large',
        `The package for ${changesetId} would be larger than ${MAX_PACKAGE_BYTES} bytes (8 MiB), more than any importer accepts${audio.length > 0 ? ` (it carries ${audio.length} audio file${audio.length === 1 ? '' : 's'} of ${audio.reduce((sum, file) => sum + file.bytes.byteLength, 0)} bytes)` : ''}`,
      );
    }
    return { fileName: packageFileName(changesetId), text, report: await this.verify(text) };
  }

  async verify(text: string, options: { target?: string } = {}): Promise<PackageReport> {
    return (await this.evaluate(text, options)).report;
  }

  async import(text: string, options: { target?: string } = {}): Promise<PackageImport> {
    const { report, opened, inspected } = await this.evaluate(text, options);
    const facts = inspected?.facts;
    const changeset = facts?.changeset;
    const predicate = facts?.statement?.predicate;
    if (!report.ok || !facts || !changeset || !predicate || !facts.authorSigner) {
      throw rejected(report);
    }
    const origin = `package ${packageFileName(changeset.id)} (author statement sha256:${facts.authorStatementSha256}), exported by ${facts.authorSigner.owner} at ${predicate.createdAt}`;
    const approvals = facts.approvals.map((approval) => {
      if (!approval.signer) throw rejected(report);
      // The envelope exactly as signed; `origin` is an extra field, which DSSE readers ignore.
      return {
        keyId: approval.signer.keyId,
        text: `${JSON.stringify({ ...approval.envelope, origin }, null, 2)}\n`,
      };
    });
    // Every check passed, so the audio artifacts are exactly the changeset's audio, each hashing to its name.
    const audio = (opened?.artifacts ?? []).flatMap((artifact) => {
      const sha256 = audioHashOfName(artifact.name);
      return sha256 === null ? [] : [{ sha256, bytes: artifact.bytes }];
    });
    const result = await this.deps.changesets.importDocument(
      changeset,
      approvals,
      `changeset ${changeset.id}: import from ${origin}`,
      audio,
    );
    return {
      changesetId: changeset.id,
      changed: result.written.length > 0,
      approvalsImported: result.written.filter((file) => file.includes('.approvals/')).length,
      audioImported: result.written.filter((file) => file.includes('.audio/')).length,
      report,
      needs: await this.needs(predicate.parameters ?? [], predicate.mappings ?? []),
    };
  }

  /**
   * What each environment of this workspace still lacks for the imported changeset: parameters
   * missing or of another type, secrets this machine does not hold, mapped names it does not map.
   * Every environment, not only the package's targets: a changeset travels on from here.
   */
  private async needs(
    parameters: readonly DeclaredParameter[],
    mappings: readonly DeclaredMapping[],
  ): Promise<EnvironmentNeeds[]> {
    if (parameters.length === 0 && mappings.length === 0) return [];
    const needs: EnvironmentNeeds[] = [];
    for (const config of await this.deps.environments.configs()) {
      needs.push(environmentNeeds(await this.deps.parameters.view(config.name), parameters, mappings));
    }
    return needs;
  }

  /**
   * The parameters (names and types) and mapped names the package declares, from this workspace's
   * environments: the source's and targets' files first, then the others. A parameter no
   * environment has, or with two types, refuses the export: the package could not say its type.
   */
  private async declarations(changeset: Changeset, first: readonly string[]): Promise<Declarations> {
    const names = (await this.deps.environments.configs()).map((config) => config.name);
    const ordered = [
      ...first.filter((name, at) => names.includes(name) && first.indexOf(name) === at),
      ...names.filter((name) => !first.includes(name)),
    ];
    const views: ParametersView[] = [];
    for (const name of ordered) views.push(await this.deps.parameters.view(name));
    const declared = declareValues(changeset, views);
    if (declared.problems.length > 0) {
      throw new FerryError(
        'package.parameter-types',
        `${changeset.id} cannot be packaged: ${declared.problems.join('; ')}`,
        { changesetId: changeset.id },
      );
    }
    return declared;
  }

  /**
   * The bytes of every audio file the changeset writes, from wherever the workspace keeps them (the
   * changeset's own audio folder first, then any other, then the environments' snapshots), each
   * checked against its hash and against the size the changeset gives it. Missing or damaged audio
   * refuses the export: a package without it could not be promoted where it is imported.
   */
  private async audioToCarry(
    changeset: Changeset,
  ): Promise<{ sha256: string; bytes: Uint8Array; use: AudioUse }[]> {
    const written = audioWrittenBy(changeset);
    if (written.size > MAX_AUDIO_FILES) {
      throw new FerryError(
        'package.too-large',
        `${changeset.id} writes ${written.size} audio files; a package carries at most ${MAX_AUDIO_FILES}`,
        { changesetId: changeset.id },
      );
    }
    const dir = this.deps.workspace.requirePath();
    const files: { sha256: string; bytes: Uint8Array; use: AudioUse }[] = [];
    for (const [sha256, uses] of [...written].sort(([a], [b]) => a.localeCompare(b))) {
      const use = uses[0];
      if (!use) continue;
      const bytes = await this.audioBytes(dir, changeset.id, sha256, use);
      const sized = uses.find((candidate) => candidate.descriptor.bytes !== bytes.byteLength);
      if (sized) {
        throw new FerryError(
          'package.audio-mismatch',
          `${changeset.id} cannot be packaged: audio ${sha256.slice(0, 12)}… is ${bytes.byteLength} bytes in the workspace, but ${sized.where} says ${sized.descriptor.bytes}`,
          { changesetId: changeset.id, sha256 },
        );
      }
      files.push({ sha256, bytes, use });
    }
    return files;
  }

  private async audioBytes(
    dir: string,
    changesetId: string,
    sha256: string,
    use: AudioUse,
  ): Promise<Uint8Array> {
    const found = async () => {
      // The changeset's own folder first: a copy another changeset keeps is the same audio, by hash.
      try {
        return (await readWorkspaceAudio(dir, { kind: 'changeset', changesetId }, sha256)).bytes;
      } catch (error) {
        if (!(error instanceof FerryError && error.code === 'audio.not-found')) throw error;
      }
      return findWorkspaceAudio(dir, sha256);
    };
    try {
      return await found();
    } catch (error) {
      if (!(error instanceof FerryError)) throw error;
      if (error.code === 'audio.not-found') {
        throw new FerryError(
          'package.audio-missing',
          `${changesetId} cannot be packaged: ${use.where} writes audio ${sha256.slice(0, 12)}…, which no snapshot and no changeset in this workspace holds; take a snapshot of the environment it comes from or attach the WAV to the changeset again, then export again`,
          { changesetId, sha256 },
        );
      }
      if (error.code === 'audio.hash-mismatch' || error.code === 'audio.invalid') {
        throw new FerryError(
          'package.audio-mismatch',
          `${changesetId} cannot be packaged: the workspace's copy of audio ${sha256.slice(0, 12)}… (${use.where}) is not that audio: ${error.message}`,
          { changesetId, sha256 },
        );
      }
      throw error;
    }
  }

  /** Verifies a package file, refusing an oversized one before reading it. */
  async verifyFile(path: string, options: { target?: string } = {}): Promise<PackageReport> {
    const text = await readPackageFile(path);
    return typeof text === 'string' ? this.verify(text, options) : text;
  }

  async importFile(path: string, options: { target?: string } = {}): Promise<PackageImport> {
    const text = await readPackageFile(path);
    if (typeof text !== 'string') throw rejected(text);
    return this.import(text, options);
  }

  async extractFile(
    path: string,
  ): Promise<{ files: { name: string; bytes: Uint8Array }[]; report: PackageReport }> {
    const text = await readPackageFile(path);
    if (typeof text !== 'string') throw rejected(text, 'cannot be taken apart');
    return this.extract(text);
  }

  /**
   * The package taken apart for other tools: the author's envelope, each approval's, each
   * artifact by name, and the author's public key from the trust root when a trusted key signed.
   */
  async extract(
    text: string,
  ): Promise<{ files: { name: string; bytes: Uint8Array }[]; report: PackageReport }> {
    const { report, opened, inspected } = await this.evaluate(text, {});
    if (!opened) throw rejected(report, 'cannot be taken apart');
    let files;
    try {
      files = extractedFiles(opened);
    } catch (error) {
      throw new FerryError(PACKAGE_REJECTED, error instanceof Error ? error.message : String(error));
    }
    const signer = inspected?.facts.authorSigner;
    if (signer) files.push({ name: AUTHOR_KEY_FILE, bytes: new TextEncoder().encode(signer.publicKey) });
    return { files, report };
  }

  private async evaluate(text: string, options: { target?: string }): Promise<Evaluation> {
    const read = readPackage(text);
    if (!read.opened) {
      return {
        report: assembleReport({
          checks: read.checks,
          inspected: null,
          alreadyImported: false,
          alreadyApplied: [],
        }),
        opened: null,
        inspected: null,
      };
    }
    const { workspace, identity, changesets } = this.deps;
    const now = workspace.now();
    const inspected = inspectPackage(read.opened, {
      trusted: await identity.trust.list(),
      now,
      verify: verifyEd25519,
      ...(options.target !== undefined ? { target: options.target } : {}),
    });
    const facts = inspected.facts;
    const targets: TargetContext[] = [];
    for (const environment of facts.targets) targets.push(await this.targetContext(environment, facts));
    const local = facts.changeset
      ? await changesets.get(facts.changeset.id).then(
          (found) => ({ digest: found.digest }),
          (error: unknown) => {
            if (error instanceof FerryError && error.code === 'changeset.not-found') return null;
            return { digest: 'an unreadable file' };
          },
        )
      : null;
    const commit = facts.statement?.predicate.sourceSnapshotCommit ?? null;
    const sourceCommitKnown =
      commit === null
        ? null
        : await readCommit(workspace.requirePath(), commit).then(
            () => true,
            () => false,
          );
    const judged = judgePackage(facts, { now, targets, local, sourceCommitKnown });
    return {
      report: assembleReport({
        checks: [...read.checks, ...inspected.checks, ...judged],
        inspected,
        alreadyImported: local !== null && local.digest === facts.changesetDigest,
        alreadyApplied: targets
          .filter((target) => target.appliedBy.length > 0)
          .map((target) => target.environment),
      }),
      opened: read.opened,
      inspected,
    };
  }

  private async policyOf(
    environment: string,
  ): Promise<{ policy: EnvironmentPolicy | null; problem: string | null }> {
    try {
      await this.deps.environments.get(environment);
    } catch (error) {
      if (error instanceof FerryError && error.code === 'environment.not-found')
        return { policy: null, problem: null };
      throw error;
    }
    // The signed policy (or the secure default), never ferry.json's unsigned block.
    return { policy: (await this.deps.identity.trust.policy(environment)).policy, problem: null };
  }

  private async targetContext(environment: string, facts: InspectResult['facts']): Promise<TargetContext> {
    const { policy, problem } = await this.policyOf(environment);
    if (!policy) return { environment, policy, problem, snapshot: null, appliedBy: [] };
    const judged = facts.changeset ? await this.snapshotJudgement(environment, facts.changeset) : null;
    return {
      environment,
      policy,
      problem,
      snapshot: judged ? { commit: judged.commit, ...summarizeJudgements(judged.judgements) } : null,
      appliedBy:
        facts.changeset && facts.changesetDigest
          ? await this.appliedBy(environment, facts.changeset.id, facts.changesetDigest)
          : [],
    };
  }

  /** The changeset against the target's latest stored snapshot; null when there is none here. */
  private async snapshotJudgement(
    environment: string,
    changeset: Changeset,
  ): Promise<{ commit: string; takenAt: string | null; judgements: OperationJudgement[] } | null> {
    const exists = await this.deps.environments.get(environment).then(
      () => true,
      () => false,
    );
    if (!exists) return null;
    const last = await this.deps.snapshots.store().lastSnapshot(environment);
    if (!last) return null;
    // The changeset as it would land there: the target's parameters and mapped names (issue 15).
    const { values, secrets } = await this.deps.parameters.values(environment, parametersUsedBy(changeset));
    const resolved = resolveChangesetValues(changeset, values, secrets);
    const needed = new Map<number, Set<string>>();
    for (const problem of resolved.problems)
      needed.set(problem.operation, (needed.get(problem.operation) ?? new Set()).add(problem.parameter));
    const unresolved = new Map(
      [...needed].map(([operation, names]) => [
        operation,
        `needs ${[...names].join(', ')} from ${environment}, not set here yet: judged when the plan is made`,
      ]),
    );
    const current: (JsonObject | null)[] = [];
    // One at a time: the first call loads the snapshot, the others reuse it.
    for (const operation of resolved.changeset.operations) {
      current.push(await this.deps.authoring.targetObject(environment, operation.type, operation.key));
    }
    return {
      commit: last.commit,
      takenAt: last.takenAt,
      judgements: judgeAgainstSnapshot(resolved.changeset, current, unresolved),
    };
  }

  /** Runs here that left this changeset digest applied to the target (and were not rolled back since). */
  private async appliedBy(
    environment: string,
    changesetId: string,
    digest: string,
  ): Promise<TargetContext['appliedBy']> {
    const { engine } = this.deps;
    // The digest covers the id, so only runs of this changeset can have applied it.
    const runs = (await engine.runs()).filter(
      (run) => run.environment === environment && run.changesetId === changesetId,
    );
    const rolledBack = new Set<string>();
    const candidates: TargetContext['appliedBy'] = [];
    for (const run of runs) {
      if (run.kind === 'rollback' && run.status === 'succeeded') {
        const detail = await engine.run(run.id).catch(() => null);
        if (detail?.result?.rollbackOf) rolledBack.add(detail.result.rollbackOf);
        continue;
      }
      if (run.kind !== 'promote' || !APPLIED_STATUSES.has(run.status)) continue;
      const detail = await engine.run(run.id).catch(() => null);
      if (detail?.result?.changesetDigest === digest) {
        candidates.push({ runId: run.id, finishedAt: detail.result.finishedAt });
      }
    }
    return candidates.filter((run) => !rolledBack.has(run.runId));
  }

  /**
   * The approvals to embed: each approver's envelope unchanged, when it is valid for the changeset
   * as it is now. A rejection refuses the export (a package must not hide it); self-approvals are
   * left out unless every target's policy allows them, and stale or untrusted ones never count.
   */
  private async approvalsToBundle(
    changeset: Changeset,
    digest: string,
    exporterKeyId: string,
    selfAllowed: boolean,
  ): Promise<{ verification: ApprovalVerification; envelope: DsseEnvelope }[]> {
    const verifications = await this.deps.identity.approvals.list(changeset.id, digest);
    const rejectedBy = verifications.filter((verification) => verification.status === 'rejected');
    if (rejectedBy.length > 0) {
      throw new FerryError(
        'package.changeset-rejected',
        `${rejectedBy.map((verification) => verification.owner ?? verification.keyId).join(', ')} rejected ${changeset.id}; it cannot be packaged until that decision is replaced`,
        { changesetId: changeset.id },
      );
    }
    const chosen: { verification: ApprovalVerification; envelope: DsseEnvelope }[] = [];
    for (const verification of verifications) {
      if (verification.status !== 'valid') continue;
      const self =
        verification.keyId === exporterKeyId ||
        verification.keyId === changeset.authorKeyId ||
        (verification.owner ?? '').trim().toLowerCase() === changeset.author.trim().toLowerCase();
      if (self && !selfAllowed) continue;
      const text = await readFile(join(this.deps.workspace.requirePath(), verification.file), 'utf8');
      const envelope = dsseEnvelopeSchema.parse(parseStrictJson(text));
      chosen.push({ verification, envelope });
    }
    return chosen;
  }
}

function rejected(report: PackageReport, outcome = 'was not imported'): FerryError {
  const failed = report.checks.filter((check) => !check.passed);
  return new FerryError(
    PACKAGE_REJECTED,
    `The package ${outcome}: ${failed.length} check${failed.length === 1 ? '' : 's'} failed\n${failed
      .map((check) => `✗ ${check.check}: ${check.detail}`)
      .join('\n')}`,
    { report },
  );
}

/** The file's text, or a failed report when it is too big to read or not UTF-8. */
async function readPackageFile(path: string): Promise<string | PackageReport> {
  const failed = (check: { check: string; passed: boolean; detail: string }[]) =>
    assembleReport({ checks: check, inspected: null, alreadyImported: false, alreadyApplied: [] });
  const sized = sizeCheck((await inputFileStats(path, 'a package file')).size);
  if (!sized.passed) return failed([sized]);
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failed([
      sized,
      { check: 'json', passed: false, detail: 'the file is not UTF-8 text, so it is not JSON' },
    ]);
  }
}
