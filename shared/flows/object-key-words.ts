import { flowType } from '../model/object-types/architect-flow';
import { describeObjectKey } from '../model/object-types/object-key';
import { findObjectType } from '../model/object-types/registry';

/**
 * Keys as people read them, wherever an object is named in a sentence or a list (risk, plans,
 * history, packages, drift): `INBOUNDCALL/Main Menu` reads `Main Menu (inbound call)`. The key
 * itself stays what is stored and matched on; only its display goes through here.
 */

/** Words for a flow type (`Flow.type`): `INBOUNDCALL` → `inbound call`. */
const FLOW_TYPE_WORDS: Readonly<Record<string, string>> = {
  INBOUNDCALL: 'inbound call',
  INQUEUECALL: 'in-queue call',
  OUTBOUNDCALL: 'outbound call',
  INBOUNDEMAIL: 'inbound email',
  INQUEUEEMAIL: 'in-queue email',
  INBOUNDSHORTMESSAGE: 'inbound message',
  INQUEUESHORTMESSAGE: 'in-queue message',
  INBOUNDCHAT: 'inbound chat',
  COMMONMODULE: 'common module',
  WORKFLOW: 'workflow',
  SECURECALL: 'secure call',
  SURVEYINVITE: 'survey invite',
  VOICEMAIL: 'voicemail',
  BOT: 'bot',
  DIGITALBOT: 'digital bot',
};

/** A flow type in words; one Ferry does not know yet is lower-cased (`NEWKIND` → `newkind`). */
export function flowTypeWords(type: string): string {
  return FLOW_TYPE_WORDS[type.toUpperCase()] ?? type.toLowerCase();
}

/** `Main Menu (inbound call)` for a flow's key; the key itself for a type whose names need no scope. */
export function objectKeyInWords(type: string, key: string): string {
  const definition = findObjectType(type) ?? (type === flowType.id ? flowType : undefined);
  if (definition === undefined) return key;
  return describeObjectKey(definition, key, flowTypeWords);
}

/**
 * An object named in a sentence for people: `flow "Main Menu (inbound call)"`, `queue "Billing"`.
 * The type reads as its label (its id when Ferry does not know it) and the key in words; one
 * phrase for every message, so findings, plans, drift and verify all name an object the same way.
 */
export function objectNameInWords(type: string, key: string): string {
  const definition = findObjectType(type) ?? (type === flowType.id ? flowType : undefined);
  return `${definition?.label.toLowerCase() ?? type} ${JSON.stringify(objectKeyInWords(type, key))}`;
}
