import { badRequest, notFound } from '../genesys-error';
import { ACTIONS_PATH, dataActionsOf } from '../integration-records';
import type { DataActionBody, DataActionRecord } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import { multiValue, nameMatcher, requireRecord } from '../route-helpers';
import type { Route } from '../route-table';

/** What a GET of an action shows: `expand=contract` adds the contract, `includeConfig=true` the config. */
export interface ActionView {
  contract: boolean;
  config: boolean;
}

export function readActionView(query: URLSearchParams): ActionView {
  return {
    contract: multiValue(query, 'expand').includes('contract'),
    config: readBoolean(query, 'includeConfig') ?? false,
  };
}

function readBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw badRequest(`${name} must be true or false, got "${raw}".`, [
    { errorCode: 'invalid.value', fieldName: name },
  ]);
}

/** `Action`, from its published version or its draft. */
export function renderAction(
  action: DataActionRecord,
  body: DataActionBody,
  version: number,
  view: ActionView,
  selfUri: string,
) {
  return {
    id: action.id,
    name: body.name,
    integrationId: action.integrationId,
    category: body.category,
    ...(view.contract ? { contract: body.contract } : {}),
    version,
    secure: body.secure,
    ...(view.config ? { config: body.config } : {}),
    selfUri,
  };
}

/** The published action; one that exists only as a draft is a 404 here, as in Genesys. */
export function requirePublishedAction(
  actions: Record<string, DataActionRecord>,
  id: string,
): DataActionRecord & { version: number } {
  const action = requireRecord(actions, id, 'action');
  if (action.version === undefined) {
    throw notFound(
      `The action ${id} exists only as a draft: publish its draft first, or read it at ${id}/draft.`,
    );
  }
  return action as DataActionRecord & { version: number };
}

export function renderPublishedAction(action: DataActionRecord & { version: number }, view: ActionView) {
  return renderAction(action, action, action.version, view, `${ACTIONS_PATH}/${action.id}`);
}

export const dataActionReadRoutes: Route[] = [
  {
    method: 'GET',
    pattern: ACTIONS_PATH,
    handle: (request) => {
      const { org, query } = request;
      const page = readPageRequest(query, request.maxPageSizes.actions);
      const view = readActionView(query);
      const matchesName = nameMatcher(query.get('name'), 'prefix');
      const category = query.get('category');
      const ids = new Set(multiValue(query, 'ids'));
      const secure = readBoolean(query, 'secure');
      const descending = (query.get('sortOrder') ?? '').toLowerCase() === 'desc';
      const records = Object.values(dataActionsOf(org))
        .filter((action): action is DataActionRecord & { version: number } => action.version !== undefined)
        .filter((action) => matchesName(action.name))
        .filter((action) => category === null || action.category === category)
        .filter((action) => ids.size === 0 || ids.has(action.id))
        .filter((action) => secure === undefined || action.secure === secure)
        .sort(
          (a, b) => (a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id)) * (descending ? -1 : 1),
        )
        .map((action) => renderPublishedAction(action, view));
      const carried: [string, string][] = [];
      for (const name of ['name', 'category', 'ids', 'secure', 'sortOrder', 'expand', 'includeConfig']) {
        for (const value of query.getAll(name)) carried.push([name, value]);
      }
      return { status: 200, body: pageOf(records, page, ACTIONS_PATH, carried) };
    },
  },
  {
    method: 'GET',
    pattern: `${ACTIONS_PATH}/:actionId`,
    handle: ({ org, params, query }) => {
      const action = requirePublishedAction(dataActionsOf(org), params.actionId ?? '');
      return { status: 200, body: renderPublishedAction(action, readActionView(query)) };
    },
  },
];
