import { useId } from 'react';
import { useFieldState } from './field-state';

interface SwitchProps {
  testId: string;
  /** undefined: the object does not say (Genesys treats that as off); shown off. */
  checked: boolean | undefined;
  onChange(next: boolean): void;
  label: string;
  /** What on and off mean for this object, said beside the switch. */
  onText: string;
  offText: string;
}

/**
 * An on/off setting that takes effect as soon as it is promoted (an emergency group answering
 * calls): a button with `role="switch"`, so a screen reader says "on" or "off" and Space or Enter
 * flips it, with the state also in words so it never rests on colour alone.
 */
export function Switch({ testId, checked, onChange, label, onText, offText }: SwitchProps) {
  const labelId = useId();
  const stateId = useId();
  const on = checked === true;
  const changed = useFieldState().isChanged(testId);
  return (
    <div
      className={changed ? 'of-switch-row of-changed' : 'of-switch-row'}
      data-changed={changed || undefined}
    >
      <span className="form-field-label" id={labelId}>
        {label}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby={labelId}
        aria-describedby={stateId}
        className={on ? 'of-switch of-switch-on' : 'of-switch'}
        data-testid={testId}
        onClick={() => onChange(!on)}
      >
        <span className="of-switch-thumb" aria-hidden="true" />
      </button>
      <span className="of-switch-state" id={stateId} data-testid={`${testId}-state`}>
        {on ? onText : offText}
      </span>
    </div>
  );
}
