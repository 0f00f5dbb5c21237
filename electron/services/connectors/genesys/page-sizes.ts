import type { ObjectTypeId } from '../../../../shared/model/object-types/object-type-definition';

/**
 * Largest page each list accepts. Genesys does not document most of them; these are the sizes the
 * Genesys terraform provider relies on. A server that pages smaller still works: the connector
 * follows the `pageCount` it is told.
 */
export const MAX_PAGE_SIZE: Readonly<Record<ObjectTypeId | 'subresource' | 'reference', number>> = {
  'authorization.division': 100,
  'routing.skill': 500,
  'routing.language': 100,
  'routing.wrapupcode': 100,
  'routing.queue': 500,
  'architect.schedule': 100,
  'architect.schedulegroup': 100,
  'flows.datatable': 100,
  'architect.ivr': 100,
  'architect.emergencygroup': 100,
  'routing.utilizationlabel': 100,
  /** A single object, never paged. */
  'routing.utilization': 1,
  'directory.group': 100,
  'architect.prompt': 100,
  /** Cursor-paged by `pageSize` and `after`. */
  'routing.skillgroup': 100,
  'architect.flow': 100,
  'integrations.integration': 100,
  'integrations.action': 100,
  subresource: 100,
  /** Lists read to look references up by name (flows, groups, scripts, …). */
  reference: 100,
};
