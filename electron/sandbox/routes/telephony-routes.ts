import type { TelephonyRecord } from '../org-state';
import { REFERENCE_PATHS } from '../reference-kinds';
import type { Route } from '../route-table';
import { byName, readOnlyRoutes } from './read-only-routes';

/** Sites and edge groups, which a queue's callback settings name. */
function renderTelephony(record: TelephonyRecord, path: string) {
  return {
    id: record.id,
    name: record.name,
    ...(record.description === undefined ? {} : { description: record.description }),
    version: record.version,
    dateCreated: record.dateCreated,
    dateModified: record.dateModified,
    state: 'active',
    managed: false,
    selfUri: `${path}/${record.id}`,
  };
}

export const telephonyRoutes: Route[] = [
  ...readOnlyRoutes<TelephonyRecord>({
    path: REFERENCE_PATHS.site,
    idParam: 'siteId',
    label: 'site',
    kind: 'sites',
    scope: ({ org }) => org.sites,
    filter: (query) => byName(query),
    carried: ['name'],
    render: (_org, site) => ({
      ...renderTelephony(site, REFERENCE_PATHS.site),
      mediaModel: 'Cloud',
      coreSite: false,
    }),
  }),
  ...readOnlyRoutes<TelephonyRecord>({
    path: REFERENCE_PATHS.edgeGroup,
    idParam: 'edgeGroupId',
    label: 'edge group',
    kind: 'edgegroups',
    scope: ({ org }) => org.edgeGroups,
    filter: (query) => byName(query),
    carried: ['name'],
    render: (_org, group) => ({
      ...renderTelephony(group, REFERENCE_PATHS.edgeGroup),
      hybrid: false,
      phoneTrunkBases: [],
    }),
  }),
];
