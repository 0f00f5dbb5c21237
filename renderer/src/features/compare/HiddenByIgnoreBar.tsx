import type { RefObject } from 'react';
import type { IgnoreRuleWire } from './diff-model';
import { singularTypeLabel } from './diff-model';

interface HiddenByIgnoreBarProps {
  hidden: number;
  showing: boolean;
  lastIgnored: IgnoreRuleWire | null;
  busy: boolean;
  onToggle: () => void;
  onUndo: () => void;
  /**
   * Where focus goes after an ignore: the field's own button has left the page with its object.
   * Neither button is ever disabled while a compare runs, since a disabled button drops focus.
   */
  undoRef: RefObject<HTMLButtonElement | null>;
}

/** What the ignore rules keep out of the list, a way to see it anyway, and Undo for the last ignore. */
export function HiddenByIgnoreBar({
  hidden,
  showing,
  lastIgnored,
  busy,
  onToggle,
  onUndo,
  undoRef,
}: HiddenByIgnoreBarProps) {
  if (hidden === 0 && !lastIgnored) return null;
  return (
    <div className="hidden-by-ignore" data-testid="hidden-by-ignore">
      <span role="status" data-testid="hidden-by-ignore-count">
        {hidden.toLocaleString()} hidden by ignore rules
        {showing && hidden > 0 ? ' (listed as “Same”)' : ''}
      </span>
      {hidden > 0 && (
        <>
          <span aria-hidden="true">—</span>
          <button
            type="button"
            // A toggle keeps one name; aria-pressed (and its look) says whether they are shown.
            className="link-button hidden-by-ignore-toggle"
            aria-pressed={showing}
            onClick={() => busy || onToggle()}
            data-testid="show-hidden-by-ignore"
          >
            Show
          </button>
        </>
      )}
      {lastIgnored && (
        <button
          type="button"
          className="link-button"
          ref={undoRef}
          onClick={() => busy || onUndo()}
          title="Remove the rule the last “Ignore this field” added"
          data-testid="undo-ignore"
        >
          Undo ignoring {lastIgnored.path} on{' '}
          {lastIgnored.type === '*' ? 'every type' : singularTypeLabel(lastIgnored.type).toLowerCase()}
        </button>
      )}
    </div>
  );
}
