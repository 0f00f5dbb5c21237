import type { IncomingFlag, PullSummary } from '../../../shared/sync/sync-wire';
import { flaggedSentences } from '../../../shared/sync/flag-sentences';

export { flaggedSentences };
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { forEachChangedFile, readBlobAt, type FileChange } from '../git/repository';

/** A file a transfer changed, and how. */
export interface FileChangeRecord {
  path: string;
  change: FileChange;
}

/** What a workspace path is, by the layout of DESIGN §4: how a pull's files become words. */
export type WorkspacePath =
  | { kind: 'changeset'; changesetId: string }
  | { kind: 'approval'; changesetId: string; keyId: string }
  | { kind: 'authorship'; changesetId: string }
  | { kind: 'snapshot'; environment: string }
  | { kind: 'parameters'; environment: string }
  | { kind: 'run'; runId: string }
  | { kind: 'trust-root'; version: number }
  | { kind: 'trust-proposal'; version: number }
  | { kind: 'audit'; keyId: string }
  | { kind: 'config' }
  | { kind: 'other' };

const PATTERNS: [RegExp, (match: RegExpExecArray) => WorkspacePath][] = [
  [/^changesets\/([^/]+)\.json$/, (m) => ({ kind: 'changeset', changesetId: m[1] ?? '' })],
  [
    /^changesets\/([^/]+)\.approvals\/([^/]+)\.json$/,
    (m) => ({ kind: 'approval', changesetId: m[1] ?? '', keyId: m[2] ?? '' }),
  ],
  [/^changesets\/([^/]+)\.authors\//, (m) => ({ kind: 'authorship', changesetId: m[1] ?? '' })],
  [
    /^environments\/([^/]+)\/(?:snapshot\/|ids\.json$)/,
    (m) => ({ kind: 'snapshot', environment: m[1] ?? '' }),
  ],
  [/^environments\/([^/]+)\/parameters\.json$/, (m) => ({ kind: 'parameters', environment: m[1] ?? '' })],
  [/^runs\/([^/]+)\//, (m) => ({ kind: 'run', runId: m[1] ?? '' })],
  [/^trust\/root\/([0-9]+)\.json$/, (m) => ({ kind: 'trust-root', version: Number(m[1]) })],
  [/^trust\/proposals\/([0-9]+)\.json$/, (m) => ({ kind: 'trust-proposal', version: Number(m[1]) })],
  [/^audit\/([^/]+)\.jsonl$/, (m) => ({ kind: 'audit', keyId: m[1] ?? '' })],
  [/^ferry\.json$/, () => ({ kind: 'config' })],
];

export function classifyPath(path: string): WorkspacePath {
  for (const [pattern, make] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return make(match);
  }
  return { kind: 'other' };
}

/** Every file that differs between two commits (`before` null: everything in `after`), with how. */
export async function changesBetween(
  dir: string,
  before: string | null,
  after: string,
): Promise<FileChangeRecord[]> {
  const changes: FileChangeRecord[] = [];
  await forEachChangedFile(dir, before, after, (path, change) => changes.push({ path, change }));
  return changes;
}

/** A workspace file's text as commit `commit` has it; null when it has none there. */
export async function readTextAt(dir: string, commit: string, path: string): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readBlobAt(dir, commit, path));
  } catch {
    return null;
  }
}

/** The changeset's title as `commit` has it, or its id when it has none readable there. */
export async function changesetTitleAt(dir: string, commit: string, changesetId: string): Promise<string> {
  const text = await readTextAt(dir, commit, `changesets/${changesetId}.json`);
  if (text === null) return changesetId;
  try {
    const parsed = parseStrictJson(text);
    if (typeof parsed === 'object' && parsed !== null && 'title' in parsed) {
      const title = (parsed as { title: unknown }).title;
      if (typeof title === 'string' && title.trim() !== '') return title.trim().slice(0, 200);
    }
  } catch {
    // A changeset that is not readable JSON is named by its id.
  }
  return changesetId;
}

/** An approval that arrived and verified: its signature is good, whoever it names is the key's holder. */
export interface ArrivedApproval {
  changesetId: string;
  title: string;
  /** The key holder's name as the trust root has it. */
  approver: string;
  decision: 'approved' | 'rejected';
  /** Signed for an earlier version of the changeset: shown, never counted. */
  stale: boolean;
}

export interface ArrivedRun {
  runId: string;
  environment: string;
  /** The promoter as the trust root names the key that signed the run. */
  by: string;
  rollback: boolean;
}

/** Everything a pull brought, already verified and named: the input of `summarizePull`. */
export interface PullFacts {
  changesets: {
    added: { id: string; title: string }[];
    changed: { id: string; title: string }[];
    removed: { id: string; title: string }[];
  };
  approvals: ArrivedApproval[];
  snapshots: string[];
  parameters: string[];
  runs: ArrivedRun[];
  /** The verified trust root the pull brought, and what it changes in keys and admins. */
  trust: { version: number; changes: string[] } | null;
  /** What the new trust root changes in environments' tiers and policies. */
  policy: string[];
  /** Trust versions proposed and waiting for admins' signatures. */
  proposals: number[];
  config: boolean;
  /** Files no sentence speaks of. */
  other: number;
  flagged: IncomingFlag[];
}

