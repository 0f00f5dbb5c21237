import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  inertOutside,
  initialFocusTarget,
  nextInside,
  restoreFocus,
  type InitialFocus,
} from './dialog-focus';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
  /** Where focus starts (dialog-focus.ts); confirmations of writes start on Cancel. */
  initialFocus?: InitialFocus;
  /** Read by screen readers after the title, e.g. the one-line summary of a confirmation. */
  describedBy?: string;
}

/**
 * The one dialog of the app, as WAI-ARIA's dialog pattern says: modal (the page behind is inert),
 * labelled by its heading, focus moved in on open and kept inside, Escape closes, and focus goes
 * back to whatever opened it. A stray click outside does not close it, so a form is not lost.
 */
export function Modal({
  title,
  onClose,
  children,
  footer,
  testId,
  wide = false,
  initialFocus = 'first-field',
  describedBy,
}: ModalProps) {
  const titleId = useId();
  const dialog = useRef<HTMLElement>(null);
  // Read while rendering the first time, before any `autoFocus` inside moves focus on commit.
  const [opener] = useState<Element | null>(() => document.activeElement);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const undoInert = inertOutside(element.parentElement ?? element);
    initialFocusTarget(element, initialFocus).focus();
    // A click on the backdrop or a focus() from outside must not leave focus behind the dialog.
    const keepInside = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof Node && !element.contains(target) && !isInNewerDialog(element, target)) {
        initialFocusTarget(element, initialFocus).focus();
      }
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      document.removeEventListener('focusin', keepInside);
      undoInert();
      restoreFocus(opener);
    };
    // Focus moves in once, on open; later renders must not pull it back to the start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close.current();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    event.preventDefault();
    nextInside(dialog.current, document.activeElement, event.shiftKey).focus();
  };

  return (
    <div className="modal-backdrop">
      <section
        ref={dialog}
        className={wide ? 'modal wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="modal-close" onClick={() => close.current()} aria-label="Close">
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </section>
    </div>
  );
}

/** A dialog opened from inside this one sits outside it in the DOM only if it was portalled; allow it. */
function isInNewerDialog(dialog: HTMLElement, target: Node): boolean {
  const other = target instanceof Element ? target.closest('[role="dialog"]') : null;
  return other !== null && other !== dialog;
}
