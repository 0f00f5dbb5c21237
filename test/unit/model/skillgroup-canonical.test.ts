import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referencesOf } from '../../../shared/changeset/object-references';
import { canonicalize } from '../../../shared/model/canonical/canonicalize';
import { materialize } from '../../../shared/model/canonical/materialize';
import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import {
  SKILL_CONDITION_DEPTH,
  skillConditionListPaths,
} from '../../../shared/model/object-types/routing-skillgroup';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';

const term = (routingSkill: string, proficiency: number, childConditions?: JsonValue[]): JsonObject => ({
  routingSkill,
  comparator: 'GreaterThanOrEqualTo',
  proficiency,
  ...(childConditions === undefined ? {} : { childConditions }),
});
const condition = (operation: string, skills: JsonValue[], languages: JsonValue[] = []): JsonObject => ({
  routingSkillConditions: skills,
  languageSkillConditions: languages,
  operation,
});

/** A skill group nested `depth` levels deep, each level naming `Skill <level>`. */
function nested(depth: number): JsonValue[] {
  let inner: JsonValue[] | undefined;
  for (let level = depth; level >= 1; level -= 1) {
    inner = [condition('And', [term(`Skill ${level}`, 1, inner)])];
  }
  return inner ?? [];
}

const apiGroup = {
  id: 'dev-sg-1',
  name: 'Billing Linguists',
  division: { id: 'dev-div-home', name: 'Home', selfUri: '/api/v2/authorization/divisions/dev-div-home' },
  description: 'Billing, and French',
  memberCount: 12,
  status: 'Complete',
  dateCreated: '2024-01-01T00:00:00.000Z',
  dateModified: '2024-01-02T00:00:00.000Z',
  selfUri: '/api/v2/routing/skillgroups/dev-sg-1',
  skillConditions: [
    condition(
      'Or',
      [term('Refunds', 2), term('Billing', 4)],
      [{ languageSkill: 'French', comparator: 'GreaterThan', proficiency: 2 }],
    ),
    condition('And', [term('Payments', 1)]),
  ],
};

const divisions = (type: string, id: string) =>
  type === 'authorization.division' && id === 'dev-div-home' ? 'Home' : undefined;

