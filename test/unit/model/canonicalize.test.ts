import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalize, normalizeCanonical } from '../../../shared/model/canonical/canonicalize';
import type { ResolveName } from '../../../shared/model/canonical/canonical-reference';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { isFerryError } from '../../../shared/api/api-error';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import { buildOrg } from './genesys-org-fixture';

const nobodyKnows = () => undefined;

function canonicalText(typeId: string, apiObject: unknown, resolveName: ResolveName = nobodyKnows): string {
  return stableStringify(canonicalize(typeId, apiObject, resolveName).value);
}

describe('canonicalize', () => {
  it('gives byte-identical text for the same configuration in two orgs', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const prod = buildOrg({ org: 'prod', reorder: true, drift: 3600 });
    for (const typeId of objectTypeIds) {
      const devObjects = dev.objects[typeId];
      const prodObjects = prod.objects[typeId];
      assert.equal(devObjects.length, prodObjects.length);
      devObjects.forEach((devObject, index) => {
        const devCanonical = canonicalize(typeId, devObject, dev.resolveName);
        const prodCanonical = canonicalize(typeId, prodObjects[index], prod.resolveName);
        assert.deepEqual(devCanonical.unresolved, [], `${typeId} ${devCanonical.key}`);
        assert.equal(devCanonical.key, prodCanonical.key);
        assert.equal(stableStringify(devCanonical.value), stableStringify(prodCanonical.value));
        assert.notEqual(JSON.stringify(devObject), JSON.stringify(prodObjects[index]));
      });
    }
  });

  it('keeps the same text whatever order unordered lists arrive in and whatever the volatile fields say', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const queue = dev.objects['routing.queue'][0] as {
      wrapupCodes: unknown[];
      bullseye: { rings: { actions: { skillsToRemove: unknown[] } }[] };
    };
    const group = dev.objects['architect.schedulegroup'][0] as { openSchedules: unknown[] };
    const table = dev.objects['flows.datatable'][0] as { rows: unknown[] };
    const expected = {
      queue: canonicalText('routing.queue', queue, dev.resolveName),
      group: canonicalText('architect.schedulegroup', group, dev.resolveName),
      table: canonicalText('flows.datatable', table, dev.resolveName),
    };
    const permutation = <T>(items: T[]) =>
      fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
    const ring = queue.bullseye.rings[0];
    assert.ok(ring);
    fc.assert(
      fc.property(
        permutation(queue.wrapupCodes),
        permutation(ring.actions.skillsToRemove),
        permutation(group.openSchedules),
        permutation(table.rows),
        fc.record({
          version: fc.integer({ min: 1 }),
          dateModified: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          modifiedBy: fc.uuid(),
          selfUri: fc.webPath(),
        }),
        fc.nat(),
        (wrapupCodes, skillsToRemove, openSchedules, rows, volatile, memberCount) => {
          const shuffledQueue = {
            ...queue,
            ...volatile,
            memberCount,
            // Queues have no version; one appearing must not matter either.
            wrapupCodes,
            bullseye: { rings: [{ ...ring, actions: { skillsToRemove } }, ...queue.bullseye.rings.slice(1)] },
          };
          assert.equal(canonicalText('routing.queue', shuffledQueue, dev.resolveName), expected.queue);
          assert.equal(
            canonicalText(
              'architect.schedulegroup',
              { ...group, ...volatile, openSchedules },
              dev.resolveName,
            ),
            expected.group,
          );
          assert.equal(canonicalText('flows.datatable', { ...table, rows }, dev.resolveName), expected.table);
        },
      ),
    );
  });

  it('writes a queue with references by name, wrap-up codes folded in and sorted, rings in order', () => {
    const dev = buildOrg({ org: 'dev', reorder: true, drift: 0 });
    const { key, value, unresolved } = canonicalize(
      'routing.queue',
      dev.objects['routing.queue'][0],
      dev.resolveName,
    );
    assert.equal(key, 'Billing Queue');
    assert.deepEqual(unresolved, []);
    assert.deepEqual(value, {
      acwSettings: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
      autoAnswerOnly: false,
      bullseye: {
        rings: [
          {
            actions: {
              skillsToRemove: [
                { $ref: 'routing.skill', name: 'Billing' },
                { $ref: 'routing.skill', name: 'Spanish' },
              ],
            },
            expansionCriteria: [{ threshold: 15, type: 'TIMEOUT_SECONDS' }],
          },
          {
            actions: { skillsToRemove: [] },
            expansionCriteria: [{ threshold: 30, type: 'TIMEOUT_SECONDS' }],
          },
        ],
      },
      callingPartyName: 'Acme Billing',
      description: 'Billing questions',
      division: { $ref: 'authorization.division', name: 'Sales' },
      enableTranscription: true,
      mediaSettings: {
        call: {
          alertingTimeoutSeconds: 8,
          enableAutoAnswer: false,
          serviceLevel: { durationMs: 20000, percentage: 0.8 },
        },
        email: { alertingTimeoutSeconds: 300, serviceLevel: { durationMs: 86400000, percentage: 0.8 } },
      },
      name: 'Billing Queue',
      queueFlow: { $ref: 'architect.flow', name: 'Billing In-Queue' },
      routingRules: [
        { operator: 'MEETS_THRESHOLD', threshold: 9, waitSeconds: 2 },
        { operator: 'ANY', waitSeconds: 10 },
      ],
      skillEvaluationMethod: 'BEST',
      suppressInQueueCallRecording: true,
      whisperPrompt: { $ref: 'architect.prompt', name: 'Billing Whisper' },
      wrapupCodes: [
        { $ref: 'routing.wrapupcode', name: 'Call Back' },
        { $ref: 'routing.wrapupcode', name: 'Escalated' },
        { $ref: 'routing.wrapupcode', name: 'Resolved' },
      ],
    });
    const text = stableStringify(value);
    assert.ok(text.startsWith('{\n  "acwSettings": {\n    "timeoutMs": 30000,'));
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.doesNotMatch(text, /dev-|selfUri|memberCount|date|modifiedBy/);
  });

  it('rewrites schedule group lists to schedule names, sorted, and keeps the time zone', () => {
    const dev = buildOrg({ org: 'dev', reorder: true, drift: 0 });
    const { value } = canonicalize(
      'architect.schedulegroup',
      dev.objects['architect.schedulegroup'][0],
      dev.resolveName,
    );
    assert.deepEqual(value, {
      closedSchedules: [],
      description: 'Opening hours',
      division: { $ref: 'authorization.division', name: 'Sales' },
      holidaySchedules: [{ $ref: 'architect.schedule', name: 'Christmas' }],
      name: 'Main Hours',
      openSchedules: [
        { $ref: 'architect.schedule', name: 'Weekdays' },
        { $ref: 'architect.schedule', name: 'Weekend' },
      ],
      timeZone: 'Europe/London',
    });
  });

  it('keeps a data table schema and its rows sorted by key', () => {
    const dev = buildOrg({ org: 'dev', reorder: true, drift: 0 });
    const { key, value } = canonicalize(
      'flows.datatable',
      dev.objects['flows.datatable'][0],
      dev.resolveName,
    );
    assert.equal(key, 'Holidays');
    assert.deepEqual(
      (value.rows as { key: string }[]).map((row) => row.key),
      ['10', 'NYD', 'XMAS'],
    );
    assert.deepEqual((value.schema as { required: string[] }).required, ['Date', 'key']);
    const text = stableStringify(value);
    assert.match(text, /"Closed": \{\n {8}"\$id": "\/properties\/Closed",\n {8}"default": false,/);
    assert.match(text, /\{\n {6}"Closed": false,\n {6}"Date": "2025-05-05",\n {6}"key": "10"\n {4}\}/);
  });

  it('drops the volatile fields of every type', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const division = canonicalize(
      'authorization.division',
      dev.objects['authorization.division'][0],
      dev.resolveName,
    );
    assert.deepEqual(division, {
      key: 'Home',
      value: { description: 'Home division', name: 'Home' },
      unresolved: [],
    });
    const skill = canonicalize('routing.skill', dev.objects['routing.skill'][0], dev.resolveName);
    assert.deepEqual(skill.value, {
      division: { $ref: 'authorization.division', name: 'Home' },
      name: 'Billing',
    });
    const language = canonicalize('routing.language', dev.objects['routing.language'][0], dev.resolveName);
    assert.deepEqual(language.value, { name: 'French' });
    const code = canonicalize('routing.wrapupcode', dev.objects['routing.wrapupcode'][1], dev.resolveName);
    assert.deepEqual(code.value, {
      description: 'Outcome: Escalated',
      division: { $ref: 'authorization.division', name: 'Sales' },
      name: 'Escalated',
    });
    const schedule = canonicalize(
      'architect.schedule',
      dev.objects['architect.schedule'][0],
      dev.resolveName,
    );
    assert.deepEqual(Object.keys(schedule.value), ['division', 'end', 'name', 'rrule', 'start']);
  });

  it('falls back on the name a reference carries and reports every reference it could not resolve', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const queue = dev.objects['routing.queue'][0] as Record<string, unknown>;
    const knowsOnlyDivisions = (refType: string, id: string) =>
      refType === 'authorization.division' ? dev.resolveName(refType, id) : undefined;
    const withNamelessSkill = {
      ...queue,
      bullseye: {
        rings: [
          { actions: { skillsToRemove: [{ id: 'skill-without-name' }, dev.objects['routing.skill'][0]] } },
        ],
      },
      wrapupCodes: [],
    };
    const { value, unresolved } = canonicalize('routing.queue', withNamelessSkill, knowsOnlyDivisions);
    assert.deepEqual(
      (value.bullseye as { rings: { actions: { skillsToRemove: unknown[] } }[] }).rings[0]?.actions
        .skillsToRemove,
      [
        { $ref: 'routing.skill', id: 'skill-without-name' },
        { $ref: 'routing.skill', name: 'Billing' },
      ],
    );
    assert.deepEqual(value.queueFlow, { $ref: 'architect.flow', name: 'Billing In-Queue' });
    assert.deepEqual(
      unresolved.map(({ path, refType, name }) => ({ path, refType, name })),
      [
        { path: 'bullseye.rings[0].actions.skillsToRemove[0]', refType: 'routing.skill', name: undefined },
        { path: 'bullseye.rings[0].actions.skillsToRemove[1]', refType: 'routing.skill', name: 'Billing' },
        { path: 'queueFlow', refType: 'architect.flow', name: 'Billing In-Queue' },
        { path: 'whisperPrompt', refType: 'architect.prompt', name: 'Billing Whisper' },
      ],
    );
    assert.equal(unresolved[0]?.id, 'skill-without-name');
    assert.ok(!('name' in (unresolved[0] ?? {})));
  });

  it('prefers the resolver over a stale name the reference carries', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const skill = {
      ...(dev.objects['routing.skill'][0] as object),
      division: { id: dev.idOf('authorization.division', 'Sales'), name: 'Old Name' },
    };
    const { value } = canonicalize('routing.skill', skill, dev.resolveName);
    assert.deepEqual(value.division, { $ref: 'authorization.division', name: 'Sales' });
  });

  it('normalizes a hand-edited canonical value and leaves a canonical one as it is', () => {
    const dev = buildOrg({ org: 'dev', reorder: true, drift: 0 });
    for (const typeId of objectTypeIds) {
      for (const apiObject of dev.objects[typeId]) {
        const once = canonicalize(typeId, apiObject, dev.resolveName).value;
        assert.equal(stableStringify(normalizeCanonical(typeId, once)), stableStringify(once));
      }
    }
    const edited = {
      name: 'Main Hours',
      id: 'pasted-from-somewhere',
      openSchedules: [
        { name: 'Weekend', $ref: 'architect.schedule' },
        { $ref: 'architect.schedule', name: 'Weekdays' },
      ],
      description: null,
    };
    assert.equal(
      stableStringify(normalizeCanonical('architect.schedulegroup', edited)),
      '{\n  "name": "Main Hours",\n  "openSchedules": [\n    {\n      "$ref": "architect.schedule",\n' +
        '      "name": "Weekdays"\n    },\n    {\n      "$ref": "architect.schedule",\n      "name": "Weekend"\n' +
        '    }\n  ]\n}\n',
    );
    assert.throws(() => normalizeCanonical('architect.schedulegroup', []), /must be an object/);
  });

  it('treats null fields like absent ones', () => {
    const dev = buildOrg({ org: 'dev', reorder: false, drift: 0 });
    const code = dev.objects['routing.wrapupcode'][0] as Record<string, unknown>;
    assert.equal(
      canonicalText('routing.wrapupcode', { ...code, description: null, modifiedBy: null }, dev.resolveName),
      canonicalText('routing.wrapupcode', { ...code, description: undefined }, dev.resolveName),
    );
  });

  it('refuses an object that does not fit the type, naming the type, the object and the field', () => {
    const bad = {
      id: 'q1',
      name: 'Broken',
      skillEvaluationMethod: 'SOMETIMES',
      mediaSettings: { call: { serviceLevel: { percentage: 3 } } },
    };
    assert.throws(
      () => canonicalize('routing.queue', bad, nobodyKnows),
      (error: unknown) =>
        isFerryError(error) &&
        error.code === 'object.invalid' &&
        /Queue "Broken"/.test(error.message) &&
        /skillEvaluationMethod/.test(error.message) &&
        /mediaSettings\.call\.serviceLevel\.percentage/.test(error.message),
    );
    assert.throws(() => canonicalize('routing.skill', { id: 's1' }, nobodyKnows), /name/);
    assert.throws(() => canonicalize('routing.skill', 'Billing', nobodyKnows), /Skill object is not valid/);
    assert.throws(
      () => canonicalize('routing.skill', { id: 's1', name: 'x', extra: Number.NaN }, nobodyKnows),
      /extra: NaN is not a JSON number/,
    );
    assert.throws(
      () => canonicalize('routing.skils', { id: 's1', name: 'x' }, nobodyKnows),
      (error: unknown) =>
        isFerryError(error) && error.code === 'object-type.unknown' && /routing\.skils/.test(error.message),
    );
  });

  it('does not change the object it was given', () => {
    const dev = buildOrg({ org: 'dev', reorder: true, drift: 0 });
    const queue = dev.objects['routing.queue'][0];
    const before = structuredClone(queue);
    canonicalize('routing.queue', queue, dev.resolveName);
    assert.deepEqual(queue, before);
  });
});
