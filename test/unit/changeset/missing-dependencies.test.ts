import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingDependencies } from '../../../shared/changeset/missing-dependencies';
import { objectIn } from '../../../shared/changeset/object-state';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { divisionRef, queue, ref, skill, skillRef, stateOf, wrapupRef } from './changeset-fixture';

const target = stateOf(['authorization.division', { name: 'Home' }], ['routing.skill', skill('Billing')]);
const targetHas = (type: string, key: string) => objectIn(target, type, key) !== undefined;

describe('missingDependencies', () => {
  it('lists managed objects referred to that nothing provides, in dependency order then by key', () => {
    const operations: ChangesetOperation[] = [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Chat',
        body: queue('Chat', {
          division: divisionRef('Sales'),
          bullseye: {
            rings: [
              { actions: { skillsToRemove: [skillRef('Video'), skillRef('Billing'), skillRef('Chat')] } },
            ],
          },
          wrapupCodes: [wrapupRef('Resolved')],
          queueFlow: ref('architect.flow', 'Chat In-Queue'),
        }),
      },
      { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Voice',
        changes: [
          { path: 'wrapupCodes', after: [wrapupRef('Callback'), wrapupRef('Resolved')] },
          { path: 'bullseye.rings[0].actions.skillsToRemove[0]', after: skillRef('Video') },
          { path: 'division.name', before: 'Home', after: 'Sales' },
        ],
      },
      {
        op: 'delete',
        type: 'routing.skill',
        key: 'Old',
        before: { name: 'Old', division: divisionRef('Gone') },
      },
    ];
    const missing = missingDependencies(operations, targetHas, [
      { type: 'routing.wrapupcode', key: 'Callback' },
    ]);
    assert.deepEqual(
      missing.map((entry) => [entry.type, entry.key]),
      [
        ['authorization.division', 'Sales'],
        ['routing.skill', 'Video'],
        ['routing.wrapupcode', 'Resolved'],
        // Flows are managed since issue 18: the queue's in-queue flow, by flow type and name.
        ['architect.flow', 'INQUEUECALL/Chat In-Queue'],
      ],
    );
    assert.deepEqual(missing[0]?.referencedBy, [
      { operation: 0, type: 'routing.queue', key: 'Chat', path: 'division' },
      { operation: 2, type: 'routing.queue', key: 'Voice', path: 'division' },
    ]);
    assert.deepEqual(missing[1]?.referencedBy, [
      {
        operation: 0,
        type: 'routing.queue',
        key: 'Chat',
        path: 'bullseye.rings[0].actions.skillsToRemove[0]',
      },
      {
        operation: 2,
        type: 'routing.queue',
        key: 'Voice',
        path: 'bullseye.rings[0].actions.skillsToRemove[0]',
      },
    ]);
  });

  it('is empty when everything is provided', () => {
    assert.deepEqual(
      missingDependencies(
        [{ op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') }],
        targetHas,
      ),
      [],
    );
  });
});
