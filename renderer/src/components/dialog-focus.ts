/**
 * Focus inside a modal dialog as WAI-ARIA's dialog pattern asks: it moves in on open, Tab and
 * Shift+Tab cycle inside, the page behind is inert, and it returns to the opener on close.
 */

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  '[contenteditable=""]',
  '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Fields a person fills in, in the order they are read; the first of them is where typing starts. */
const FIELDS = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

function visible(element: HTMLElement): boolean {
  return element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/** What Tab reaches inside `container`, in tab order (positive tabindex is not used in this app). */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  const reachable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && visible(element) && element.closest('[inert]') === null,
  );
  return reachable.filter((element) => !skippedRadio(element, reachable));
}

/** Tab stops once in a radio group, as browsers do: on its checked button, or its first if none is. */
function skippedRadio(element: HTMLElement, reachable: readonly HTMLElement[]): boolean {
  if (!(element instanceof HTMLInputElement) || element.type !== 'radio' || element.name === '') return false;
  const group = reachable.filter(
    (other): other is HTMLInputElement =>
      other instanceof HTMLInputElement && other.type === 'radio' && other.name === element.name,
  );
  const stop = group.find((radio) => radio.checked) ?? group[0];
  return stop !== element;
}

/** Which element a dialog starts on: `cancel` is for confirmations where a stray Enter must do nothing. */
export type InitialFocus = 'first-field' | 'cancel';

/**
 * Where focus goes when the dialog opens: an element marked `data-autofocus` (or already focused
 * inside, e.g. by `autoFocus`), else the first field, else the footer's primary action (its first
 * button for `cancel`; its safe button when the only action is a destructive one), else the first
 * focusable, else the dialog itself.
 */
export function initialFocusTarget(dialog: HTMLElement, initial: InitialFocus): HTMLElement {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== dialog && dialog.contains(active)) return active;
  const marked = dialog.querySelector<HTMLElement>('[data-autofocus]');
  if (marked && focusableIn(dialog).includes(marked)) return marked;
  const focusable = focusableIn(dialog);
  const footerButtons = focusable.filter(
    (element) => element.tagName === 'BUTTON' && element.closest('.modal-footer') !== null,
  );
  if (initial === 'cancel' && footerButtons[0]) return footerButtons[0];
  const field = focusable.find((element) => element.matches(FIELDS));
  if (field) return field;
  const primary = footerButtons.find((element) => element.classList.contains('primary'));
  if (primary) return primary;
  // A destructive action is never where focus starts (WAI-ARIA: the least destructive choice is).
  const safe = footerButtons.find((element) => !element.classList.contains('danger'));
  return safe ?? footerButtons[0] ?? focusable.find((element) => !isCloseButton(element)) ?? dialog;
}

function isCloseButton(element: HTMLElement): boolean {
  return element.classList.contains('modal-close');
}

/** The element Tab moves to from `from` inside `dialog`, wrapping at both ends. */
export function nextInside(dialog: HTMLElement, from: Element | null, backwards: boolean): HTMLElement {
  const focusable = focusableIn(dialog);
  if (focusable.length === 0) return dialog;
  const at = from instanceof HTMLElement ? focusable.indexOf(from) : -1;
  if (at === -1) return (backwards ? focusable[focusable.length - 1] : focusable[0]) as HTMLElement;
  const next = (at + (backwards ? -1 : 1) + focusable.length) % focusable.length;
  return focusable[next] as HTMLElement;
}

/**
 * Makes everything outside `keep` inert (no focus, no clicks, hidden from assistive technology):
 * each sibling of `keep` and of its ancestors up to `<body>`. Returns the undo, which clears only
 * what this call set, so a dialog opened over another leaves the first one's inert page as it was.
 */
export function inertOutside(keep: HTMLElement): () => void {
  const changed: HTMLElement[] = [];
  for (let node: HTMLElement | null = keep; node && node !== document.body; node = node.parentElement) {
    const parent: HTMLElement | null = node.parentElement;
    if (!parent) break;
    for (const sibling of Array.from(parent.children)) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert) continue;
      if (sibling.tagName === 'SCRIPT' || sibling.tagName === 'STYLE') continue;
      sibling.inert = true;
      changed.push(sibling);
    }
  }
  return () => {
    for (const element of changed) element.inert = false;
  };
}

/** Focus back on the opener when it is still on the page and can take it; otherwise on the main region. */
export function restoreFocus(opener: Element | null): void {
  // A dialog opened with nothing focused has `<body>` as its opener: that is where focus is lost, not kept.
  if (
    opener instanceof HTMLElement &&
    opener !== document.body &&
    opener.isConnected &&
    !opener.closest('[inert]')
  ) {
    opener.focus();
    if (document.activeElement === opener) return;
  }
  const main = document.querySelector<HTMLElement>('main');
  if (main) {
    if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
    main.focus();
  }
}
