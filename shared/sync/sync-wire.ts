import { z } from 'zod';
import { commitIdSchema } from '../model/commit-changes';

/**
 * What the team-workspace sync (issue 16) says across IPC and to the CLI's --json: remotes, where
 * the workspace stands against its remote, what a pull brought in (in words), conflicts and their
 * resolution, and the local history of transfers. The services build these; the renderer only shows them.
 */

export const credentialSourceSchema = z.enum(['environment', 'vault', 'none']);

export const remoteViewSchema = z
  .object({
    name: z.string(),
    url: z.string(),
    /** Where credentials for it would come from now (never the credentials). */
    credentials: credentialSourceSchema,
  })
  .strict();
export type RemoteViewWire = z.infer<typeof remoteViewSchema>;

/** An approval made here that the remote does not have yet: a teammate is waiting for it. */
export const unpushedApprovalSchema = z
  .object({
    changesetId: z.string(),
    title: z.string(),
    approver: z.string(),
    environment: z.string().nullable(),
  })
  .strict();
export type UnpushedApproval = z.infer<typeof unpushedApprovalSchema>;

export const syncStatusSchema = z
  .object({
    remote: z.string(),
    branch: z.string(),
    head: z.string(),
    /** The remote's branch as last fetched; null when it has none (nothing pushed yet). */
    remoteHead: z.string().nullable(),
    ahead: z.number().int().nonnegative(),
    behind: z.number().int().nonnegative(),
    unpushedApprovals: z.array(unpushedApprovalSchema),
  })
  .strict();
export type SyncStatusWire = z.infer<typeof syncStatusSchema>;

/** A file that arrived by pull and did not verify: shown, and never acted on. */
export const incomingFlagSchema = z
  .object({
    path: z.string(),
    kind: z.enum(['approval', 'run', 'trust', 'policy', 'audit', 'other']),
    /** For a person: what is wrong and what it means. */
    reason: z.string(),
  })
  .strict();
export type IncomingFlag = z.infer<typeof incomingFlagSchema>;

/** What a pull brought in, for a person: "Rita approved Video support; prod snapshot updated". */
export const pullSummarySchema = z
  .object({
    /** One sentence per kind of change, in the order a reader cares about. */
    sentences: z.array(z.string()),
    approvals: z.array(
      z.object({ changesetId: z.string(), title: z.string(), approver: z.string() }).strict(),
    ),
    changesets: z
      .object({ added: z.array(z.string()), changed: z.array(z.string()), removed: z.array(z.string()) })
      .strict(),
    snapshots: z.array(z.string()),
    runs: z.array(z.object({ runId: z.string(), environment: z.string(), by: z.string() }).strict()),
    /** Signed files that arrived and did not verify. */
    flagged: z.array(incomingFlagSchema),
  })
  .strict();
export type PullSummary = z.infer<typeof pullSummarySchema>;

export const pullOutcomeSchema = z.enum(['up-to-date', 'ahead', 'fast-forward', 'merged']);

/** What a resolving pull kept of one conflict; for 'both', where mine went as a copy. */
export const resolvedConflictSchema = z
  .object({
    path: z.string(),
    choice: z.enum(['mine', 'theirs', 'both']),
    changesetId: z.string().nullable(),
    title: z.string().nullable(),
    /** Mine kept beside theirs under a new id (approvals do not carry over: they sign the old one). */
    copy: z.object({ changesetId: z.string(), path: z.string(), title: z.string() }).strict().nullable(),
  })
  .strict();
export type ResolvedConflict = z.infer<typeof resolvedConflictSchema>;

/** An environment both sides snapshotted: the newer snapshot was kept whole, the other stays in history. */
export const snapshotMergeSchema = z
  .object({
    environment: z.string(),
    kept: z.enum(['mine', 'theirs']),
    mineAt: z.iso.datetime().nullable(),
    theirsAt: z.iso.datetime().nullable(),
  })
  .strict();
export type SnapshotMerge = z.infer<typeof snapshotMergeSchema>;

export const pullResultSchema = z
  .object({
    remote: z.string(),
    branch: z.string(),
    outcome: pullOutcomeSchema,
    before: z.string(),
    after: z.string(),
    files: z.array(z.string()),
    summary: pullSummarySchema,
    /** Present after `resolve`: what was kept of each conflict. */
    resolved: z.array(resolvedConflictSchema).optional(),
    /** Environments whose snapshots both sides took, and which one the merge kept. */
    snapshotMerges: z.array(snapshotMergeSchema).optional(),
  })
  .strict();
export type PullResultWire = z.infer<typeof pullResultSchema>;

export const pushResultSchema = z
  .object({
    remote: z.string(),
    branch: z.string(),
    outcome: z.enum(['up-to-date', 'pushed']),
    head: z.string(),
  })
  .strict();
export type PushResultWire = z.infer<typeof pushResultSchema>;

/** How one conflicting file is resolved: keep mine, keep theirs, or keep both (the other as a copy with a new id). */
export const conflictChoiceSchema = z.enum(['mine', 'theirs', 'both']);
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>;

/** A file both this workspace and the remote changed since they last agreed. */
export const syncConflictSchema = z
  .object({
    path: z.string(),
    /** A changeset can be kept both ways; any other file only mine or theirs. */
    kind: z.enum(['changeset', 'other']),
    changesetId: z.string().nullable(),
    title: z.string().nullable(),
    /** The file's text on each side; null where that side deleted it. */
    base: z.string().nullable(),
    mine: z.string().nullable(),
    theirs: z.string().nullable(),
    choices: z.array(conflictChoiceSchema),
    /** Approvals of the version the chosen side would supersede, by side. */
    approvals: z.object({ mine: z.array(z.string()), theirs: z.array(z.string()) }).strict(),
    /**
     * The remote commit this listing was worked out against. Sent back with the resolve
     * (`theirsCommit`), it makes the resolve refuse when the remote moved on since the person looked.
     */
    theirsCommit: commitIdSchema.optional(),
  })
  .strict();
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const conflictResolutionSchema = z
  .object({ path: z.string().min(1).max(1000), choice: conflictChoiceSchema })
  .strict();
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

export const syncProgressSchema = z
  .object({
    operation: z.enum(['clone', 'fetch', 'push']),
    phase: z.string(),
    loaded: z.number(),
    total: z.number(),
  })
  .strict();
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** One transfer this machine made: kept locally (in .git), never shared. */
export const syncHistoryEntrySchema = z
  .object({
    at: z.iso.datetime(),
    operation: z.enum(['clone', 'pull', 'push', 'sync', 'resolve']),
    remote: z.string(),
    outcome: z.enum(['ok', 'failed']),
    /** For a person: what happened ("Pulled 3 commits: Rita approved Video support") or why it failed. */
    summary: z.string(),
  })
  .strict();
export type SyncHistoryEntry = z.infer<typeof syncHistoryEntrySchema>;
