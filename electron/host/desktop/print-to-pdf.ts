import { BrowserWindow, dialog } from 'electron';
import { writeFile } from 'node:fs/promises';

/**
 * The change-control document as PDF, printed by Chromium inside Electron. The HTML is Ferry's own
 * (escaped, self-contained, its own CSP); it is loaded with scripts off in a window never shown.
 */
export async function saveHtmlAsPdf(
  parent: BrowserWindow | null,
  html: string,
  suggestedName: string,
): Promise<string | null> {
  const options = { defaultPath: suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const target = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (target.canceled || !target.filePath) return null;
  const printer = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await printer.loadURL(
      `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
    );
    const pdf = await printer.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
    await writeFile(target.filePath, pdf);
    return target.filePath;
  } finally {
    printer.destroy();
  }
}
