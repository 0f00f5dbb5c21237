import { create } from 'zustand';
import { FerryError } from '../../../../shared/api/api-error';
import type { RequestOf } from '../../../../shared/api/channels';
import type {
  ChangesetSummaryWire,
  DependencyChoice,
  MissingDependencyWire,
} from '../../../../shared/model/changeset-wire';
import { call, errorMessage } from '../../api/ferry-client';
import { objectId, type FieldChangeWire, type ObjectDiffWire } from './diff-model';
import { useCompareStore } from './compare-store';
import { useNavigationStore } from '../../stores/navigation-store';
import type { ParameterField } from '../../../../shared/changeset/parameter-fields';
import { parameterNameProblem } from '../../../../shared/parameters/parameter-name';
import {
  parameterCandidates,
  parameterFieldId,
  parametersToBuild,
  type ParameterCandidate,
  type ParameterChoice,
} from './parameter-fields-model';

export type Choice = DependencyChoice['choice'];

export interface PickedObject {
  type: string;
  key: string;
  previousKey?: string;
}

export interface PickedFields {
  type: string;
  key: string;
  /** By `changeKey`; two changes can share a path (a set member added, another removed). */
  changes: Record<string, FieldChangeWire>;
}

/** Both the title and the picked changeset are kept, so switching between them loses neither. */
export interface PicksTarget {
  kind: 'new' | 'existing';
  title: string;
  id: string;
}

/** idle → target (where the picks go) → dependencies (what they need, and the last word) → done. */
export type PicksPhase = 'idle' | 'target' | 'dependencies' | 'done';

export interface PicksOutcome {
  operations: number;
  requires: number;
}

interface ComparePicksState {
  objects: Record<string, PickedObject>;
  fields: Record<string, PickedFields>;
  phase: PicksPhase;
  target: PicksTarget;
  changesets: ChangesetSummaryWire[];
  changesetsLoading: boolean;
  /** Every dependency met so far, in the order found; `shown` names those that still matter. */
  dependencies: MissingDependencyWire[];
  shown: string[];
  choices: Record<string, Choice>;
  /** What the picks make once every dependency has a choice; null until that settles. */
  settled: PicksOutcome | null;
  busy: boolean;
  error: string | null;
  saved: { id: string; title: string; operations: number } | null;
  /** Fields made parameters from this compare ("Make this a parameter"), by `parameterFieldId`. */
  madeParameters: Record<string, ParameterField>;
  /** Per environment-specific candidate: build it as a parameter (and which), or copy the value. */
  parameterChoices: Record<string, ParameterChoice>;
  /** Parameters the target has a value for; null until read. */
  targetParameters: string[] | null;
  /** The target environment those were read for. */
  targetEnvironment: string | null;
  rememberParameter(field: ParameterField): void;
  chooseParameter(id: string, choice: ParameterChoice): void;
  toggleObject(object: ObjectDiffWire): void;
  toggleField(object: ObjectDiffWire, change: FieldChangeWire): void;
  pickAll(objects: readonly ObjectDiffWire[]): void;
  clear(): void;
  openDialog(): void;
  closeDialog(): void;
  setTarget(patch: Partial<PicksTarget>): void;
  /** "Continue": resolves the picks against the target and lists what they depend on. */
  resolve(): Promise<void>;
  choose(dependency: { type: string; key: string }, choice: Choice): Promise<void>;
  back(): void;
  add(): Promise<void>;
  openSaved(): void;
  dismissError(): void;
}

/** Same identity as a diff row, so a dependency, a pick and a row compare with one key. */
export const dependencyId = objectId;

export function changeKey(change: FieldChangeWire): string {
  return JSON.stringify([change.path, change.kind, change.before ?? null, change.after ?? null]);
}

/** Unchanged objects make no operation; renamed and one-sided ones go whole. */
export function canPickObject(object: ObjectDiffWire): boolean {
  return object.status !== 'unchanged';
}

/** Single changes only make sense where both sides hold the object under the same name. */
export function canPickFields(object: ObjectDiffWire): boolean {
  return object.status === 'changed' && object.changes.length > 0;
}

/** A preview is a changeset applied in memory; picking from it would copy the changeset into itself. */
export function picksAllowed(ran: { a: string; b: string } | null): boolean {
  return ran !== null && !ran.a.startsWith('preview:') && !ran.b.startsWith('preview:');
}

export function picksSummary(state: Pick<ComparePicksState, 'objects' | 'fields'>): {
  objects: number;
  changes: number;
} {
  const objects = Object.keys(state.objects).length;
  const changes = Object.entries(state.fields)
    .filter(([id]) => !state.objects[id])
    .reduce((sum, [, picked]) => sum + Object.keys(picked.changes).length, 0);
  return { objects, changes };
}

function defaultChoice(dependency: MissingDependencyWire): Choice {
  return dependency.available ? 'bring' : 'require';
}

