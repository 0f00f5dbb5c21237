import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJsonSchema, checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { ref } from './changeset-fixture';

/**
 * The JSON Schemas Monaco edits the issue-17 types with: each must describe the canonical form
 * (references by name, DNIS as E.164, `enabled` a boolean) and agree with the changeset check.
 */

type Node = Record<string, unknown>;
const node = (value: unknown): Node => value as Node;

/** A small JSON Schema check: the keywords the generated schemas use, patterns and bounds too. */
function accepts(schema: unknown, value: unknown): boolean {
  const s = node(schema);
  if (Array.isArray(s.anyOf) && !s.anyOf.some((branch) => accepts(branch, value))) return false;
  if ('const' in s && s.const !== value) return false;
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return false;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 0 && !types.some((type) => typeMatches(type as string, value))) return false;
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return false;
    if (typeof s.minLength === 'number' && value.length < s.minLength) return false;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
  }
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
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

/** The schema and the changeset check say the same about `value`. */
function agree(type: string, value: Record<string, unknown>): boolean {
  const bySchema = accepts(canonicalJsonSchema(type), value);
  const byCheck = checkCanonicalObject(type, value).length === 0;
  assert.equal(bySchema, byCheck, `${type}: schema says ${bySchema}, check says ${byCheck}`);
  return bySchema;
}

// Canonical objects as a uat snapshot of the sandbox holds them.
const salesFloorClosure = {
  name: 'Sales Floor Closure',
  description: 'Sales floor unavailable',
  division: ref('authorization.division', 'Sales & Retention'),
  enabled: false,
  emergencyCallFlows: [
    { emergencyFlow: ref('architect.flow', 'Emergency Closure'), ivrs: [ref('architect.ivr', 'Sales Line')] },
  ],
};

const mainLine = {
  name: 'Main Line',
  division: ref('authorization.division', 'Home'),
  dnis: ['+443307000001', '+443307000002'],
  openHoursFlow: ref('architect.flow', 'Main IVR'),
  closedHoursFlow: ref('architect.flow', 'Closed Message'),
  holidayHoursFlow: ref('architect.flow', 'Holiday Message'),
  scheduleGroup: ref('architect.schedulegroup', 'Customer Service Hours'),
};

const organization = {
  name: 'organization',
  utilization: {
    call: { maximumCapacity: 1, includeNonAcd: false },
    chat: { maximumCapacity: 3, interruptableMediaTypes: ['call'] },
  },
  labelUtilizations: {
    VIP: { maximumCapacity: 1, interruptingLabelIds: [] },
    'Complex Case': { maximumCapacity: 2, interruptingLabelIds: [ref('routing.utilizationlabel', 'VIP')] },
  },
};

