import { userInfo } from 'node:os';
import { createChannelHandlers } from '../api/channel-handlers';
import { createDispatcher, type Dispatcher } from '../api/dispatcher';
import { EventHub } from '../api/event-hub';
import { silentLogger, type Logger } from '../logging/logger';
import { AppSettings } from '../settings/app-settings';
import type { CommitAuthor } from '../workspace/workspace-git';
import { WorkspaceService } from '../workspace/workspace-service';
import { headlessCapabilities, type HostCapabilities } from './host-capabilities';

export interface FerryServicesOptions {
  /** Folder for app settings (Electron's userData, or a folder given to the bridge or a test). */
  dataDir: string;
  /** The app version, from Electron or package.json depending on the host. */
  version: string;
  host?: HostCapabilities;
  logger?: Logger;
  author?: CommitAuthor;
  clock?: () => Date;
}

export interface FerryServices {
  dispatcher: Dispatcher;
  events: EventHub;
  workspace: WorkspaceService;
  settings: AppSettings;
  version: string;
}

/** Wires every service once; each host (Electron, web bridge, CLI, tests) calls this. */
export function createFerryServices(options: FerryServicesOptions): FerryServices {
  const logger = options.logger ?? silentLogger;
  const events = new EventHub();
  const settings = new AppSettings(options.dataDir);
  const workspace = new WorkspaceService({
    settings,
    author: options.author ?? defaultAuthor(),
    ...(options.clock ? { clock: options.clock } : {}),
    onChange: (info) => events.emit('workspace.changed', info),
  });
  const version = options.version;
  const handlers = createChannelHandlers({ version, workspace, host: options.host ?? headlessCapabilities });
  return { dispatcher: createDispatcher(handlers, logger), events, workspace, settings, version };
}

export function defaultAuthor(): CommitAuthor {
  let name = 'Ferry user';
  try {
    name = userInfo().username || name;
  } catch {
    /* some sandboxes have no passwd entry */
  }
  return { name, email: `${name.replace(/[^A-Za-z0-9._-]/g, '_')}@ferry.local` };
}
