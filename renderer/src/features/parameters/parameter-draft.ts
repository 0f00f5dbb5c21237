import type { ParameterType } from '../../../../shared/parameters/parameter-types';
import type { ParameterView } from '../../../../shared/parameters/parameters-view';
import { editText } from './parameters-model';

/** What the add/change form holds while a person types; a secret's value only until it is sent. */
export interface ParameterDraft {
  name: string;
  type: ParameterType;
  value: string;
}

export const emptyDraft: ParameterDraft = { name: '', type: 'string', value: '' };

/** The form filled from a listed parameter, to change its value (a secret's is typed afresh). */
export function draftFrom(parameter: ParameterView): ParameterDraft {
  return { name: parameter.name, type: parameter.type, value: editText(parameter) };
}

/**
 * The draft after choosing another type. Text typed for a secret is never carried into a field
 * that shows it, nor shown text into a secret; a boolean starts from "true".
 */
export function withType(draft: ParameterDraft, type: ParameterType): ParameterDraft {
  if (type === draft.type) return draft;
  const crossesSecret = type === 'secret' || draft.type === 'secret';
  if (type === 'boolean') return { ...draft, type, value: 'true' };
  return { ...draft, type, value: crossesSecret || draft.type === 'boolean' ? '' : draft.value };
}

/** After a send: a secret's text is dropped whatever happened, other text only once saved. */
export function draftAfterSend(draft: ParameterDraft, saved: boolean): ParameterDraft {
  if (saved) return emptyDraft;
  return draft.type === 'secret' ? { ...draft, value: '' } : draft;
}
