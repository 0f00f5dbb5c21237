import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from '../genesys-error';
import type { OrgState, SkillRecord } from '../org-state';
import { divisionRef, parseBody, resolveDivisionId } from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes } from './collection-routes';

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
export const skillRoutes: Route[] = collectionRoutes({
  path: SKILLS_PATH,
  idParam: 'skillId',
  label: 'skill',
  records: (org) => org.skills,
  list: { kind: 'skills', nameMatch: 'prefix' },
  render: renderSkill,
  body: skillBody,
  create: (input, { org, now }) => ({
    id: randomUUID(),
    name: input.name,
    divisionId: resolveDivisionId(org, input.division),
    dateModified: now,
    version: 1,
  }),
  patch: (skill, { org, body, now }) => {
    const input = parseBody(skillPatchBody, body);
    if (!Object.hasOwn(org.divisions, input.divisionId)) {
      throw badRequest(`divisionId ${input.divisionId} is not a division of this org.`, [
        { errorCode: 'invalid.reference', fieldName: 'divisionId', entityId: input.divisionId },
      ]);
    }
    skill.divisionId = input.divisionId;
    skill.dateModified = now;
    skill.version += 1;
  },
  beforeDelete: (skill, org) => {
    // Genesys drops a deleted skill from every bullseye ring that removed it.
    for (const queue of Object.values(org.queues)) {
      for (const ring of queue.settings.bullseye?.rings ?? []) {
        if (ring.actions?.skillsToRemove) {
          ring.actions.skillsToRemove = ring.actions.skillsToRemove.filter((ref) => ref.id !== skill.id);
        }
      }
    }
  },
});
