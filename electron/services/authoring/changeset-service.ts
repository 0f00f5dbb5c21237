import { noTargetValues, type TargetValues } from '../promotion/planner';
import { knownReferenceNames } from '../../../shared/changeset/known-reference-names';
import { parametersUsedBy } from '../../../shared/parameters/parameters-used';
import { resolveChangesetValues, type ParameterProblem } from '../../../shared/parameters/resolve-values';
import type { ValidationFinding } from '../../../shared/changeset/validate/validation-state';
import { FerryError } from '../../../shared/api/api-error';
import { objectNameInWords } from '../../../shared/flows/object-key-words';
import { blastRadius } from '../../../shared/changeset/blast-radius';
import { assessRisk } from '../../../shared/promotion/risk/risk-rules';
import type { Tier } from '../../../shared/model/environment';
import type { EnvironmentPolicy } from '../../../shared/promotion/policy';
import { missingDependencies } from '../../../shared/changeset/missing-dependencies';
import { objectIn, stateFromEntries, type ObjectState } from '../../../shared/changeset/object-state';
import {
  mergeOperations,
  operationsFromFieldChanges,
} from '../../../shared/changeset/operations-from-selection';
import { parameterFieldsOf, withParameterMarkers } from '../../../shared/changeset/parameter-fields';
import { validateChangeset } from '../../../shared/changeset/validate-changeset';
import type { FieldChange } from '../../../shared/diff/diff-types';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../shared/model/canonical/json-value';
import { changesetSchema, type Changeset, type ChangesetOperation } from '../../../shared/model/changeset';
import { changesetDigest } from '../../../shared/model/changeset-digest';
import { operationsBetween } from '../../../shared/model/changeset-operations';
import type {
  ChangesetCheck,
  ChangesetVersion,
  DependencyChoice,
  MissingDependencyWire,
  PicksRequest,
  TargetCatalog,
} from '../../../shared/model/changeset-wire';
import { findObjectType } from '../../../shared/model/object-types/registry';
import type { CompareService } from '../compare/compare-service';
import type { CompareSide } from '../compare/compare-side';
import type { EnvironmentService } from '../environments/environment-service';
import { expandObjectId, logCommits, readBlobAt, type CommitRecord } from '../git/repository';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { ChangesetStore } from '../changesets/changeset-store';
import { firstSchemaIssue } from '../../../shared/errors/schema-issues';

/** How many versions of one changeset its history shows. */
const HISTORY_LIMIT = 200;

interface LoadedTarget {
  environment: string;
  commit: string;
  side: CompareSide;
  state: ObjectState;
}

/**
 * What authoring needs beyond storing documents: checking a changeset against a target, its
 * history, and turning picks from a compare into operations (with their missing dependencies).
 */
/** An environment's signed tier and policy (`source: 'default'` when the root signs none for it). */
type RiskPolicySource = (
  environment: string,
) => Promise<{ tier: Tier; policy: EnvironmentPolicy; source?: 'signed' | 'default' }>;

export class ChangesetService {
  /** The last target read, by environment and commit; snapshots are immutable once committed. */
  private loaded: LoadedTarget | null = null;
  /** The signed tier and policy of an environment, for the risk a check shows (set once wired). */
  private riskPolicy:
    | ((
        environment: string,
      ) => Promise<{ tier: Tier; policy: EnvironmentPolicy; source?: 'signed' | 'default' }>)
    | null = null;

