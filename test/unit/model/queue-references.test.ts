import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { referencesOf } from '../../../shared/changeset/object-references';
import type { ResolveId } from '../../../shared/model/canonical/canonical-reference';
import { canonicalize } from '../../../shared/model/canonical/canonicalize';
import { materialize } from '../../../shared/model/canonical/materialize';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';

/**
 * A queue carrying every field of the SDK's `Queue` model that holds another object's id (issue
 * 12 point 1), as one org returns it. Two orgs with the same configuration differ only in ids.
 */
function queueIn(org: 'dev' | 'uat', overrides: Record<string, unknown> = {}) {
  const id = (name: string) => `${org}-${name}`;
  return {
    id: id('queue-billing'),
    name: 'Billing - Voice',
    division: { id: id('division-home'), name: 'Home' },
    memberGroups: [
      { id: id('group-agents'), name: 'Billing Agents', type: 'GROUP', memberCount: 3 },
      { id: id('skillgroup-billing'), name: 'Billing Skills', type: 'SKILLGROUP' },
      { id: id('team-a'), name: 'Team A', type: 'TEAM' },
    ],
    bullseye: {
      rings: [
        {
          expansionCriteria: [{ type: 'TIMEOUT_SECONDS', threshold: 10 }],
          memberGroups: [{ id: id('team-a'), name: 'Team A', type: 'TEAM' }],
        },
      ],
    },
    conditionalGroupRouting: {
      rules: [
        {
          queue: { id: id('queue-billing'), name: 'Billing - Voice' },
          metric: 'EstimatedWaitTime',
          operator: 'GreaterThan',
          conditionValue: 10,
          waitSeconds: 2,
          groups: [{ id: id('skillgroup-billing'), name: 'Billing Skills', type: 'SKILLGROUP' }],
        },
        {
          queue: { id: id('queue-overflow'), name: 'Overflow' },
          metric: 'EstimatedWaitTime',
          operator: 'GreaterThan',
          conditionValue: 30,
          waitSeconds: 5,
          groups: [],
        },
      ],
    },
    defaultScripts: {
      CALL: {
        id: id('script-billing'),
        name: 'Billing Script',
        selfUri: `/api/v2/scripts/${id('script-billing')}`,
      },
    },
    cannedResponseLibraries: { mode: 'SelectedOnly', libraryIds: [id('library-b'), id('library-a')] },
    outboundMessagingAddresses: { smsAddress: { id: id('sms-support'), name: 'Support SMS' } },
    directRouting: { backupQueueId: id('queue-overflow'), waitForAgent: true, agentWaitSeconds: 20 },
    mediaSettings: {
      callback: {
        mode: 'AgentFirst',
        edgeGroup: { id: id('edgegroup'), name: 'Main Edges' },
        site: { id: id('site'), name: 'London' },
        liveVoiceFlow: { id: id('flow-live'), name: 'Callback Live' },
      },
    },
    queueFlow: { id: id('flow-inqueue'), name: 'Billing In-Queue' },
    // An email domain's id is its name; a route has no name, only its pattern within the domain.
    outboundEmailAddress: {
      domain: { id: 'support.contoso.com', name: 'support.contoso.com' },
      route: { id: id('route-billing'), pattern: 'billing', fromName: 'Acme Billing' },
    },
    ...overrides,
  };
}

function namesIn(org: 'dev' | 'uat') {
  const names: Record<string, string> = {
    [`${org}-library-a`]: 'Billing Answers',
    [`${org}-library-b`]: 'General Answers',
    [`${org}-queue-overflow`]: 'Overflow',
    [`${org}-queue-billing`]: 'Billing - Voice',
    [`${org}-division-home`]: 'Home',
  };
  return (_type: string, id: string) => names[id];
}

/** The calls that would create dev's queue in uat, where `resolveId` answers uat's ids. */
function createInUat(devQueue: Record<string, unknown>, resolveId: ResolveId) {
  return objectCalls({
    type: 'routing.queue',
    key: 'Billing - Voice',
    id: null,
    current: null,
    desired: canonicalize('routing.queue', devQueue, namesIn('dev')).value,
    resolveId,
  });
}

