import { z } from 'zod';
import { entityIdentityFields, entityReferenceSchema } from './entity-reference-schema';
import {
  commonVolatileFields,
  type FieldPath,
  type ObjectTypeDefinition,
  type ReferenceField,
  type UnorderedArray,
} from './object-type-definition';

/**
 * `SkillGroupCondition`: skill and language conditions joined by one `operation` (`And`, `Or`).
 * Each condition may nest further conditions (`childConditions`), so the type is recursive.
 */
export interface SkillGroupCondition {
  routingSkillConditions?: SkillGroupRoutingCondition[] | null | undefined;
  languageSkillConditions?: SkillGroupLanguageCondition[] | null | undefined;
  operation?: string | null | undefined;
  [extra: string]: unknown;
}

/** `SkillGroupRoutingCondition`: the skill is named by its name, not by id, as the API has it. */
export interface SkillGroupRoutingCondition {
  routingSkill?: string | null | undefined;
  comparator?: string | null | undefined;
  proficiency?: number | null | undefined;
  childConditions?: SkillGroupCondition[] | null | undefined;
  [extra: string]: unknown;
}

/** `SkillGroupLanguageCondition`: the language by its name. */
export interface SkillGroupLanguageCondition {
  languageSkill?: string | null | undefined;
  comparator?: string | null | undefined;
  proficiency?: number | null | undefined;
  childConditions?: SkillGroupCondition[] | null | undefined;
  [extra: string]: unknown;
}

const conditionSchema: z.ZodType<SkillGroupCondition> = z.lazy(() =>
  z
    .object({
      routingSkillConditions: z.array(routingConditionSchema).nullish(),
      languageSkillConditions: z.array(languageConditionSchema).nullish(),
      operation: z.string().nullish(),
    })
    .loose(),
);

const routingConditionSchema: z.ZodType<SkillGroupRoutingCondition> = z.lazy(() =>
  z
    .object({
      routingSkill: z.string().nullish(),
      comparator: z.string().nullish(),
      proficiency: z.number().nullish(),
      childConditions: z.array(conditionSchema).nullish(),
    })
    .loose(),
);

const languageConditionSchema: z.ZodType<SkillGroupLanguageCondition> = z.lazy(() =>
  z
    .object({
      languageSkill: z.string().nullish(),
      comparator: z.string().nullish(),
      proficiency: z.number().nullish(),
      childConditions: z.array(conditionSchema).nullish(),
    })
    .loose(),
);

/**
 * `SkillGroup` as `GET /api/v2/routing/skillgroups/{id}` returns it (the listing's
 * `SkillGroupDefinition` leaves out `skillConditions` and `status`; the connector reads each one).
 */
export const skillGroupSchema = z
  .object({
    ...entityIdentityFields,
    division: entityReferenceSchema.nullish(),
    description: z.string().nullish(),
    memberCount: z.number().int().nullish(),
    dateModified: z.string().nullish(),
    dateCreated: z.string().nullish(),
    status: z.string().nullish(),
    skillConditions: z.array(conditionSchema).nullish(),
  })
  .loose();
export type SkillGroup = z.infer<typeof skillGroupSchema>;

/**
 * How deep Ferry follows `childConditions` for references and ordering. Field paths are fixed, so
 * the recursion is unrolled; Genesys's own editor builds a few levels at most. A skill named
 * deeper still travels (it is a name, the same in every org) but is not checked against the target.
 */
export const SKILL_CONDITION_DEPTH = 4;

/** The path of every condition list down to `SKILL_CONDITION_DEPTH` levels, outermost first. */
export function skillConditionListPaths(depth = SKILL_CONDITION_DEPTH): FieldPath[] {
  const paths: FieldPath[] = [];
  let level: FieldPath[] = ['skillConditions'];
  for (let at = 1; at <= depth; at += 1) {
    paths.push(...level);
    level = level.flatMap((path) => [
      `${path}[].routingSkillConditions[].childConditions`,
      `${path}[].languageSkillConditions[].childConditions`,
    ]);
  }
  return paths;
}

const conditionLists = skillConditionListPaths();

export const skillGroupType = {
  id: 'routing.skillgroup',
  label: 'Skill group',
  pluralLabel: 'Skill groups',
  collectionPath: '/api/v2/routing/skillgroups',
  naturalKey: 'name',
  schema: skillGroupSchema,
  references: [
    { path: 'division', targetType: 'authorization.division' },
    // Conditions name skills and languages by name: canonical form makes them references so that
    // a plan creates the skill before the group, and blocks a group whose skill the target lacks.
    ...conditionLists.flatMap((list): ReferenceField[] => [
      { path: `${list}[].routingSkillConditions[].routingSkill`, targetType: 'routing.skill', form: 'name' },
      {
        path: `${list}[].languageSkillConditions[].languageSkill`,
        targetType: 'routing.language',
        form: 'name',
      },
    ]),
  ],
  // Who matches the conditions is people (memberCount) and Genesys recomputes it (status).
  volatileFields: [...commonVolatileFields, 'memberCount', 'status'],
  // The conditions one `operation` joins are a set (And, Or); the top-level list keeps its order.
  unorderedArrays: conditionLists.flatMap((list): UnorderedArray[] => [
    { path: `${list}[].routingSkillConditions`, sortBy: 'routingSkill' },
    { path: `${list}[].languageSkillConditions`, sortBy: 'languageSkill' },
  ]),
  subResources: [],
  dependencies: ['authorization.division', 'routing.skill', 'routing.language'],
  // The listing is cursor-paged and leaves the conditions out; the API changes a group with PATCH.
  listing: { paging: 'cursor', summaryOnly: true },
  updateMethod: 'PATCH',
} satisfies ObjectTypeDefinition;
