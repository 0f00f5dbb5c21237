import { create } from 'zustand';
import { parameterNameProblem } from '../../../../shared/parameters/parameter-name';
import {
  formatParameterValue,
  parseParameterText,
  type ParameterType,
} from '../../../../shared/parameters/parameter-types';
import { suggestParameterName, suggestParameterType } from '../../../../shared/parameters/suggest-parameter';
import type { JsonValue } from '../../../../shared/model/canonical/json-value';
import { call, errorMessage } from '../../api/ferry-client';
import { useComparePicksStore } from './compare-picks-store';
import type { FieldChangeWire, ObjectDiffWire } from './diff-model';

/** One environment's side of the dialog: its name and the value typed for it. */
export interface ParameterSide {
  environment: string;
  value: string;
}

export interface MakeParameterDraft {
  type: string;
  key: string;
  path: string;
  name: string;
  parameterType: ParameterType;
  /** The source (drawn on the left of the compare) first, then the target. */
  sides: [ParameterSide, ParameterSide];
}

interface MakeParameterState {
  draft: MakeParameterDraft | null;
  busy: boolean;
  error: string | null;
  /** The last parameter made, for the page to say so. */
  made: string | null;
  open(
    object: ObjectDiffWire,
    change: FieldChangeWire,
    environments: { source: string; target: string },
  ): void;
  close(): void;
  edit(patch: Partial<Pick<MakeParameterDraft, 'name' | 'parameterType'>>): void;
  editValue(index: 0 | 1, value: string): void;
  confirm(): Promise<boolean>;
}

/** Why the draft cannot be saved yet, field by field; empty when it can. */
export function draftProblems(draft: MakeParameterDraft): { name?: string; values: (string | null)[] } {
  const name = parameterNameProblem(draft.name.trim());
  const values = draft.sides.map((side) => {
    const parsed = parseParameterText(draft.parameterType, side.value);
    return parsed.ok ? null : parsed.problem;
  });
  return { ...(name === null ? {} : { name }), values };
}

function valueText(value: unknown): string {
  return value === undefined ? '' : formatParameterValue(value as JsonValue);
}

/**
 * "Make this a parameter" from a compare (issue 15): sets the parameter on both environments,
 * each with its own side's value, and remembers that a changeset built from the compare writes
 * the field as `{"$param": name}`.
 */
export const useMakeParameterStore = create<MakeParameterState>((set, get) => ({
  draft: null,
  busy: false,
  error: null,
  made: null,
  open: (object, change, environments) =>
    set({
      busy: false,
      error: null,
      draft: {
        type: object.type,
        key: object.key,
        path: change.path,
        name: suggestParameterName(object.key, change.path),
        parameterType: suggestParameterType([change.before, change.after]),
        // Side b is the compare's source, side a its target.
        sides: [
          { environment: environments.source, value: valueText(change.after) },
          { environment: environments.target, value: valueText(change.before) },
        ],
      },
    }),
  close: () => set({ draft: null, busy: false, error: null }),
  edit: (patch) => set(({ draft }) => (draft ? { draft: { ...draft, ...patch }, error: null } : {})),
  editValue: (index, value) =>
    set(({ draft }) => {
      if (!draft) return {};
      const sides: [ParameterSide, ParameterSide] = [...draft.sides];
      sides[index] = { ...sides[index], value };
      return { draft: { ...draft, sides }, error: null };
    }),
  confirm: async () => {
    const draft = get().draft;
    if (!draft) return false;
    const problems = draftProblems(draft);
    if (problems.name !== undefined || problems.values.some((problem) => problem !== null)) {
      set({ error: 'Correct the fields marked below first.' });
      return false;
    }
    const name = draft.name.trim();
    set({ busy: true, error: null });
    try {
      for (const side of draft.sides) {
        await call('parameters.set', {
          environment: side.environment,
          name,
          value: side.value,
          type: draft.parameterType,
        });
      }
    } catch (error) {
      set({ busy: false, error: errorMessage(error) });
      return false;
    }
    useComparePicksStore
      .getState()
      .rememberParameter({ type: draft.type, key: draft.key, path: draft.path, name });
    set({ draft: null, busy: false, made: name });
    return true;
  },
}));
