import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inUseConflict } from '../genesys-error';
import type { OrgState, UtilizationLabelRecord } from '../org-state';
import type { Route } from '../route-table';
import { collectionRoutes } from './collection-routes';

export const UTILIZATION_LABELS_PATH = '/api/v2/routing/utilization/labels';

// `CreateUtilizationLabelRequest` may also carry the label's capacity, kept in the org's
// utilization setting as `GET /api/v2/routing/utilization` shows it.
const createBody = z.object({
  name: z.string().trim().min(1).max(255),
  utilization: z
    .object({
      maximumCapacity: z.number().int().min(0).max(25).optional(),
      interruptingLabelIds: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

/** `UpdateUtilizationLabelRequest` is the name alone. */
const updateBody = z.object({ name: z.string().trim().min(1).max(255) });

export function renderUtilizationLabel(_org: OrgState, label: UtilizationLabelRecord) {
  return { id: label.id, name: label.name, selfUri: `${UTILIZATION_LABELS_PATH}/${label.id}` };
}

export const utilizationLabelRoutes: Route[] = collectionRoutes<
  UtilizationLabelRecord,
  z.infer<typeof createBody>
>({
  path: UTILIZATION_LABELS_PATH,
  idParam: 'labelId',
  label: 'utilization label',
  records: (org) => org.utilizationLabels,
  list: { kind: 'utilizationlabels', nameMatch: 'wildcard' },
  render: renderUtilizationLabel,
  body: createBody,
  create: (input, request) => {
    const id = randomUUID();
    if (input.utilization?.maximumCapacity !== undefined) {
      request.org.utilization.labels[id] = {
        maximumCapacity: input.utilization.maximumCapacity,
        interruptingLabelIds: (input.utilization.interruptingLabelIds ?? []).filter((other) =>
          Object.hasOwn(request.org.utilizationLabels, other),
        ),
      };
    }
    return { id, name: input.name };
  },
  replace: {
    body: updateBody,
    apply: (label, input) => {
      label.name = input.name;
    },
  },
  // A label the org's utilization uses is refused unless `forceDelete`, which removes those uses.
  beforeDelete: (label, org, request) => {
    const settings = org.utilization;
    const users = Object.entries(settings.labels).filter(
      ([labelId, value]) => labelId === label.id || value.interruptingLabelIds.includes(label.id),
    );
    if (users.length === 0) return;
    if (request.query.get('forceDelete') !== 'true') {
      throw inUseConflict(
        `Utilization label ${label.id} is used by the organization's utilization settings.`,
      );
    }
    Reflect.deleteProperty(settings.labels, label.id);
    for (const value of Object.values(settings.labels)) {
      value.interruptingLabelIds = value.interruptingLabelIds.filter((id) => id !== label.id);
    }
  },
});