type DialogFields = 'phase' | 'dependencies' | 'shown' | 'choices' | 'settled' | 'busy' | 'error';

function dialogReset(): Pick<ComparePicksState, DialogFields> {
  return { phase: 'idle', dependencies: [], shown: [], choices: {}, settled: null, busy: false, error: null };
}

// A choice changed while an earlier resolve was in flight makes that answer stale.
let latestResolve = 0;

// A changeset never settles in more rounds than the objects it can bring; this only stops a loop.
const MAX_ROUNDS = 200;

export const useComparePicksStore = create<ComparePicksState>((set, get) => {
  function picksRequest(): RequestOf<'changesets.resolvePicks'> {
    const ran = useCompareStore.getState().ran;
    if (!ran) throw new FerryError('request.invalid', 'Run the compare again: its result is gone');
    const { objects, fields, target, choices } = get();
    const picks: RequestOf<'changesets.resolvePicks'>['picks'] = Object.values(objects).map((object) => ({
      type: object.type,
      key: object.key,
      ...(object.previousKey !== undefined ? { previousKey: object.previousKey } : {}),
    }));
    for (const [id, picked] of Object.entries(fields)) {
      const changes = Object.values(picked.changes);
      if (objects[id] || changes.length === 0) continue;
      picks.push({ type: picked.type, key: picked.key, changes });
    }
    const parameters = parametersToBuild(candidates(), get().parameterChoices);
    const bad = parameters.find((field) => parameterNameProblem(field.name) !== null);
    if (bad)
      throw new FerryError(
        'request.invalid',
        `"${bad.name}" cannot be the parameter of ${bad.path}: ${parameterNameProblem(bad.name) ?? ''}`,
      );
    const decided: DependencyChoice[] = get().dependencies.flatMap((dependency) => {
      const choice = choices[dependencyId(dependency)];
      return choice ? [{ type: dependency.type, key: dependency.key, choice }] : [];
    });
    return {
      a: ran.a,
      b: ran.b,
      picks,
      ...(decided.length > 0 ? { choices: decided } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(target.kind === 'existing' ? { changesetId: target.id } : { title: target.title.trim() }),
    };
  }

  /**
   * Resolves until nothing new is missing: each round gives the newly found dependencies their
   * default choice, since bringing one object along can reveal what that object needs in turn.
   */
  async function settle(): Promise<void> {
    const run = ++latestResolve;
    set({ busy: true, error: null, settled: null });
    try {
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const result = await call('changesets.resolvePicks', picksRequest());
        if (run !== latestResolve) return;
        if (result.missing.length === 0) {
          const brought = new Set(
            result.operations.filter((op) => op.op === 'create').map((op) => dependencyId(op)),
          );
          const required = new Set(result.requires.map((item) => dependencyId(item)));
          const { dependencies, choices } = get();
          // Switching a dependency to "require" drops whatever bringing it had pulled in.
          const shown = dependencies
            .map((dependency) => dependencyId(dependency))
            .filter((id) => (choices[id] === 'bring' ? brought.has(id) : required.has(id)));
          set({
            phase: 'dependencies',
            shown,
            settled: { operations: result.operations.length, requires: result.requires.length },
          });
          return;
        }
        const { dependencies, choices } = get();
        const fresh = result.missing.filter((item) => choices[dependencyId(item)] === undefined);
        if (fresh.length === 0) {
          throw new FerryError('request.invalid', 'The dependencies did not settle; try again');
        }
        set({
          dependencies: [...dependencies, ...fresh],
          choices: {
            ...choices,
            ...Object.fromEntries(fresh.map((item) => [dependencyId(item), defaultChoice(item)])),
          },
        });
      }
      throw new FerryError('request.invalid', 'The dependencies did not settle; try again');
    } catch (error) {
      if (run === latestResolve) set({ error: errorMessage(error) });
    } finally {
      if (run === latestResolve) set({ busy: false });
    }
  }

  function candidates(): ParameterCandidate[] {
    const listed = useCompareStore.getState().outcome?.result.objects ?? [];
    return parameterCandidates(get(), listed, get().madeParameters);
  }

  /** What the target already has values for, so the dialog can say what it still needs. */
  async function loadTargetParameters(): Promise<void> {
    const environment = useCompareStore.getState().ranSides?.a.environment ?? null;
    set({ targetParameters: null, targetEnvironment: environment });
    if (environment === null) return;
    try {
      const [view] = await call('parameters.list', { environment });
      set({
        targetParameters: (view?.parameters ?? []).filter((item) => item.hasValue).map((item) => item.name),
      });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  }

  async function loadChangesets(): Promise<void> {
    set({ changesetsLoading: true });
    try {
      set({ changesets: await call('changesets.list', {}) });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ changesetsLoading: false });
    }
  }

  return {
    objects: {},
    fields: {},
    target: { kind: 'new', title: '', id: '' },
    changesets: [],
    changesetsLoading: false,
    saved: null,
    madeParameters: {},
    parameterChoices: {},
    targetParameters: null,
    targetEnvironment: null,
    ...dialogReset(),
    rememberParameter: (field) =>
      set(({ madeParameters }) => ({
        madeParameters: { ...madeParameters, [parameterFieldId(field)]: field },
      })),
    chooseParameter: (id, choice) =>
      set(({ parameterChoices }) => ({ parameterChoices: { ...parameterChoices, [id]: choice } })),
    toggleObject: (object) => {
      if (!canPickObject(object)) return;
      const id = objectId(object);
      set(({ objects, fields }) => {
        if (objects[id]) return { objects: without(objects, id) };
        // The whole object includes every change; single picks would only hide behind it.
        return { objects: { ...objects, [id]: pickedObject(object) }, fields: without(fields, id) };
      });
    },
    toggleField: (object, change) => {
      const id = objectId(object);
      if (!canPickFields(object) || get().objects[id]) return;
      const key = changeKey(change);
      set(({ fields }) => {
        const current = fields[id]?.changes ?? {};
        if (current[key]) {
          const rest = without(current, key);
          if (Object.keys(rest).length === 0) return { fields: without(fields, id) };
          return { fields: { ...fields, [id]: { type: object.type, key: object.key, changes: rest } } };
        }
        const changes = { ...current, [key]: change };
        return { fields: { ...fields, [id]: { type: object.type, key: object.key, changes } } };
      });
    },
    pickAll: (list) =>
      set(({ objects, fields }) => {
        const added = list.filter(canPickObject);
        const ids = new Set(added.map((object) => objectId(object)));
        const nextObjects = { ...objects };
        for (const object of added) nextObjects[objectId(object)] = pickedObject(object);
        return {
          objects: nextObjects,
          fields: Object.fromEntries(Object.entries(fields).filter(([id]) => !ids.has(id))),
        };
      }),
    clear: () => set({ objects: {}, fields: {} }),
    openDialog: () => {
      latestResolve += 1;
      set({ ...dialogReset(), phase: 'target', saved: null, parameterChoices: {} });
      void loadChangesets();
      void loadTargetParameters();
    },
    closeDialog: () => {
      latestResolve += 1;
      set({ ...dialogReset() });
    },
    setTarget: (patch) => set(({ target }) => ({ target: { ...target, ...patch }, error: null })),
    resolve: async () => {
      const { target } = get();
      if (target.kind === 'new' && target.title.trim() === '') {
        set({ error: 'Give the new changeset a title' });
        return;
      }
      if (target.kind === 'existing' && target.id === '') {
        set({ error: 'Pick the changeset to add to' });
        return;
      }
      set({ dependencies: [], shown: [], choices: {} });
      await settle();
    },
    choose: async (dependency, choice) => {
      set(({ choices }) => ({ choices: { ...choices, [dependencyId(dependency)]: choice } }));
      await settle();
    },
    back: () => {
      latestResolve += 1;
      set({ ...dialogReset(), phase: 'target' });
    },
    add: async () => {
      set({ busy: true, error: null });
      try {
        const document = await call('changesets.addPicks', picksRequest());
        const { changeset } = document;
        set({
          ...dialogReset(),
          phase: 'done',
          objects: {},
          fields: {},
          saved: { id: changeset.id, title: changeset.title, operations: changeset.operations.length },
          // The next picks most likely belong with these.
          target: { kind: 'existing', title: '', id: changeset.id },
        });
      } catch (error) {
        set({ busy: false, error: errorMessage(error) });
        // Something appeared since the last resolve (another window edited the changeset): list it.
        if (error instanceof FerryError && error.code === 'changeset.missing-dependencies') {
          await settle();
          if (get().error === null) set({ error: errorMessage(error) });
        }
      }
    },
    openSaved: () => {
      const saved = get().saved;
      if (!saved) return;
      set({ ...dialogReset() });
      useNavigationStore.getState().openChangeset(saved.id);
    },
    dismissError: () => set({ error: null }),
  };
});

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([item]) => item !== key));
}

function pickedObject(object: ObjectDiffWire): PickedObject {
  return {
    type: object.type,
    key: object.key,
    ...(object.previousKey !== undefined ? { previousKey: object.previousKey } : {}),
  };
}

function sameSources(x: { a: string; b: string } | null, y: { a: string; b: string } | null): boolean {
  return x === y || (x !== null && y !== null && x.a === y.a && x.b === y.b);
}

// Picks name objects of one compare; a compare of other sources would read them against the wrong sides.
useCompareStore.subscribe((state, previous) => {
  if (!sameSources(state.ran, previous.ran)) {
    useComparePicksStore.getState().clear();
    useComparePicksStore.setState({ madeParameters: {}, parameterChoices: {} });
  }
});
