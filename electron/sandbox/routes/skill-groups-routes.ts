import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { cursorPageOf } from '../cursor-paging';
import { badRequest, inUseConflict, type GenesysErrorDetail } from '../genesys-error';
import type { OrgState, SkillGroupConditionRecord, SkillGroupRecord } from '../org-state';
import { REFERENCE_PATHS } from '../reference-kinds';
import {
  assertNameFree,
  divisionRef,
  DIVISIONS_PATH,
  keptDivisionId,
  NO_CONTENT,
  parseBody,
  removeRecord,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';
import { byName } from './read-only-routes';

/**
 * `/api/v2/routing/skillgroups` (skill expression groups): cursor-paged list of
 * `SkillGroupDefinition` (no conditions, no status), `SkillGroup` at its own URL, POST of
 * `SkillGroupWithMemberDivisions`, PATCH of `SkillGroup` (the API has no PUT), DELETE, and the
 * member divisions under `/members/divisions`.
 */
const PATH = REFERENCE_PATHS.skillGroup;
const ITEM = `${PATH}/:skillGroupId`;

/**
 * `comparator` is a bare string in the SDK's `SkillGroupRoutingCondition`; these are the values its
 * twin `DynamicGroupLanguageSkillCondition` enumerates (and the Terraform provider's examples use).
 */
const COMPARATORS = [
  'EqualTo',
  'NotEqualTo',
  'LessThan',
  'LessThanOrEqualTo',
  'GreaterThan',
  'GreaterThanOrEqualTo',
] as const;

/** "Integer range 0-5", as the SDK documents `proficiency`. */
const proficiency = z.number().int().min(0).max(5);

const conditionBody: z.ZodType<SkillGroupConditionRecord> = z.lazy(() =>
  z.object({
    routingSkillConditions: z
      .array(
        z.object({
          routingSkill: z.string().min(1),
          comparator: z.enum(COMPARATORS),
          proficiency,
          childConditions: z.array(conditionBody).optional(),
        }),
      )
      .default([]),
    languageSkillConditions: z
      .array(
        z.object({
          languageSkill: z.string().min(1),
          comparator: z.enum(COMPARATORS),
          proficiency,
          childConditions: z.array(conditionBody).optional(),
        }),
      )
      .default([]),
    // A bare string in the SDK too; `And` and `Or` are what Genesys's examples join conditions with.
    operation: z.enum(['And', 'Or']),
  }),
);

const divisionBody = z.object({ id: z.string().min(1) }).loose();

/** `SkillGroupWithMemberDivisions`: conditions may be left out (a group nobody matches yet). */
const createBody = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: divisionBody.optional(),
  skillConditions: z.array(conditionBody).optional(),
  memberDivisions: z.array(z.string().min(1)).optional(),
});

/** `SkillGroup` as a PATCH: what it names changes, null clears a description, the rest stays. */
const patchBody = z.object({
  name: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(512).nullable().optional(),
  division: divisionBody.optional(),
  skillConditions: z.array(conditionBody).optional(),
});

const memberDivisionsBody = z.object({
  addDivisionIds: z.array(z.string().min(1)).optional(),
  removeDivisionIds: z.array(z.string().min(1)).optional(),
});

function renderSummary(org: OrgState, group: SkillGroupRecord) {
  return {
    id: group.id,
    name: group.name,
    division: divisionRef(org, group.divisionId),
    ...(group.description === undefined ? {} : { description: group.description }),
    memberCount: group.memberCount,
    dateModified: group.dateModified,
    dateCreated: group.dateCreated,
    selfUri: `${PATH}/${group.id}`,
  };
}

export function renderSkillGroup(org: OrgState, group: SkillGroupRecord) {
  const { selfUri, ...summary } = renderSummary(org, group);
  return {
    ...summary,
    status: group.status ?? 'Complete',
    skillConditions: structuredClone(group.skillConditions ?? []),
    selfUri,
  };
}

/**
 * Each skill and language a condition names must exist in the org (by name, any case, as Genesys
 * matches names); the 400 names the body path of each miss.
 */
function checkConditionNames(org: OrgState, conditions: readonly SkillGroupConditionRecord[]): void {
  const skills = new Set(Object.values(org.skills).map((skill) => skill.name.toLowerCase()));
  const languages = new Set(Object.values(org.languages).map((language) => language.name.toLowerCase()));
  const missing: GenesysErrorDetail[] = [];
  const check = (known: Set<string>, name: string, fieldName: string): void => {
    if (!known.has(name.toLowerCase())) {
      missing.push({ errorCode: 'invalid.reference', fieldName, entityName: name });
    }
  };
  const walk = (list: readonly SkillGroupConditionRecord[], at: string): void => {
    list.forEach((condition, index) => {
      condition.routingSkillConditions.forEach((term, position) => {
        const path = `${at}[${index}].routingSkillConditions[${position}]`;
        check(skills, term.routingSkill, `${path}.routingSkill`);
        walk(term.childConditions ?? [], `${path}.childConditions`);
      });
      condition.languageSkillConditions.forEach((term, position) => {
        const path = `${at}[${index}].languageSkillConditions[${position}]`;
        check(languages, term.languageSkill, `${path}.languageSkill`);
        walk(term.childConditions ?? [], `${path}.childConditions`);
      });
    });
  };
  walk(conditions, 'skillConditions');
  if (missing.length === 0) return;
  throw badRequest(
    `Skill conditions name skills or languages this org does not have: ${missing
      .slice(0, 5)
      .map((detail) => `"${detail.entityName ?? ''}" at ${detail.fieldName ?? ''}`)
      .join(', ')}.`,
    missing,
  );
}

