import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/channels';
import type { ConnectionReport, EnvironmentView } from '../../../shared/model/environment';
import { call, errorMessage } from '../api/ferry-client';

export type Region = ResponseOf<'environments.regions'>[number];

export interface ConnectionTest {
  testing: boolean;
  report: ConnectionReport | null;
  /** The call itself failed (not the connection, which the report describes). */
  error: string | null;
}

interface EnvironmentsState {
  environments: EnvironmentView[];
  regions: Region[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  connections: Record<string, ConnectionTest>;
  load(): Promise<void>;
  upsert(view: EnvironmentView): void;
  remove(name: string): Promise<boolean>;
  test(name: string): Promise<void>;
  dismissTest(name: string): void;
  dismissError(): void;
}

export const useEnvironmentsStore = create<EnvironmentsState>((set, get) => ({
  environments: [],
  regions: [],
  loaded: false,
  loading: false,
  error: null,
  connections: {},
  load: async () => {
    set({ loading: true, error: null });
    try {
      // Regions never change within a run, so they are asked for once.
      const [environments, regions] = await Promise.all([
        call('environments.list', {}),
        get().regions.length > 0 ? Promise.resolve(get().regions) : call('environments.regions', {}),
      ]);
      set({ environments, regions, loaded: true });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ loading: false });
    }
  },
  upsert: (view) =>
    set(({ environments }) => ({
      environments: environments.some((item) => item.config.name === view.config.name)
        ? environments.map((item) => (item.config.name === view.config.name ? view : item))
        : [...environments, view],
    })),
  remove: async (name) => {
    set({ error: null });
    try {
      await call('environments.remove', { name });
      set(({ environments, connections }) => {
        const { [name]: _removed, ...rest } = connections;
        void _removed;
        return { environments: environments.filter((item) => item.config.name !== name), connections: rest };
      });
      return true;
    } catch (error) {
      set({ error: errorMessage(error) });
      return false;
    }
  },
  test: async (name) => {
    const update = (test: ConnectionTest) =>
      set(({ connections }) => ({ connections: { ...connections, [name]: test } }));
    update({ testing: true, report: null, error: null });
    try {
      update({ testing: false, report: await call('environments.test', { name }), error: null });
    } catch (error) {
      update({ testing: false, report: null, error: errorMessage(error) });
    }
  },
  dismissTest: (name) =>
    set(({ connections }) => {
      const { [name]: _dismissed, ...rest } = connections;
      void _dismissed;
      return { connections: rest };
    }),
  dismissError: () => set({ error: null }),
}));
