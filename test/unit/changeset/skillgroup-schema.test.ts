import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJsonSchema, checkCanonicalObject } from '../../../shared/changeset/canonical-schema';

/**
 * A skill group's conditions nest (`childConditions`), so zod writes them as shared definitions
 * referred to by `$ref` from each level. The editor's schema must still say that every skill and
 * language a condition names is a reference by name, at every level.
 */

type Node = Record<string, unknown>;

/** Every schema node held under a property called `field`, anywhere in the schema. */
function propertiesNamed(schema: unknown, field: string): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    const properties = node.properties as Node | undefined;
    if (properties !== undefined && typeof properties === 'object' && field in properties) {
      found.push(properties[field]);
    }
    Object.values(node).forEach(walk);
  };
  walk(schema);
  return found;
}

const reference = (type: string, name: string) => ({ $ref: type, name });

const canonical = {
  name: 'Billing Linguists',
  division: reference('authorization.division', 'Home'),
  skillConditions: [
    {
      operation: 'And',
      languageSkillConditions: [],
      routingSkillConditions: [
        {
          routingSkill: reference('routing.skill', 'Billing'),
          comparator: 'GreaterThanOrEqualTo',
          proficiency: 3,
          childConditions: [
            {
              operation: 'Or',
              routingSkillConditions: [],
              languageSkillConditions: [
                {
                  languageSkill: reference('routing.language', 'French'),
                  comparator: 'GreaterThan',
                  proficiency: 2,
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('skill group canonical schema', () => {
  it('makes every skill and language a condition names a reference, through the recursive definitions', () => {
    const schema = canonicalJsonSchema('routing.skillgroup');
    for (const [field, type] of [
      ['routingSkill', 'routing.skill'],
      ['languageSkill', 'routing.language'],
    ] as const) {
      const places = propertiesNamed(schema, field);
      assert.ok(places.length > 0, `${field} is in the schema`);
      for (const place of places) {
        assert.match(JSON.stringify(place), new RegExp(`"const":"${type.replace('.', '\\.')}"`), field);
        assert.doesNotMatch(JSON.stringify(place), /^\{"type":"string"/, `${field} is not a bare string`);
      }
    }
    assert.equal(JSON.stringify(schema).includes('memberCount'), false, 'volatile fields are left out');
  });

  it('accepts conditions naming skills by reference and refuses a bare skill name where one is expected', () => {
    assert.deepEqual(checkCanonicalObject('routing.skillgroup', canonical), []);
    const bare = structuredClone(canonical) as unknown as {
      skillConditions: { routingSkillConditions: { routingSkill: unknown }[] }[];
    };
    const first = bare.skillConditions[0]?.routingSkillConditions[0];
    assert.ok(first);
    first.routingSkill = 'Billing';
    const issues = checkCanonicalObject('routing.skillgroup', bare as unknown as Record<string, unknown>);
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['skillConditions[0].routingSkillConditions[0].routingSkill'],
    );
  });
});
