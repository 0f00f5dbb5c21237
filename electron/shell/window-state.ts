import type { BrowserWindow, Rectangle } from 'electron';
import Store from 'electron-store';

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

// Created on first use: the userData folder may be overridden after imports run.
let cached: Store<WindowState> | null = null;
function stateStore(): Store<WindowState> {
  cached ??= new Store<WindowState>({ name: 'window-state' });
  return cached;
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return (
    [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (width as number) >= 400
  );
}

export function savedBounds(): Partial<Rectangle> {
  const bounds: unknown = stateStore().get('bounds');
  return isRectangle(bounds) ? bounds : { width: 1280, height: 820 };
}

/** Remembers size, position and maximised state across starts. */
export function trackWindowState(window: BrowserWindow): void {
  const store = stateStore();
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
