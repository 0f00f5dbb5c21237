import { app, BrowserWindow, dialog, Menu, type Rectangle } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN } from '../shared/api/ipc-names';
import { startSandbox } from './sandbox';
import { ensureDemoWorkspace } from './services/demo/demo-workspace';
import { createFerryServices } from './host/core/ferry-services';
import { consoleLogger } from './services/logging/logger';
import { registerAppScheme, serveRenderer } from './host/desktop/app-protocol';
import { devToolsAllowed, hardenWebContents, openExternalSafely, viewMenu } from './host/desktop/hardening';
import { registerIpc } from './host/desktop/ipc-registration';
import { saveHtmlAsPdf } from './host/desktop/print-to-pdf';
import { safeStorageCipherFactory } from './host/desktop/safe-storage-cipher';
import { savedBounds, trackWindowState } from './host/desktop/window-state';
import { askBeforeLosingEdits } from './host/desktop/unsaved-guard';

// Thin shell: window, protocol, hardening and IPC wiring. All behaviour lives in ./services.

const userDataOverride = readSwitch('--user-data-dir');
if (userDataOverride) app.setPath('userData', userDataOverride);

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    // The demo orgs run in-process so a fresh install can try everything without a Genesys org.
    const sandbox = await startSandbox({ dataDir: join(dataDir, 'sandbox') });
    app.on('will-quit', () => void sandbox.close());
    const services = createFerryServices({
      dataDir,
      version: app.getVersion(),
      logger: consoleLogger('ferry-main'),
      cipherFactory: safeStorageCipherFactory(),
      embeddedSandboxUrl: () => sandbox.url,
      host: {
        pickFolder: async (title) => {
          const options = {
            title: title ?? 'Choose a folder',
            properties: ['openDirectory', 'createDirectory'] as const,
          };
          const result = mainWindow
            ? await dialog.showOpenDialog(mainWindow, { ...options, properties: [...options.properties] })
            : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        openExternal: openExternalSafely,
        savePdf: (html, suggestedName) => saveHtmlAsPdf(mainWindow, html, suggestedName),
      },
    });
    await ensureDemoWorkspace(services, dataDir);
    hardenWebContents();
    serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
    registerIpc(services.dispatcher, services.events, () =>
      BrowserWindow.getAllWindows().map((window) => window.webContents),
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'fileMenu' }, { role: 'editMenu' }, viewMenu()]));

    // Created after the userData override above, so window state lands in the chosen folder.
    const windowState = new Store<{ bounds?: Rectangle; maximized?: boolean }>({ name: 'window-state' });
    mainWindow = new BrowserWindow({
      ...savedBounds(windowState),
      minWidth: 900,
      minHeight: 600,
      title: 'Ferry',
      show: false,
      webPreferences: {
        preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
        devTools: devToolsAllowed(),
      },
    });
    trackWindowState(mainWindow, windowState);
    askBeforeLosingEdits(mainWindow);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  });
}

/** Reads `--name=value` or `--name value` from the command line. */
function readSwitch(name: string): string | undefined {
  const args = process.argv;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    if (arg === name) return args[index + 1];
  }
  return undefined;
}
