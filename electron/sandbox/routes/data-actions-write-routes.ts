import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, GenesysHttpError, nameTaken, notFound, versionConflict } from '../genesys-error';
import { ACTIONS_PATH, dataActionsOf, integrationsOf } from '../integration-records';
import type { DataActionBody, DataActionRecord, OrgState } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import { NO_CONTENT, parseBody, removeRecord, requireRecord } from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';
import {
  readActionView,
  type ActionView,
  renderAction,
  renderPublishedAction,
  requirePublishedAction,
} from './data-actions-read-routes';

/**
 * Writing data actions as the integrations API does: `POST /actions` creates a published action,
 * `POST /actions/drafts` one that exists only as a draft; changes go through the action's draft
 * (`PATCH …/draft` with the draft's version, `POST …/draft/publish` with it), and a stale version
 * is a 409. Names are unique per org, ignoring case.
 */

const jsonObject = z.record(z.string(), z.unknown());

const actionConfig = z
  .object({
    timeoutSeconds: z.number().int().min(1).max(60).optional(),
    request: z
      .object({
        requestUrlTemplate: z.string().max(2000).optional(),
        requestTemplate: z.string().max(100_000).optional(),
        requestTemplateUri: z.string().optional(),
        requestType: z.enum(['GET', 'PUT', 'POST', 'PATCH', 'DELETE']).optional(),
        headers: z.record(z.string(), z.string()).optional(),
      })
      .loose()
      .optional(),
    response: z
      .object({
        translationMap: z.record(z.string(), z.string()).optional(),
        translationMapDefaults: z.record(z.string(), z.string()).optional(),
        successTemplate: z.string().max(100_000).optional(),
        successTemplateUri: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** `ActionContractInput` as sent; an `ActionContract` as read back is accepted too. */
const actionContract = z.object({
  input: z.object({ inputSchema: jsonObject }).loose(),
  output: z.object({ successSchema: jsonObject }).loose(),
});

const actionName = z.string().trim().min(1).max(256);

/** `PostActionInput`. */
const postActionBody = z.object({
  category: z.string().trim().min(1).max(256),
  name: actionName,
  integrationId: z.string().min(1),
  config: actionConfig,
  contract: actionContract,
  secure: z.boolean().optional(),
});

/** `UpdateActionInput`: the published action's name, category and config, at its version. */
const updateActionBody = z.object({
  category: z.string().trim().min(1).max(256).optional(),
  name: actionName.optional(),
  config: actionConfig.optional(),
  version: z.number().int().min(1),
});

/** `UpdateDraftInput`. */
const updateDraftBody = updateActionBody.extend({
  contract: actionContract.optional(),
  secure: z.boolean().optional(),
});

/** `PublishDraftInput`. */
const publishDraftBody = z.object({ version: z.number().int().min(1) });

function assertActionNameFree(org: OrgState, name: string, exceptId?: string): void {
  const wanted = name.toLowerCase();
  const clash = Object.values(dataActionsOf(org)).find(
    (action) =>
      action.id !== exceptId &&
      (action.name.toLowerCase() === wanted || action.draft?.name.toLowerCase() === wanted),
  );
  if (clash) throw nameTaken('data action', name);
}

function requireIntegration(org: OrgState, id: string): void {
  if (!Object.hasOwn(integrationsOf(org), id)) {
    throw badRequest(`integrationId ${id} is not an integration of this org.`, [
      { errorCode: 'invalid.reference', fieldName: 'integrationId', entityId: id },
    ]);
  }
}

function requireDraft(action: DataActionRecord): NonNullable<DataActionRecord['draft']> {
  if (!action.draft) throw notFound(`The action ${action.id} has no draft.`);
  return action.draft;
}

/** The action as its draft reads, at the draft's version, with what `view` asks for. */
function draftView(action: DataActionRecord, view: ActionView) {
  const draft = requireDraft(action);
  return renderAction(action, draft, draft.version, view, `${ACTIONS_PATH}/${action.id}/draft`);
}

/** The reply to a write that leaves the action published: the action, contract and config included. */
function publishedReply(action: DataActionRecord & { version: number }) {
  return {
    status: 200,
    body: renderPublishedAction(action, { contract: true, config: true }),
    changed: true,
  };
}

/** An update's name (still free in the org), category and config, onto the action or its draft. */
function applyUpdate(
  org: OrgState,
  action: DataActionRecord,
  target: DataActionBody,
  body: z.infer<typeof updateActionBody>,
): void {
  if (body.name !== undefined) {
    assertActionNameFree(org, body.name, action.id);
    target.name = body.name;
  }
  if (body.category !== undefined) target.category = body.category;
  if (body.config !== undefined) target.config = body.config;
}

function bodyOf(action: DataActionBody): DataActionBody {
  return structuredClone({
    name: action.name,
    category: action.category,
    secure: action.secure,
    config: action.config,
    contract: action.contract,
  });
}

/** `custom_-_<uuid>`: the id shape Genesys gives custom actions. */
function newActionId(): string {
  return `custom_-_${randomUUID()}`;
}

function createAction(request: RouteRequest, published: boolean): DataActionRecord {
  const body = parseBody(postActionBody, request.body);
  requireIntegration(request.org, body.integrationId);
  assertActionNameFree(request.org, body.name);
  const content: DataActionBody = {
    name: body.name,
    category: body.category,
    secure: body.secure ?? false,
    config: body.config,
    contract: body.contract,
  };
  const id = newActionId();
  const action: DataActionRecord = published
    ? { id, integrationId: body.integrationId, version: 1, dateModified: request.now, ...content }
    : {
        id,
        integrationId: body.integrationId,
        dateModified: request.now,
        ...content,
        draft: { ...structuredClone(content), version: 1, dateModified: request.now },
      };
  dataActionsOf(request.org)[id] = action;
  return action;
}

/** What a draft would fail on if published: Genesys's `…/draft/validation`. */
function validateDraft(org: OrgState, action: DataActionRecord, draft: DataActionBody) {
  const errors: { message: string; code: string; status: number }[] = [];
  const request = (draft.config as { request?: { requestUrlTemplate?: string; requestType?: string } })
    .request;
  if (!request?.requestType)
    errors.push({ message: 'config.request.requestType is required.', code: 'bad.request', status: 400 });
  if (!request?.requestUrlTemplate) {
    errors.push({
      message: 'config.request.requestUrlTemplate is required.',
      code: 'bad.request',
      status: 400,
    });
  }
  if (!Object.hasOwn(integrationsOf(org), action.integrationId)) {
    errors.push({
      message: `The integration ${action.integrationId} no longer exists.`,
      code: 'bad.request',
      status: 400,
    });
  }
  return { valid: errors.length === 0, ...(errors.length === 0 ? {} : { errors }) };
}

export const dataActionWriteRoutes: Route[] = [
  {
    method: 'POST',
    pattern: ACTIONS_PATH,
    operation: 'actionCreate',
    handle: (request) => {
      const action = createAction(request, true);
      return publishedReply(action as DataActionRecord & { version: number });
    },
  },
  {
    method: 'POST',
    pattern: `${ACTIONS_PATH}/drafts`,
    operation: 'actionCreate',
    handle: (request) => {
      const action = createAction(request, false);
      return { status: 200, body: draftView(action, { contract: true, config: true }), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${ACTIONS_PATH}/drafts`,
    handle: (request) => {
      const page = readPageRequest(request.query, request.maxPageSizes.actions);
      const view = readActionView(request.query);
      const drafts = Object.values(dataActionsOf(request.org))
        .filter((action) => action.draft !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id))
        .map((action) => draftView(action, view));
      return { status: 200, body: pageOf(drafts, page, `${ACTIONS_PATH}/drafts`) };
    },
  },
  {
    method: 'PATCH',
    pattern: `${ACTIONS_PATH}/:actionId`,
    handle: (request) => {
      const action = requirePublishedAction(dataActionsOf(request.org), request.params.actionId ?? '');
      const body = parseBody(updateActionBody, request.body);
      if (body.version !== action.version) throw versionConflict(action.id);
      applyUpdate(request.org, action, action, body);
      action.version += 1;
      action.dateModified = request.now;
      return publishedReply(action);
    },
  },
  {
    method: 'DELETE',
    pattern: `${ACTIONS_PATH}/:actionId`,
    handle: ({ org, params }) => {
      const action = requireRecord(dataActionsOf(org), params.actionId ?? '', 'action');
      removeRecord(dataActionsOf(org), action.id);
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: `${ACTIONS_PATH}/:actionId/draft`,
    handle: (request) => {
      const action = requireRecord(dataActionsOf(request.org), request.params.actionId ?? '', 'action');
      return { status: 200, body: draftView(action, readActionView(request.query)) };
    },
  },
  {
    method: 'POST',
    pattern: `${ACTIONS_PATH}/:actionId/draft`,
    operation: 'actionDraftCreate',
    handle: (request) => {
      const action = requirePublishedAction(dataActionsOf(request.org), request.params.actionId ?? '');
      if (action.draft) {
        throw new GenesysHttpError(
          409,
          'general.conflict',
          `The action "${action.name}" already has a draft. Update or delete that draft instead.`,
          [{ errorCode: 'draft.exists', entityId: action.id, entityName: action.name }],
        );
      }
      action.draft = { ...bodyOf(action), version: 1, dateModified: request.now };
      return { status: 200, body: draftView(action, readActionView(request.query)), changed: true };
    },
  },
  {
    method: 'PATCH',
    pattern: `${ACTIONS_PATH}/:actionId/draft`,
    operation: 'actionDraftUpdate',
    handle: (request) => {
      const action = requireRecord(dataActionsOf(request.org), request.params.actionId ?? '', 'action');
      const draft = requireDraft(action);
      const body = parseBody(updateDraftBody, request.body);
      if (body.version !== draft.version) throw versionConflict(action.id);
      applyUpdate(request.org, action, draft, body);
      if (body.contract !== undefined) draft.contract = body.contract;
      if (body.secure !== undefined) draft.secure = body.secure;
      draft.version += 1;
      draft.dateModified = request.now;
      return { status: 200, body: draftView(action, readActionView(request.query)), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${ACTIONS_PATH}/:actionId/draft`,
    handle: ({ org, params }) => {
      const action = requireRecord(dataActionsOf(org), params.actionId ?? '', 'action');
      requireDraft(action);
      // A draft-only action has nothing left without its draft.
      if (action.version === undefined) removeRecord(dataActionsOf(org), action.id);
      else delete action.draft;
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: `${ACTIONS_PATH}/:actionId/draft/validation`,
    handle: ({ org, params }) => {
      const action = requireRecord(dataActionsOf(org), params.actionId ?? '', 'action');
      return { status: 200, body: validateDraft(org, action, requireDraft(action)) };
    },
  },
  {
    method: 'POST',
    pattern: `${ACTIONS_PATH}/:actionId/draft/publish`,
    operation: 'actionDraftPublish',
    handle: (request) => {
      const action = requireRecord(dataActionsOf(request.org), request.params.actionId ?? '', 'action');
      const draft = requireDraft(action);
      const body = parseBody(publishDraftBody, request.body);
      if (body.version !== draft.version) throw versionConflict(action.id);
      const validation = validateDraft(request.org, action, draft);
      if (!validation.valid) {
        throw badRequest(
          `The draft of "${draft.name}" cannot be published: ${(validation.errors ?? []).map((error) => error.message).join(' ')}`,
        );
      }
      Object.assign(action, bodyOf(draft));
      action.version = (action.version ?? 0) + 1;
      action.dateModified = request.now;
      delete action.draft;
      return publishedReply(action as DataActionRecord & { version: number });
    },
  },
];
