import type { BrowserWindow, Rectangle } from 'electron';

/** The slice of electron-store this needs; main.ts owns the store itself. */
export interface WindowStateStore {
  get(key: 'bounds' | 'maximized'): unknown;
  set(key: 'bounds', value: Rectangle): void;
  set(key: 'maximized', value: boolean): void;
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return (
    [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (width as number) >= 400
  );
}

export function savedBounds(store: WindowStateStore): Partial<Rectangle> {
  const bounds: unknown = store.get('bounds');
  return isRectangle(bounds) ? bounds : { width: 1280, height: 820 };
}

/** Remembers size, position and maximised state across starts. */
export function trackWindowState(window: BrowserWindow, store: WindowStateStore): void {
  if (store.get('maximized') === true) window.maximize();
  const save = () => {
    if (window.isDestroyed()) return;
    store.set('maximized', window.isMaximized());
    if (!window.isMaximized() && !window.isMinimized()) store.set('bounds', window.getBounds());
  };
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
}