  /**
   * Lets a check judge the risk by the same rules and signed policy a plan does, so the editor
   * and the plan never show two different risks for one change (trust is wired after authoring).
   */
  useRiskPolicy(source: RiskPolicySource): void {
    this.riskPolicy = source;
  }

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly environments: EnvironmentService,
    private readonly compare: CompareService,
    private readonly store: ChangesetStore,
    /** The target's parameters and mappings: a check against a target sees the values that land there. */
    private readonly targetValues: TargetValues = noTargetValues,
  ) {}

  /** Validation, dependency order and blast radius of a saved changeset or an unsaved draft. */
  async check(input: { id?: string; draft?: unknown }, environment: string | null): Promise<ChangesetCheck> {
    const changeset = await this.changesetOf(input);
    const digest = changesetDigest(changeset);
    if (environment === null) {
      const result = validateChangeset(changeset, null);
      return { digest, target: null, ...result, blastRadius: null };
    }
    const config = await this.environments.get(environment);
    const target = await this.target(environment);
    const { values, secrets } = await this.targetValues(environment, parametersUsedBy(changeset));
    const resolved = resolveChangesetValues(changeset, values, secrets);
    const result = validateChangeset(resolved.changeset, target.state);
    const unresolved: ValidationFinding[] = resolved.problems.map((problem) => ({
      severity: 'error',
      code: 'parameter-unresolved',
      operation: problem.operation,
      path: problem.at,
      message: problem.message,
      hint: parameterProblemHint(problem, environment),
    }));
    return {
      digest,
      target: { environment, tier: config.tier, commit: target.commit },
      ...result,
      findings: [...unresolved, ...result.findings],
      valid: result.valid && unresolved.length === 0,
      blastRadius: blastRadius(resolved.changeset.operations, target.state, config.tier),
      risk: await this.snapshotRisk(environment, resolved.changeset.operations, target.state),
    };
  }

  /** The plan's risk rules on the snapshot (basis `snapshot`): for information, the plan judges it live. */
  private async snapshotRisk(
    environment: string,
    operations: readonly ChangesetOperation[],
    state: ObjectState,
  ): Promise<ChangesetCheck['risk']> {
    if (this.riskPolicy === null) return null;
    let signed: { tier: Tier; policy: EnvironmentPolicy; source?: 'signed' | 'default' };
    try {
      signed = await this.riskPolicy(environment);
    } catch {
      // A trust root that does not verify stops the plan, which says why; the check still checks.
      return null;
    }
    const { tier, policy } = signed;
    return assessRisk({
      operations,
      target: state,
      tier,
      ...(signed.source === 'default' ? { unsignedTierOf: environment } : {}),
      policy,
      now: this.workspace.now(),
      basis: 'snapshot',
    });
  }

  /** Natural keys per type in the target's latest snapshot, for the editor's pickers. */
  async catalog(environment: string): Promise<TargetCatalog> {
    const target = await this.target(environment);
    // Flows and other unmanaged targets by the names the target's objects refer to them by.
    const keys: Record<string, string[]> = knownReferenceNames(target.state);
    for (const [type, byKey] of target.side.index) keys[type] = [...byKey.keys()].sort();
    return { environment, commit: target.commit, keys };
  }

  /** One object of the target's latest snapshot in canonical form; null when it has none. */
  async targetObject(environment: string, type: string, key: string): Promise<JsonObject | null> {
    const target = await this.target(environment);
    return objectIn(target.state, type, key) ?? null;
  }

  /** The commits that changed the changeset's file, newest first, with the digest at each. */
  async history(id: string): Promise<ChangesetVersion[]> {
    const dir = this.workspace.requirePath();
    const filepath = `changesets/${id}.json`;
    await this.store.get(id).catch((error: unknown) => {
      // A damaged file still has a history worth seeing; only an unknown id is refused.
      if (!(error instanceof FerryError && error.code === 'changeset.invalid')) throw error;
    });
    let entries: CommitRecord[];
    try {
      entries = await logCommits(dir, { path: filepath, depth: HISTORY_LIMIT });
    } catch {
      return [];
    }
    return Promise.all(
      entries.map(async (entry) => {
        const text = await this.versionText(id, entry.oid);
        return {
          commit: entry.oid,
          at: new Date(entry.commit.committer.timestamp * 1000).toISOString(),
          author: entry.commit.author.name,
          message: entry.commit.message.split('\n')[0] ?? '',
          digest: digestOf(text),
        };
      }),
    );
  }

  /** The file's text at `commit`; null where the commit does not hold it. */
  async versionText(id: string, commit: string): Promise<string | null> {
    const dir = this.workspace.requirePath();
    try {
      const oid = await expandObjectId(dir, commit);
      const blob = await readBlobAt(dir, oid, `changesets/${id}.json`);
      return Buffer.from(blob).toString('utf8');
    } catch {
      return null;
    }
  }

  /**
   * The operations the picks make, and the dependencies still missing once `choices` are
   * applied. Side a is the target (the picks turn a into b); side b is where objects brought
   * along come from.
   */
  async resolvePicks(request: PicksRequest): Promise<{
    operations: ChangesetOperation[];
    requires: { type: string; key: string }[];
    missing: MissingDependencyWire[];
  }> {
    const a = await this.compare.resolveSide(request.a);
    const b = await this.compare.resolveSide(request.b);
    const existing = request.changesetId ? (await this.store.get(request.changesetId)).changeset : null;
    const picked: ChangesetOperation[] = [];
    for (const pick of request.picks) {
      const fromKey = pick.previousKey ?? pick.key;
      const from = await loadObject(a, pick.type, fromKey);
      const source = await loadObject(b, pick.type, pick.key);
      // Fields made parameters hold `{"$param": name}`, never the source org's own value.
      const parameters = parameterFieldsOf(request.parameters, pick.type, pick.key);
      const to = source === undefined ? undefined : withParameterMarkers(source, parameters);
      if (from === undefined && to === undefined) {
        throw new FerryError(
          'request.invalid',
          `The ${objectNameInWords(pick.type, pick.key)} is on neither side of the compare`,
        );
      }
      if (pick.changes !== undefined) {
        if (from === undefined || to === undefined || fromKey !== pick.key) {
          throw new FerryError(
            'request.invalid',
            `Field changes can be picked only from an object on both sides; pick the ${objectNameInWords(pick.type, pick.key)} whole`,
          );
        }
        picked.push(
          ...operationsFromFieldChanges(pick.type, pick.key, from, to, pick.changes as FieldChange[]),
        );
      } else if (fromKey !== pick.key) {
        picked.push(...operationsBetween(pick.type, fromKey, from, undefined));
        picked.push(...operationsBetween(pick.type, pick.key, undefined, to));
      } else {
        picked.push(...operationsBetween(pick.type, pick.key, from, to));
      }
    }
    let operations = mergeOperations(existing?.operations ?? [], picked).operations;
    const requires = [...(existing?.requires ?? [])];
    const choices = new Map(
      (request.choices ?? []).map((choice): [string, DependencyChoice] => [identity(choice), choice]),
    );
    const inTarget = (type: string, key: string) => a.index.get(type)?.has(key) === true;
    // Objects brought along can need others in turn (a skill needs its division); bounded by the
    // number of objects side b holds.
    for (let round = 0; round <= sizeOf(b); round += 1) {
      const missing = missingDependencies(operations, inTarget, requires);
      const decided = missing.filter((item) => choices.has(identity(item)));
      if (decided.length === 0) {
        return {
          operations,
          requires,
          missing: missing.map((item) => ({
            ...item,
            available: b.index.get(item.type)?.has(item.key) === true,
          })),
        };
      }
      const brought: ChangesetOperation[] = [];
      for (const item of decided) {
        if (choices.get(identity(item))?.choice === 'require') {
          requires.push({ type: item.type, key: item.key });
          continue;
        }
        const body = await loadObject(b, item.type, item.key);
        if (body === undefined) {
          throw new FerryError(
            'request.invalid',
            `The ${objectNameInWords(item.type, item.key)} cannot be brought along: ${b.label} does not have it either`,
          );
        }
        brought.push({ op: 'create', type: item.type, key: item.key, body });
      }
      operations = mergeOperations(operations, brought).operations;
    }
    throw new FerryError('request.invalid', 'The dependencies of the picks did not settle');
  }

  /** Adds the picks to a changeset (a new one unless `changesetId`); refused while dependencies are undecided. */
  async addPicks(request: PicksRequest, details: { description?: string; ticket?: string } = {}) {
    const resolved = await this.resolvePicks(request);
    if (resolved.missing.length > 0) {
      throw new FerryError(
        'changeset.missing-dependencies',
        `Missing dependencies need a choice (bring along or require in the target): ${resolved.missing
          .map((item) => objectNameInWords(item.type, item.key))
          .join(', ')}`,
        { missing: resolved.missing },
      );
    }
    const requires = dedupe(resolved.requires);
    if (request.changesetId !== undefined) {
      const { changeset } = await this.store.get(request.changesetId);
      return this.store.save({
        ...changeset,
        operations: resolved.operations,
        ...(requires.length > 0 ? { requires } : {}),
      });
    }
    if (request.title === undefined) {
      throw new FerryError('request.invalid', 'A new changeset needs a title');
    }
    return this.store.create({
      ...details,
      title: request.title,
      origin: `compare ${request.a} → ${request.b}`,
      operations: resolved.operations,
      ...(requires.length > 0 ? { requires } : {}),
    });
  }

  private async changesetOf(input: { id?: string; draft?: unknown }): Promise<Changeset> {
    if (input.id !== undefined) return (await this.store.get(input.id)).changeset;
    const parsed = changesetSchema.safeParse(input.draft);
    if (!parsed.success) {
      throw new FerryError(
        'request.invalid',
        `The draft is not a changeset: ${firstSchemaIssue(parsed.error)}`,
      );
    }
    return parsed.data;
  }

  private async target(environment: string): Promise<LoadedTarget> {
    await this.environments.get(environment);
    const side = await this.compare.resolveSide(environment);
    if (side.commit === null) throw new FerryError('compare.no-snapshot', `No snapshot of "${environment}"`);
    const cached = this.loaded;
    if (cached && cached.environment === environment && cached.commit === side.commit) return cached;
    const entries: { type: string; key: string; value: JsonObject }[] = [];
    for (const [type, byKey] of side.index) {
      if (findObjectType(type) === undefined) continue;
      for (const key of byKey.keys()) {
        const value = await side.load(type, key);
        if (isJsonObject(value)) entries.push({ type, key, value });
      }
    }
    const loaded = { environment, commit: side.commit, side, state: stateFromEntries(entries) };
    this.loaded = loaded;
    return loaded;
  }
}

