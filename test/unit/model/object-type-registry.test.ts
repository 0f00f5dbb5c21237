import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { orderByDependencies } from '../../../shared/model/object-types/dependency-order';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import {
  getObjectType,
  objectTypes,
  objectTypesInDependencyOrder,
  registryProblems,
} from '../../../shared/model/object-types/registry';

describe('object type registry', () => {
  it('defines every type once, consistently', () => {
    assert.deepEqual(
      objectTypes.map((type) => type.id),
      [...objectTypeIds],
    );
    assert.deepEqual(registryProblems(), []);
    for (const type of objectTypes) {
      // `/groups`, `/routing/queues`, or a list under a parent (`/routing/utilization/labels`).
      assert.match(type.collectionPath, /^\/api\/v2(\/[a-z]+){1,3}$/);
      assert.ok(type.volatileFields.includes('id') && type.volatileFields.includes('selfUri'), type.id);
      assert.ok(!type.volatileFields.includes(type.naturalKey), type.id);
    }
  });

  it('describes the shapes the issue asks for', () => {
    const queue = getObjectType('routing.queue');
    assert.equal(queue.collectionPath, '/api/v2/routing/queues');
    assert.deepEqual(
      queue.references.filter((reference) => reference.targetType === 'routing.skill').map((r) => r.path),
      ['bullseye.rings[].actions.skillsToRemove[]'],
    );
    assert.deepEqual(queue.subResources, [
      { field: 'wrapupCodes', path: '/wrapupcodes', holdsReferences: true },
    ]);
    assert.deepEqual(getObjectType('architect.schedulegroup').dependencies, [
      'authorization.division',
      'architect.schedule',
    ]);
    assert.equal(getObjectType('flows.datatable').naturalKey, 'name');
    assert.deepEqual(getObjectType('routing.language').dependencies, []);
  });

  it('refuses an unknown type with the list of known ones', () => {
    assert.throws(
      () => getObjectType('routing.queues'),
      (error: unknown) =>
        isFerryError(error) && error.code === 'object-type.unknown' && /routing\.queue,/.test(error.message),
    );
  });

  it('orders types so that each comes after what it depends on', () => {
    const order = objectTypesInDependencyOrder();
    assert.deepEqual(order, [
      'authorization.division',
      'routing.skill',
      'routing.language',
      'routing.wrapupcode',
      'directory.group',
      'architect.prompt',
      'routing.skillgroup',
      'architect.schedule',
      'architect.schedulegroup',
      'flows.datatable',
      // Issue 18: flows come after what their configurations use; queues and the rest point at flows.
      'integrations.integration',
      'integrations.action',
      'architect.flow',
      'routing.queue',
      'architect.ivr',
      'architect.emergencygroup',
      'routing.utilizationlabel',
      'routing.utilization',
    ]);
    for (const type of objectTypes) {
      for (const dependency of type.dependencies) {
        assert.ok(order.indexOf(dependency) < order.indexOf(type.id), `${dependency} before ${type.id}`);
      }
    }
    const subset = objectTypesInDependencyOrder([
      getObjectType('routing.queue'),
      getObjectType('routing.skill'),
    ]);
    assert.deepEqual(subset, ['routing.skill', 'routing.queue']);
  });

  it('keeps the input order among nodes that are ready together', () => {
    assert.deepEqual(
      orderByDependencies([
        { id: 'c', dependencies: ['a'] },
        { id: 'b', dependencies: [] },
        { id: 'a', dependencies: [] },
        { id: 'd', dependencies: ['c', 'outside-the-set'] },
      ]),
      ['b', 'a', 'c', 'd'],
    );
  });

  it('refuses a cycle and names it', () => {
    assert.throws(
      () =>
        orderByDependencies([
          { id: 'start', dependencies: [] },
          { id: 'a', dependencies: ['c', 'start'] },
          { id: 'b', dependencies: ['a'] },
          { id: 'c', dependencies: ['b'] },
          { id: 'after', dependencies: ['a'] },
        ]),
      (error: unknown) =>
        isFerryError(error) &&
        error.code === 'object-type.dependency-cycle' &&
        /a → c → b → a/.test(error.message) &&
        JSON.stringify(error.details?.cycle) === '["a","c","b","a"]',
    );
    assert.throws(() => orderByDependencies([{ id: 'self', dependencies: ['self'] }]), /self → self/);
    const broken = [{ ...getObjectType('authorization.division'), dependencies: ['routing.queue' as const] }];
    assert.match(registryProblems([...objectTypes.slice(1), ...broken]).join('\n'), /cycle/);
  });

  it('reports a reference to a managed type missing from the dependencies', () => {
    const skill = getObjectType('routing.skill');
    assert.deepEqual(registryProblems([{ ...skill, dependencies: [] }]), [
      'routing.skill.division points at authorization.division, not in its dependencies',
    ]);
  });
});
