/** The two Electron IPC names the preload and main share; every channel of the map travels inside them. */
export const IPC_INVOKE = 'ferry:invoke';
export const IPC_EVENT = 'ferry:event';

/** The origin the Electron renderer is served from (a privileged custom protocol, not file://). */
export const APP_SCHEME = 'ferry';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
