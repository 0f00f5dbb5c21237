import { scopedTargetType } from '../../../../../shared/changeset/known-reference-names';
import { findObjectType } from '../../../../../shared/model/object-types/registry';

/**
 * The catalog key a form asks for a reference field's choices under: the target type, scoped by
 * kind where the field names one kind only (an IVR's open-hours flow is an inbound call flow, so
 * `architect.flow#INBOUNDCALL`), read from the type's own definition so the two cannot disagree.
 */
export function catalogKeyFor(type: string, path: string): string {
  const reference = findObjectType(type)?.references.find((field) => field.path === path);
  if (reference === undefined) throw new Error(`${type} declares no reference at ${path}`);
  return scopedTargetType(reference);
}

/**
 * How to store a typed name: the known spelling when it matches one ignoring case (a person
 * typing "emergency closure" means the flow the org has, and a differently-cased name would not
 * resolve), else the trimmed text itself; undefined for blank text.
 */
export function typedReferenceName(names: readonly string[], text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const lower = trimmed.toLowerCase();
  return (
    names.find((known) => known === trimmed) ??
    names.find((known) => known.toLowerCase() === lower) ??
    trimmed
  );
}
