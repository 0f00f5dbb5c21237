import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mapBounded } from '../../shared/concurrency/concurrency-limit';
import { changesetDigest } from '../../shared/model/changeset-digest';
import { changesetSchema, type Changeset } from '../../shared/model/changeset';
import type { Tier } from '../../shared/model/environment';
import type { GateResult, Plan, PlanStep } from '../../shared/model/plan';
import { sha256Hex } from '../../shared/model/canonical/sha256';
import { stableStringify } from '../../shared/model/canonical/stable-stringify';
import type {
  JournalEntry,
  RunKind,
  RunResult,
  RunStatus,
  RunStepResult,
} from '../../shared/promotion/engine/run-records';
import {
  APPROVAL_PREDICATE_TYPE,
  changesetSubjectName,
  type ApprovalStatement,
} from '../../shared/signing/approval-statement';
import {
  AUTHOR_PREDICATE_TYPE,
  authorsFolder,
  type AuthorStatement,
} from '../../shared/signing/author-statement';
import { buildEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../../shared/signing/dsse-envelope';
import { IN_TOTO_STATEMENT_TYPE } from '../../shared/signing/in-toto-statement';
import { preAuthEncoding } from '../../shared/signing/pae';
import { PLAN_ENVELOPE_FILE, RESULT_ENVELOPE_FILE } from '../../shared/signing/run-statement';
import { createFerryServices } from '../../electron/host/core/ferry-services';
import { approvalsFolder } from '../../electron/services/approvals/approval-service';
import { openEd25519PrivateKey, signEd25519 } from '../../electron/services/identity/ed25519';
import { SIGNING_KEY_VAULT_ENTRY } from '../../electron/services/identity/key-service';
import { JOURNAL_FILE } from '../../electron/services/promotion/run-journal';
import { journalLineHash, RunSigner, type RunSigning } from '../../electron/services/promotion/run-signer';
import { PLAN_FILE, RESULT_FILE, RUNS_FOLDER } from '../../electron/services/promotion/run-store';
import { nativeGit } from './native-git';

/**
 * A signed workspace history for Insights (issue 19), written straight to disk: a workspace made by
 * the real services (ferry.json with dev, uat and prod, trust root version 1 signed by the
 * promoter, two approvers and an author added, pinned in the data folder), then changesets with
 * their author signature and approvals, and finished runs with plan, journal and result signed
 * exactly as RunStore and RunSigner sign them. The records are built in memory with the same
 * statement types and signing functions the services use, not through the services themselves:
 * those commit once per record, far too slow for the bench's 50,000 changesets.
 *
 * Git: the setup (workspace, environments, trust) is committed by the services; the generated
 * records are left uncommitted unless `commit` is set, because Insights reads the working tree.
 * No snapshots are taken, so snapshot ages are unknown (null).
 *
 * Deterministic from `seed`: ids, times, outcomes and the signing keys themselves (derived from the
 * seed), so the same options give the same files apart from the setup commits' hashes.
 */

export const HISTORY_PASSPHRASE = 'insights history passphrase';

export const HISTORY_ENVIRONMENTS: readonly { name: string; tier: Tier }[] = [
  { name: 'dev', tier: 'dev' },
  { name: 'uat', tier: 'test' },
  { name: 'prod', tier: 'prod' },
];

export interface InsightsHistoryOptions {
  /** An empty folder: the workspace goes to `<root>/ws`, the data folder to `<root>/data`. */
  root: string;
  changesets: number;
  runs: number;
  seed?: number;
  /** How many finished promote runs get a result.json changed after signing (unverifiable). */
  corrupt?: number;
  /** The history's end (ISO); every record is before it. Default 2026-11-30T00:00:00Z. */
  end?: string;
  /** How many days it spans. Default 180. */
  days?: number;
  /** Files written at once. Default 64. */
  concurrency?: number;
  /** One commit of every generated record at the end (slow for big histories). Default false. */
  commit?: boolean;
}

/** A run as generated: what its signed records say, and whether its result was tampered with. */
export interface GeneratedRun {
  runId: string;
  kind: RunKind;
  rollbackOf: string | null;
  changesetId: string;
  environment: string;
  tier: Tier;
  startedAt: string;
  finishedAt: string;
  status: RunStatus;
  override: { reason: string } | null;
  objects: [string, string][];
  /** result.json was changed after it was signed: the run must be counted as unverified. */
  corrupted: boolean;
}

export interface GeneratedChangeset {
  id: string;
  createdAt: string;
  /** Null: left unsigned by its author (counted `unsigned`). */
  authorSignedAt: string | null;
  approvals: { keyId: string; decision: 'approved' | 'rejected'; approvedAt: string }[];
}

export interface InsightsHistory {
  /** The workspace folder. */
  dir: string;
  /** The data folder holding the vault, the promoter's identity and the trust pin. */
  dataDir: string;
  /** What a `ferry` child process needs to find that data folder and open the vault. */
  env: Record<string, string>;
  keys: { promoter: string; approvers: string[]; author: string };
  /** Oldest first by start. */
  runs: GeneratedRun[];
  changesets: GeneratedChangeset[];
  /** Workspace-relative result.json files that were tampered with. */
  corrupted: string[];
  from: string;
  to: string;
  /** Seconds the record generation and writing took (setup excluded). */
  seconds: number;
}

// ── Determinism ──────────────────────────────────────────────────────────────────────────────────

/** mulberry32: small, fast and good enough to pick outcomes reproducibly. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An Ed25519 private key whose 32-byte seed is derived from the history's seed and a name. */
function derivedKey(
  seed: number,
  name: string,
): { key: KeyObject; pem: string; keyId: string; publicPem: string } {
  const secret = createHash('sha256').update(`ferry insights history ${seed} ${name}`).digest();
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): a fixed 16-byte prefix, then the seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), secret]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const opened = openEd25519PrivateKey(pem);
  return { key, pem, keyId: opened.publicKey.keyId, publicPem: opened.publicKey.pem };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ── Files ────────────────────────────────────────────────────────────────────────────────────────

