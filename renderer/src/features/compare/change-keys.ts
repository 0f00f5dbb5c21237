/** The keys of a key event that next/previous change reads. */
export interface ChangeKeyEvent {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export const CHANGE_KEYS_HINT =
  'j or F7 next change · k or Shift+F7 previous change (in the opened object: its fields)';

/**
 * Next (1) or previous (-1) change, as editors and diff tools bind them: `j`/`k`, and F7/Shift+F7
 * (VS Code's and Monaco's "next difference"). Anything with Ctrl, Alt or Cmd is someone else's.
 */
export function changeStep(event: ChangeKeyEvent): 1 | -1 | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (event.key === 'F7') return event.shiftKey ? -1 : 1;
  if (event.shiftKey) return null;
  if (event.key === 'j') return 1;
  if (event.key === 'k') return -1;
  return null;
}

/**
 * The item to move to among `count` from `current` (-1: none yet, so the first or the last);
 * stays at the ends rather than wrapping, so holding the key does not jump back to the top.
 */
export function stepIndex(count: number, current: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + step));
}
