import { z } from 'zod';
import { parametersViewSchema } from '../parameters/parameters-view';
import { parameterTypeSchema } from '../parameters/parameter-types';
import {
  absolutePathSchema,
  commitSummarySchema,
  recentWorkspaceSchema,
  workspaceInfoSchema,
  workspaceNameSchema,
} from '../model/workspace';
import {
  connectionReportSchema,
  environmentNameSchema,
  environmentSchema,
  environmentViewSchema,
} from '../model/environment';
import { snapshotObjectSchema, snapshotProgressSchema, snapshotTreeSchema } from '../model/snapshot';
import { compareSourceTextSchema } from '../model/compare-source';
import { environmentFieldWireSchema } from '../diff/environment-fields';
import {
  commitChangesSchema,
  commitFileTextsSchema,
  commitIdSchema,
  workspaceFilePathSchema,
} from '../model/commit-changes';
import {
  compareObjectSchema,
  compareOutcomeSchema,
  driftReportSchema,
  ignoreRuleWireSchema,
  snapshotHistoryEntrySchema,
} from '../model/compare';
import { changesetSchema, operationSchema } from '../model/changeset';
import {
  approvalWireSchema,
  promotionPreviewWireSchema,
  promotionProgressSchema,
  runDetailWireSchema,
  runResultSchema,
  runSummarySchema,
  signingIdentityWireSchema,
} from '../model/promotion-wire';
import { environmentPolicySchema } from '../promotion/policy';
import { insightsQuerySchema } from '../insights/insights-query';
import { pipelineNameSchema, pipelineSchema, pipelineStatusSchema } from '../promotion/pipeline/pipeline';
import { followUpSchema } from '../promotion/follow-ups/follow-up';
import { insightsReportSchema } from '../insights/insights-report';
import {
  packageExportRequestSchema,
  packageExportSchema,
  packageImportSchema,
  packageReportSchema,
} from '../model/package-wire';
import {
  addTrustedKeyRequestSchema,
  authorshipWireSchema,
  revokeKeyRequestSchema,
  trustProposeResultWireSchema,
  trustStatusWireSchema,
  trustVersionRequestSchema,
  demoApproverWireSchema,
  vaultStatusWireSchema,
} from '../model/trust-wire';
import {
  changesetCheckSchema,
  changesetDocumentSchema,
  changesetIdSchema,
  changesetSummarySchema,
  changesetVersionSchema,
  missingDependencyWireSchema,
  picksRequestSchema,
  targetCatalogSchema,
} from '../model/changeset-wire';
import { themeChoiceSchema } from '../model/theme';
import {
  audioAttachRequestSchema,
  audioAttachResultSchema,
  audioFileSchema,
  audioReadRequestSchema,
} from '../model/prompt-audio';
import {
  conflictResolutionSchema,
  pullResultSchema,
  pushResultSchema,
  remoteViewSchema,
  syncConflictSchema,
  syncHistoryEntrySchema,
  syncProgressSchema,
  syncStatusSchema,
} from '../sync/sync-wire';

/**
 * The one contract between the renderer and the main process. The preload and the browser
 * bridge are two transports of this map; main validates every request against it.
 */
const empty = z.object({}).strict();
/** A run folder's name: never a path. */
const runIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, 'is not a run id');
/** Why an expired environment lease is broken: it goes into the audit log, so it must say something. */
const leaseBreakReasonSchema = z.string().trim().min(1, 'needs a reason').max(500);
/** A remote's name as git knows it (the service checks it further). */
const remoteNameSchema = z.string().min(1).max(100);
/** A remote's address (the service refuses what it would not use: credentials in it, plain http off this machine). */
const remoteUrlSchema = z.string().min(1).max(2048);
/** Which remote a transfer uses; without it `origin`, or the only one there is. */
const transferRequestSchema = z.object({ remote: remoteNameSchema.optional() }).strict();

