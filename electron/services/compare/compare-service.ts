import type { SnapshotProgress } from '../../../shared/model/snapshot';
import { FerryError } from '../../../shared/api/api-error';
import { validateChangeset } from '../../../shared/changeset/validate-changeset';
import { diffSides } from '../../../shared/diff/diff-sides';
import type { DiffResult, IgnoreRule, SideIndex } from '../../../shared/diff/diff-types';
import {
  formatCompareSource,
  parseCompareSource,
  type CompareSourceSpec,
} from '../../../shared/model/compare-source';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import type { EnvironmentService } from '../environments/environment-service';
import { expandObjectId, logCommits, readTreeAt, resolveHead } from '../git/repository';
import type { SnapshotService } from '../snapshot/snapshot-service';
import { snapshotFolder } from '../snapshot/snapshot-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import { listingSide, previewSide, snapshotSide, type CompareSide } from './compare-side';
import type { IgnoreRulesStore } from './ignore-rules-store';
import type { ChangesetStore } from '../changesets/changeset-store';
import {
  markEnvironmentFields,
  type EnvironmentSpecificCounts,
} from '../../../shared/diff/environment-fields';
import {
  composeMappings,
  markParameterEquality,
  parameterPairs,
  type NameTranslation,
  type TranslatedName,
} from '../../../shared/parameters/compare-resolution';
import type { EnvironmentValues } from '../../../shared/parameters/parameters-file';
import type { CompareResolution } from '../../../shared/model/compare';
import type { EnvironmentFieldsStore } from './environment-fields-store';
import { resolvedSide } from './resolved-side';

/** How far back `<env>@<date>` looks through history. */
const MAX_HISTORY = 100_000;

export interface CompareOutcome {
  a: { source: string; label: string; commit: string | null };
  b: { source: string; label: string; commit: string | null };
  /** Types left out because one side could not read them. */
  unreadableTypes: string[];
  ignoreRules: IgnoreRule[];
  /** False for a quick compare: field changes are not computed yet. */
  fieldLevel: boolean;
  /** Field changes at environment-specific fields; absent when both sides are one environment. */
  environmentSpecific?: EnvironmentSpecificCounts;
  /** Present when parameters and mappings were resolved (`resolve`). */
  resolution?: CompareResolution;
  result: DiffResult;
}

/** What a compare needs to know of each environment's own values (issue 15). */
export interface PerEnvironment {
  fields: Pick<EnvironmentFieldsStore, 'list'>;
  /** An environment's parameters and mappings, from its current parameters file. */
  values: (environment: string) => Promise<EnvironmentValues>;
}

export interface CompareOptions {
  includeUnchanged?: boolean;
  /** Statuses only, from hashes: answers at once however many objects differ. */
  quick?: boolean;
  signal?: AbortSignal;
  /** Rules in force; defaults to the workspace's. */
  ignoreRules?: IgnoreRule[];
  /**
   * Compare after resolving parameters and mappings: side a in side b's names, and a field that
   * holds each side's own value of one parameter counts as equal. Only environment sides (a
   * snapshot, history or a live read) resolve, each with its environment's current parameters file.
   */
  resolve?: boolean;
  /**
   * A `live:` side is the one the last compare of the same text read, when there is one: the
   * field-level pass right after its quick pass (Compare runs both), which would otherwise read a
   * big org twice (minutes each). A new compare leaves it out, so live is read again.
   */
  reuseLive?: boolean;
  /** Progress of a `live:` side's read (minutes for a big org), shaped like a snapshot's. */
  onLiveProgress?: (progress: Omit<SnapshotProgress, 'jobId'>) => void;
}

/** How long a live read may stand for live in a compare asking to reuse it (Compare's second pass). */
const LIVE_REUSE_MS = 5 * 60_000;

