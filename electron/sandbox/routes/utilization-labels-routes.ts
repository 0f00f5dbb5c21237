import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OrgState, UtilizationLabelRecord } from '../org-state';
import type { Route } from '../route-table';
import { collectionRoutes } from './collection-routes';

export const UTILIZATION_LABELS_PATH = '/api/v2/routing/utilization/labels';

// `CreateUtilizationLabelRequest` may also carry the label's capacity; that lives in the org's
// utilization settings, which the sandbox does not serve yet, so it is accepted and not kept.
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

export const utilizationLabelRoutes: Route[] = collectionRoutes({
  path: UTILIZATION_LABELS_PATH,
  idParam: 'labelId',
  label: 'utilization label',
  records: (org) => org.utilizationLabels,
  list: { kind: 'utilizationlabels', nameMatch: 'wildcard' },
  render: renderUtilizationLabel,
  body: createBody,
  create: (input) => ({ id: randomUUID(), name: input.name }),
  replace: {
    body: updateBody,
    apply: (label, input) => {
      label.name = input.name;
    },
  },
});
