import { FerryError } from '../../../shared/api/api-error';
import {
  DRIFT_ACCEPT_ACTION,
  DRIFT_IGNORE_ACTION,
  DRIFT_REVERT_ACTION,
} from '../../../shared/insights/insights-audit';
import { objectNameInWords } from '../../../shared/flows/object-key-words';
import { keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { operationsBetween } from '../../../shared/model/changeset-operations';
import type { ObjectProvenance } from '../../../shared/model/object-provenance';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { slug, type ChangesetStore } from '../changesets/changeset-store';
import { commitSubtree } from '../git/commit-subtree';
import { resolveHead } from '../git/repository';
import type { SnapshotService } from '../snapshot/snapshot-service';
import { snapshotFolder, SnapshotStore } from '../snapshot/snapshot-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { CompareOptions, CompareOutcome, CompareService } from './compare-service';
import { DriftRecorder, type DriftRecordingDeps } from './drift-recording';
import type { DriftIgnores, IgnoreRulesStore } from './ignore-rules-store';

export interface DriftReport extends CompareOutcome {
  environment: string;
  /** Objects with drift that someone chose to ignore, with their reason. */
  ignoredObjects: DriftIgnores['objects'];
  /** Who changed each drifted object in the org and when, as the live read reported it. */
  provenance: ObjectProvenance[];
}

/**
 * Drift: the live org against its last snapshot, and what to do about each difference —
 * accept it into the baseline, write a changeset that reverts it, or ignore it with a reason.
 */
export class DriftService {
  private readonly recorder: DriftRecorder;

  /**
   * `recording` leaves each check and each triage in the signed audit log, for Insights (issue
   * 19); without it, or without a signing identity on this machine, drift records nothing.
   */
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly compare: CompareService,
    private readonly snapshots: SnapshotService,
    private readonly ignores: IgnoreRulesStore,
    private readonly changesets: ChangesetStore,
    recording?: DriftRecordingDeps,
  ) {
    this.recorder = new DriftRecorder(workspace, recording);
  }

  async drift(
    environment: string,
    signal?: AbortSignal,
    onLiveProgress?: CompareOptions['onLiveProgress'],
  ): Promise<DriftReport> {
    const outcome = await this.compare.compare(environment, `live:${environment}`, {
      ...(signal ? { signal } : {}),
      ...(onLiveProgress ? { onLiveProgress } : {}),
    });
    const ignoredObjects = await this.ignores.driftIgnores(environment);
    const isIgnored = (type: string, key: string) =>
      ignoredObjects.some((item) => item.type === type && item.key === key);
    const objects = outcome.result.objects.filter((object) => !isIgnored(object.type, object.key));
    const totals = { ...outcome.result.summary.totals };
    const byType = structuredClone(outcome.result.summary.byType);
    for (const object of outcome.result.objects) {
      if (!isIgnored(object.type, object.key)) continue;
      totals[object.status] -= 1;
      const counts = byType[object.type];
      if (counts) counts[object.status] -= 1;
    }
    // The live side of this compare, read once and kept by the compare service.
    const live = await this.compare.resolveSide(`live:${environment}`);
    const provenance = objects.map((object): ObjectProvenance => {
      const found = live.provenance?.get(object.type as never)?.get(object.key);
      return {
        type: object.type,
        key: object.key,
        modifiedBy: found?.modifiedBy ?? null,
        dateModified: found?.dateModified ?? null,
      };
    });
    await this.recorder.check({
      environment,
      added: totals.added,
      // A renamed object is one that changed (its key among the rest); Insights counts three kinds.
      changed: totals.changed + totals.renamed,
      removed: totals.removed,
      ignored: outcome.result.objects.filter(
        (object) => object.status !== 'unchanged' && isIgnored(object.type, object.key),
      ).length,
    });
    return {
      ...outcome,
      environment,
      ignoredObjects,
      provenance,
      result: { summary: { totals, byType }, objects },
    };
  }

  /** Takes the live state of one object into the baseline (its snapshot file), as one commit. */
  async accept(
    environment: string,
    type: string,
    key: string,
  ): Promise<{ commit: string | null; message: string }> {
    getObjectType(type);
    const live = await this.snapshots.pullLive(environment, { types: [type] });
    const liveText = live.texts.get(type as never)?.get(key);
    const dir = this.workspace.requirePath();
    const accepted = await this.workspace.writeLock.run(async () => {
      const store = new SnapshotStore(dir);
      const files = new Map<string, string>();
      for (const [storedType, names] of await store.listFiles(environment)) {
        for (const name of names) {
          const text = await store.readFile(environment, `snapshot/${storedType}/${name}`);
          if (text !== null) files.set(`snapshot/${storedType}/${name}`, text);
        }
      }
      const path = `snapshot/${type}/${keyToFileName(key)}`;
      const ids = await store.ids(environment);
      const typeIds = new Map(Object.entries(ids[type] ?? {}));
      if (liveText === undefined) {
        files.delete(path);
        typeIds.delete(key);
      } else {
        files.set(path, liveText);
        const id = live.ids[type]?.[key];
        if (id) typeIds.set(key, id);
      }
      files.set('ids.json', stableStringify({ ...ids, [type]: Object.fromEntries(typeIds) }));
      const message = `drift ${environment}: accept ${objectNameInWords(type, key)} into the baseline`;
      const result = await commitSubtree({
        dir,
        subtreePath: snapshotFolder(environment),
        files,
        message,
        author: this.workspace.author(),
        now: this.workspace.now(),
      });
      return {
        commit: result.commit,
        message: result.commit ? message : `The ${objectNameInWords(type, key)} already matches the baseline`,
      };
    });
    // Recorded outside the write lock (the audit log takes it itself), and only when the baseline moved.
    if (accepted.commit) await this.recorder.triage(DRIFT_ACCEPT_ACTION, { environment, type, key });
    return accepted;
  }

  /** Writes a changeset that would put the object back the way the baseline has it. */
  async revert(
    environment: string,
    type: string,
    key: string,
  ): Promise<{ changesetId: string; file: string; commit: string }> {
    getObjectType(type);
    const outcome = await this.compare.compare(environment, `live:${environment}`);
    const object = outcome.result.objects.find(
      (item) => item.type === type && (item.key === key || item.previousKey === key),
    );
    if (!object)
      throw new FerryError(
        'drift.none',
        `The ${objectNameInWords(type, key)} has not drifted from the baseline of ${environment}`,
      );
    const baseline = await this.compare.side({ kind: 'snapshot', environment, at: null });
    const live = await this.snapshots.pullLive(environment, { types: [type] });
    const baseValue = baseline.index.get(type)?.has(key) ? await baseline.load(type, key) : undefined;
    const liveText = live.texts.get(type as never)?.get(key);
    const liveValue = liveText === undefined ? undefined : (JSON.parse(liveText) as JsonValue);
    const operations = operationsBetween(type, key, liveValue, baseValue);
    const created = await this.changesets.create({
      idPrefix: `revert-${environment}-${slug(key)}`,
      // Words for people: a flow reads 'flow "Main Menu (inbound call)"', never its scoped key.
      title: `Revert drift of ${objectNameInWords(type, key)} in ${environment}`,
      description: `Restores ${objectNameInWords(type, key)} to the baseline snapshot of ${environment} (${outcome.a.commit?.slice(0, 7) ?? ''}).`,
      origin: `drift ${environment}`,
      operations,
      message: (id) => `drift ${environment}: changeset ${id} reverts ${objectNameInWords(type, key)}`,
    });
    const commit = await resolveHead(this.workspace.requirePath());
    await this.recorder.triage(DRIFT_REVERT_ACTION, {
      environment,
      type,
      key,
      changesetId: created.changeset.id,
    });
    return { changesetId: created.changeset.id, file: created.file, commit };
  }

  unignore(environment: string, type: string, key: string): Promise<void> {
    return this.ignores.unignoreDrift(environment, type, key);
  }

  async ignore(environment: string, type: string, key: string, reason: string): Promise<void> {
    getObjectType(type);
    await this.ignores.ignoreDrift(environment, type, key, reason);
    await this.recorder.triage(DRIFT_IGNORE_ACTION, { environment, type, key, reason: reason.trim() });
  }
}
