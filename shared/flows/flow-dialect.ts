/*
 * Ferry's flow dialect: how a flow's configuration is written as text, in a snapshot, a
 * changeset, an import file and an export. It is the YAML Archy reads, restricted so that it is
 * canonical and its references can be found without knowing every Archy action:
 *
 *   inboundCall:                      # one top-level key: the flow type, as Archy spells it
 *     name: Main Menu
 *     description: Answers the main number
 *     defaultLanguage: en-us
 *     startUpRef: /inboundCall/menus/menu[mainMenu]
 *     menus:
 *       - menu:
 *           name: Main menu
 *           refId: mainMenu
 *           audio:
 *             tts: For billing press 1.
 *           choices:
 *             - menuTransferToAcd:
 *                 name: Billing
 *                 dtmf: digit_1
 *                 queue:
 *                   lit:
 *                     name: Billing          # a reference: `<reference key>: {lit: {name}}`
 *
 * References. A mapping entry whose key is one of REFERENCE_KEYS below and whose value is a
 * mapping holding exactly `lit` names another object. `lit` holds `name`; for `flow` also `type`
 * (the flow type, API spelling: names are unique per type). In an export or an import file `lit`
 * also holds `id`: the object's id in that org. Canonical text has no ids: canonicalising maps
 * each `id` to the current name of that object in the source org (the name written beside it can
 * be stale after a rename), materialising for a target adds the target's id for the name (or the
 * name a parameter or mapping gives). A `lit` whose `name` is `{$param: "…"}` takes the
 * environment's parameter value as the name.
 *
 * Archy's own shapes, as a real org's export writes them, are references too and are read by the
 * same finder (flow-configuration-references.ts): a transfer's `targetQueue`/`targetFlow: {lit:
 * {name[, id]}}`, and names written as keys — `commonModule: {<module>: …}`, `dataTable: {<table>:
 * …}`, a data action call's `category: {<integration>: {dataAction: {<action>: …}}}` — which
 * hold no id: materialising writes the target's name there (Archy resolves them by name).
 *
 * Canonical text. Parsed strictly (duplicate keys, anchors, aliases, tags and `__proto__`
 * refused), then written with mapping keys sorted, two-space indent, no line folding, sequences
 * in their own order (a menu's choices are ordered), strings quoted only where YAML needs it,
 * a trailing newline. The top-level `name` must equal the flow's name and the top-level key its type.
 */

/**
 * Archy's top-level key for each flow type (`Flow.type`) Ferry has a spelling for: such a type
 * must be written exactly so. A type not listed here (Genesys adds them) is read from the key
 * Archy gives it, which is the type in camel case (`voiceSurvey` for VOICESURVEY), as every key
 * here is: see `flowTypeOfArchyKey`.
 */
export const ARCHY_FLOW_TYPE_KEYS: Readonly<Record<string, string>> = {
  INBOUNDCALL: 'inboundCall',
  INQUEUECALL: 'inQueueCall',
  OUTBOUNDCALL: 'outboundCall',
  INBOUNDEMAIL: 'inboundEmail',
  INQUEUEEMAIL: 'inQueueEmail',
  INBOUNDSHORTMESSAGE: 'inboundShortMessage',
  INQUEUESHORTMESSAGE: 'inQueueShortMessage',
  INBOUNDCHAT: 'inboundChat',
  COMMONMODULE: 'commonModule',
  WORKFLOW: 'workflow',
  SECURECALL: 'secureCall',
  SURVEYINVITE: 'surveyInvite',
  VOICEMAIL: 'voicemail',
  BOT: 'bot',
  DIGITALBOT: 'digitalBot',
};

/**
 * The flow type (API spelling) a top-level key stands for: the listed type whose key it is, or, for
 * a type not listed, the key upper-cased when it is a camel-case word. Undefined when the key is
 * neither, or is a listed type's name in another case (`inboundcall`: write `inboundCall`).
 */
export function flowTypeOfArchyKey(archyKey: string): string | undefined {
  for (const [type, key] of Object.entries(ARCHY_FLOW_TYPE_KEYS)) if (key === archyKey) return type;
  if (!/^[a-z][A-Za-z]*$/.test(archyKey)) return undefined;
  const type = archyKey.toUpperCase();
  return Object.hasOwn(ARCHY_FLOW_TYPE_KEYS, type) ? undefined : type;
}

/** The key whose `{lit: {...}}` value names an object, and the type it names. */
export const REFERENCE_KEYS: Readonly<Record<string, string>> = {
  queue: 'routing.queue',
  skill: 'routing.skill',
  language: 'routing.language',
  scheduleGroup: 'architect.schedulegroup',
  schedule: 'architect.schedule',
  emergencyGroup: 'architect.emergencygroup',
  dataTable: 'flows.datatable',
  prompt: 'architect.prompt',
  dataAction: 'integrations.action',
  // A sub-flow called, or a flow transferred to: `lit` also says the flow's `type`.
  flow: 'architect.flow',
};

/** The field under a reference key that holds the reference itself. */
export const LITERAL_KEY = 'lit';
