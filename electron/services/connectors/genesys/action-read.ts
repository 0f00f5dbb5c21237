import { mapBounded } from '../../../../shared/concurrency/concurrency-limit';
import type { IntegrationApiCall } from './integration-read';
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
 * Reads each listed action at its own URL with its contract and configuration. Returns null when
 * done, or what changed when an action was deleted after it was listed (the caller lists again).
 */
export async function readActionsInFull(
  call: IntegrationApiCall,
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
      return withoutDerivedContract(full as Record<string, unknown>);
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
