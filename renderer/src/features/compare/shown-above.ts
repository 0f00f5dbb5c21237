import type { FieldChange } from '../../../../shared/diff/diff-types';
import { findObjectType } from '../../../../shared/model/object-types/registry';

/** A field a dedicated section of the Compare page shows whole, above the field list. */
export interface ShownAbove {
  /** The field's path (`configuration`). */
  field: string;
  /** The field in words, as a sentence starts (`Configuration`). */
  label: string;
  /** Where the section is, for a person (`the flow diff above`). */
  where: string;
}

/** The configuration of a flow-like type, which the flow diff section shows; undefined for other types. */
export function configurationShownAbove(type: string): ShownAbove | undefined {
  const field = findObjectType(type)?.configurationField;
  if (field === undefined) return undefined;
  return { field, label: field.charAt(0).toUpperCase() + field.slice(1), where: 'the flow diff above' };
}

const DONE: Record<FieldChange['kind'], string> = {
  changed: 'changed',
  added: 'added',
  removed: 'removed',
  'set-added': 'changed',
  'set-removed': 'changed',
};

/**
 * One line for a change of a field the section above shows, instead of its raw values (a flow's
 * whole YAML as two cut-off escaped strings); undefined for any other change.
 */
export function shownAboveSentence(change: FieldChange, shown: ShownAbove | undefined): string | undefined {
  if (shown === undefined) return undefined;
  const { path } = change;
  const inside =
    path === shown.field || path.startsWith(`${shown.field}.`) || path.startsWith(`${shown.field}[`);
  return inside ? `${shown.label} ${DONE[change.kind]} — see ${shown.where}` : undefined;
}
