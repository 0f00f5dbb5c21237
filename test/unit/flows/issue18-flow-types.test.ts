import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import {
  canonicalizeConfiguration,
  materializeConfiguration,
} from '../../../shared/flows/flow-configuration';
import { FLOW_TYPES } from '../../../shared/model/object-types/architect-flow';

/*
 * Issue 18: a snapshot of a real org holds every flow it has. The SDK's `Flow.type` has types the
 * sandbox never made (a workitem flow, a voice survey, …); their exports must become canonical
 * text like any other (ids to names), not be kept raw with the org's ids and a warning.
 */

/** `Flow.type` as the SDK (purecloud-platform-client-v2) lists it. */
const SDK_FLOW_TYPES = [
  'BOT',
  'COMMONMODULE',
  'DIGITALBOT',
  'INBOUNDCALL',
  'INBOUNDCHAT',
  'INBOUNDEMAIL',
  'INBOUNDSHORTMESSAGE',
  'INQUEUECALL',
  'INQUEUEEMAIL',
  'INQUEUESHORTMESSAGE',
  'OUTBOUNDCALL',
  'SECURECALL',
  'SPEECH',
  'SURVEYINVITE',
  'VOICE',
  'VOICEMAIL',
  'VOICESURVEY',
  'WORKFLOW',
  'WORKITEM',
];

const orgNames: Record<string, string> = { 'routing.queue:q-7': 'Claims' };
const resolveName = (type: string, id: string) => orgNames[`${type}:${id}`];

function exported(archyKey: string, name: string): string {
  return [
    `${archyKey}:`,
    `  name: ${name}`,
    '  actions:',
    '    - transferToAcd:',
    '        queue:',
    '          lit:',
    '            id: q-7',
    '            name: Claims (old)',
    '',
  ].join('\n');
}

describe('every flow type of the SDK reads as canonical text (issue 18)', () => {
  it('Ferry knows each type the SDK lists', () => {
    assert.deepEqual([...FLOW_TYPES].sort(), [...SDK_FLOW_TYPES].sort());
  });

  for (const [type, archyKey] of [
    ['WORKITEM', 'workitem'],
    ['VOICESURVEY', 'voiceSurvey'],
    ['VOICE', 'voice'],
    ['SPEECH', 'speech'],
  ] as const) {
    it(`a ${type} flow exported as \`${archyKey}:\` becomes names, no ids, and materialises back`, () => {
      const flow = { type, name: 'Claims Intake' };
      const result = canonicalizeConfiguration(exported(archyKey, flow.name), flow, resolveName);
      assert.deepEqual(result.unresolved, []);
      assert.match(result.text, new RegExp(`^${archyKey}:\\n`));
      assert.match(result.text, /lit:\n\s+name: Claims\n/);
      assert.doesNotMatch(result.text, /q-7/);
      const target = materializeConfiguration(result.text, flow, (_type, key) =>
        key === 'Claims' ? 'uat-q-2' : undefined,
      );
      assert.deepEqual(target.unresolved, []);
      assert.match(target.text, /id: uat-q-2/);
    });
  }

  it('a type Ferry has a spelling for must be written that way (inboundcall is not inboundCall)', () => {
    assert.throws(
      () =>
        canonicalizeConfiguration(
          exported('inboundcall', 'Main'),
          { type: 'INBOUNDCALL', name: 'Main' },
          resolveName,
        ),
      (error: unknown) => isFerryError(error) && /not a flow type/.test(error.message),
    );
  });

  it('a key that is no type at all is still refused, and one of another type names both', () => {
    assert.throws(
      () =>
        canonicalizeConfiguration(
          exported('in_queue', 'Main'),
          { type: 'WORKITEM', name: 'Main' },
          resolveName,
        ),
      (error: unknown) => isFerryError(error) && /"in_queue", which is not a flow type/.test(error.message),
    );
    for (const key of ['workitem', 'notAFlow']) {
      assert.throws(
        () => canonicalizeConfiguration(exported(key, 'Main'), { type: 'VOICE', name: 'Main' }, resolveName),
        (error: unknown) =>
          isFerryError(error) &&
          new RegExp(`is a ${key} flow, but the flow's type is VOICE`).test(error.message),
      );
    }
  });
});
