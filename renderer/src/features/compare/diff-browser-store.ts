import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DiffStatus } from '../../../../shared/diff/diff-types';
import { errorMessage } from '../../api/ferry-client';
import { objectId, type ObjectDiffWire, type ObjectRef } from './diff-model';
import {
  buildDiffRows,
  noFilters,
  rowIndexOf,
  stepChangedRow,
  type DiffFilters,
  type DiffOrder,
} from './diff-rows';

export interface ObjectSides {
  before: string | null;
  after: string | null;
}

export interface DiffBrowserState {
  objects: readonly ObjectDiffWire[];
  filters: DiffFilters;
  /** Types the user closed; all start open because differences are what the page is for. */
  collapsed: Record<string, boolean>;
  /** The row the keyboard is on (object id); Enter opens it. */
  cursor: string | null;
  opened: ObjectDiffWire | null;
  sides: ObjectSides | null;
  sidesLoading: boolean;
  sidesError: string | null;
  /** Set when a clicked reference is not among the differences, to say so next to the change list. */
  notice: string | null;
  setObjects(objects: readonly ObjectDiffWire[]): void;
  clear(): void;
  setText(text: string): void;
  setType(type: string): void;
  /** Shows only `status`; the same status again shows every status. */
  toggleStatus(status: DiffStatus): void;
  setOrder(order: DiffOrder): void;
  toggleType(type: string): void;
  setCursor(id: string | null): void;
  open(object: ObjectDiffWire): Promise<void>;
  /** Opens the next (1) or previous (-1) object that differs, in the order the list shows; false when none. */
  stepChange(step: 1 | -1): boolean;
  /** Opens the object a reference points at when it is in the list, making it visible if filtered out. */
  reveal(target: ObjectRef): boolean;
  dismissNotice(): void;
}

export type DiffBrowserStore = UseBoundStore<StoreApi<DiffBrowserState>>;

const cleared = {
  collapsed: {},
  cursor: null,
  opened: null,
  sides: null,
  sidesLoading: false,
  sidesError: null,
  notice: null,
} as const;

/**
 * The list-and-detail half shared by Compare and Drift: filters, keyboard cursor, the opened
 * object and its two canonical texts. Each page owns one, with its own way to read both sides.
 */
export function createDiffBrowserStore(loadSides: (object: ObjectDiffWire) => Promise<ObjectSides>) {
  return create<DiffBrowserState>((set, get) => ({
    ...cleared,
    objects: [],
    filters: noFilters,
    setObjects: (objects) => {
      const opened = get().opened;
      const still = opened ? objects.find((object) => objectId(object) === objectId(opened)) : undefined;
      set({ objects, notice: null });
      if (still) void get().open(still);
      else set({ opened: null, sides: null, sidesError: null, cursor: null });
    },
    clear: () => set({ ...cleared, objects: [] }),
    setText: (text) => set(({ filters }) => ({ filters: { ...filters, text } })),
    setType: (type) => set(({ filters }) => ({ filters: { ...filters, type } })),
    toggleStatus: (status) =>
      set(({ filters }) => ({ filters: { ...filters, status: filters.status === status ? null : status } })),
    setOrder: (order) => set(({ filters }) => ({ filters: { ...filters, order } })),
    toggleType: (type) => set(({ collapsed }) => ({ collapsed: { ...collapsed, [type]: !collapsed[type] } })),
    setCursor: (cursor) => set({ cursor }),
    open: async (object) => {
      const id = objectId(object);
      set({ opened: object, cursor: id, sidesLoading: true, sidesError: null, notice: null });
      try {
        const sides = await loadSides(object);
        if (get().opened === object) set({ sides });
      } catch (error) {
        if (get().opened === object) set({ sidesError: errorMessage(error), sides: null });
      } finally {
        if (get().opened === object) set({ sidesLoading: false });
      }
    },
    stepChange: (step) => {
      const { objects, filters, collapsed, cursor, opened } = get();
      const rows = buildDiffRows(objects, filters, collapsed);
      const from = rowIndexOf(rows, cursor ?? (opened ? objectId(opened) : null));
      const row = rows[stepChangedRow(rows, from, step)];
      if (row?.kind !== 'object') return false;
      void get().open(row.object);
      return true;
    },
    reveal: (target) => {
      const object = get().objects.find((item) => item.type === target.type && item.key === target.key);
      if (!object) {
        set({
          notice: `“${target.key}” is not among the differences listed: it is the same on both sides, or absent from both.`,
        });
        return false;
      }
      const { filters, collapsed } = get();
      set({
        filters: {
          text: '',
          type: filters.type === '' || filters.type === object.type ? filters.type : '',
          status: filters.status === null || filters.status === object.status ? filters.status : null,
          order: filters.order,
        },
        collapsed: { ...collapsed, [object.type]: false },
      });
      void get().open(object);
      return true;
    },
    dismissNotice: () => set({ notice: null }),
  }));
}