async function loadObject(side: CompareSide, type: string, key: string): Promise<JsonObject | undefined> {
  if (!side.index.get(type)?.has(key)) return undefined;
  const value: JsonValue = await side.load(type, key);
  return isJsonObject(value) ? value : undefined;
}

function identity(item: { type: string; key: string }): string {
  return `${item.type}\u0000${item.key}`;
}

function dedupe(items: { type: string; key: string }[]): { type: string; key: string }[] {
  const seen = new Map(items.map((item): [string, { type: string; key: string }] => [identity(item), item]));
  return [...seen.values()];
}

function sizeOf(side: CompareSide): number {
  let count = 0;
  for (const byKey of side.index.values()) count += byKey.size;
  return count;
}

function digestOf(text: string | null): string | null {
  if (text === null) return null;
  try {
    const parsed = changesetSchema.safeParse(JSON.parse(text));
    return parsed.success ? changesetDigest(parsed.data) : null;
  } catch {
    return null;
  }
}

/** What a person does about a value the target cannot resolve. */
function parameterProblemHint(problem: ParameterProblem, environment: string): string {
  switch (problem.reason) {
    case 'secret-marker':
      return `Write {"$param": "${problem.parameter}"} there instead, with ${problem.parameter} declared a secret parameter of ${environment}.`;
    case 'secret-key':
      return 'Use a plain value for a key: a key shows in every listing and URL, so it cannot be a secret.';
    case 'secret-configuration':
      return 'Use a plain parameter for a name in a flow configuration: the configuration is stored in the org as a readable file.';
    case 'secret-unavailable':
      return `Store ${problem.parameter}'s value on this machine: ${environment}'s Parameters tab, or \`ferry param set ${environment} ${problem.parameter} - --type secret\`.`;
    case 'missing':
    case 'ill-typed':
      return `Set ${problem.parameter} for ${environment} on its Parameters tab or with \`ferry param set\`.`;
  }
}
