import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, inUseConflict } from '../genesys-error';
import type { GroupRecord, OrgState, TeamRecord } from '../org-state';
import { REFERENCE_PATHS } from '../reference-kinds';
import { divisionRef } from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes, setOptional } from './collection-routes';
import { byName, readOnlyRoutes } from './read-only-routes';

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
    ...(group.addresses === undefined
      ? {}
      : { addresses: group.addresses.map((address) => ({ ...address })) }),
    rulesVisible: group.rulesVisible ?? true,
    visibility: group.visibility,
    rolesEnabled: group.rolesEnabled ?? false,
    includeOwners: group.includeOwners ?? false,
    callsEnabled: group.callsEnabled ?? false,
    selfUri: `${REFERENCE_PATHS.group}/${group.id}`,
  };
}

const groupContact = z.object({
  address: z.string().min(1),
  extension: z.string().optional(),
  type: z.enum(['GROUPRING', 'GROUPPHONE']),
  mediaType: z.enum(['PHONE']).default('PHONE'),
});

const groupFields = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  addresses: z.array(groupContact).max(10).optional(),
  rolesEnabled: z.boolean().optional(),
  includeOwners: z.boolean().optional(),
  callsEnabled: z.boolean().optional(),
  // Owners are users of this org; the sandbox has no users, so ids are accepted and not kept.
  ownerIds: z.array(z.string().min(1)).optional(),
};

/** `GroupCreate`: type, rulesVisible and visibility are required. */
const groupCreateBody = z.object({
  ...groupFields,
  type: z.enum(['official', 'social']),
  rulesVisible: z.boolean(),
  visibility: z.enum(['public', 'owners', 'members']),
  version: z.number().int().min(1).optional(),
});

/** `GroupUpdate`: the current version is required; the type cannot change. */
const groupUpdateBody = z.object({
  ...groupFields,
  type: z.enum(['official', 'social']).optional(),
  rulesVisible: z.boolean().optional(),
  visibility: z.enum(['public', 'owners', 'members']).optional(),
  version: z.number().int().min(1),
});

function applyGroupFields(group: GroupRecord, input: z.infer<typeof groupUpdateBody>): void {
  setOptional(group, 'description', input.description);
  setOptional(group, 'addresses', input.addresses);
  setOptional(group, 'rolesEnabled', input.rolesEnabled);
  setOptional(group, 'includeOwners', input.includeOwners);
  setOptional(group, 'callsEnabled', input.callsEnabled);
}

/** A group a queue takes members from cannot go while the queue still names it. */
function refuseWhileQueuesUse(group: GroupRecord, org: OrgState): void {
  const users = Object.values(org.queues).filter((queue) =>
    JSON.stringify(queue.settings).includes(`"${group.id}"`),
  );
  if (users.length > 0) {
    throw inUseConflict(
      `Group ${group.id} is a member group of queue(s) ${users.map((queue) => `"${queue.name}"`).join(', ')}.`,
    );
  }
}

export const directoryRoutes: Route[] = [
  // Groups have no name filter in the real API: a client finds one by name by reading them all.
  ...collectionRoutes<GroupRecord, z.infer<typeof groupCreateBody> | z.infer<typeof groupUpdateBody>>({
    path: REFERENCE_PATHS.group,
    idParam: 'groupId',
    label: 'group',
    records: (org) => org.groups,
    list: { kind: 'groups' },
    render: (_org, group) => renderGroup(group),
    body: groupCreateBody,
    create: (input, request) => {
      if (!('type' in input) || input.type === undefined || input.visibility === undefined) {
        throw badRequest('type, rulesVisible and visibility are required.', [
          { errorCode: 'required', fieldName: 'type' },
        ]);
      }
      const group: GroupRecord = {
        id: randomUUID(),
        name: input.name,
        type: input.type,
        visibility: input.visibility,
        rulesVisible: input.rulesVisible ?? true,
        memberCount: 0,
        dateModified: request.now,
        version: 1,
      };
      applyGroupFields(group, { ...input, version: 1 });
      return group;
    },
    replace: {
      body: groupUpdateBody,
      versioned: true,
      apply: (group, input, request) => {
        const update = input as z.infer<typeof groupUpdateBody>;
        if (update.type !== undefined && update.type !== group.type) {
          throw badRequest("A group's type cannot be changed.", [
            { errorCode: 'invalid.value', fieldName: 'type' },
          ]);
        }
        group.name = update.name;
        if (update.visibility !== undefined) group.visibility = update.visibility;
        if (update.rulesVisible !== undefined) group.rulesVisible = update.rulesVisible;
        applyGroupFields(group, update);
        group.dateModified = request.now;
      },
    },
    beforeDelete: (group, org) => refuseWhileQueuesUse(group, org),
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
