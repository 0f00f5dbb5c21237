import { app, session, shell, type MenuItemConstructorOptions } from 'electron';
import { httpsUrlSchema } from '../../../shared/api/channels';
import { isDevToolsShortcut } from './devtools-lock';

/** DevTools only in a development run: a packaged Ferry never opens them. */
export function devToolsAllowed(): boolean {
  return !app.isPackaged;
}

/** The View menu: without "Toggle Developer Tools" (and reload) in a packaged build. */
export function viewMenu(): MenuItemConstructorOptions {
  if (devToolsAllowed()) return { role: 'viewMenu' };
  return {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

/** Opens a link in the system browser only when it is a well-formed https: URL. */
export async function openExternalSafely(url: string): Promise<void> {
  const checked = httpsUrlSchema.safeParse(url);
  if (!checked.success) return;
  await shell.openExternal(checked.data);
}

/** No navigation, no new windows, no webviews, no permissions: the window shows Ferry and nothing else. */
export function hardenWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url);
      return { action: 'deny' };
    });
    if (!devToolsAllowed()) {
      contents.on('before-input-event', (event, input) => {
        if (isDevToolsShortcut(input)) event.preventDefault();
      });
      contents.on('devtools-opened', () => contents.closeDevTools());
    }
  });
}
