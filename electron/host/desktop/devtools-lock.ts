/** The key chords that open Chromium's DevTools (F12, Ctrl+Shift+I/J/C, Cmd+Alt+I/J/C). */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

const INSPECT_KEYS = new Set(['i', 'j', 'c']);

/**
 * In a packaged build DevTools would let anyone at the keyboard run code in the renderer and call
 * every IPC channel past the UI's checks; `webPreferences.devTools` already refuses to open them,
 * and the shortcuts are swallowed so nothing half-opens.
 */
export function isDevToolsShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.key === 'F12') return true;
  const key = input.key.toLowerCase();
  if (!INSPECT_KEYS.has(key)) return false;
  return (input.control && input.shift) || (input.meta && input.alt);
}
