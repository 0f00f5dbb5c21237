import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import type { HostCapabilities } from '../app/host-capabilities';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { ChannelHandlers } from './dispatcher';

export interface HandlerDeps {
  version: string;
  workspace: WorkspaceService;
  host: HostCapabilities;
}

/** Maps each channel of the contract onto the services; no behaviour lives here. */
export function createChannelHandlers({ version, workspace, host }: HandlerDeps): ChannelHandlers {
  return {
    'app.info': async () => ({
      name: 'Ferry',
      version,
      capabilities: { pickFolder: host.pickFolder !== null, openExternal: host.openExternal !== null },
    }),
    'workspace.create': ({ path, name }) => workspace.create(path, name),
    'workspace.open': ({ path }) => workspace.open(path),
    'workspace.current': () => workspace.info(),
    'workspace.close': async () => {
      workspace.close();
      return null;
    },
    'workspace.recent': async () => workspace.recent(),
    'workspace.forgetRecent': async ({ path }) => workspace.forgetRecent(path),
    'workspace.history': ({ limit }) => workspace.history(limit),
    'workspace.readConfig': async () => ({ text: await workspace.readConfigText() }),
    'dialog.pickFolder': async ({ title }) => {
      if (!host.pickFolder) throw unsupported('Choosing a folder with a dialog');
      return { path: await host.pickFolder(title) };
    },
    'shell.openExternal': async ({ url }) => {
      if (!host.openExternal) throw unsupported('Opening links in the system browser');
      await host.openExternal(url);
      return null;
    },
  };
}

function unsupported(what: string): FerryError {
  return new FerryError(ErrorCode.unsupported, `${what} is not available in this host`);
}
