import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OrgState, WrapupCodeRecord } from '../org-state';
import {
  assertNameFree,
  divisionRef,
  listRecords,
  NO_CONTENT,
  removeRecord,
  parseBody,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route } from '../route-table';

export const WRAPUP_CODES_PATH = '/api/v2/routing/wrapupcodes';

const wrapupCodeBody = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: z.object({ id: z.string().min(1) }).optional(),
});

export function renderWrapupCode(org: OrgState, code: WrapupCodeRecord) {
  return {
    id: code.id,
    name: code.name,
    division: divisionRef(org, code.divisionId),
    ...(code.description === undefined ? {} : { description: code.description }),
    dateCreated: code.dateCreated,
    dateModified: code.dateModified,
    createdBy: code.createdBy,
    modifiedBy: code.modifiedBy,
    selfUri: `${WRAPUP_CODES_PATH}/${code.id}`,
  };
}

export const wrapupCodeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: WRAPUP_CODES_PATH,
    handle: (request) => ({
      status: 200,
      body: listRecords(request, request.org.wrapupCodes, (code) => renderWrapupCode(request.org, code), {
        kind: 'wrapupcodes',
        basePath: WRAPUP_CODES_PATH,
        nameMatch: 'prefix',
        divisionOf: (code) => code.divisionId,
      }),
    }),
  },
  {
    method: 'POST',
    pattern: WRAPUP_CODES_PATH,
    handle: ({ org, body, now, clientId }) => {
      const input = parseBody(wrapupCodeBody, body);
      assertNameFree(org.wrapupCodes, input.name, 'wrap-up code');
      const code: WrapupCodeRecord = {
        id: randomUUID(),
        name: input.name,
        divisionId: resolveDivisionId(org, input.division),
        ...(input.description === undefined ? {} : { description: input.description }),
        dateCreated: now,
        dateModified: now,
        createdBy: clientId,
        modifiedBy: clientId,
      };
      org.wrapupCodes[code.id] = code;
      return { status: 200, body: renderWrapupCode(org, code), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${WRAPUP_CODES_PATH}/:codeId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderWrapupCode(org, requireRecord(org.wrapupCodes, params.codeId ?? '', 'wrap-up code')),
    }),
  },
  {
    method: 'PUT',
    pattern: `${WRAPUP_CODES_PATH}/:codeId`,
    handle: ({ org, params, body, now, clientId }) => {
      const code = requireRecord(org.wrapupCodes, params.codeId ?? '', 'wrap-up code');
      const input = parseBody(wrapupCodeBody, body);
      assertNameFree(org.wrapupCodes, input.name, 'wrap-up code', code.id);
      const divisionId = input.division ? resolveDivisionId(org, input.division) : code.divisionId;
      code.name = input.name;
      code.divisionId = divisionId;
      if (input.description === undefined) delete code.description;
      else code.description = input.description;
      code.dateModified = now;
      code.modifiedBy = clientId;
      return { status: 200, body: renderWrapupCode(org, code), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${WRAPUP_CODES_PATH}/:codeId`,
    handle: ({ org, params }) => {
      const code = requireRecord(org.wrapupCodes, params.codeId ?? '', 'wrap-up code');
      for (const queue of Object.values(org.queues)) {
        queue.wrapupCodeIds = queue.wrapupCodeIds.filter((id) => id !== code.id);
      }
      removeRecord(org.wrapupCodes, code.id);
      return NO_CONTENT;
    },
  },
];