export const appInfoSchema = z.object({
  name: z.literal('Ferry'),
  version: z.string(),
  /** What the host can do natively, so the UI offers only what works. */
  capabilities: z.object({ pickFolder: z.boolean(), openExternal: z.boolean(), savePdf: z.boolean() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const httpsUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https: URL');

export const channels = {
  'app.info': { request: empty, response: appInfoSchema },
  'workspace.create': {
    request: z.object({ path: absolutePathSchema, name: workspaceNameSchema.optional() }).strict(),
    response: workspaceInfoSchema,
  },
  'workspace.open': {
    request: z.object({ path: absolutePathSchema }).strict(),
    response: workspaceInfoSchema,
  },
  'workspace.current': { request: empty, response: workspaceInfoSchema.nullable() },
  'workspace.close': { request: empty, response: z.null() },
  'workspace.recent': { request: empty, response: z.array(recentWorkspaceSchema) },
  /** The colour theme chosen on this machine (light, dark, or follow the system). */
  'settings.theme': { request: empty, response: themeChoiceSchema },
  'settings.setTheme': {
    request: z.object({ theme: themeChoiceSchema }).strict(),
    response: themeChoiceSchema,
  },
  'workspace.forgetRecent': {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: z.array(recentWorkspaceSchema),
  },
  'workspace.history': {
    request: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
    response: z.array(commitSummarySchema),
  },
  'workspace.readConfig': { request: empty, response: z.object({ text: z.string() }) },
  /** The files one commit changed (History opens a commit into these). */
  'workspace.commitChanges': {
    request: z.object({ commit: commitIdSchema }).strict(),
    response: commitChangesSchema,
  },
  /** One file's text before and after a commit. */
  'workspace.commitFile': {
    request: z.object({ commit: commitIdSchema, path: workspaceFilePathSchema }).strict(),
    response: commitFileTextsSchema,
  },
  'dialog.pickFolder': {
    request: z.object({ title: z.string().max(200).optional() }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },
  'shell.openExternal': { request: z.object({ url: httpsUrlSchema }).strict(), response: z.null() },
  'environments.list': { request: empty, response: z.array(environmentViewSchema) },
  'environments.regions': {
    request: empty,
    response: z.array(z.object({ id: z.string(), domain: z.string() })),
  },
  /** The secret travels renderer → main only; no response ever carries it back. */
  'environments.save': {
    request: z
      .object({
        environment: environmentSchema,
        secret: z.string().max(4096).optional(),
        replace: z.boolean().optional(),
        acceptUnprotected: z.boolean().optional(),
      })
      .strict(),
    response: environmentViewSchema,
  },
  'environments.remove': { request: z.object({ name: environmentNameSchema }).strict(), response: z.null() },
  'environments.test': {
    request: z.object({ name: environmentNameSchema }).strict(),
    response: connectionReportSchema,
  },
  /** Starts a snapshot in the background; progress arrives as `snapshot.progress` events. */
  'snapshots.start': {
    request: z
      .object({ environment: environmentNameSchema, types: z.array(z.string()).max(50).optional() })
      .strict(),
    response: z.object({ jobId: z.string() }),
  },
  'snapshots.cancel': { request: z.object({ jobId: z.string().max(100) }).strict(), response: z.null() },
  'snapshots.tree': {
    request: z.object({ environment: environmentNameSchema }).strict(),
    response: snapshotTreeSchema,
  },
  'snapshots.object': {
    request: z
      .object({ environment: environmentNameSchema, type: z.string().max(100), file: z.string().max(300) })
      .strict(),
    response: snapshotObjectSchema,
  },
  /** Snapshots of one environment over time, newest first, for the point-in-time picker. */
  'compare.history': {
    request: z
      .object({ environment: environmentNameSchema, limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    response: z.array(snapshotHistoryEntrySchema),
  },
  /** a, b: `<env>`, `<env>@<commit|ISO date>`, `live:<env>`. */
  'compare.run': {
    request: z
      .object({
        a: compareSourceTextSchema,
        b: compareSourceTextSchema,
        includeUnchanged: z.boolean().optional(),
        /** Statuses from hashes only, at once; run again without it for field changes. */
        quick: z.boolean().optional(),
        /** Compare after resolving each environment's parameters and mappings (issue 15). */
        resolve: z.boolean().optional(),
        /** A `live:` side is the one the last compare of it read (a full pass after its quick pass). */
        reuseLive: z.boolean().optional(),
      })
      .strict(),
    response: compareOutcomeSchema,
  },
  /** Both sides of one object from the last `compare.run` of the same a and b (live reads are not repeated). */
  'compare.object': {
    request: z
      .object({
        a: compareSourceTextSchema,
        b: compareSourceTextSchema,
        type: z.string().max(100),
        key: z.string().max(1000),
        previousKey: z.string().max(1000).optional(),
        /** Side a in side b's names, as a resolved compare showed it. */
        resolve: z.boolean().optional(),
      })
      .strict(),
    response: compareObjectSchema,
  },
  /** Fields that rightly differ per environment: declared by object types, or flagged by the team. */
  'compare.environmentFields': { request: empty, response: z.array(environmentFieldWireSchema) },
  'compare.addEnvironmentField': {
    request: z
      .object({
        type: z.string().min(1).max(100),
        path: z.string().min(1).max(300),
        reason: z.string().trim().min(1).max(500).optional(),
      })
      .strict(),
    response: z.array(environmentFieldWireSchema),
  },
  'compare.removeEnvironmentField': {
    request: z.object({ type: z.string().max(100), path: z.string().max(300) }).strict(),
    response: z.array(environmentFieldWireSchema),
  },
  'compare.ignoreRules': { request: empty, response: z.array(ignoreRuleWireSchema) },
  'compare.addIgnoreRule': {
    request: z
      .object({
        type: z.string().min(1).max(100),
        path: z.string().min(1).max(300),
        reason: z.string().trim().min(1).max(500),
      })
      .strict(),
    response: z.array(ignoreRuleWireSchema),
  },
  'compare.removeIgnoreRule': {
    request: z.object({ type: z.string().max(100), path: z.string().max(300) }).strict(),
    response: z.array(ignoreRuleWireSchema),
  },
  'drift.run': {
    request: z.object({ environment: environmentNameSchema }).strict(),
    response: driftReportSchema,
  },
  'drift.accept': {
    request: z
      .object({ environment: environmentNameSchema, type: z.string().max(100), key: z.string().max(1000) })
      .strict(),
    response: z.object({ commit: z.string().nullable(), message: z.string() }),
  },
  'drift.revert': {
    request: z
      .object({ environment: environmentNameSchema, type: z.string().max(100), key: z.string().max(1000) })
      .strict(),
    response: z.object({ changesetId: z.string(), file: z.string(), commit: z.string() }),
  },
  'drift.unignore': {
    request: z
      .object({ environment: environmentNameSchema, type: z.string().max(100), key: z.string().max(1000) })
      .strict(),
    response: z.null(),
  },
  'drift.ignore': {
    request: z
      .object({
        environment: environmentNameSchema,
        type: z.string().max(100),
        key: z.string().max(1000),
        reason: z.string().trim().min(1, 'a reason is required').max(500),
      })
      .strict(),
    response: z.null(),
  },
  'changesets.list': { request: empty, response: z.array(changesetSummarySchema) },
  'changesets.get': {
    request: z.object({ id: changesetIdSchema }).strict(),
    response: changesetDocumentSchema,
  },
  'changesets.create': {
    request: z
      .object({
        title: z.string().trim().min(1, 'a title is required').max(200),
        description: z.string().max(20_000).optional(),
        ticket: z.string().max(200).optional(),
      })
      .strict(),
    response: changesetDocumentSchema,
  },
  /** Saves a whole document (one commit); the store re-checks it and refuses an unknown id. */
  'changesets.save': {
    request: z.object({ changeset: changesetSchema }).strict(),
    response: changesetDocumentSchema,
  },
  'changesets.duplicate': {
    request: z.object({ id: changesetIdSchema }).strict(),
    response: changesetDocumentSchema,
  },
  'changesets.remove': { request: z.object({ id: changesetIdSchema }).strict(), response: z.null() },
  'changesets.history': {
    request: z.object({ id: changesetIdSchema }).strict(),
    response: z.array(changesetVersionSchema),
  },
  'changesets.version': {
    request: z.object({ id: changesetIdSchema, commit: z.string().regex(/^[0-9a-f]{4,40}$/) }).strict(),
    response: z.object({ text: z.string().nullable() }),
  },
  /** Validation and blast radius of a saved changeset (`id`) or an unsaved draft, against a target. */
  'changesets.check': {
    request: z
      .object({
        id: changesetIdSchema.optional(),
        draft: changesetSchema.optional(),
        environment: environmentNameSchema.nullable(),
      })
      .strict()
      .refine((value) => (value.id === undefined) !== (value.draft === undefined), {
        message: 'give either id or draft',
      }),
    response: changesetCheckSchema,
  },
  'changesets.catalog': {
    request: z.object({ environment: environmentNameSchema }).strict(),
    response: targetCatalogSchema,
  },
  'changesets.targetObject': {
    request: z
      .object({ environment: environmentNameSchema, type: z.string().max(100), key: z.string().max(1000) })
      .strict(),
    response: z.object({ value: z.record(z.string(), z.unknown()).nullable() }),
  },
  /** What picks from a compare would add, and which dependencies still need a choice. */
  'changesets.resolvePicks': {
    request: picksRequestSchema,
    response: z.object({
      operations: z.array(operationSchema),
      requires: z.array(z.object({ type: z.string(), key: z.string() })),
      missing: z.array(missingDependencyWireSchema),
    }),
  },
  'changesets.addPicks': { request: picksRequestSchema, response: changesetDocumentSchema },
  /** One prompt audio file of a snapshot or a changeset, by hash (checked against its bytes). */
  'audio.read': { request: audioReadRequestSchema, response: audioFileSchema },
  /** A WAV file a person picked, kept in the changeset's audio folder by hash (one commit). */
  'audio.attach': { request: audioAttachRequestSchema, response: audioAttachResultSchema },
  /** Whether the vault (signing key, client secrets) is unlocked, exists, and can be unlocked here. */
  /** Per-environment parameters and name mappings (issue 15); a secret's value never comes back. */
  'parameters.list': {
    request: z.object({ environment: environmentNameSchema.optional() }).strict(),
    response: z.array(parametersViewSchema),
  },
  /**
   * Sets a parameter from the text a person typed, checked against its type. A secret's value goes
   * to this machine's vault and is never logged, returned or written to the workspace.
   */
  'parameters.set': {
    request: z
      .object({
        environment: environmentNameSchema,
        name: z.string().min(1, 'name the parameter').max(200),
        value: z.string().max(4096),
        type: parameterTypeSchema.optional(),
        acceptUnprotected: z.boolean().optional(),
      })
      .strict(),
    response: parametersViewSchema,
  },
  'parameters.unset': {
    request: z
      .object({
        environment: environmentNameSchema,
        name: z.string().min(1).max(200),
        force: z.boolean().optional(),
      })
      .strict(),
    response: parametersViewSchema,
  },
  /** In `environment`, the `type` object changesets call `from` is called `to`. */
  'parameters.map': {
    request: z
      .object({
        environment: environmentNameSchema,
        type: z.string().min(1).max(100),
        from: z.string().trim().min(1, 'name the object as changesets call it').max(512),
        to: z.string().trim().min(1, 'name the object as this environment calls it').max(512),
      })
      .strict(),
    response: parametersViewSchema,
  },
  'parameters.unmap': {
    request: z
      .object({
        environment: environmentNameSchema,
        type: z.string().min(1).max(100),
        from: z.string().min(1).max(512),
      })
      .strict(),
    response: parametersViewSchema,
  },
  'vault.status': { request: empty, response: vaultStatusWireSchema },
  /**
   * Unlocks the vault for this session with its passphrase (browser bridge only; the desktop app
   * uses the system's secure storage). The passphrase travels page → main once and is kept in
   * memory only; no response or log ever carries it.
   */
  'vault.unlock': {
    request: z.object({ passphrase: z.string().min(1, 'enter the passphrase').max(1024) }).strict(),
    response: vaultStatusWireSchema,
  },
  /** This machine's signing key (public half only); null before one is made. */
  'identity.info': { request: empty, response: signingIdentityWireSchema.nullable() },
  'identity.init': {
    request: z.object({ owner: z.string().trim().min(1, 'a name is required').max(200) }).strict(),
    response: signingIdentityWireSchema,
  },
  /**
   * The signed trust root as this machine verifies it from its pin. Reading it may pin it (trust
   * on first use); a root that does not verify is refused with `trust.unverified`.
   */
  'trust.status': { request: empty, response: trustStatusWireSchema },
  /** Version 1 with this machine's key as the first admin (threshold 1). */
  'trust.init': { request: empty, response: trustProposeResultWireSchema },
  /** Proposes the next version trusting a teammate's public key; applied once enough admins sign. */
  'trust.addKey': { request: addTrustedKeyRequestSchema, response: trustProposeResultWireSchema },
  'trust.revoke': { request: revokeKeyRequestSchema, response: trustProposeResultWireSchema },
  'trust.setThreshold': {
    request: z.object({ threshold: z.number().int().min(1).max(32) }).strict(),
    response: trustProposeResultWireSchema,
  },
  /** Adds this machine's admin signature to a pending proposal. */
  'trust.sign': { request: trustVersionRequestSchema, response: trustProposeResultWireSchema },
  'trust.withdraw': {
    request: trustVersionRequestSchema,
    response: z.object({ version: z.number().int(), commit: z.string() }),
  },
  /** Confirms (or replaces) this machine's pin with a fingerprint an admin read out. */
  'trust.pin': {
    request: z.object({ fingerprint: z.string().trim().min(1).max(200) }).strict(),
    response: trustStatusWireSchema,
  },
  /** Who signed the changeset as it is now, judged against the trust root. */
  'changesets.authorship': {
    request: z.object({ changesetId: changesetIdSchema }).strict(),
    response: authorshipWireSchema,
  },
  /** This machine's key signs the changeset as it is now, as its author (one commit). */
  'changesets.signAsAuthor': {
    request: z.object({ changesetId: changesetIdSchema }).strict(),
    response: authorshipWireSchema,
  },
  'approvals.list': {
    request: z
      .object({ changesetId: changesetIdSchema, environment: environmentNameSchema.optional() })
      .strict(),
    response: z.array(approvalWireSchema),
  },
  /** Rita, the demo approver: only in the demo workspace the app made in its data folder. */
  'demo.approver': { request: empty, response: demoApproverWireSchema },
  /** Makes Rita's key and signs her into the trust root as an approver (the user is the admin). */
  'demo.approver.enable': { request: empty, response: demoApproverWireSchema },
  /** Rita approves the changeset as it is now, signed with her own key. */
  'demo.approver.approve': {
    request: z
      .object({ changesetId: changesetIdSchema, environments: z.array(environmentNameSchema).optional() })
      .strict(),
    response: approvalWireSchema,
  },
  'approvals.approve': {
    request: z
      .object({
        changesetId: changesetIdSchema,
        decision: z.enum(['approved', 'rejected']),
        comment: z.string().max(2000).optional(),
      })
      .strict(),
    response: approvalWireSchema,
  },
  'policies.get': {
    request: z.object({ environment: environmentNameSchema }).strict(),
    response: environmentPolicySchema,
  },
  'policies.save': {
    request: z.object({ environment: environmentNameSchema, policy: environmentPolicySchema }).strict(),
    response: environmentPolicySchema,
  },
  /** The dry run against a live read of the target: steps, API calls, gates, change-control preview. */
  'promotions.plan': {
    request: z
      .object({
        changesetId: changesetIdSchema,
        environment: environmentNameSchema,
        overrideReason: z.string().max(1000).optional(),
      })
      .strict(),
    response: promotionPreviewWireSchema,
  },
  /**
   * Promotes and answers when the run is over; `promotion.progress` events tell the steps as they
   * go. A production target needs its name typed as `confirm`.
   */
  'promotions.promote': {
    request: z
      .object({
        changesetId: changesetIdSchema,
        environment: environmentNameSchema,
        overrideReason: z.string().max(1000).optional(),
        confirm: z.string().max(100).optional(),
        onFailure: z.enum(['rollback', 'stop']).optional(),
        /** Break the environment's expired lease on the shared remote, for this reason (audited). */
        breakLease: leaseBreakReasonSchema.optional(),
      })
      .strict(),
    response: runResultSchema,
  },
  'promotions.runs': { request: empty, response: z.array(runSummarySchema) },
  'promotions.run': {
    request: z.object({ runId: runIdSchema }).strict(),
    response: runDetailWireSchema,
  },
  'promotions.rollback': {
    request: z.object({ runId: runIdSchema, breakLease: leaseBreakReasonSchema.optional() }).strict(),
    response: runResultSchema,
  },
  /** A run a crash interrupted: finish it, or restore the target as it was. */
  /** Builds a signed change package; the renderer saves the text where the user chooses. */
  'packages.export': { request: packageExportRequestSchema, response: packageExportSchema },
  /** Checks a package offline against the signed trust root and the targets' policies; imports nothing. */
  'packages.verify': {
    request: z
      .object({ text: z.string().max(8 * 1024 * 1024), target: environmentNameSchema.optional() })
      .strict(),
    response: packageReportSchema,
  },
  /** Verifies again, then creates the changeset and its approvals; refused unless every check passed. */
  'packages.import': {
    request: z
      .object({ text: z.string().max(8 * 1024 * 1024), target: environmentNameSchema.optional() })
      .strict(),
    response: packageImportSchema,
  },
  /** The run's change-control document as a PDF the user saves; only where the host can print. */
  'promotions.saveChangeControlPdf': {
    request: z.object({ runId: runIdSchema }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },
  /**
   * Insights (issue 19): the DORA keys and the governance picture of a period, computed from the
   * workspace's verified records; the one-page report of the same figures, and as a PDF where the
   * host can print.
   */
  'insights.metrics': { request: insightsQuerySchema, response: insightsReportSchema },
  /**
   * Issue 20: promotion pipelines signed in the trust root; where a change stands in one and what
   * it waits for; advancing it one stage when its rules allow (an audited promotion).
   */
  'pipelines.list': { request: empty, response: z.array(pipelineSchema) },
  'pipelines.status': {
    request: z.object({ changesetId: changesetIdSchema, pipeline: pipelineNameSchema.optional() }).strict(),
    response: pipelineStatusSchema,
  },
  'pipelines.advance': {
    request: z
      .object({
        changesetId: changesetIdSchema,
        pipeline: pipelineNameSchema.optional(),
        /** A production stage needs its name typed, as a promotion does. */
        confirm: z.string().max(100).optional(),
        breakLease: leaseBreakReasonSchema.optional(),
      })
      .strict(),
    response: z.object({ environment: z.string(), result: runResultSchema, status: pipelineStatusSchema }),
  },
  /** Issue 20: emergency overrides and their retrospective approvals, overdue ones first. */
  'followUps.list': { request: empty, response: z.array(followUpSchema) },
  'insights.report': {
    request: insightsQuerySchema,
    response: z.object({ markdown: z.string(), html: z.string(), fileName: z.string() }),
  },
  'insights.saveReportPdf': {
    request: insightsQuerySchema,
    response: z.object({ path: z.string().nullable() }),
  },
  'promotions.recover': {
    request: z
      .object({
        runId: runIdSchema,
        action: z.enum(['resume', 'rollback']),
        breakLease: leaseBreakReasonSchema.optional(),
      })
      .strict(),
    response: runResultSchema,
  },
  /**
   * Team workspaces (issue 16). Transfers answer when done; `sync.progress` events tell how far
   * they are, and `sync.cancel` stops the ones running (the workspace stays as it was).
   */
  'sync.remotes': { request: empty, response: z.array(remoteViewSchema) },
  'sync.addRemote': {
    request: z.object({ name: remoteNameSchema, url: remoteUrlSchema }).strict(),
    response: remoteViewSchema,
  },
  'sync.removeRemote': { request: z.object({ name: remoteNameSchema }).strict(), response: z.null() },
  /**
   * Stores credentials for a remote (by name) or an address's host in this machine's vault. They
   * travel renderer → main only; the answer names the origin they are for, never them.
   */
  'sync.login': {
    request: z
      .object({
        target: remoteUrlSchema,
        username: z.string().max(200).optional(),
        password: z.string().min(1).max(4096),
        acceptUnprotected: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ origin: z.string() }),
  },
  'sync.logout': {
    request: z.object({ target: remoteUrlSchema }).strict(),
    response: z.object({ origin: z.string() }),
  },
  /** Ahead and behind; `offline` counts from the last transfer without asking the remote. */
  'sync.status': {
    request: z.object({ remote: remoteNameSchema.optional(), offline: z.boolean().optional() }).strict(),
    response: syncStatusSchema,
  },
  'sync.pull': { request: transferRequestSchema, response: pullResultSchema },
  'sync.push': { request: transferRequestSchema, response: pushResultSchema },
  /** Pull, then push. */
  'sync.sync': {
    request: transferRequestSchema,
    response: z.object({ pull: pullResultSchema, push: pushResultSchema }),
  },
  /** Clones into an empty or new folder and opens it as the workspace. */
  'sync.clone': {
    request: z.object({ url: remoteUrlSchema, path: absolutePathSchema }).strict(),
    response: workspaceInfoSchema,
  },
  'sync.conflicts': { request: transferRequestSchema, response: z.array(syncConflictSchema) },
  'sync.resolve': {
    request: z
      .object({
        remote: remoteNameSchema.optional(),
        resolutions: z.array(conflictResolutionSchema).min(1).max(1000),
        /** The `theirsCommit` of the conflicts shown: the resolve is refused if the remote moved on since. */
        theirsCommit: commitIdSchema.optional(),
      })
      .strict(),
    response: pullResultSchema,
  },
  'sync.history': { request: empty, response: z.array(syncHistoryEntrySchema) },
  /** Stops the transfers running now; answers how many there were. */
  'sync.cancel': { request: empty, response: z.object({ cancelled: z.number().int().nonnegative() }) },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Main → renderer notifications, typed like the channels. */
export const events = {
  'workspace.changed': workspaceInfoSchema.nullable(),
  'snapshot.progress': snapshotProgressSchema,
  /** A live read (Compare or drift against `live:<env>`) under way: the same steps as a snapshot's. */
  'live.progress': snapshotProgressSchema,
  'promotion.progress': promotionProgressSchema,
  'sync.progress': syncProgressSchema,
} as const satisfies Record<string, z.ZodType>;

export type ChannelMap = typeof channels;
export type ChannelName = keyof ChannelMap;
export type EventName = keyof typeof events;

/** What a caller passes (defaults not yet applied). */
export type RequestOf<C extends ChannelName> = z.input<ChannelMap[C]['request']>;
/** What a handler receives after validation. */
export type ParsedRequestOf<C extends ChannelName> = z.output<ChannelMap[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<ChannelMap[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
