import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJsonSchema, checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import { billingChatQueue, divisionRef, skillRef } from './changeset-fixture';

type Node = Record<string, unknown>;
const node = (value: unknown): Node => value as Node;

/** A small JSON Schema check, enough for the shapes the generated schemas use. */
function accepts(schema: unknown, value: unknown): boolean {
  const s = node(schema);
  if (Array.isArray(s.anyOf)) return s.anyOf.some((branch) => accepts(branch, value));
  if ('const' in s && s.const !== value) return false;
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return false;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 0 && !types.some((type) => typeMatches(type as string, value))) return false;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = node(s.properties ?? {});
    for (const field of (s.required as string[] | undefined) ?? []) if (!(field in value)) return false;
    for (const [field, fieldValue] of Object.entries(value)) {
      if (field in properties) {
        if (!accepts(properties[field], fieldValue)) return false;
      } else if (s.additionalProperties === false) return false;
    }
  }
  if (Array.isArray(value) && s.items !== undefined)
    return value.every((element) => accepts(s.items, element));
  return true;
}

function typeMatches(type: string, value: unknown): boolean {
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

describe('checkCanonicalObject', () => {
  it('accepts a real canonical queue', () => {
    assert.deepEqual(checkCanonicalObject('routing.queue', billingChatQueue), []);
  });

  it('reports a bad field at its path', () => {
    const broken = {
      ...billingChatQueue,
      acwSettings: { timeoutMs: 'abc', wrapupPrompt: 'MANDATORY_TIMEOUT' },
    };
    const issues = checkCanonicalObject('routing.queue', broken);
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['acwSettings.timeoutMs'],
    );
    assert.match(issues[0]?.message ?? '', /number/);
  });

  it('checks reference positions: the shape, the target type and the name', () => {
    const issues = checkCanonicalObject('routing.queue', {
      ...billingChatQueue,
      division: { id: 'abc' },
      bullseye: {
        rings: [
          {
            actions: {
              skillsToRemove: [skillRef('A'), divisionRef('Home'), { $ref: 'routing.skill', name: 5 }],
            },
          },
        ],
      },
    });
    assert.deepEqual(
      issues.map((issue) => [issue.path, issue.message]),
      [
        ['division', 'must be a reference {"$ref": "authorization.division", "name": "…"}'],
        [
          'bullseye.rings[0].actions.skillsToRemove[1]',
          'refers to authorization.division where routing.skill is expected',
        ],
        ['bullseye.rings[0].actions.skillsToRemove[2].name', 'must be a non-empty string'],
      ],
    );
  });

  it('requires the natural key and an object, and knows unknown types', () => {
    assert.deepEqual(
      checkCanonicalObject('routing.skill', { division: divisionRef('Home') }).map((issue) => issue.path),
      ['name'],
    );
    assert.deepEqual(checkCanonicalObject('routing.skill', ['x']), [
      { path: '', message: 'must be an object' },
    ]);
    assert.match(checkCanonicalObject('routing.nope', {})[0]?.message ?? '', /unknown object type/);
    assert.deepEqual(
      checkCanonicalObject('flows.datatable', {
        name: 'T',
        rows: [{ key: 'a', ['Phone Number']: 1 }, { Notes: 'x' }],
      }).map((issue) => issue.path),
      ['rows[1].key'],
    );
  });
});

describe('canonicalJsonSchema', () => {
  const schema = canonicalJsonSchema('routing.queue');
  const properties = node(schema.properties);

  it('is plain JSON for every type', () => {
    for (const type of objectTypeIds) {
      const generated = canonicalJsonSchema(type);
      assert.deepEqual(JSON.parse(JSON.stringify(generated)), generated, type);
      assert.equal(JSON.stringify(generated).includes('x-ferry'), false);
    }
  });

  it('requires the name and neither offers nor requires volatile fields', () => {
    assert.deepEqual(schema.required, ['name']);
    for (const field of ['id', 'selfUri', 'version', 'dateModified', 'modifiedBy', 'memberCount']) {
      assert.equal(field in properties, false, field);
    }
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  });

  it('describes reference positions as canonical references to the declared type', () => {
    assert.equal(accepts(properties.division, { $ref: 'authorization.division', name: 'Home' }), true);
    assert.equal(accepts(properties.division, { $ref: 'routing.skill', name: 'Home' }), false);
    assert.equal(accepts(properties.division, { id: 'abc' }), false);
    assert.equal(accepts(properties.wrapupCodes, [{ $ref: 'routing.wrapupcode', name: 'Resolved' }]), true);
    assert.equal(accepts(properties.queueFlow, { $ref: 'architect.flow', name: 'Inbound' }), true);
  });

  it('accepts a real canonical queue, and not a broken one', () => {
    assert.equal(accepts(schema, billingChatQueue), true);
    assert.equal(accepts(schema, { ...billingChatQueue, acwSettings: { timeoutMs: 'abc' } }), false);
    const nameless: Record<string, unknown> = { ...billingChatQueue };
    delete nameless.name;
    assert.equal(accepts(schema, nameless), false);
  });
});
