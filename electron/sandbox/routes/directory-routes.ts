import type { GroupRecord, SkillGroupRecord, TeamRecord } from '../org-state';
import { REFERENCE_PATHS } from '../reference-kinds';
import { divisionRef } from '../route-helpers';
import type { Route } from '../route-table';
import { anyOf, byName, readOnlyRoutes } from './read-only-routes';

/** The member groups a queue can hold: directory groups, skill groups and teams. */
export function renderGroup(group: GroupRecord) {
  return {
    id: group.id,
    name: group.name,
    ...(group.description === undefined ? {} : { description: group.description }),
    dateModified: group.dateModified,
    memberCount: group.memberCount,
    state: 'active',
    version: group.version,
    type: group.type,
    rulesVisible: true,
    visibility: group.visibility,
    selfUri: `${REFERENCE_PATHS.group}/${group.id}`,
  };
}

export const directoryRoutes: Route[] = [
  // Groups have no name filter in the real API: a client finds one by name by reading them all.
  ...readOnlyRoutes<GroupRecord>({
    path: REFERENCE_PATHS.group,
    idParam: 'groupId',
    label: 'group',
    kind: 'groups',
    scope: ({ org }) => org.groups,
    filter: (query) =>
      anyOf(
        query,
        'id',
        (group) => group.id,
        (actual, wanted) => actual === wanted,
      ),
    carried: ['id', 'sortOrder'],
    render: (_org, group) => renderGroup(group),
  }),
  ...readOnlyRoutes<SkillGroupRecord>({
    path: REFERENCE_PATHS.skillGroup,
    idParam: 'skillGroupId',
    label: 'skill group',
    kind: 'skillgroups',
    paging: 'cursor',
    scope: ({ org }) => org.skillGroups,
    filter: (query) => byName(query),
    carried: ['name'],
    render: (org, group) => ({
      id: group.id,
      name: group.name,
      division: divisionRef(org, group.divisionId),
      ...(group.description === undefined ? {} : { description: group.description }),
      memberCount: group.memberCount,
      dateModified: group.dateModified,
      dateCreated: group.dateCreated,
      status: 'Complete',
      skillConditions: [],
      selfUri: `${REFERENCE_PATHS.skillGroup}/${group.id}`,
    }),
  }),
  ...readOnlyRoutes<TeamRecord>({
    path: REFERENCE_PATHS.team,
    idParam: 'teamId',
    label: 'team',
    kind: 'teams',
    paging: 'cursor',
    scope: ({ org }) => org.teams,
    filter: (query) => byName(query),
    carried: ['name'],
    render: (org, team) => ({
      id: team.id,
      name: team.name,
      division: divisionRef(org, team.divisionId),
      ...(team.description === undefined ? {} : { description: team.description }),
      dateCreated: team.dateCreated,
      dateModified: team.dateModified,
      memberCount: team.memberCount,
      selfUri: `${REFERENCE_PATHS.team}/${team.id}`,
    }),
  }),
];
