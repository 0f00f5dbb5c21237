import { create } from 'zustand';
import type { JsonObject } from '../../../../shared/model/canonical/json-value';
import { isJsonObject } from '../../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import type { Changeset, ChangesetOperation } from '../../../../shared/model/changeset';
import type {
  ChangesetCheck,
  ChangesetDocument,
  ChangesetVersion,
  TargetCatalog,
} from '../../../../shared/model/changeset-wire';
import type { EnvironmentView } from '../../../../shared/model/environment';
import { call, errorMessage } from '../../api/ferry-client';
import { singularTypeLabel } from '../compare/diff-model';
import { displayKey } from '../compare/flow-diff-model';
import { draftEdit, newObjectBody, objectId, operationValue, savableDraft } from './draft-model';
import { readStoredDraft, removeStoredDraft, writeStoredDraft, type DraftStorage } from './draft-storage';
import {
  JSON_FIELD,
  problemsOfObjects,
  problemsRenamed,
  draftBlockedReason,
  withFieldProblem,
  type FieldProblem,
} from './field-problems';
import type { FieldTextProblem } from './forms/field-state';
import { useWorkspaceStore } from '../../stores/workspace-store';

/** Undo keeps this many steps; typing into one field within `COALESCE_MS` is one step. */
const UNDO_LIMIT = 200;
const COALESCE_MS = 800;
const CHECK_DELAY_MS = 350;
/** Unsaved edits are kept this long after the last keystroke (a burst of typing is one write). */
const KEEP_DELAY_MS = 400;

export type EditorTab = 'edit' | 'history';
/** How the selected operation is shown: one at a time, so each has the full width. */
export type OperationView = 'form' | 'json' | 'diff';

interface EditorState {
  id: string | null;
  saved: ChangesetDocument | null;
  draft: Changeset | null;
  past: Changeset[];
  future: Changeset[];
  selected: number | null;
  tab: EditorTab;
  view: OperationView;
  environments: EnvironmentView[];
  target: string | null;
  catalog: TargetCatalog | null;
  /** Target objects by `objectId`; null = the target does not have it. */
  bases: Record<string, JsonObject | null>;
  /**
   * Text the draft cannot hold yet (a form field out of range, JSON that does not parse): kept
   * here so it is shown again, listed in Validation, and blocks Save until fixed or discarded.
   */
  fieldProblems: FieldProblem[];
  /** Changes when the form must start again from the draft (revert, discard): fields drop their text. */
  formGeneration: number;
  /** Unsaved edits kept from an earlier session, waiting for "Restore" or "Discard". */
  restorable: { at: string; draft: Changeset; sameBase: boolean } | null;
  check: ChangesetCheck | null;
  checking: boolean;
  saving: boolean;
  loading: boolean;
  error: string | null;
  notice: string | null;
  history: ChangesetVersion[];
  /** The version pair shown in the history diff: the chosen commit and the one before it. */
  versionDiff: { commit: string; before: string | null; after: string | null } | null;
  open(id: string): Promise<void>;
  setTab(tab: EditorTab): void;
  setView(view: OperationView): void;
  setTarget(environment: string | null): Promise<void>;
  select(index: number | null): Promise<void>;
  editMeta(fields: Partial<Pick<Changeset, 'title' | 'description' | 'ticket'>>): void;
  editObject(index: number, value: JsonObject, source: string): void;
  editJson(index: number, text: string): void;
  addOperation(input: { op: ChangesetOperation['op']; type: string; key: string }): Promise<boolean>;
  removeOperation(index: number): void;
  undo(): void;
  redo(): void;
  save(): Promise<boolean>;
  revert(): void;
  runCheck(): Promise<void>;
  loadHistory(): Promise<void>;
  showVersion(commit: string): Promise<void>;
  dismissError(): void;
  reportField(object: string, field: string, problem: FieldTextProblem | null): void;
  /** Drops every unsaved edit and pending text: the saved version is what remains. */
  discard(): void;
  restoreDraft(): void;
  dismissRestorable(): void;
}