describe('references in every id-bearing queue field', () => {
  it('gives byte-identical canonical text for two orgs with the same configuration', () => {
    const dev = canonicalize('routing.queue', queueIn('dev'), namesIn('dev'));
    const uat = canonicalize('routing.queue', queueIn('uat'), namesIn('uat'));
    // References to types a pull does not list are named by the name they carry.
    assert.deepEqual(
      dev.unresolved.filter((reference) => reference.name === undefined),
      [],
    );
    assert.equal(stableStringify(dev.value), stableStringify(uat.value));
    assert.doesNotMatch(stableStringify(dev.value), /dev-/);
  });

  it('writes member groups by kind, bare ids as bare ids, maps by key, and leaves the first rule to Genesys', () => {
    const canonical = canonicalize('routing.queue', queueIn('dev'), namesIn('dev')).value;
    assert.deepEqual(canonical.memberGroups, [
      { $ref: 'directory.group', name: 'Billing Agents' },
      { $ref: 'routing.skillgroup', name: 'Billing Skills' },
      { $ref: 'directory.team', name: 'Team A' },
    ]);
    assert.deepEqual((canonical.cannedResponseLibraries as Record<string, unknown>).libraryIds, [
      { $ref: 'responsemanagement.library', name: 'Billing Answers' },
      { $ref: 'responsemanagement.library', name: 'General Answers' },
    ]);
    const uatIds = (type: string, name: string) => `uat:${type}:${name}`;
    const body = materialize('routing.queue', canonical, uatIds).body;
    assert.deepEqual(body.memberGroups, [
      { id: 'uat:directory.group:Billing Agents', type: 'GROUP' },
      { id: 'uat:routing.skillgroup:Billing Skills', type: 'SKILLGROUP' },
      { id: 'uat:directory.team:Team A', type: 'TEAM' },
    ]);
    assert.deepEqual(body.cannedResponseLibraries, {
      libraryIds: [
        'uat:responsemanagement.library:Billing Answers',
        'uat:responsemanagement.library:General Answers',
      ],
      mode: 'SelectedOnly',
    });
    assert.deepEqual(canonical.outboundEmailAddress, {
      domain: { $ref: 'routing.emaildomain', name: 'support.contoso.com' },
      route: { $ref: 'routing.emailroute', name: 'billing@support.contoso.com' },
    });
    assert.deepEqual(body.defaultScripts, { CALL: { id: 'uat:scripts.script:Billing Script' } });
    assert.equal((body.directRouting as Record<string, unknown>).backupQueueId, 'uat:routing.queue:Overflow');
    const rules = (body.conditionalGroupRouting as { rules: Record<string, unknown>[] }).rules;
    assert.equal(rules[0]?.queue, undefined, 'rule 1 names the queue itself: Genesys fills it in');
    assert.deepEqual(rules[1]?.queue, { id: 'uat:routing.queue:Overflow' });
    assert.doesNotMatch(JSON.stringify(body), /dev-/);
  });

  it('blocks the step naming the field and the object the target lacks', () => {
    const outcome = createInUat(queueIn('dev'), (type, name) =>
      type === 'telephony.edgegroup' ? undefined : `uat:${name}`,
    );
    assert.equal(outcome.kind, 'blocked');
    assert.match(
      outcome.kind === 'blocked' ? outcome.reason : '',
      /the edge group "Main Edges" \(at mediaSettings\.callback\.edgeGroup/,
    );
  });

  it("never sends another org's peerId, whatever its shape", () => {
    const outcome = createInUat(queueIn('dev', { peerId: 'external-17' }), (_type, name) => `uat:${name}`);
    assert.equal(outcome.kind, 'blocked');
    assert.match(
      outcome.kind === 'blocked' ? outcome.reason : '',
      /^peerId holds an id that only means something/,
    );
  });

  it('reports each reference with the type it points at, and checks a hand-edited one', () => {
    const canonical = canonicalize('routing.queue', queueIn('dev'), namesIn('dev')).value;
    const types = new Set(referencesOf('routing.queue', canonical).map((reference) => reference.targetType));
    for (const type of [
      'directory.group',
      'routing.skillgroup',
      'directory.team',
      'scripts.script',
      'responsemanagement.library',
      'routing.smsphonenumber',
      'telephony.site',
      'telephony.edgegroup',
      'architect.flow',
      'routing.queue',
    ]) {
      assert.ok(types.has(type), type);
    }
    assert.deepEqual(checkCanonicalObject('routing.queue', canonical), []);
    const wrong = { ...canonical, memberGroups: [{ $ref: 'scripts.script', name: 'X' }] };
    assert.match(
      checkCanonicalObject('routing.queue', wrong)[0]?.message ?? '',
      /where directory\.group or routing\.skillgroup or directory\.team is expected/,
    );
  });
});
