import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalize } from '../../../shared/model/canonical/canonicalize';
import { materialize } from '../../../shared/model/canonical/materialize';
import { isFerryError } from '../../../shared/api/api-error';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { buildOrg } from './genesys-org-fixture';

/** The API object as a write would send it back: volatile fields gone, references as `{id}`. */
function expectedBody(typeId: string, apiObject: Record<string, unknown>): unknown {
  const type = getObjectType(typeId);
  const text = JSON.stringify(apiObject, (key, value: unknown) => {
    if (key !== '' && value !== null && typeof value === 'object' && !Array.isArray(value) && 'id' in value) {
      return { id: (value as { id: unknown }).id };
    }
    return value;
  });
  const copy = JSON.parse(text) as Record<string, unknown>;
  for (const field of Object.keys(copy)) {
    const volatile = type.volatileFields.some((glob) =>
      new RegExp(`^${glob.replaceAll('*', '.*')}$`).test(field),
    );
    if (volatile || type.subResources.some((sub) => sub.field === field)) Reflect.deleteProperty(copy, field);
  }
  return copy;
}

function sortedById(list: unknown[] | undefined): unknown[] {
  return [...(list ?? [])].sort((a, b) =>
    String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)),
  );
}

describe('materialize', () => {
  it('turns every reference back into the id it came from in the same org', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    for (const typeId of objectTypeIds) {
      for (const apiObject of dev.objects[typeId]) {
        const canonical = canonicalize(typeId, apiObject, dev.resolveName);
        const written = materialize(typeId, canonical.value, dev.resolveId);
        assert.equal(written.key, canonical.key);
        assert.deepEqual(written.unresolved, []);
        // Equal up to the order of unordered lists, which canonical form sorts.
        const body = JSON.parse(JSON.stringify(written.body)) as Record<string, unknown>;
        const expected = expectedBody(typeId, apiObject) as Record<string, unknown>;
        if (typeId === 'routing.queue') {
          const rings = (queue: Record<string, unknown>) =>
            (queue.bullseye as { rings: { actions: { skillsToRemove: unknown[] } }[] }).rings;
          for (const ring of [...rings(body), ...rings(expected)]) {
            ring.actions.skillsToRemove = sortedById(ring.actions.skillsToRemove);
          }
        }
        if (typeId === 'architect.schedulegroup') {
          expected.openSchedules = sortedById(expected.openSchedules as unknown[]);
          body.openSchedules = sortedById(body.openSchedules as unknown[]);
        }
        if (typeId === 'flows.datatable') {
          (expected.schema as { required: string[] }).required.sort();
        }
        assert.deepEqual(body, expected, `${typeId} ${canonical.key}`);
      }
    }
  });

  it('writes a queue from one org into another: ids of the target, wrap-up codes returned separately', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const prod = buildOrg({ org: 'prod', reorder: true, drift: 60 });
    const { value } = canonicalize('routing.queue', dev.objects['routing.queue'][0], dev.resolveName);
    const { body, subResources, unresolved } = materialize('routing.queue', value, prod.resolveId);
    assert.deepEqual(unresolved, []);
    assert.ok(!('wrapupCodes' in body));
    assert.deepEqual(subResources, {
      wrapupCodes: ['Call Back', 'Escalated', 'Resolved'].map((name) => ({
        id: prod.idOf('routing.wrapupcode', name),
      })),
    });
    assert.deepEqual(body.division, { id: prod.idOf('authorization.division', 'Sales') });
    assert.deepEqual(body.queueFlow, { id: prod.idOf('architect.flow', 'Billing In-Queue') });
    const ring = (body.bullseye as { rings: { actions: { skillsToRemove: unknown[] } }[] }).rings[0];
    assert.deepEqual(ring?.actions.skillsToRemove, [
      { id: prod.idOf('routing.skill', 'Billing') },
      { id: prod.idOf('routing.skill', 'Spanish') },
    ]);
    assert.doesNotMatch(JSON.stringify(body), /dev-|\$ref/);
  });

  it('returns data table rows separately and keeps the schema in the body', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const { value } = canonicalize('flows.datatable', dev.objects['flows.datatable'][0], dev.resolveName);
    const { body, subResources } = materialize('flows.datatable', value, dev.resolveId);
    assert.ok(!('rows' in body));
    assert.ok('schema' in body);
    assert.deepEqual(
      subResources.rows?.map((row) => (row as { key: string }).key),
      ['10', 'NYD', 'XMAS'],
    );
  });

  it('leaves out a sub-resource the canonical value does not mention, and keeps an empty one', () => {
    const resolveId = () => 'some-id';
    const without = materialize('routing.queue', { name: 'Plain' }, resolveId);
    assert.deepEqual(without, { key: 'Plain', body: { name: 'Plain' }, subResources: {}, unresolved: [] });
    const empty = materialize('routing.queue', { name: 'Plain', wrapupCodes: [] }, resolveId);
    assert.deepEqual(empty.subResources, { wrapupCodes: [] });
  });

  it('reports references the target cannot resolve, with where they are, instead of throwing', () => {
    const knowsDivisionsOnly = (refType: string, name: string) =>
      refType === 'authorization.division' ? `div-${name}` : undefined;
    const value = {
      name: 'Billing Queue',
      division: { $ref: 'authorization.division', name: 'Sales' },
      bullseye: { rings: [{ actions: { skillsToRemove: [{ $ref: 'routing.skill', name: 'Klingon' }] } }] },
      wrapupCodes: [{ $ref: 'routing.wrapupcode', id: 'dev-code-no-name' }],
    };
    const { body, subResources, unresolved } = materialize('routing.queue', value, knowsDivisionsOnly);
    assert.deepEqual(body.division, { id: 'div-Sales' });
    assert.deepEqual(body.bullseye, { rings: [{ actions: { skillsToRemove: [{ name: 'Klingon' }] } }] });
    assert.deepEqual(subResources.wrapupCodes, [{}]);
    assert.deepEqual(unresolved, [
      { path: 'bullseye.rings[0].actions.skillsToRemove[0]', refType: 'routing.skill', name: 'Klingon' },
      { path: 'wrapupCodes[0]', refType: 'routing.wrapupcode', id: 'dev-code-no-name' },
    ]);
  });

  it('drops volatile fields a hand-edited value carries', () => {
    const { body } = materialize(
      'architect.schedule',
      { name: 'Weekdays', id: 'other-org-id', version: 7, dateModified: 'yesterday', rrule: 'FREQ=DAILY' },
      () => undefined,
    );
    assert.deepEqual(body, { name: 'Weekdays', rrule: 'FREQ=DAILY' });
  });

  it('refuses a value whose references are not canonical or point at the wrong type, naming the field', () => {
    const isCanonicalInvalid = (pattern: RegExp) => (error: unknown) =>
      isFerryError(error) && error.code === 'object.canonical-invalid' && pattern.test(error.message);
    assert.throws(
      () => materialize('routing.skill', { name: 'Billing', division: { id: 'raw-id' } }, () => 'x'),
      isCanonicalInvalid(/Skill: division: must be a reference \{"\$ref": "authorization\.division"/),
    );
    assert.throws(
      () =>
        materialize(
          'architect.schedulegroup',
          { name: 'G', holidaySchedules: [{ $ref: 'routing.skill', name: 'Christmas' }] },
          () => 'x',
        ),
      isCanonicalInvalid(
        /holidaySchedules\[0\]: refers to routing\.skill where architect\.schedule is expected/,
      ),
    );
    assert.throws(
      () => materialize('routing.skill', { division: null }, () => 'x'),
      isCanonicalInvalid(/name/),
    );
    assert.throws(
      () => materialize('routing.skill', ['Billing'], () => 'x'),
      isCanonicalInvalid(/must be an object/),
    );
    assert.throws(
      () => materialize('routing.queue', { name: 'Q', wrapupCodes: 'all' }, () => 'x'),
      isCanonicalInvalid(/wrapupCodes: must be a list/),
    );
  });
});
