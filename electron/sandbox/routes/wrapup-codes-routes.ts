import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OrgState, WrapupCodeRecord } from '../org-state';
import { divisionRef, keptDivisionId, resolveDivisionId } from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes, createdStamp, markModified, setOptional } from './collection-routes';

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

export const wrapupCodeRoutes: Route[] = collectionRoutes({
  path: WRAPUP_CODES_PATH,
  idParam: 'codeId',
  label: 'wrap-up code',
  records: (org) => org.wrapupCodes,
  list: { kind: 'wrapupcodes', nameMatch: 'prefix', divisionOf: (code) => code.divisionId },
  render: renderWrapupCode,
  body: wrapupCodeBody,
  create: (input, request) => ({
    id: randomUUID(),
    name: input.name,
    divisionId: resolveDivisionId(request.org, input.division),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...createdStamp(request),
  }),
  replace: {
    apply: (code, input, request) => {
      code.divisionId = keptDivisionId(request.org, input.division, code.divisionId);
      code.name = input.name;
      setOptional(code, 'description', input.description);
      markModified(code, request);
    },
  },
  beforeDelete: (code, org) => {
    for (const queue of Object.values(org.queues)) {
      queue.wrapupCodeIds = queue.wrapupCodeIds.filter((id) => id !== code.id);
    }
  },
});