function checkDivisionIds(org: OrgState, ids: readonly string[], field: string): void {
  const unknown = ids.filter((id) => !Object.hasOwn(org.divisions, id));
  if (unknown.length === 0) return;
  throw badRequest(
    `${field} names divisions this org does not have: ${unknown.join(', ')}.`,
    unknown.map((id) => ({ errorCode: 'invalid.reference', fieldName: field, entityId: id })),
  );
}

/**
 * A skill group a queue takes members from (member groups, bullseye rings, conditional group
 * routing) cannot go while the queue names it: the queue would be left pointing at nothing.
 */
function refuseWhileQueuesUse(group: SkillGroupRecord, org: OrgState): void {
  const users = Object.values(org.queues).filter((queue) =>
    JSON.stringify(queue.settings).includes(`"${group.id}"`),
  );
  if (users.length > 0) {
    throw inUseConflict(
      `Skill group ${group.id} is a member group of queue(s) ${users.map((queue) => `"${queue.name}"`).join(', ')}: remove it from them first.`,
    );
  }
}

function find(request: RouteRequest): SkillGroupRecord {
  return requireRecord(request.org.skillGroups, request.params.skillGroupId ?? '', 'skill group');
}

export const skillGroupRoutes: Route[] = [
  {
    method: 'GET',
    pattern: PATH,
    handle: ({ org, query, maxPageSizes }) => {
      const keep = byName<SkillGroupRecord>(query);
      const items = Object.values(org.skillGroups)
        .filter(keep)
        .map((group) => ({
          sortKey: `${group.name.toLowerCase()}\u0000${group.id}`,
          value: renderSummary(org, group),
        }));
      const carried = query.getAll('name').map((value) => ['name', value] as const);
      return { status: 200, body: cursorPageOf(items, query, maxPageSizes.skillgroups, PATH, carried) };
    },
  },
  {
    method: 'POST',
    pattern: PATH,
    handle: (request) => {
      const { org } = request;
      const input = parseBody(createBody, request.body);
      assertNameFree(org.skillGroups, input.name, 'skill group');
      const conditions = input.skillConditions ?? [];
      checkConditionNames(org, conditions);
      const memberDivisionIds = [...new Set(input.memberDivisions ?? [])];
      checkDivisionIds(org, memberDivisionIds, 'memberDivisions');
      const group: SkillGroupRecord = {
        id: randomUUID(),
        name: input.name,
        divisionId: resolveDivisionId(org, input.division),
        ...(input.description === undefined ? {} : { description: input.description }),
        memberCount: 0,
        dateCreated: request.now,
        dateModified: request.now,
        skillConditions: conditions,
        memberDivisionIds,
      };
      org.skillGroups[group.id] = group;
      return {
        status: 200,
        body: { ...renderSkillGroup(org, group), memberDivisions: memberDivisionIds },
        changed: true,
      };
    },
  },
  {
    method: 'GET',
    pattern: ITEM,
    handle: (request) => ({ status: 200, body: renderSkillGroup(request.org, find(request)) }),
  },
  {
    method: 'PATCH',
    pattern: ITEM,
    handle: (request) => {
      const { org } = request;
      const group = find(request);
      const input = parseBody(patchBody, request.body);
      if (input.name !== undefined) assertNameFree(org.skillGroups, input.name, 'skill group', group.id);
      if (input.skillConditions !== undefined) checkConditionNames(org, input.skillConditions);
      const divisionId = keptDivisionId(org, input.division, group.divisionId);
      // Checked in full before anything changes: a refused PATCH leaves the group as it was.
      if (input.name !== undefined) group.name = input.name;
      group.divisionId = divisionId;
      if (input.description === null) Reflect.deleteProperty(group, 'description');
      else if (input.description !== undefined) group.description = input.description;
      if (input.skillConditions !== undefined) group.skillConditions = input.skillConditions;
      group.dateModified = request.now;
      return { status: 200, body: renderSkillGroup(org, group), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: ITEM,
    handle: (request) => {
      const group = find(request);
      refuseWhileQueuesUse(group, request.org);
      removeRecord(request.org.skillGroups, group.id);
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: `${ITEM}/members/divisions`,
    handle: (request) => {
      const { org } = request;
      const group = find(request);
      return {
        status: 200,
        body: {
          entities: (group.memberDivisionIds ?? [])
            .filter((id) => Object.hasOwn(org.divisions, id))
            .map((id) => ({ ...divisionRef(org, id), selfUri: `${DIVISIONS_PATH}/${id}` })),
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: `${ITEM}/members/divisions`,
    handle: (request) => {
      const { org } = request;
      const group = find(request);
      const input = parseBody(memberDivisionsBody, request.body ?? {});
      const add = input.addDivisionIds ?? [];
      const remove = new Set(input.removeDivisionIds ?? []);
      checkDivisionIds(org, add, 'addDivisionIds');
      const kept = (group.memberDivisionIds ?? []).filter((id) => !remove.has(id));
      group.memberDivisionIds = [...new Set([...kept, ...add.filter((id) => !remove.has(id))])];
      // The SDK's postRoutingSkillgroupMembersDivisions answers nothing: membership is recomputed
      // behind the call.
      return { status: 202, changed: true };
    },
  },
];