let lastEdit: { key: string; at: number } | null = null;
let keepTimer: ReturnType<typeof setTimeout> | null = null;
let checkTimer: ReturnType<typeof setTimeout> | null = null;
let checkRun = 0;

/** One changeset open for editing: a draft with undo/redo, checked against a target as it changes. */
export const useChangesetEditor = create<EditorState>((set, get) => {
  function baseOf(operation: ChangesetOperation): JsonObject | undefined {
    return get().bases[objectId(operation.type, operation.key)] ?? undefined;
  }

  /** Replaces the draft as one undo step (or as part of the last one, for a run of keystrokes). */
  function commitDraft(next: Changeset, editKey: string | null): void {
    const { draft, past } = get();
    if (!draft) return;
    const now = Date.now();
    const coalesce = editKey !== null && lastEdit?.key === editKey && now - lastEdit.at < COALESCE_MS;
    lastEdit = editKey === null ? null : { key: editKey, at: now };
    set({
      draft: next,
      past: coalesce ? past : [...past, draft].slice(-UNDO_LIMIT),
      future: [],
      fieldProblems: problemsOf(next, get().fieldProblems),
    });
    scheduleCheck();
  }

  function scheduleCheck(): void {
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = setTimeout(() => void get().runCheck(), CHECK_DELAY_MS);
  }

  async function loadBases(operations: readonly ChangesetOperation[]): Promise<void> {
    const { target, bases } = get();
    if (target === null) return;
    const wanted = operations.filter(
      (operation) => operation.op !== 'create' && !(objectId(operation.type, operation.key) in bases),
    );
    const found = await Promise.all(
      wanted.map(async (operation) => {
        const { value } = await call('changesets.targetObject', {
          environment: target,
          type: operation.type,
          key: operation.key,
        });
        return [objectId(operation.type, operation.key), value as JsonObject | null] as const;
      }),
    );
    if (get().target !== target) return;
    set({ bases: { ...get().bases, ...Object.fromEntries(found) } });
  }

  return {
    id: null,
    saved: null,
    draft: null,
    past: [],
    future: [],
    selected: null,
    tab: 'edit',
    view: 'form',
    environments: [],
    target: null,
    catalog: null,
    bases: {},
    fieldProblems: [],
    formGeneration: 0,
    restorable: null,
    check: null,
    checking: false,
    saving: false,
    loading: false,
    error: null,
    notice: null,
    history: [],
    versionDiff: null,
    open: async (id) => {
      lastEdit = null;
      set({
        id,
        loading: true,
        error: null,
        notice: null,
        saved: null,
        draft: null,
        past: [],
        future: [],
        selected: null,
        tab: 'edit',
        check: null,
        history: [],
        versionDiff: null,
        fieldProblems: [],
        formGeneration: get().formGeneration + 1,
        restorable: null,
      });
      try {
        const [document, environments] = await Promise.all([
          call('changesets.get', { id }),
          call('environments.list', {}),
        ]);
        if (get().id !== id) return;
        set({
          saved: document,
          draft: document.changeset,
          environments,
          selected: document.changeset.operations.length > 0 ? 0 : null,
          restorable: keptEditsOf(document),
        });
        await get().setTarget(defaultTarget(document.changeset, environments, get().target));
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        set({ loading: false });
      }
    },
    setView: (view) => set({ view }),
    setTab: (tab) => {
      set({ tab });
      if (tab === 'history') void get().loadHistory();
    },
    setTarget: async (target) => {
      set({ target, catalog: null, bases: {}, check: null });
      if (target !== null) {
        try {
          const catalog = await call('changesets.catalog', { environment: target });
          if (get().target !== target) return;
          set({ catalog });
          await loadBases(get().draft?.operations ?? []);
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      }
      await get().runCheck();
    },
    select: async (selected) => {
      set({ selected });
      lastEdit = null;
      const operation = selected === null ? undefined : get().draft?.operations[selected];
      if (operation) await loadBases([operation]);
    },
    editMeta: (fields) => {
      const { draft } = get();
      if (!draft) return;
      commitDraft({ ...draft, ...fields }, `meta:${Object.keys(fields).join(',')}`);
    },
    editObject: (index, value, source) => {
      const { draft } = get();
      const operation = draft?.operations[index];
      if (!draft || !operation) return;
      const from = objectId(operation.type, operation.key);
      const edit = draftEdit(operation, baseOf(operation), value);
      if (!edit.ok) {
        // Kept as the object's JSON, shown in the form and the JSON view, blocking Save with why.
        const problem = {
          name: `The edit of ${operation.key}`,
          message: edit.problem,
          text: stableStringify(value),
        };
        set({ fieldProblems: withFieldProblem(get().fieldProblems, from, JSON_FIELD, problem) });
        return;
      }
      const next = edit.operation;
      const operations = draft.operations.map((item, at) => (at === index ? next : item));
      const to = objectId(next.type, next.key);
      let fieldProblems = problemsRenamed(get().fieldProblems, from, to);
      // An edit in the form replaces the object the unparsed JSON text was meant to be.
      if (source === 'form') fieldProblems = withFieldProblem(fieldProblems, to, JSON_FIELD, null);
      set({ fieldProblems });
      commitDraft({ ...draft, operations }, `object:${index}:${source}`);
    },
    editJson: (index, text) => {
      const operation = get().draft?.operations[index];
      if (!operation) return;
      const object = objectId(operation.type, operation.key);
      const name = `The JSON of ${operation.key}`;
      const refuse = (message: string) =>
        set({
          fieldProblems: withFieldProblem(get().fieldProblems, object, JSON_FIELD, { name, message, text }),
        });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        refuse(`${name} is not valid JSON yet: ${errorMessage(error)}`);
        return;
      }
      if (!isJsonObject(parsed)) {
        refuse(`${name} must be a JSON object ({ … })`);
        return;
      }
      set({ fieldProblems: withFieldProblem(get().fieldProblems, object, JSON_FIELD, null) });
      const current = operationValue(operation, baseOf(operation));
      // The editor echoes back what the form wrote; only a real edit is an undo step.
      if (current !== undefined && stableStringify(current) === stableStringify(parsed)) return;
      get().editObject(index, parsed, 'json');
    },
    addOperation: async ({ op, type, key }) => {
      const { draft, target } = get();
      if (!draft) return false;
      const trimmed = key.trim();
      if (trimmed === '') {
        set({ error: 'Give the object a name' });
        return false;
      }
      if (draft.operations.some((operation) => operation.type === type && operation.key === trimmed)) {
        set({ error: `The changeset already has an operation on ${objectInWords(type, trimmed)}` });
        return false;
      }
      let operation: ChangesetOperation;
      if (op === 'create') {
        operation = { op, type, key: trimmed, body: newObjectBody(type, trimmed) };
      } else {
        if (target === null) {
          set({ error: 'Choose a target environment first: changes and deletes start from its objects' });
          return false;
        }
        const { value } = await call('changesets.targetObject', { environment: target, type, key: trimmed });
        if (value === null) {
          set({ error: `${target}'s latest snapshot has no ${objectInWords(type, trimmed)}` });
          return false;
        }
        set({ bases: { ...get().bases, [objectId(type, trimmed)]: value as JsonObject } });
        operation =
          op === 'delete'
            ? { op, type, key: trimmed, before: value }
            : { op, type, key: trimmed, changes: [] };
      }
      const current = get().draft ?? draft;
      commitDraft({ ...current, operations: [...current.operations, operation] }, null);
      set({ selected: current.operations.length, error: null });
      return true;
    },
    removeOperation: (index) => {
      const { draft, selected } = get();
      if (!draft) return;
      const operations = draft.operations.filter((_, at) => at !== index);
      commitDraft({ ...draft, operations }, null);
      set({
        selected:
          selected === null || operations.length === 0 ? null : Math.min(selected, operations.length - 1),
      });
    },
    undo: () => {
      const { past, draft, future } = get();
      const previous = past[past.length - 1];
      if (!draft || previous === undefined) return;
      lastEdit = null;
      set({
        draft: previous,
        past: past.slice(0, -1),
        future: [draft, ...future],
        fieldProblems: problemsOf(previous, get().fieldProblems),
      });
      clampSelection();
      scheduleCheck();
    },
    redo: () => {
      const { past, draft, future } = get();
      const [next, ...rest] = future;
      if (!draft || next === undefined) return;
      lastEdit = null;
      set({
        draft: next,
        past: [...past, draft],
        future: rest,
        fieldProblems: problemsOf(next, get().fieldProblems),
      });
      clampSelection();
      scheduleCheck();
    },
    save: async () => {
      const { draft, fieldProblems } = get();
      if (!draft) return false;
      const blocked = draftBlockedReason(draft.title, fieldProblems);
      if (blocked !== null) {
        set({ error: `Not saved. ${blocked}` });
        return false;
      }
      set({ saving: true, error: null });
      try {
        const saved = await call('changesets.save', { changeset: savableDraft(draft) });
        lastEdit = null;
        set({ saved, draft: saved.changeset, notice: `Saved (${saved.digest.slice(0, 19)})` });
        forgetKeptEdits(saved.changeset.id);
        clampSelection();
        if (get().tab === 'history') await get().loadHistory();
        return true;
      } catch (error) {
        set({ error: errorMessage(error) });
        return false;
      } finally {
        set({ saving: false });
      }
    },
    revert: () => {
      const { saved, draft, past } = get();
      if (!saved || !draft) return;
      set({
        draft: saved.changeset,
        past: [...past, draft],
        future: [],
        fieldProblems: [],
        formGeneration: get().formGeneration + 1,
      });
      clampSelection();
      scheduleCheck();
    },
    runCheck: async () => {
      const { draft, target } = get();
      if (!draft) return;
      const run = ++checkRun;
      set({ checking: true });
      try {
        const check = await call('changesets.check', { draft: savableDraft(draft), environment: target });
        if (run === checkRun) set({ check });
      } catch (error) {
        if (run === checkRun) set({ error: errorMessage(error) });
      } finally {
        if (run === checkRun) set({ checking: false });
      }
    },
    loadHistory: async () => {
      const { id } = get();
      if (id === null) return;
      try {
        set({ history: await call('changesets.history', { id }) });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    showVersion: async (commit) => {
      const { id, history } = get();
      if (id === null) return;
      const at = history.findIndex((version) => version.commit === commit);
      const previous = at >= 0 ? history[at + 1] : undefined;
      try {
        const [after, before] = await Promise.all([
          call('changesets.version', { id, commit }),
          previous
            ? call('changesets.version', { id, commit: previous.commit })
            : Promise.resolve({ text: null }),
        ]);
        set({ versionDiff: { commit, before: before.text, after: after.text } });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    dismissError: () => set({ error: null, notice: null }),
    reportField: (object, field, problem) => {
      const current = get().fieldProblems;
      const existing = current.find((item) => item.object === object && item.field === field);
      if (
        (problem === null && existing === undefined) ||
        (problem !== null &&
          existing?.message === problem.message &&
          existing.text === problem.text &&
          existing.name === problem.name)
      )
        return;
      set({ fieldProblems: withFieldProblem(current, object, field, problem) });
    },
    discard: () => {
      const { saved, id } = get();
      if (!saved) return;
      lastEdit = null;
      set({
        draft: saved.changeset,
        past: [],
        future: [],
        fieldProblems: [],
        formGeneration: get().formGeneration + 1,
        restorable: null,
      });
      if (id !== null) forgetKeptEdits(id);
      clampSelection();
      scheduleCheck();
    },
    restoreDraft: () => {
      const { restorable, draft } = get();
      if (!restorable || !draft) return;
      set({ restorable: null });
      commitDraft(restorable.draft, null);
      clampSelection();
      // The kept edits may change objects this session has not read from the target yet.
      void loadBases(restorable.draft.operations).catch((error: unknown) =>
        set({ error: errorMessage(error) }),
      );
    },
    dismissRestorable: () => {
      const { id } = get();
      set({ restorable: null });
      if (id !== null) forgetKeptEdits(id);
    },
  };

  function clampSelection(): void {
    const { draft, selected } = get();
    const count = draft?.operations.length ?? 0;
    if (count === 0) set({ selected: null });
    else if (selected === null || selected >= count) set({ selected: count - 1 });
  }
});

/** Field problems that still belong to an operation of `draft`. */
function problemsOf(draft: Changeset, problems: readonly FieldProblem[]): FieldProblem[] {
  return problemsOfObjects(
    problems,
    new Set(draft.operations.map((operation) => objectId(operation.type, operation.key))),
  );
}

function draftStorage(): DraftStorage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

function workspacePath(): string | null {
  return useWorkspaceStore.getState().current?.path ?? null;
}

/** Edits kept from an earlier session that differ from the saved version, if any. */
function keptEditsOf(document: ChangesetDocument): EditorState['restorable'] {
  const storage = draftStorage();
  const workspace = workspacePath();
  if (storage === null || workspace === null) return null;
  const kept = readStoredDraft(storage, workspace, document.changeset.id);
  if (kept === null) return null;
  if (stableStringify(savableDraft(kept.draft)) === stableStringify(document.changeset)) {
    removeStoredDraft(storage, workspace, document.changeset.id);
    return null;
  }
  return { at: kept.at, draft: kept.draft, sameBase: kept.savedDigest === document.digest };
}

function forgetKeptEdits(changesetId: string): void {
  const storage = draftStorage();
  const workspace = workspacePath();
  if (storage !== null && workspace !== null) removeStoredDraft(storage, workspace, changesetId);
}

/** Keeps the draft in storage while it differs from the saved version, and forgets it once it does not. */
export function keepEditsNow(): void {
  if (keepTimer) clearTimeout(keepTimer);
  keepTimer = null;
  const state = useChangesetEditor.getState();
  const storage = draftStorage();
  const workspace = workspacePath();
  const { draft, saved } = state;
  // Edits kept earlier stay untouched until the user restores or discards them.
  if (storage === null || workspace === null || !draft || !saved || state.restorable !== null) return;
  if (draft.id !== saved.changeset.id) return;
  if (isDirty(state)) {
    writeStoredDraft(storage, workspace, {
      savedDigest: saved.digest,
      at: new Date(),
      draft: savableDraft(draft),
    });
  } else removeStoredDraft(storage, workspace, draft.id);
}

useChangesetEditor.subscribe((state, previous) => {
  if (state.draft === previous.draft && state.saved === previous.saved) return;
  if (keepTimer) clearTimeout(keepTimer);
  keepTimer = setTimeout(keepEditsNow, KEEP_DELAY_MS);
});

/** Whether leaving now would lose something: edits not saved, or text the draft could not hold. */
export function hasUnsavedWork(state: Pick<EditorState, 'draft' | 'saved' | 'fieldProblems'>): boolean {
  return isDirty(state) || state.fieldProblems.length > 0;
}

/** Whether the draft differs from what was last saved (empty updates do not count). */
export function isDirty(state: Pick<EditorState, 'draft' | 'saved'>): boolean {
  if (!state.draft || !state.saved) return false;
  return stableStringify(savableDraft(state.draft)) !== stableStringify(state.saved.changeset);
}

/**
 * The environment to check against first: the one the changeset was picked for (side a of the
 * compare it came from), else the last one used, else the first non-production one with a snapshot.
 */
function defaultTarget(
  changeset: Changeset,
  environments: EnvironmentView[],
  last: string | null,
): string | null {
  const usable = environments.filter((view) => view.lastSnapshot !== null).map((view) => view.config.name);
  const fromOrigin = /^(?:compare|diff|drift) (?:live:)?([a-z][a-z0-9-]*)/.exec(changeset.origin ?? '')?.[1];
  for (const candidate of [fromOrigin, last]) if (candidate && usable.includes(candidate)) return candidate;
  const nonProd = environments.find((view) => view.lastSnapshot !== null && view.config.tier !== 'prod');
  return nonProd?.config.name ?? usable[0] ?? null;
}

/** "flow Main Menu (inbound call)": an object as a person names it in a message. */
function objectInWords(type: string, key: string): string {
  return `${singularTypeLabel(type).toLowerCase()} ${displayKey(type, key)}`;
}