/** Writes files with bounded concurrency, in batches, so a big history never sits in memory whole. */
class FileWriter {
  private pending: { path: string; text: string }[] = [];
  private readonly made = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly concurrency: number,
  ) {}

  async add(path: string, text: string): Promise<void> {
    this.pending.push({ path, text });
    if (this.pending.length >= 4000) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const folders = [...new Set(batch.map((file) => dirname(file.path)))].filter(
      (folder) => !this.made.has(folder),
    );
    await mapBounded(folders, this.concurrency, async (folder) => {
      await mkdir(join(this.dir, folder), { recursive: true });
      this.made.add(folder);
    });
    await mapBounded(batch, this.concurrency, (file) => writeFile(join(this.dir, file.path), file.text));
  }
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// ── The history ──────────────────────────────────────────────────────────────────────────────────

const QUEUES = 300;
const STATUSES: readonly [RunStatus, number][] = [
  ['succeeded', 0.9],
  ['rolled-back', 0.04],
  ['stopped', 0.03],
  ['verify-failed', 0.02],
  ['rollback-failed', 0.01],
];

export async function generateInsightsHistory(options: InsightsHistoryOptions): Promise<InsightsHistory> {
  const seed = options.seed ?? 19;
  const random = randomSource(seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  const hex = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const end = Date.parse(options.end ?? '2026-11-30T00:00:00.000Z');
  const span = (options.days ?? 180) * DAY;
  const start = end - span;
  const concurrency = options.concurrency ?? 64;

  const promoter = derivedKey(seed, 'promoter');
  const rita = derivedKey(seed, 'approver-rita');
  const ben = derivedKey(seed, 'approver-ben');
  const approvers = [rita, ben];
  const author = derivedKey(seed, 'author-alice');
  const owners = new Map([
    [rita.keyId, 'Rita Reviewer'],
    [ben.keyId, 'Ben Approver'],
  ]);

  // The workspace, its environments and its trust root, by the real services, dated before the
  // history so every key is trusted from before its first signature.
  const dir = join(options.root, 'ws');
  const dataDir = join(options.root, 'data');
  const setupAt = new Date(start - DAY);
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: HISTORY_PASSPHRASE },
    author: { name: 'Pat Promoter', email: 'pat@example.test' },
    clock: () => new Date(setupAt),
  });
  await services.workspace.create(dir, 'Insights history');
  for (const environment of HISTORY_ENVIRONMENTS) {
    await services.environments.save(
      {
        name: environment.name,
        kind: 'sandbox',
        url: 'embedded',
        org: environment.name,
        tier: environment.tier,
      },
      undefined,
    );
  }
  // The promoter's key is this machine's: sealed in the vault first, so `keys.init` adopts it.
  await services.vault.store(SIGNING_KEY_VAULT_ENTRY, promoter.pem);
  await services.identity.keys.init({ owner: 'Pat Promoter' });
  await services.identity.trust.init();
  for (const approver of approvers) {
    await services.identity.trust.add(approver.publicPem, {
      owner: owners.get(approver.keyId) ?? 'Approver',
      roles: ['approver'],
    });
  }
  await services.identity.trust.add(author.publicPem, { owner: 'Alice Author', roles: ['author'] });

  const began = performance.now();
  const writer = new FileWriter(dir, concurrency);
  const encoder = new TextEncoder();
  const sign = (key: KeyObject, payload: Uint8Array) =>
    signEd25519(key, preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload));

  // ── Changesets: authored across the period, leaving the last 12 days for their promotions.
  const changesets: (GeneratedChangeset & { digest: string; objects: [string, string][] })[] = [];
  const authoredSpan = Math.max(span - 12 * DAY, DAY);
  for (let index = 0; index < options.changesets; index += 1) {
    const id = `change-${String(index).padStart(6, '0')}-${hex(6)}`;
    const createdAt = new Date(
      start + (index / Math.max(options.changesets, 1)) * authoredSpan + between(0, HOUR),
    );
    const objects: [string, string][] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let object = 0; object < count; object += 1) {
      const key = `Queue ${Math.floor(random() * QUEUES)}`;
      if (!objects.some(([, existing]) => existing === key)) objects.push(['routing.queue', key]);
    }
    const document: Changeset = changesetSchema.parse({
      formatVersion: 1,
      id,
      title: `Queue tuning ${index}`,
      description: '',
      ticket: `OPS-${1000 + index}`,
      author: 'Alice Author',
      authorKeyId: author.keyId,
      createdAt: createdAt.toISOString(),
      operations: objects.map(([type, key]) => ({
        op: 'update',
        type,
        key,
        changes: [{ path: 'description', before: 'old', after: `tuned by ${id}` }],
      })),
    });
    const digest = changesetDigest(document);
    await writer.add(`changesets/${id}.json`, pretty(document));
    const subject = [{ name: changesetSubjectName(id), digest: { sha256: digest.slice('sha256:'.length) } }];

    // 1 in 20 is never signed by its author: `unsigned`, not unverified.
    let authorSignedAt: Date | null = null;
    if (random() >= 0.05) {
      authorSignedAt = new Date(createdAt.getTime() + between(5 * MINUTE, 2 * DAY));
      const statement: AuthorStatement = {
        _type: IN_TOTO_STATEMENT_TYPE,
        subject,
        predicateType: AUTHOR_PREDICATE_TYPE,
        predicate: {
          changesetId: id,
          signedAt: authorSignedAt.toISOString(),
          author: { keyId: author.keyId, owner: 'Alice Author' },
          auditHead: null,
        },
      };
      const payload = encoder.encode(JSON.stringify(statement));
      const envelope = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [
        { keyid: author.keyId, sig: sign(author.key, payload) },
      ]);
      await writer.add(`${authorsFolder(id)}/${author.keyId}.json`, pretty(envelope));
    }

    const approvals: GeneratedChangeset['approvals'] = [];
    if (authorSignedAt !== null) {
      const reviewers = random() < 0.3 ? approvers : [index % 2 === 0 ? rita : ben];
      for (const reviewer of reviewers) {
        const approvedAt = new Date(authorSignedAt.getTime() + between(10 * MINUTE, 3 * DAY));
        const decision = random() < 0.03 ? 'rejected' : 'approved';
        const statement: ApprovalStatement = {
          _type: IN_TOTO_STATEMENT_TYPE,
          subject,
          predicateType: APPROVAL_PREDICATE_TYPE,
          predicate: {
            changesetId: id,
            decision,
            comment: decision === 'approved' ? 'looks right' : 'not this week',
            approvedAt: approvedAt.toISOString(),
            approver: { keyId: reviewer.keyId, owner: owners.get(reviewer.keyId) ?? 'Approver' },
            environments: ['dev', 'prod', 'uat'],
            auditHead: null,
          },
        };
        const payload = encoder.encode(JSON.stringify(statement));
        const envelope = buildEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, [
          { keyid: reviewer.keyId, sig: sign(reviewer.key, payload) },
        ]);
        await writer.add(`${approvalsFolder(id)}/${reviewer.keyId}.json`, pretty(envelope));
        approvals.push({ keyId: reviewer.keyId, decision, approvedAt: approvedAt.toISOString() });
      }
    }
    changesets.push({
      id,
      createdAt: createdAt.toISOString(),
      authorSignedAt: authorSignedAt?.toISOString() ?? null,
      approvals,
      digest,
      objects,
    });
  }

  // ── Runs: changesets go dev → uat → prod, a failure ending the story; some prod deployments are
  // overridden, some later rolled back by a rollback run.
  const signing: RunSigning = {
    key: {
      keyId: () => Promise.resolve(promoter.keyId),
      sign: (data) => Promise.resolve(signEd25519(promoter.key, data)),
    },
  };
  const signer = await RunSigner.open(signing);
  const runs: GeneratedRun[] = [];
  const corruptEvery =
    (options.corrupt ?? 0) > 0 ? Math.max(1, Math.floor(options.runs / (options.corrupt ?? 1))) : 0;
  let corruptLeft = options.corrupt ?? 0;
  let written = 0;
  let nextCorrupt = 0;

  const writeRun = async (run: Omit<GeneratedRun, 'corrupted'>, digest: string): Promise<GeneratedRun> => {
    const folder = `${RUNS_FOLDER}/${run.runId}`;
    const tier = run.tier;
    const steps: PlanStep[] = run.objects.map(([type, key], index) => ({
      index,
      operation: index,
      action: 'update',
      type,
      key,
      id: `q-${sha256Hex(encoder.encode(key)).slice(0, 12)}`,
      level: 0,
      calls: [
        { method: 'PUT', path: `/api/v2/routing/queues/q-${sha256Hex(encoder.encode(key)).slice(0, 12)}` },
      ],
      current: { name: key, description: 'old' },
      expected: { name: key, description: `tuned by ${run.changesetId}` },
    }));
    const gates: GateResult[] =
      run.kind === 'rollback' || run.environment === 'dev'
        ? []
        : [
            { gate: 'approvals', passed: true, reason: '1 valid approval of 1 required' },
            {
              gate: 'window',
              passed: run.override === null,
              reason: run.override === null ? 'outside every deny window' : 'inside "Weekday peak hours"',
            },
          ];
    const fingerprint = `sha256:${sha256Hex(encoder.encode(stableStringify(steps.map((step) => step.current))))}`;
    const plan: Plan = {
      formatVersion: 1,
      changesetId: run.changesetId,
      changesetDigest: digest,
      environment: run.environment,
      tier,
      createdAt: run.startedAt,
      steps,
      gates,
      fingerprint,
      summary: { create: 0, update: steps.length, delete: 0, noop: 0, conflict: 0, blocked: 0 },
    };
    const planText = pretty(plan);
    const { envelope, anchor } = await signer.signPlan(encoder.encode(planText), {
      runId: run.runId,
      runKind: run.kind,
      rollbackOf: run.rollbackOf,
      changesetId: run.changesetId,
      changesetDigest: digest,
      environment: run.environment,
      fingerprint,
      startedAt: run.startedAt,
    });

    // The journal, each line at a time between start and finish, signed and chained as RunJournal does.
    const t0 = Date.parse(run.startedAt);
    const tick = (Date.parse(run.finishedAt) - t0) / (steps.length * 4 + 6);
    let seq = 0;
    let prev = anchor;
    const lines: string[] = [];
    const append = async (entry: Record<string, unknown>) => {
      const full = { ...entry, seq, at: new Date(t0 + seq * tick).toISOString() } as JournalEntry;
      const line = await signer.signLine(full, prev);
      lines.push(line);
      prev = journalLineHash(line);
      seq += 1;
    };
    await append({
      kind: 'run-started',
      runId: run.runId,
      runKind: run.kind,
      rollbackOf: run.rollbackOf,
      changesetId: run.changesetId,
      environment: run.environment,
      fingerprint,
      steps: steps.length,
      override: run.override,
      pid: 4242,
      host: 'ferry-history',
    });
    const failing = run.status !== 'succeeded' && run.status !== 'verify-failed';
    const failedStep = failing ? steps.length - 1 : -1;
    const stepResults: RunStepResult[] = [];
    for (const step of steps) {
      await append({
        kind: 'step-started',
        phase: 'forward',
        step: step.index,
        type: step.type,
        key: step.key,
        id: step.id,
        before: { api: null, canonical: step.current },
        calls: step.calls,
      });
      if (step.index === failedStep) {
        await append({
          kind: 'step-failed',
          phase: 'forward',
          step: step.index,
          error: { code: 'target.rejected', message: 'The target refused the update (HTTP 409)' },
        });
      } else {
        await append({
          kind: 'step-done',
          phase: 'forward',
          step: step.index,
          id: step.id,
          after: step.expected,
        });
      }
    }
    if (run.status === 'rolled-back' || run.status === 'rollback-failed') {
      await append({ kind: 'rollback-started', reason: 'a step failed' });
      for (const step of steps.slice(0, failedStep).reverse()) {
        await append({
          kind: 'step-started',
          phase: 'undo',
          step: step.index,
          type: step.type,
          key: step.key,
          id: step.id,
          before: { api: null, canonical: step.expected },
          calls: step.calls,
        });
        await append({
          kind: 'step-done',
          phase: 'undo',
          step: step.index,
          id: step.id,
          after: step.current,
        });
      }
    }
    if (!failing) {
      await append({
        kind: 'verified',
        ok: run.status === 'succeeded',
        checked: steps.length,
        mismatches: run.status === 'succeeded' ? 0 : 1,
      });
    }
    for (const step of steps) {
      const undone = run.status === 'rolled-back' && step.index < failedStep;
      stepResults.push({
        index: step.index,
        type: step.type,
        key: step.key,
        action: 'update',
        status: step.index === failedStep ? 'failed' : undone ? 'rolled-back' : 'done',
        id: step.id,
      });
    }
    const journal = lines.map((line) => `${line}\n`).join('');

    const result: RunResult = {
      formatVersion: 1,
      runId: run.runId,
      kind: run.kind,
      rollbackOf: run.rollbackOf,
      changesetId: run.changesetId,
      changesetDigest: digest,
      environment: run.environment,
      tier,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      recovered: false,
      message: `${run.kind === 'rollback' ? 'rollback of' : 'promote'} ${run.changesetId} → ${run.environment}: ${run.status}`,
      override: run.override,
      gates,
      steps: stepResults,
      failure: failing
        ? { step: failedStep, code: 'target.rejected', message: 'The target refused the update (HTTP 409)' }
        : null,
      verify: failing
        ? null
        : {
            checked: steps.length,
            mismatches:
              run.status === 'succeeded'
                ? []
                : [{ type: 'routing.queue', key: steps[0]?.key ?? '', message: 'description differs' }],
          },
      snapshot: null,
      requests: steps.length * 2,
      rateLimitWaits: 0,
    };
    const resultText = pretty(result);
    const resultEnvelope = await signer.signResult(encoder.encode(resultText), {
      runId: run.runId,
      status: run.status,
      plan: anchor,
      journal: { entries: lines.length, head: prev },
      finishedAt: run.finishedAt,
    });
    // Tampering after signing: the statement still names the original bytes.
    // Spread evenly: the first promote run at or after each multiple of corruptEvery.
    const corrupted = corruptLeft > 0 && run.kind === 'promote' && written >= nextCorrupt;
    if (corrupted) {
      corruptLeft -= 1;
      nextCorrupt += corruptEvery;
    }
    written += 1;
    await writer.add(`${folder}/${PLAN_FILE}`, planText);
    await writer.add(`${folder}/${PLAN_ENVELOPE_FILE}`, pretty(envelope));
    await writer.add(`${folder}/${JOURNAL_FILE}`, journal);
    await writer.add(
      `${folder}/${RESULT_FILE}`,
      corrupted ? resultText.replace('"message": "', '"message": "(edited) ') : resultText,
    );
    await writer.add(`${folder}/${RESULT_ENVELOPE_FILE}`, pretty(resultEnvelope));
    return { ...run, corrupted };
  };

  const runId = (at: Date, changesetId: string) =>
    `${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z-${changesetId}-${hex(6)}`;
  const pickStatus = (): RunStatus => {
    let roll = random();
    for (const [status, share] of STATUSES) {
      if (roll < share) return status;
      roll -= share;
    }
    return 'succeeded';
  };

  // Stories go to every k-th changeset that is signed and approved; when those run out before the
  // run budget is spent, the next pass starts one further along (bounded by k passes).
  const stride = Math.max(1, Math.floor(options.changesets / Math.max(1, Math.ceil(options.runs / 2.6))));
  const storyRuns: GeneratedRun[] = [];
  let overridden = false;
  let rolledBack = false;
  outer: for (let pass = 0; pass < stride + 1; pass += 1) {
    for (let index = pass; index < changesets.length; index += stride) {
      if (storyRuns.length >= options.runs) break outer;
      const changeset = changesets[index];
      if (changeset === undefined) continue;
      const approvedAt = changeset.approvals
        .filter((approval) => approval.decision === 'approved')
        .map((approval) => Date.parse(approval.approvedAt));
      if (changeset.authorSignedAt === null || approvedAt.length === 0) continue;
      let ready = Math.max(Date.parse(changeset.authorSignedAt), ...approvedAt);
      for (const environment of HISTORY_ENVIRONMENTS) {
        if (storyRuns.length >= options.runs) break;
        const startedAt = new Date(ready + between(30 * MINUTE, environment.name === 'prod' ? 4 * DAY : DAY));
        const finishedAt = new Date(startedAt.getTime() + between(MINUTE, 20 * MINUTE));
        const status = pickStatus();
        // The first prod promotion is always overridden and the first succeeded one always rolled
        // back, so even a small history holds both.
        const override =
          environment.name === 'prod' && (random() < 0.05 || !overridden)
            ? { reason: `Outage fix for INC-${hex(4)}` }
            : null;
        if (override !== null) overridden = true;
        const run = await writeRun(
          {
            runId: runId(startedAt, changeset.id),
            kind: 'promote',
            rollbackOf: null,
            changesetId: changeset.id,
            environment: environment.name,
            tier: environment.tier,
            startedAt: startedAt.toISOString(),
            finishedAt: finishedAt.toISOString(),
            status,
            override,
            objects: changeset.objects,
          },
          changeset.digest,
        );
        storyRuns.push(run);
        ready = finishedAt.getTime();
        if (status !== 'succeeded') break;
        // One prod deployment in 15 is undone later by a rollback run.
        if (
          environment.name === 'prod' &&
          (random() < 1 / 15 || !rolledBack) &&
          storyRuns.length < options.runs
        ) {
          rolledBack = true;
          const rollbackAt = new Date(ready + between(10 * MINUTE, 6 * HOUR));
          storyRuns.push(
            await writeRun(
              {
                runId: runId(rollbackAt, changeset.id),
                kind: 'rollback',
                rollbackOf: run.runId,
                changesetId: changeset.id,
                environment: environment.name,
                tier: environment.tier,
                startedAt: rollbackAt.toISOString(),
                finishedAt: new Date(rollbackAt.getTime() + between(MINUTE, 10 * MINUTE)).toISOString(),
                status: 'succeeded',
                override: null,
                objects: changeset.objects,
              },
              changeset.digest,
            ),
          );
        }
      }
    }
  }
  runs.push(...storyRuns.sort((a, b) => a.startedAt.localeCompare(b.startedAt)));
  await writer.flush();
  if (options.commit === true) {
    nativeGit(dir, 'add', '--', 'changesets', 'runs');
    nativeGit(
      dir,
      '-c',
      'user.name=Pat Promoter',
      '-c',
      'user.email=pat@example.test',
      'commit',
      '-q',
      '-m',
      'insights history (generated)',
    );
  }
  const seconds = (performance.now() - began) / 1000;
  return {
    dir,
    dataDir,
    env: { FERRY_DATA_DIR: dataDir, FERRY_VAULT_PASSPHRASE: HISTORY_PASSPHRASE },
    keys: { promoter: promoter.keyId, approvers: approvers.map((key) => key.keyId), author: author.keyId },
    runs,
    changesets: changesets.map(({ id, createdAt, authorSignedAt, approvals }) => ({
      id,
      createdAt,
      authorSignedAt,
      approvals,
    })),
    corrupted: runs.filter((run) => run.corrupted).map((run) => `${RUNS_FOLDER}/${run.runId}/${RESULT_FILE}`),
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    seconds,
  };
}

/**
 * The successful promotions a correct Insights counts in `[from, to)` by their finish, per
 * environment: the known answer to check `deploymentFrequency` against (tampered runs left out).
 */
export function expectedDeployments(
  history: InsightsHistory,
  period: { from: string; to: string; environments?: readonly string[] },
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of history.runs) {
    if (run.kind !== 'promote' || run.status !== 'succeeded' || run.corrupted) continue;
    const finished = Date.parse(run.finishedAt);
    if (finished < Date.parse(period.from) || finished >= Date.parse(period.to)) continue;
    if (period.environments && !period.environments.includes(run.environment)) continue;
    counts[run.environment] = (counts[run.environment] ?? 0) + 1;
  }
  return counts;
}