/** Any two configuration states side by side: stored snapshots, history, or a live read. */
export class CompareService {
  /**
   * The sides of recent compares, so opening one object does not read a live org again. Keyed by
   * the workspace, the side's environment as configured and the source text (see
   * {@link recentKey}), with when each was read: a read of one org is never shown as another's.
   */
  private readonly recentSides = new Map<string, { side: CompareSide; readAt: number }>();

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly environments: EnvironmentService,
    private readonly snapshots: SnapshotService,
    private readonly ignores: IgnoreRulesStore,
    private readonly changesets: Pick<ChangesetStore, 'get'>,
    private readonly perEnvironment: PerEnvironment | null = null,
  ) {}

  parse(text: string): CompareSourceSpec {
    const parsed = parseCompareSource(text);
    if ('error' in parsed)
      throw new FerryError('request.invalid', `Bad compare source "${text}": ${parsed.error}`);
    return parsed;
  }

  async compare(aText: string, bText: string, options: CompareOptions = {}): Promise<CompareOutcome> {
    const aSpec = this.parse(aText);
    const bSpec = this.parse(bText);
    const sideOf = async (text: string, spec: CompareSourceSpec) => {
      const key = await this.recentKey(text, spec);
      const recent =
        spec.kind === 'live' && options.reuseLive === true ? this.recentSides.get(key) : undefined;
      // Only the read just made: the field-level pass right after its quick pass. An older one
      // would show live as it was, not as it is.
      const fresh =
        recent !== undefined && Date.now() - recent.readAt <= LIVE_REUSE_MS ? recent.side : undefined;
      return {
        key,
        side: fresh ?? (await this.side(spec, options.signal, options.onLiveProgress)),
        reused: fresh !== undefined,
      };
    };
    const [a, b] = [await sideOf(aText, aSpec), await sideOf(bText, bSpec)];
    if (!a.reused) this.remember(a.key, a.side);
    if (!b.reused) this.remember(b.key, b.side);
    return this.compareSides(aSpec, a.side, bSpec, b.side, options);
  }

  /**
   * Where a side is kept among recent ones: the workspace open, the environment's configuration
   * (its org, region, client) and the source text. Another workspace, or an environment pointed
   * at another org, never finds the side read before.
   */
  private async recentKey(text: string, spec: CompareSourceSpec): Promise<string> {
    const environment = environmentOf(spec);
    let config = '';
    if (environment !== null) {
      try {
        config = stableStringify(await this.environments.get(environment));
      } catch {
        config = '(none)';
      }
    }
    return JSON.stringify([this.workspace.requirePath(), config, text.trim()]);
  }

  /**
   * One side by its source text, reusing the side of a recent compare when there is one (so a
   * live org is not read twice); a stored snapshot is re-resolved, since HEAD may have moved.
   */
  async resolveSide(text: string): Promise<CompareSide> {
    const spec = this.parse(text);
    const key = await this.recentKey(text, spec);
    const recent = this.recentSides.get(key);
    if (recent && spec.kind === 'live') return recent.side;
    const side = await this.side(spec);
    this.remember(key, side);
    return side;
  }

  /** Both sides of one object as canonical text; `previousKey` names it on side a after a rename. */
  async objectTexts(
    aText: string,
    bText: string,
    type: string,
    key: string,
    previousKey?: string,
    resolve = false,
  ) {
    const recent = async (text: string) => {
      const spec = this.parse(text);
      return this.recentSides.get(await this.recentKey(text, spec))?.side ?? (await this.side(spec));
    };
    const stored = await recent(aText);
    const b = await recent(bText);
    // A resolved compare names side a's objects in b's terms; they are read back the same way.
    const a = resolve
      ? resolvedSide(stored, (await this.resolving(this.parse(aText), this.parse(bText))).names)
      : stored;
    const aKey = previousKey ?? key;
    const text = async (side: CompareSide, objectKey: string) =>
      side.index.get(type)?.has(objectKey) ? stableStringify(await side.load(type, objectKey)) : null;
    return { before: await text(a, aKey), after: await text(b, key) };
  }

  /** Commits that changed an environment's snapshot, newest first. */
  async history(
    environment: string,
    limit = 100,
  ): Promise<{ commit: string; takenAt: string; message: string }[]> {
    await this.environments.get(environment);
    const dir = this.workspace.requirePath();
    try {
      const entries = await logCommits(dir, {
        path: `${snapshotFolder(environment)}/snapshot`,
        depth: limit,
      });
      return entries.map((entry) => ({
        commit: entry.oid,
        takenAt: new Date(entry.commit.committer.timestamp * 1000).toISOString(),
        message: entry.commit.message.split('\n')[0] ?? '',
      }));
    } catch {
      return [];
    }
  }

  private remember(key: string, side: CompareSide): void {
    this.recentSides.delete(key);
    this.recentSides.set(key, { side, readAt: Date.now() });
    // A handful is enough for the Compare page flipping between two or three sources.
    while (this.recentSides.size > 6) {
      const oldest = this.recentSides.keys().next().value;
      if (oldest === undefined) break;
      this.recentSides.delete(oldest);
    }
  }

  async compareSides(
    aSpec: CompareSourceSpec,
    a: CompareSide,
    bSpec: CompareSourceSpec,
    b: CompareSide,
    options: CompareOptions = {},
  ): Promise<CompareOutcome> {
    const unreadable = [...new Set([...a.unreadableTypes, ...b.unreadableTypes])].sort();
    const ignoreRules = options.ignoreRules ?? (await this.ignores.rules());
    const sameEnvironment = environmentOf(aSpec) !== null && environmentOf(aSpec) === environmentOf(bSpec);
    const resolving = options.resolve === true ? await this.resolving(aSpec, bSpec) : null;
    const translated = new Map<string, TranslatedName>();
    const sideA = resolving
      ? resolvedSide(a, resolving.names, (name, where) => {
          // A renamed key matters only where b holds the object it now matches.
          if (where === 'key' && b.index.get(name.type)?.has(name.b) !== true) return;
          translated.set(`${name.type}\u0000${name.a}`, name);
        })
      : a;
    const result = await diffSides(
      without(sideA.index, unreadable),
      without(b.index, unreadable),
      (side, type, key) => (side === 'a' ? sideA.load(type, key) : b.load(type, key)),
      {
        ignoreRules,
        detectRenames: sameEnvironment,
        includeUnchanged: options.includeUnchanged ?? false,
        fieldLevel: options.quick !== true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    let resolution: CompareResolution | undefined;
    if (resolving) {
      const pairs = parameterPairs(resolving.a, resolving.b, resolving.names);
      const parameters =
        options.quick === true ? [] : markParameterEquality(result, pairs, options.includeUnchanged ?? false);
      resolution = {
        a: resolving.a?.environment ?? null,
        b: resolving.b?.environment ?? null,
        parameters,
        mappings: [...translated.values()],
      };
    }
    // Within one environment a changed calling number is a real change, not an expected difference.
    const environmentSpecific =
      this.perEnvironment !== null && !sameEnvironment && options.quick !== true
        ? markEnvironmentFields(result, await this.perEnvironment.fields.list())
        : undefined;
    return {
      a: { source: formatCompareSource(aSpec), label: a.label, commit: a.commit },
      b: { source: formatCompareSource(bSpec), label: b.label, commit: b.commit },
      unreadableTypes: unreadable,
      ignoreRules,
      fieldLevel: options.quick !== true,
      ...(environmentSpecific === undefined ? {} : { environmentSpecific }),
      ...(resolution === undefined ? {} : { resolution }),
      result,
    };
  }

  /**
   * Each side's values when it is an environment (a preview of a changeset resolves nothing: its
   * values are what the changeset says), and the names side a calls by another name in side b.
   */
  private async resolving(
    aSpec: CompareSourceSpec,
    bSpec: CompareSourceSpec,
  ): Promise<{ a: EnvironmentValues | null; b: EnvironmentValues | null; names: NameTranslation }> {
    const valuesOf = async (spec: CompareSourceSpec) =>
      spec.kind === 'changeset' || this.perEnvironment === null
        ? null
        : this.perEnvironment.values(spec.environment);
    const [a, b] = [await valuesOf(aSpec), await valuesOf(bSpec)];
    return { a, b, names: composeMappings(a, b) };
  }

  /** Resolves one side: a stored snapshot, a live read, or a changeset previewed on either. */
  async side(
    spec: CompareSourceSpec,
    signal?: AbortSignal,
    onLiveProgress?: CompareOptions['onLiveProgress'],
  ): Promise<CompareSide> {
    const dir = this.workspace.requirePath();
    if (spec.kind === 'changeset') {
      const base = await this.side(spec.base, signal, onLiveProgress);
      const { changeset, file } = await this.changesets.get(spec.changeset);
      // A preview of what could never be promoted would show a change that cannot happen.
      const errors = validateChangeset(changeset, null).findings.filter(
        (finding) => finding.severity === 'error',
      );
      if (errors.length > 0) {
        const shown = errors.slice(0, 3).map((finding) => `${finding.path}: ${finding.message}`);
        const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
        throw new FerryError(
          'changeset.invalid',
          `${file} is not a valid changeset, so it cannot be previewed: ${shown.join('; ')}${more}. Run \`ferry changeset validate ${changeset.id}\` for every finding and what to do.`,
          { file, findings: errors },
        );
      }
      return previewSide(base, spec.changeset, changeset.operations);
    }
    await this.environments.get(spec.environment);
    if (spec.kind === 'live') {
      const live = await this.snapshots.pullLive(spec.environment, {
        ...(signal ? { signal } : {}),
        ...(onLiveProgress ? { onProgress: onLiveProgress } : {}),
      });
      return listingSide(
        live,
        live.skipped.map((item) => item.type),
        `${spec.environment} (live)`,
      );
    }
    const commit = await this.resolveCommit(dir, spec);
    const label =
      spec.at === null
        ? `${spec.environment} (latest snapshot)`
        : `${spec.environment} at ${commit.slice(0, 7)}`;
    return snapshotSide(dir, spec.environment, commit, label);
  }

  private async resolveCommit(
    dir: string,
    spec: Extract<CompareSourceSpec, { kind: 'snapshot' }>,
  ): Promise<string> {
    const folder = `${snapshotFolder(spec.environment)}/snapshot`;
    let commit: string;
    if (spec.at === null) {
      commit = await resolveHead(dir);
    } else if ('commit' in spec.at) {
      try {
        commit = await expandObjectId(dir, spec.at.commit);
      } catch {
        throw new FerryError('compare.commit-unknown', `No commit ${spec.at.commit} in this workspace`);
      }
    } else {
      const limit = Date.parse(spec.at.date);
      const entries = await logCommits(dir, { depth: MAX_HISTORY });
      const found = entries.find((entry) => entry.commit.committer.timestamp * 1000 <= limit);
      if (!found)
        throw new FerryError(
          'compare.no-history',
          `The workspace has no commit on or before ${spec.at.date}`,
        );
      commit = found.oid;
    }
    try {
      await readTreeAt(dir, commit, folder);
    } catch {
      throw new FerryError(
        'compare.no-snapshot',
        `There is no snapshot of "${spec.environment}" ${spec.at === null ? 'yet' : `at ${commit.slice(0, 7)}`}; take one with \`ferry snapshot ${spec.environment}\``,
      );
    }
    return commit;
  }
}

function environmentOf(spec: CompareSourceSpec): string | null {
  return spec.kind === 'changeset' ? environmentOf(spec.base) : spec.environment;
}

function without(index: SideIndex, types: string[]): SideIndex {
  if (types.length === 0) return index;
  return new Map([...index].filter(([type]) => !types.includes(type)));
}
