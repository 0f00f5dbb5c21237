import { dialog, type BrowserWindow } from 'electron';

/**
 * The page refuses to unload while a changeset has unsaved edits (`beforeunload`); Electron then
 * cancels the close silently unless the main process asks the person. Leave closes (the edits
 * stay in the page's storage and are offered back on the next start); Stay keeps the window.
 */
export function askBeforeLosingEdits(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Stay', 'Leave'],
      defaultId: 0,
      cancelId: 0,
      title: 'Unsaved changes',
      message: 'A changeset has unsaved changes.',
      detail:
        'Leave closes Ferry now; your edits are kept and offered back when you open the changeset again. Stay returns to the editor so you can save them.',
    });
    if (choice === 1) event.preventDefault();
  });
}