describe('skill group canonical form', () => {
  it('names skills and languages by reference, sorts what one operation joins, keeps the top-level order', () => {
    const { key, value, unresolved } = canonicalize('routing.skillgroup', apiGroup, divisions);
    assert.equal(key, 'Billing Linguists');
    assert.deepEqual(unresolved, [], 'names need no lookup');
    assert.deepEqual(value, {
      description: 'Billing, and French',
      division: { $ref: 'authorization.division', name: 'Home' },
      name: 'Billing Linguists',
      skillConditions: [
        {
          languageSkillConditions: [
            {
              comparator: 'GreaterThan',
              languageSkill: { $ref: 'routing.language', name: 'French' },
              proficiency: 2,
            },
          ],
          operation: 'Or',
          routingSkillConditions: [
            {
              comparator: 'GreaterThanOrEqualTo',
              proficiency: 4,
              routingSkill: { $ref: 'routing.skill', name: 'Billing' },
            },
            {
              comparator: 'GreaterThanOrEqualTo',
              proficiency: 2,
              routingSkill: { $ref: 'routing.skill', name: 'Refunds' },
            },
          ],
        },
        {
          languageSkillConditions: [],
          operation: 'And',
          routingSkillConditions: [
            {
              comparator: 'GreaterThanOrEqualTo',
              proficiency: 1,
              routingSkill: { $ref: 'routing.skill', name: 'Payments' },
            },
          ],
        },
      ],
    });
    assert.deepEqual(
      referencesOf('routing.skillgroup', value).map(
        (reference) => `${reference.targetType}:${reference.key}`,
      ),
      [
        'authorization.division:Home',
        'routing.skill:Billing',
        'routing.skill:Refunds',
        'routing.skill:Payments',
        'routing.language:French',
      ],
      'the plan and the referrers see the skills a group needs',
    );
  });

  it(`follows child conditions ${SKILL_CONDITION_DEPTH} levels deep and leaves a name below that as the API has it`, () => {
    assert.equal(skillConditionListPaths().length, 2 ** SKILL_CONDITION_DEPTH - 1);
    const deep = { id: 'g', name: 'Deep', skillConditions: nested(SKILL_CONDITION_DEPTH + 1) };
    const { value } = canonicalize('routing.skillgroup', deep, () => undefined);
    const names: unknown[] = [];
    let level = value.skillConditions as JsonObject[] | undefined;
    while (level !== undefined) {
      const first = (level[0]?.routingSkillConditions as JsonObject[])[0];
      names.push(first?.routingSkill);
      level = first?.childConditions as JsonObject[] | undefined;
    }
    assert.deepEqual(names, [
      { $ref: 'routing.skill', name: 'Skill 1' },
      { $ref: 'routing.skill', name: 'Skill 2' },
      { $ref: 'routing.skill', name: 'Skill 3' },
      { $ref: 'routing.skill', name: 'Skill 4' },
      'Skill 5',
    ]);
    // Either way the API gets names back.
    const written = materialize('routing.skillgroup', value, (type, name) => `${type}:${name}`);
    assert.equal(JSON.stringify(written.body).includes('$ref'), false);
    assert.match(JSON.stringify(written.body), /"routingSkill":"Skill 5"/);
  });

  it('writes skills back by name once the target has them, and reports those it lacks with where they are', () => {
    const { value } = canonicalize('routing.skillgroup', apiGroup, divisions);
    const uat = new Map([
      ['authorization.division:Home', 'uat-div-home'],
      ['routing.skill:Billing', 'uat-skill-billing'],
      ['routing.skill:Payments', 'uat-skill-payments'],
      ['routing.language:French', 'uat-lang-french'],
    ]);
    const written = materialize('routing.skillgroup', value, (type, name) => uat.get(`${type}:${name}`));
    assert.deepEqual(written.unresolved, [
      {
        path: 'skillConditions[0].routingSkillConditions[1].routingSkill',
        refType: 'routing.skill',
        name: 'Refunds',
      },
    ]);
    const [first] = written.body.skillConditions as JsonObject[];
    assert.deepEqual(first?.routingSkillConditions, [
      { comparator: 'GreaterThanOrEqualTo', proficiency: 4, routingSkill: 'Billing' },
      { comparator: 'GreaterThanOrEqualTo', proficiency: 2, routingSkill: 'Refunds' },
    ]);
    assert.deepEqual(written.body.division, { id: 'uat-div-home' });
    assert.equal(written.body.memberCount, undefined);
  });

  it('plans a PATCH that clears what the group must lose, nothing when equal, and blocks a missing skill', () => {
    const { value: current } = canonicalize('routing.skillgroup', apiGroup, divisions);
    const resolveId = (type: string, name: string) =>
      type === 'routing.skill' && name === 'Refunds' ? undefined : `${type}:${name}`;
    const everything = (name: string) => `id:${name}`;
    const { description: _dropped, ...desired } = current;
    void _dropped;
    const update = objectCalls({
      type: 'routing.skillgroup',
      key: 'Billing Linguists',
      id: 'uat-sg-1',
      current,
      desired: {
        ...desired,
        skillConditions: [
          condition('And', [
            { ...term('Payments', 3), routingSkill: { $ref: 'routing.skill', name: 'Payments' } },
          ]),
        ],
      },
      resolveId,
    });
    assert.equal(update.kind, 'calls');
    assert.deepEqual(update.kind === 'calls' ? update.calls : [], [
      {
        method: 'PATCH',
        path: '/api/v2/routing/skillgroups/uat-sg-1',
        body: {
          description: null,
          division: { id: 'authorization.division:Home' },
          name: 'Billing Linguists',
          skillConditions: [
            {
              languageSkillConditions: [],
              operation: 'And',
              routingSkillConditions: [
                { comparator: 'GreaterThanOrEqualTo', proficiency: 3, routingSkill: 'Payments' },
              ],
            },
          ],
        },
      },
    ]);
    const same = objectCalls({
      type: 'routing.skillgroup',
      key: 'Billing Linguists',
      id: 'uat-sg-1',
      current,
      desired: current,
      resolveId: everything,
    });
    assert.deepEqual(same, { kind: 'calls', calls: [] });
    const blocked = objectCalls({
      type: 'routing.skillgroup',
      key: 'Billing Linguists',
      id: null,
      current: null,
      desired: current,
      resolveId,
    });
    assert.equal(blocked.kind, 'blocked');
    assert.match(
      blocked.kind === 'blocked' ? blocked.reason : '',
      /the skill "Refunds" \(at skillConditions\[0\]/,
    );
  });
});
