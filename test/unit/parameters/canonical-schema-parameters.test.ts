import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJsonSchema } from '../../../shared/changeset/canonical-schema';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import { findObjectType } from '../../../shared/model/object-types/registry';
import { billingChatQueue } from '../changeset/changeset-fixture';

type Node = Record<string, unknown>;
const node = (value: unknown): Node => value as Node;

/** A small JSON Schema check covering what the generated schemas use, `pattern` included. */
function accepts(schema: unknown, value: unknown): boolean {
  const s = node(schema);
  if (Array.isArray(s.anyOf)) return s.anyOf.some((branch) => accepts(branch, value));
  if ('const' in s && s.const !== value) return false;
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return false;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 0 && !types.some((type) => typeMatches(type as string, value))) return false;
  if (typeof value === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern).test(value))
    return false;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const properties = node(s.properties ?? {});
    for (const field of (s.required as string[] | undefined) ?? []) if (!(field in value)) return false;
    for (const [field, fieldValue] of Object.entries(value)) {
      if (field in properties) {
        if (!accepts(properties[field], fieldValue)) return false;
      } else if (s.additionalProperties === false) return false;
      else if (typeof s.additionalProperties === 'object' && !accepts(s.additionalProperties, fieldValue))
        return false;
    }
  }
  if (Array.isArray(value) && s.items !== undefined)
    return value.every((element) => accepts(s.items, element));
  return true;
}

function typeMatches(type: string, value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'null') return value === null;
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

const param = (name: string) => ({ $param: name });

describe('canonicalJsonSchema with parameters (issue 15)', () => {
  const schema = canonicalJsonSchema('routing.queue');

  it('accepts {"$param": name} at any value position of a queue', () => {
    const queue = {
      ...billingChatQueue,
      description: param('billingDescription'),
      division: param('billingDivision'),
      acwSettings: { wrapupPrompt: param('wrapupPrompt'), timeoutMs: param('acwTimeoutMs') },
      mediaSettings: param('mediaSettings'),
      wrapupCodes: [param('resolvedCode')],
    };
    assert.equal(accepts(schema, queue), true);
    assert.equal(accepts(schema, { ...billingChatQueue, acwSettings: param('acw') }), true);
  });

  it('still refuses what was wrong without a parameter, and a malformed marker', () => {
    assert.equal(accepts(schema, { ...billingChatQueue, acwSettings: { timeoutMs: 'abc' } }), false);
    assert.equal(accepts(schema, { ...billingChatQueue, description: { $param: 'has space' } }), false);
    assert.equal(accepts(schema, { ...billingChatQueue, description: { $param: 'ok', extra: 1 } }), false);
    assert.equal(accepts(schema, { ...billingChatQueue, description: { $param: 7 } }), false);
  });

  it('never accepts a parameter as the natural key or as the whole object', () => {
    for (const type of objectTypeIds) {
      const generated = canonicalJsonSchema(type);
      const naturalKey = findObjectType(type)?.naturalKey ?? 'name';
      const key = node(node(generated.properties)[naturalKey]);
      assert.equal(accepts(key, param('queueName')), false, type);
      assert.equal(accepts(generated, param('whole')), false, type);
    }
  });

  it('offers a reference whole as a parameter, never its type or name alone', () => {
    const division = node(schema.properties).division;
    assert.equal(accepts(division, param('homeDivision')), true);
    assert.equal(accepts(division, { $ref: 'authorization.division', name: param('homeName') }), false);
  });
});