describe('canonical JSON Schema of the issue-17 types', () => {
  it('titles each type, requires its name and leaves volatile fields out', () => {
    for (const type of [
      'architect.emergencygroup',
      'architect.ivr',
      'directory.group',
      'routing.utilizationlabel',
      'routing.utilization',
    ]) {
      const schema = canonicalJsonSchema(type);
      const properties = node(schema.properties);
      assert.deepEqual(schema.required, ['name'], type);
      for (const field of ['id', 'selfUri', 'version', 'dateModified', 'state']) {
        assert.equal(field in properties, false, `${type} offers ${field}`);
      }
      assert.equal(typeof schema.title, 'string');
    }
  });

  it('emergency group: enabled is a boolean, its flows and IVRs references by name', () => {
    const schema = canonicalJsonSchema('architect.emergencygroup');
    assert.equal(agree('architect.emergencygroup', salesFloorClosure), true);
    assert.equal(agree('architect.emergencygroup', { ...salesFloorClosure, enabled: true }), true);
    assert.equal(agree('architect.emergencygroup', { ...salesFloorClosure, enabled: 'yes' }), false);
    assert.equal(agree('architect.emergencygroup', { ...salesFloorClosure, enabled: 1 }), false);
    const entry = node(node(node(node(schema.properties).emergencyCallFlows).anyOf));
    assert.ok(entry, 'emergencyCallFlows is described');
    // The flow must be a flow, named; an IVR list holds IVRs.
    for (const [emergencyFlow, ok] of [
      [ref('architect.flow', 'Emergency Closure'), true],
      [ref('architect.ivr', 'Emergency Closure'), false],
      [{ $ref: 'architect.flow', name: '' }, false],
      [{ id: 'f00d' }, false],
      [{ $param: 'closureFlow' }, true],
    ] as const) {
      assert.equal(
        agree('architect.emergencygroup', {
          ...salesFloorClosure,
          emergencyCallFlows: [{ emergencyFlow, ivrs: [ref('architect.ivr', 'Sales Line')] }],
        }),
        ok,
        JSON.stringify(emergencyFlow),
      );
    }
    assert.equal(
      agree('architect.emergencygroup', {
        ...salesFloorClosure,
        emergencyCallFlows: [
          { emergencyFlow: ref('architect.flow', 'X'), ivrs: [ref('architect.flow', 'Y')] },
        ],
      }),
      false,
    );
  });

  it('IVR: DNIS numbers are E.164 strings or parameters, flows and the schedule group by name', () => {
    const schema = canonicalJsonSchema('architect.ivr');
    assert.equal(agree('architect.ivr', mainLine), true);
    assert.match(JSON.stringify(node(schema.properties).dnis), /"pattern":"\^\\\\\+\[1-9\]/);
    for (const [number, ok] of [
      ['+443307000009', true],
      ['+44 330 700 0009', false],
      ['03307000009', false],
      ['+0443307000009', false],
      [443307000009, false],
      [{ $param: 'mainLineNumber' }, true],
    ] as const) {
      assert.equal(agree('architect.ivr', { ...mainLine, dnis: [number] }), ok, JSON.stringify(number));
    }
    assert.equal(agree('architect.ivr', { ...mainLine, dnis: { $param: 'mainLineNumbers' } }), true);
    assert.equal(
      agree('architect.ivr', { ...mainLine, openHoursFlow: ref('architect.schedulegroup', 'Main IVR') }),
      false,
    );
    assert.equal(
      agree('architect.ivr', {
        ...mainLine,
        scheduleGroup: ref('architect.schedule', 'Customer Service Hours'),
      }),
      false,
    );
    assert.equal(agree('architect.ivr', { ...mainLine, holidayHoursFlow: 'Holiday Message' }), false);
  });

  it('utilization: capacities per media and per label (keyed by label name), interrupting labels by name', () => {
    assert.equal(agree('routing.utilization', organization), true);
    assert.equal(
      agree('routing.utilization', {
        ...organization,
        utilization: { call: { maximumCapacity: 26 } },
      }),
      false,
      'Genesys allows at most 25',
    );
    assert.equal(
      agree('routing.utilization', {
        ...organization,
        utilization: { chat: { interruptableMediaTypes: ['fax'] } },
      }),
      false,
    );
    assert.equal(
      agree('routing.utilization', {
        ...organization,
        labelUtilizations: { VIP: { interruptingLabelIds: [ref('routing.skill', 'VIP')] } },
      }),
      false,
    );
    assert.equal(
      agree('routing.utilization', {
        ...organization,
        utilization: { call: { includeNonAcd: 'no' } },
      }),
      false,
    );
  });

  it('utilization label and group: a name, and the group its own fields', () => {
    assert.equal(agree('routing.utilizationlabel', { name: 'VIP' }), true);
    assert.equal(agree('routing.utilizationlabel', { name: '' }), false);
    const group = {
      name: 'Video Support Agents',
      description: 'Agents on the video pilot',
      type: 'official',
      visibility: 'public',
      rulesVisible: true,
      addresses: [{ address: '+443306001000', mediaType: 'PHONE', type: 'GROUPRING' }],
    };
    assert.equal(agree('directory.group', group), true);
    assert.equal(agree('directory.group', { ...group, visibility: 'everyone' }), false);
  });
});
