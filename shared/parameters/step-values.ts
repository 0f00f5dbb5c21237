import type { ValueSource } from './resolve-values';
import { describeValueSource } from './resolve-values';

/** One value of a plan step that depends on the target, as a reviewer reads it. */
export interface StepValueLine {
  /** The field it lands in, inside the step's object: `callingPartyNumber`, `division`, `key`. */
  field: string;
  /** Where it came from: `parameter billingCallingNumber = +442079460000 for prod`. */
  text: string;
  /** A secret parameter: named, its value never shown (the plan does not hold it). */
  secret: boolean;
}

/**
 * The field a source's path names, without the changeset's own wrapping: a source's `at` is a path
 * in the changeset (`operations[0].body.callingPartyNumber`), while a step is already one
 * operation's object, so the reader wants `callingPartyNumber`. An update's change keeps its
 * position (`changes[1].after`): the plan does not carry the change's field path.
 */
export function valueSourceField(at: string): string {
  const inside = at.replace(/^operations\[\d+\]\.?/, '');
  const field = inside.replace(/^(?:body|before)(?:\.|(?=\[)|$)/, '');
  return field === '' ? '(object)' : field;
}

/** The lines of one step, in the order the plan lists its sources (the order they were resolved). */
export function stepValueLines(
  values: readonly ValueSource[] | undefined,
  operation: number,
): StepValueLine[] {
  return (values ?? [])
    .filter((source) => source.operation === operation)
    .map((source) => ({
      field: valueSourceField(source.at),
      text: describeValueSource(source),
      secret: source.kind === 'parameter' && source.type === 'secret',
    }));
}

/** `callingPartyNumber: parameter billingCallingNumber = +442079460000 for prod`: one line of text. */
export function stepValueText(line: StepValueLine): string {
  return `${line.field}: ${line.text}`;
}
