import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChangeset, type ValidationFinding } from '../../../shared/changeset/validate-changeset';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { ObjectTypeDefinition } from '../../../shared/model/object-types/object-type-definition';
import { findObjectType, getObjectType } from '../../../shared/model/object-types/registry';
import { division, queue, ref, skill, skillRef, stateOf, wrapupCode, wrapupRef } from './changeset-fixture';

const target = stateOf(
  ['authorization.division', division('Home')],
  ['routing.skill', skill('Billing')],
  ['routing.skill', skill('Video')],
  ['routing.wrapupcode', wrapupCode('Resolved')],
  ['routing.queue', queue('Billing - Voice', { wrapupCodes: [wrapupRef('Resolved')] })],
);

const ringsRemoving = (...names: string[]) => ({
  rings: [{ actions: { skillsToRemove: names.map(skillRef) } }],
});

function only(findings: readonly ValidationFinding[], code: ValidationFinding['code']): ValidationFinding[] {
  return findings.filter((finding) => finding.code === code);
}

describe('validateChangeset', () => {
  it('passes a sound changeset with no findings', () => {
    const result = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
          {
            op: 'create',
            type: 'routing.queue',
            key: 'Chat',
            body: queue('Chat', { bullseye: ringsRemoving('Chat') }),
          },
          {
            op: 'update',
            type: 'routing.queue',
            key: 'Billing - Voice',
            changes: [{ path: 'acwSettings.timeoutMs', before: 30000, after: 45000 }],
          },
        ],
      },
      target,
    );
    assert.deepEqual(result.findings, []);
    assert.equal(result.valid, true);
    assert.deepEqual(result.order, [0, 2, 1]);
  });

  it('unknown-type: an operation on a type Ferry does not manage', () => {
    const result = validateChangeset(
      { operations: [{ op: 'create', type: 'routing.queues', key: 'A', body: { name: 'A' } }] },
      null,
    );
    assert.equal(result.valid, false);
    assert.deepEqual(
      result.findings.map((finding) => [finding.severity, finding.code, finding.operation, finding.path]),
      [['error', 'unknown-type', 0, 'operations[0].type']],
    );
    assert.match(result.findings[0]?.hint ?? '', /routing\.queue/);
  });

  it('schema: a bad field in a create body, pointed at in the document', () => {
    const body = queue('Chat', { acwSettings: { timeoutMs: 'abc' }, division: { id: 'abc-123' } });
    const { findings } = validateChangeset(
      { operations: [{ op: 'create', type: 'routing.queue', key: 'Chat', body }] },
      null,
    );
    const schema = only(findings, 'schema');
    assert.deepEqual(schema.map((finding) => finding.path).sort(), [
      'operations[0].body.acwSettings.timeoutMs',
      'operations[0].body.division',
    ]);
    assert.ok(schema.every((finding) => finding.severity === 'error' && finding.hint !== ''));
    assert.match(
      schema.find((finding) => finding.path.endsWith('division'))?.message ?? '',
      /must be a reference/,
    );
  });

  it('schema: a delete before is checked too', () => {
    const { findings } = validateChangeset(
      {
        operations: [
          { op: 'delete', type: 'routing.skill', key: 'Video', before: { name: 'Video', division: 'Home' } },
        ],
      },
      null,
    );
    assert.deepEqual(
      only(findings, 'schema').map((finding) => finding.path),
      ['operations[0].before.division'],
    );
  });

  it('schema: an update is checked after applying it to the target object, at the change that caused it', () => {
    const { findings } = validateChangeset(
      {
        operations: [
          {
            op: 'update',
            type: 'routing.queue',
            key: 'Billing - Voice',
            changes: [
              {
                path: 'acwSettings',
                before: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
                after: { timeoutMs: 'abc' },
              },
              { path: 'scoringMethod', after: 'Whatever' },
            ],
          },
        ],
      },
      target,
    );
    assert.deepEqual(
      only(findings, 'schema').map((finding) => finding.path),
      ['operations[0].changes[0].after.timeoutMs', 'operations[0].changes[1].after'],
    );
  });

  it('schema: a change path that cannot name one place', () => {
    const { findings, valid } = validateChangeset(
      {
        operations: [
          {
            op: 'update',
            type: 'routing.queue',
            key: 'Billing - Voice',
            changes: [{ path: 'bullseye.rings[].x', after: 1 }],
          },
        ],
      },
      target,
    );
    assert.equal(valid, false);
    assert.deepEqual(
      only(findings, 'schema').map((finding) => finding.path),
      ['operations[0].changes[0].path'],
    );
  });

  it('key-mismatch: a body whose natural key is not the key, and an update that renames', () => {
    const { findings } = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chats') },
          {
            op: 'update',
            type: 'routing.skill',
            key: 'Video',
            changes: [{ path: 'name', before: 'Video', after: 'Videos' }],
          },
        ],
      },
      target,
    );
    assert.deepEqual(
      only(findings, 'key-mismatch').map((finding) => [finding.operation, finding.path]),
      [
        [0, 'operations[0].body.name'],
        [1, 'operations[1].changes[0].after'],
      ],
    );
    assert.match(
      only(findings, 'key-mismatch')[0]?.message ?? '',
      /"Chats" but the operation's key is "Chat"/,
    );
  });

  it('duplicate-object: two operations on one object', () => {
    const { findings } = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
          { op: 'delete', type: 'routing.skill', key: 'Chat', before: skill('Chat') },
        ],
      },
      null,
    );
    const duplicate = only(findings, 'duplicate-object');
    assert.equal(duplicate.length, 1);
    assert.equal(duplicate[0]?.path, 'operations[1]');
    assert.match(duplicate[0]?.message ?? '', /operation 1 already changes skill "Chat"/);
  });

  it('unresolved-reference: against a target, an error with a hint that names the object', () => {
    const { findings, valid } = validateChangeset(
      {
        operations: [
          {
            op: 'create',
            type: 'routing.queue',
            key: 'Chat',
            body: queue('Chat', {
              bullseye: ringsRemoving('Billing', 'Nope'),
              queueFlow: ref('architect.flow', 'Not in the target'),
            }),
          },
          {
            op: 'update',
            type: 'routing.queue',
            key: 'Billing - Voice',
            changes: [
              {
                path: 'wrapupCodes',
                before: [wrapupRef('Resolved')],
                after: [wrapupRef('Missing'), wrapupRef('Resolved')],
              },
            ],
          },
        ],
      },
      target,
    );
    assert.equal(valid, false);
    const unresolved = only(findings, 'unresolved-reference');
    assert.deepEqual(
      unresolved.map((finding) => [finding.severity, finding.path]),
      [
        ['error', 'operations[0].body.bullseye.rings[0].actions.skillsToRemove[1]'],
        // Flows are managed since issue 18, and checked like any other reference.
        ['error', 'operations[0].body.queueFlow'],
        ['error', 'operations[1].changes[0].after[0]'],
      ],
    );
    assert.match(unresolved[0]?.message ?? '', /refers to skill "Nope", which is not in the target/);
    assert.match(unresolved[1]?.message ?? '', /Not in the target/);
    assert.match(
      unresolved[0]?.hint ?? '',
      /Add a create operation for skill "Nope", list it under requires/,
    );
  });

  it('unresolved-reference: without a target, a warning unless created or required, an error if deleted', () => {
    const { findings, valid } = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
          { op: 'delete', type: 'routing.skill', key: 'Old', before: skill('Old') },
          {
            op: 'create',
            type: 'routing.queue',
            key: 'Chat',
            body: queue('Chat', { bullseye: ringsRemoving('Chat', 'Old', 'Billing', 'Video') }),
          },
        ],
        requires: [{ type: 'routing.skill', key: 'Video' }],
      },
      null,
    );
    const unresolved = only(findings, 'unresolved-reference');
    assert.deepEqual(
      unresolved.map((finding) => [finding.severity, finding.path]),
      [
        // Chat is created and Video required; the Home division is neither, so it warns too.
        ['warning', 'operations[0].body.division'],
        ['warning', 'operations[2].body.division'],
        ['error', 'operations[2].body.bullseye.rings[0].actions.skillsToRemove[1]'],
        ['warning', 'operations[2].body.bullseye.rings[0].actions.skillsToRemove[2]'],
      ],
    );
    assert.equal(valid, false);
    assert.match(
      unresolved.find((finding) => finding.severity === 'error')?.message ?? '',
      /which operation 2 deletes/,
    );
  });

  it("unresolved-reference: a reference that kept only another org's id", () => {
    const { findings } = validateChangeset(
      {
        operations: [
          {
            op: 'create',
            type: 'routing.queue',
            key: 'Chat',
            body: queue('Chat', { wrapupCodes: [{ $ref: 'routing.wrapupcode', id: 'c0ffee' }] }),
          },
        ],
      },
      target,
    );
    const unresolved = only(findings, 'unresolved-reference');
    assert.equal(unresolved.length, 1);
    assert.equal(unresolved[0]?.path, 'operations[0].body.wrapupCodes[0]');
    assert.match(unresolved[0]?.message ?? '', /no name, only an id from another org/);
  });

  it('required-missing: a required object the target lacks', () => {
    const changeset = {
      operations: [] as ChangesetOperation[],
      requires: [
        { type: 'routing.skill', key: 'Billing' },
        { type: 'routing.skill', key: 'Nope' },
      ],
    };
    const { findings, valid } = validateChangeset(changeset, target);
    assert.equal(valid, false);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.operation, finding.path]),
      [['required-missing', null, 'requires[1]']],
    );
    assert.match(findings[0]?.message ?? '', /skill "Nope" must already exist in the target/);
    assert.deepEqual(
      validateChangeset(changeset, null).findings,
      [],
      'without a target there is nothing to check',
    );
  });

  it('still-referenced: a delete of an object others refer to, with up to 5 names and the count', () => {
    const queues = Array.from({ length: 7 }, (_, index) =>
      queue(`Q${index + 1}`, { bullseye: ringsRemoving('Billing') }),
    );
    const crowded = stateOf(
      ['routing.skill', skill('Billing')],
      ...queues.map((value): [string, typeof value] => ['routing.queue', value]),
    );
    const { findings } = validateChangeset(
      { operations: [{ op: 'delete', type: 'routing.skill', key: 'Billing', before: skill('Billing') }] },
      crowded,
    );
    const still = only(findings, 'still-referenced');
    assert.equal(still.length, 1);
    assert.equal(still[0]?.path, 'operations[0]');
    assert.equal(
      still[0]?.message,
      'operation 1 (delete routing.skill "Billing"): 7 objects would still refer to it: queue "Q1", queue "Q2", queue "Q3", queue "Q4", queue "Q5" and 2 more',
    );
    // Removing the reference in the same changeset clears it.
    const cleared = validateChangeset(
      {
        operations: [
          ...queues.map((value): ChangesetOperation => ({
            op: 'update',
            type: 'routing.queue',
            key: value.name as string,
            changes: [{ path: 'bullseye', before: ringsRemoving('Billing') }],
          })),
          { op: 'delete', type: 'routing.skill', key: 'Billing', before: skill('Billing') },
        ],
      },
      crowded,
    );
    assert.deepEqual(cleared.findings, []);
  });

  it('dependency-cycle: operations that need each other, spelled out (with an injected self-referencing type)', () => {
    const skillType = getObjectType('routing.skill');
    const selfReferencing: ObjectTypeDefinition = {
      ...skillType,
      references: [...skillType.references, { path: 'backup', targetType: 'routing.skill' }],
      dependencies: [...skillType.dependencies],
    };
    const types = (id: string) => (id === 'routing.skill' ? selfReferencing : findObjectType(id));
    const withBackup = (name: string, backup: string) => ({ ...skill(name), backup: skillRef(backup) });
    const result = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'routing.skill', key: 'Spare', body: skill('Spare') },
          { op: 'create', type: 'routing.skill', key: 'A', body: withBackup('A', 'B') },
          { op: 'create', type: 'routing.skill', key: 'B', body: withBackup('B', 'C') },
          { op: 'create', type: 'routing.skill', key: 'C', body: withBackup('C', 'A') },
        ],
      },
      target,
      { types },
    );
    const cycle = only(result.findings, 'dependency-cycle');
    assert.equal(cycle.length, 1);
    assert.equal(cycle[0]?.operation, 1);
    assert.match(cycle[0]?.message ?? '', /skill "A" → skill "B" → skill "C" → skill "A"/);
    assert.match(cycle[0]?.hint ?? '', /later changeset/);
    assert.deepEqual(result.order, []);
    assert.equal(result.valid, false);

    const chain = validateChangeset(
      {
        operations: [
          { op: 'create', type: 'routing.skill', key: 'A', body: withBackup('A', 'B') },
          { op: 'create', type: 'routing.skill', key: 'B', body: withBackup('B', 'C') },
          { op: 'create', type: 'routing.skill', key: 'C', body: skill('C') },
        ],
      },
      target,
      { types },
    );
    assert.deepEqual(chain.findings, []);
    assert.deepEqual(chain.order, [2, 1, 0]);
  });

  it('target-conflict: a before the target does not have is a warning, not an error', () => {
    const { findings, valid } = validateChangeset(
      {
        operations: [
          {
            op: 'update',
            type: 'routing.queue',
            key: 'Billing - Voice',
            changes: [{ path: 'acwSettings.timeoutMs', before: 45000, after: 60000 }],
          },
          { op: 'delete', type: 'routing.skill', key: 'Gone', before: skill('Gone') },
        ],
      },
      target,
    );
    assert.equal(valid, true);
    assert.deepEqual(
      findings.map((finding) => [finding.severity, finding.code, finding.path]),
      [
        ['warning', 'target-conflict', 'operations[0].changes[0].before'],
        ['warning', 'target-conflict', 'operations[1]'],
      ],
    );
    assert.match(
      findings[0]?.message ?? '',
      /acwSettings\.timeoutMs is 30000 in the target, the changeset expects 45000/,
    );
    assert.match(findings[0]?.hint ?? '', /fresh snapshot/);
  });

  it('orders creates and updates by dependency level, then deletes in reverse', () => {
    const operations: ChangesetOperation[] = [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Chat',
        body: queue('Chat', { bullseye: ringsRemoving('Chat'), wrapupCodes: [wrapupRef('Chatted')] }),
      },
      { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
      { op: 'delete', type: 'routing.skill', key: 'Video', before: skill('Video') },
      {
        op: 'delete',
        type: 'routing.queue',
        key: 'Video',
        before: queue('Video', { bullseye: ringsRemoving('Video') }),
      },
      { op: 'create', type: 'routing.wrapupcode', key: 'Chatted', body: wrapupCode('Chatted') },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [{ path: 'bullseye', after: ringsRemoving('Chat') }],
      },
    ];
    assert.deepEqual(validateChangeset({ operations }, null).order, [1, 4, 0, 5, 3, 2]);
  });

  it('never throws on malformed input: it reports it', () => {
    const junk = {
      operations: [
        null,
        { op: 'move', type: 'routing.skill', key: 'A' },
        { op: 'create', type: 'routing.skill', key: 'B', body: 5 },
        { op: 'update', type: 'routing.skill', key: 'C', changes: [] },
        { op: 'create', type: 'routing.skill', key: '', body: {} },
        {
          op: 'create',
          type: 'routing.skill',
          key: 'D',
          body: { name: 'D', division: { $ref: 'routing.queue', name: 'x' } },
        },
      ],
      requires: [{ type: 'routing.nope', key: 'x' }, 'nonsense'],
    } as unknown as { operations: ChangesetOperation[] };
    const result = validateChangeset(junk, target);
    assert.equal(result.valid, false);
    assert.deepEqual(
      result.findings.map((finding) => [finding.code, finding.path]),
      [
        ['schema', 'operations[0]'],
        ['schema', 'operations[1].op'],
        ['schema', 'operations[2].body'],
        ['schema', 'operations[3].changes'],
        ['schema', 'operations[4].key'],
        ['schema', 'operations[5].body.division'],
        ['unresolved-reference', 'operations[5].body.division'],
        ['unknown-type', 'requires[0].type'],
        ['schema', 'requires[1]'],
      ],
    );
    assert.equal(validateChangeset({} as { operations: ChangesetOperation[] }, null).valid, false);
  });
});
