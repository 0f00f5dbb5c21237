import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from '../genesys-error';
import type { OrgState, SkillRecord } from '../org-state';
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

export const SKILLS_PATH = '/api/v2/routing/skills';

const skillBody = z.object({
  name: z.string().trim().min(1).max(255),
  division: z.object({ id: z.string().min(1) }).optional(),
});

const skillPatchBody = z.object({ divisionId: z.string().min(1) });

export function renderSkill(org: OrgState, skill: SkillRecord) {
  return {
    id: skill.id,
    name: skill.name,
    division: divisionRef(org, skill.divisionId),
    dateModified: skill.dateModified,
    state: 'active',
    // Genesys reports a skill's version as a string.
    version: String(skill.version),
    selfUri: `${SKILLS_PATH}/${skill.id}`,
  };
}

/**
 * Skills have no PUT: a skill's name is fixed once created. A PUT is answered 405 with an
 * `Allow` header (see the route table), which is what a client needs to know: the method, not
 * the skill, is missing. PATCH only moves a skill to another division.
 */
export const skillRoutes: Route[] = [
  {
    method: 'GET',
    pattern: SKILLS_PATH,
    handle: (request) => ({
      status: 200,
      body: listRecords(request, request.org.skills, (skill) => renderSkill(request.org, skill), {
        kind: 'skills',
        basePath: SKILLS_PATH,
        nameMatch: 'prefix',
      }),
    }),
  },
  {
    method: 'POST',
    pattern: SKILLS_PATH,
    handle: ({ org, body, now }) => {
      const input = parseBody(skillBody, body);
      assertNameFree(org.skills, input.name, 'skill');
      const skill: SkillRecord = {
        id: randomUUID(),
        name: input.name,
        divisionId: resolveDivisionId(org, input.division),
        dateModified: now,
        version: 1,
      };
      org.skills[skill.id] = skill;
      return { status: 200, body: renderSkill(org, skill), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${SKILLS_PATH}/:skillId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderSkill(org, requireRecord(org.skills, params.skillId ?? '', 'skill')),
    }),
  },
  {
    method: 'PATCH',
    pattern: `${SKILLS_PATH}/:skillId`,
    handle: ({ org, params, body, now }) => {
      const skill = requireRecord(org.skills, params.skillId ?? '', 'skill');
      const input = parseBody(skillPatchBody, body);
      if (!Object.hasOwn(org.divisions, input.divisionId)) {
        throw badRequest(`divisionId ${input.divisionId} is not a division of this org.`, [
          { errorCode: 'invalid.reference', fieldName: 'divisionId', entityId: input.divisionId },
        ]);
      }
      skill.divisionId = input.divisionId;
      skill.dateModified = now;
      skill.version += 1;
      return { status: 200, body: renderSkill(org, skill), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${SKILLS_PATH}/:skillId`,
    handle: ({ org, params }) => {
      const skill = requireRecord(org.skills, params.skillId ?? '', 'skill');
      // Genesys drops a deleted skill from every bullseye ring that removed it.
      for (const queue of Object.values(org.queues)) {
        for (const ring of queue.settings.bullseye?.rings ?? []) {
          if (ring.actions?.skillsToRemove) {
            ring.actions.skillsToRemove = ring.actions.skillsToRemove.filter((ref) => ref.id !== skill.id);
          }
        }
      }
      removeRecord(org.skills, skill.id);
      return NO_CONTENT;
    },
  },
];
