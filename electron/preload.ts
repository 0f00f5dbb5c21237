import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/api/ipc-names';
import { buildWindowApi } from '../shared/api/window-api';

// Exposes exactly the channels of the contract as `window.ferry`; the renderer gets no ipcRenderer.
const api = buildWindowApi({
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
});

contextBridge.exposeInMainWorld('ferry', api);