export function emptyFacts(): PullFacts {
  return {
    changesets: { added: [], changed: [], removed: [] },
    approvals: [],
    snapshots: [],
    parameters: [],
    runs: [],
    trust: null,
    policy: [],
    proposals: [],
    config: false,
    other: 0,
    flagged: [],
  };
}

/**
 * The pull in words, one sentence per kind of change, in the order a reader cares about: who
 * approved what, what happened to environments, then the changesets, trust and settings; the
 * files that did not verify last, each with what is wrong. Pure, so the wording is tested alone.
 */
export function summarizePull(facts: PullFacts): PullSummary {
  const sentences: string[] = [];

  const byDecision = new Map<string, ArrivedApproval[]>();
  for (const approval of facts.approvals) {
    const key = `${approval.approver}\u0000${approval.decision}\u0000${approval.stale ? 'stale' : 'current'}`;
    byDecision.set(key, [...(byDecision.get(key) ?? []), approval]);
  }
  for (const group of byDecision.values()) {
    const [first] = group;
    if (first === undefined) continue;
    const titles = listing(group.map((approval) => approval.title));
    const verb = first.decision === 'approved' ? 'approved' : 'rejected';
    sentences.push(
      first.stale
        ? `${first.approver} ${verb} an earlier version of ${titles} (it has changed since, so that does not count)`
        : `${first.approver} ${verb} ${titles}`,
    );
  }

  if (facts.snapshots.length > 0) {
    sentences.push(`${listing(facts.snapshots)} snapshot${facts.snapshots.length === 1 ? '' : 's'} updated`);
  }

  if (facts.runs.length > 0) {
    const promoters = [...new Set(facts.runs.map((run) => run.by))];
    const where = (run: ArrivedRun) => `${run.rollback ? 'a rollback of ' : ''}${run.environment}`;
    const count = `${facts.runs.length} run${facts.runs.length === 1 ? '' : 's'}`;
    sentences.push(
      promoters.length === 1
        ? `${count} by ${promoters[0] ?? ''} (${[...new Set(facts.runs.map(where))].join(', ')})`
        : `${count} (${facts.runs.map((run) => `${run.by}: ${where(run)}`).join(', ')})`,
    );
  }

  const changesetSentence = (list: { title: string }[], one: string, many: string) => {
    if (list.length === 0) return;
    const titles = list.map((entry) => entry.title);
    sentences.push(`${list.length} ${list.length === 1 ? one : many} (${titles.join(', ')})`);
  };
  changesetSentence(facts.changesets.added, 'new changeset', 'new changesets');
  changesetSentence(facts.changesets.changed, 'changeset changed', 'changesets changed');
  changesetSentence(facts.changesets.removed, 'changeset removed', 'changesets removed');

  if (facts.trust !== null) {
    const changes = facts.trust.changes.length > 0 ? `: ${facts.trust.changes.join('; ')}` : '';
    sentences.push(`trust root updated to version ${facts.trust.version}${changes}`);
  }
  if (facts.policy.length > 0) sentences.push(`signed policy changed: ${facts.policy.join('; ')}`);
  if (facts.proposals.length > 0) {
    const versions = facts.proposals.map((version) => `version ${version}`).join(', ');
    sentences.push(
      `${facts.proposals.length === 1 ? 'a trust change is' : `${facts.proposals.length} trust changes are`} proposed (${versions}), waiting for admins' signatures`,
    );
  }
  if (facts.parameters.length > 0) sentences.push(`${listing(facts.parameters)} parameters changed`);
  if (facts.config) sentences.push('workspace settings (ferry.json) changed');
  if (facts.other > 0) sentences.push(`${facts.other} other file${facts.other === 1 ? '' : 's'} changed`);

  for (const sentence of flaggedSentences(facts.flagged)) sentences.push(sentence);

  return {
    // Not capitalised: many start with a name (an environment, a person) that must read as written.
    sentences,
    approvals: facts.approvals
      .filter((approval) => approval.decision === 'approved' && !approval.stale)
      .map(({ changesetId, title, approver }) => ({ changesetId, title, approver })),
    changesets: {
      added: facts.changesets.added.map((entry) => entry.id),
      changed: facts.changesets.changed.map((entry) => entry.id),
      removed: facts.changesets.removed.map((entry) => entry.id),
    },
    snapshots: [...facts.snapshots],
    runs: facts.runs.map(({ runId, environment, by }) => ({ runId, environment, by })),
    flagged: [...facts.flagged],
  };
}

/** "a", "a and b", "a, b and c". */
function listing(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1] ?? ''}`;
}
