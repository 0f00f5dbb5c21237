import { create } from 'zustand';
import { FerryError } from '../../../../shared/api/api-error';
import type { ParameterType } from '../../../../shared/parameters/parameter-types';
import type { ParametersView } from '../../../../shared/parameters/parameters-view';
import { call, errorMessage } from '../../api/ferry-client';
import { inUseRefusal, type InUseRefusal } from './parameters-model';

export interface ParameterInput {
  name: string;
  type: ParameterType;
  /** As typed. A secret's passes through here to the call and is kept nowhere. */
  value: string;
  acceptUnprotected?: boolean;
}

/** How a send of the parameter form ended: the form clears its fields only when `saved`. */
export type SetOutcome = 'saved' | 'failed' | 'needs-confirmation';

interface ParametersState {
  /** The environment the tab shows; answers for another are dropped. */
  environment: string | null;
  view: ParametersView | null;
  loading: boolean;
  loadError: string | null;
  saving: boolean;
  /** The add/change form's failure, in the main process's words. */
  parameterError: string | null;
  /** The vault cannot protect a secret here: the person confirms or gives up. */
  unprotectedWarning: string | null;
  /** A refused unset of a parameter changesets use, waiting for "Unset anyway" or cancel. */
  inUse: InUseRefusal | null;
  /** Other failures of unsetting, next to the parameter's row. */
  rowErrors: Readonly<Record<string, string>>;
  mappingSaving: boolean;
  /** The mapping form's failure (a chain, a cycle, two names for one). */
  mappingError: string | null;
  /** Failures of removing a mapping, by `<type>/<from>`. */
  mappingRowErrors: Readonly<Record<string, string>>;
  open(environment: string): Promise<void>;
  setParameter(input: ParameterInput): Promise<SetOutcome>;
  declineUnprotected(): void;
  unset(name: string, force?: boolean): Promise<void>;
  dismissInUse(): void;
  map(type: string, from: string, to: string): Promise<boolean>;
  unmap(type: string, from: string): Promise<void>;
  clearParameterError(): void;
  clearMappingError(): void;
}

const cleared = {
  view: null,
  loadError: null,
  saving: false,
  parameterError: null,
  unprotectedWarning: null,
  inUse: null,
  rowErrors: {},
  mappingSaving: false,
  mappingError: null,
  mappingRowErrors: {},
} as const;

export const useParametersStore = create<ParametersState>((set, get) => {
  /** Applies a reply only while the tab still shows the environment it was asked for. */
  const current = (environment: string) => get().environment === environment;

  return {
    environment: null,
    loading: false,
    ...cleared,
    open: async (environment) => {
      set({ environment, ...cleared, loading: true });
      try {
        const [view] = await call('parameters.list', { environment });
        if (current(environment)) set({ view: view ?? null });
      } catch (error) {
        if (current(environment)) set({ loadError: errorMessage(error) });
      } finally {
        if (current(environment)) set({ loading: false });
      }
    },
    setParameter: async ({ name, type, value, acceptUnprotected }) => {
      const environment = get().environment;
      if (environment === null) return 'failed';
      set({ saving: true, parameterError: null, unprotectedWarning: null });
      try {
        const view = await call('parameters.set', {
          environment,
          name,
          type,
          value,
          ...(acceptUnprotected === true ? { acceptUnprotected: true } : {}),
        });
        if (!current(environment)) return 'failed';
        set({ view, saving: false });
        return 'saved';
      } catch (error) {
        if (!current(environment)) return 'failed';
        if (error instanceof FerryError && error.code === 'vault.unprotected') {
          set({ saving: false, unprotectedWarning: error.message });
          return 'needs-confirmation';
        }
        set({ saving: false, parameterError: errorMessage(error) });
        return 'failed';
      }
    },
    declineUnprotected: () => set({ unprotectedWarning: null }),
    unset: async (name, force = false) => {
      const environment = get().environment;
      if (environment === null) return;
      const { [name]: _previous, ...rowErrors } = get().rowErrors;
      void _previous;
      set({ rowErrors, inUse: null });
      try {
        const view = await call('parameters.unset', { environment, name, ...(force ? { force: true } : {}) });
        if (current(environment)) set({ view });
      } catch (error) {
        if (!current(environment)) return;
        const refusal = inUseRefusal(name, error);
        if (refusal !== null) set({ inUse: refusal });
        else set(({ rowErrors: now }) => ({ rowErrors: { ...now, [name]: errorMessage(error) } }));
      }
    },
    dismissInUse: () => set({ inUse: null }),
    map: async (type, from, to) => {
      const environment = get().environment;
      if (environment === null) return false;
      set({ mappingSaving: true, mappingError: null });
      try {
        const view = await call('parameters.map', { environment, type, from, to });
        if (!current(environment)) return false;
        set({ view, mappingSaving: false });
        return true;
      } catch (error) {
        if (current(environment)) set({ mappingSaving: false, mappingError: errorMessage(error) });
        return false;
      }
    },
    unmap: async (type, from) => {
      const environment = get().environment;
      if (environment === null) return;
      const key = `${type}/${from}`;
      const { [key]: _previous, ...mappingRowErrors } = get().mappingRowErrors;
      void _previous;
      set({ mappingRowErrors });
      try {
        const view = await call('parameters.unmap', { environment, type, from });
        if (current(environment)) set({ view });
      } catch (error) {
        if (current(environment))
          set(({ mappingRowErrors: now }) => ({ mappingRowErrors: { ...now, [key]: errorMessage(error) } }));
      }
    },
    clearParameterError: () => set({ parameterError: null }),
    clearMappingError: () => set({ mappingError: null }),
  };
});
