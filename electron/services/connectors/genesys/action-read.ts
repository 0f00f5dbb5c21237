import { mapBounded } from '../../../../shared/concurrency/concurrency-limit';
import { withoutInlineCredentials } from '../../../../shared/promotion/engine/inline-credentials';
import type { PlatformApiCall } from './platform-api-call';
import { isNotFound } from './write-settlement';

export const ACTIONS_COLLECTION = '/api/v2/integrations/actions';

/**
 * What an action is read with: its request and response configuration (`includeConfig`) and its
 * input and output schemas (`expand=contract`), which a list leaves out.
 */
export const ACTION_READ_QUERY: Readonly<Record<string, unknown>> = {
  includeConfig: true,
  expand: 'contract',
};

export function actionPath(actionId: string): string {
  return `${ACTIONS_COLLECTION}/${encodeURIComponent(actionId)}`;
}

/**
 * Parts of a contract the server derives from the schemas it was given (`inputSchemaFlattened`,
 * `successSchemaUri`…): they are not written, differ between orgs only by their URLs, and would
 * make every compare show a change nobody made.
 */
const DERIVED_CONTRACT_FIELD = /(Flattened|Uri)$/;

/** The action without the server-derived parts of its contract (its `contract` replaced; returned). */
export function withoutDerivedContract(action: Record<string, unknown>): Record<string, unknown> {
  const contract = action.contract;
  if (typeof contract !== 'object' || contract === null || Array.isArray(contract)) return action;
  action.contract = Object.fromEntries(
    Object.entries(contract as Record<string, unknown>).map(([sideName, side]) => {
      if (typeof side !== 'object' || side === null || Array.isArray(side)) return [sideName, side];
      const kept = Object.entries(side as Record<string, unknown>).filter(
        ([field]) => !DERIVED_CONTRACT_FIELD.test(field),
      );
      return [sideName, Object.fromEntries(kept)];
    }),
  );
  return action;
}

/**
 * An action as Ferry keeps it: no server-derived contract parts, JSON templates laid out, and no
 * credential its request holds as text (a header's value, a URL's password or key): those are
 * replaced by a visible marker, so a secret never reaches the workspace or its git history, a
 * compare shows one is there, and a plan still blocks the step (issue 18).
 */
export function actionAsRead(action: Record<string, unknown>): Record<string, unknown> {
  return withoutInlineCredentials(withReadableTemplates(withoutDerivedContract(action)));
}

/** Where an action's configuration holds a template that is often JSON written as a string. */
const TEMPLATE_FIELDS: readonly (readonly [string, string])[] = [
  ['request', 'requestTemplate'],
  ['response', 'successTemplate'],
];

/**
 * The action with each JSON template laid out one field per line (two-space indent), so a compare
 * shows the field that changed rather than one long line. Only a template that is a JSON object or
 * array whose compact form is exactly the original without its layout is touched: a Velocity
 * template that is not JSON, or JSON whose numbers or key order parsing would change, stays as it
 * is. The layout is the only change, and Genesys reads a JSON template the same either way.
 */
export function withReadableTemplates(action: Record<string, unknown>): Record<string, unknown> {
  const config = action.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return action;
  for (const [part, field] of TEMPLATE_FIELDS) {
    const section = (config as Record<string, unknown>)[part];
    if (typeof section !== 'object' || section === null || Array.isArray(section)) continue;
    const holder = section as Record<string, unknown>;
    const template = holder[field];
    if (typeof template === 'string') holder[field] = readableJson(template);
  }
  return action;
}

function readableJson(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null) return text;
  return JSON.stringify(parsed) === withoutLayout(text) ? JSON.stringify(parsed, null, 2) : text;
}

/** JSON text without the whitespace between its tokens (whitespace inside strings is kept). */
function withoutLayout(text: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      out += char;
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/**
 * Reads each listed action at its own URL with its contract and configuration. Returns null when
 * done, or what changed when an action was deleted after it was listed (the caller lists again).
 */
export async function readActionsInFull(
  call: PlatformApiCall,
  listed: Record<string, unknown>[],
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<{ actions: Record<string, unknown>[] } | { gone: string }> {
  let gone: string | null = null;
  const actions = await mapBounded(listed, concurrency, async (summary) => {
    if (gone !== null) return null;
    const id = String(summary.id);
    try {
      const full = await call('GET', actionPath(id), ACTION_READ_QUERY, undefined, signal);
      if (typeof full !== 'object' || full === null || Array.isArray(full)) return null;
      return actionAsRead(full as Record<string, unknown>);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      gone = `data action ${id} was deleted after it was listed`;
      return null;
    }
  });
  if (gone !== null) return { gone };
  const complete = actions.filter((action): action is Record<string, unknown> => action !== null);
  if (complete.length !== listed.length) return { gone: 'a data action read back as no object' };
  return { actions: complete };
}
