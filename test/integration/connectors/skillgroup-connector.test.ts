import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canonicalize } from '../../../shared/model/canonical/canonicalize';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { connectTo, rejectsWithCode, seededCounts } from './connector-test-support';

const CONDITIONS = [
  {
    routingSkillConditions: [
      { routingSkill: 'Refunds', comparator: 'GreaterThanOrEqualTo', proficiency: 2 },
      { routingSkill: 'Billing Disputes', comparator: 'GreaterThan', proficiency: 3 },
    ],
    languageSkillConditions: [{ languageSkill: 'Spanish', comparator: 'GreaterThan', proficiency: 1 }],
    operation: 'Or',
  },
];

describe('skill groups through the Genesys connector', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  it('lists by cursor, then reads each group for the conditions the listing leaves out', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.prod, {
      pageSizes: { 'routing.skillgroup': 2 },
    });
    const groups = await connector.list('routing.skillgroup');
    const count = seededCounts('prod').objects['routing.skillgroup'];
    assert.equal(groups.length, count);
    const broadband = groups.find((group) => group.name === 'Broadband Specialists');
    assert.ok(Array.isArray(broadband?.skillConditions), 'conditions read from the group itself');
    const reads = calls.filter((call) => call.path.startsWith('/api/v2/routing/skillgroups'));
    const listPages = reads.filter((call) => call.path === '/api/v2/routing/skillgroups');
    // Cursor pages of two (the last page has no nextUri), then one GET per group: the fewest there are.
    assert.equal(listPages.length, Math.ceil(count / 2));
    assert.ok(
      listPages.every((call) => !call.target.includes('pageNumber')),
      'paged by cursor',
    );
    assert.ok(listPages.slice(1).every((call) => call.target.includes('after=')));
    assert.equal(reads.length, listPages.length + count);
  });

  it('creates, reads, PATCHes and deletes one, and canonical form names its skills', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.dev);
    const created = await connector.create('routing.skillgroup', {
      name: 'Ferry Disputes',
      description: 'made by a test',
      skillConditions: CONDITIONS,
    });
    const id = String(created.id);
    const read = await connector.get('routing.skillgroup', id);
    assert.deepEqual(read.skillConditions, CONDITIONS);
    const ids = new Map<string, string>();
    const canonical = canonicalize('routing.skillgroup', read, (type, refId) =>
      type === 'authorization.division' ? (ids.get(refId) ?? 'Home') : undefined,
    );
    const [condition] = canonical.value.skillConditions as Record<string, unknown>[];
    assert.deepEqual(condition?.languageSkillConditions, [
      {
        comparator: 'GreaterThan',
        languageSkill: { $ref: 'routing.language', name: 'Spanish' },
        proficiency: 1,
      },
    ]);
    // Sorted by skill name: the order an `Or` joins them in means nothing.
    assert.deepEqual(
      (condition?.routingSkillConditions as Record<string, unknown>[]).map((term) => term.routingSkill),
      [
        { $ref: 'routing.skill', name: 'Billing Disputes' },
        { $ref: 'routing.skill', name: 'Refunds' },
      ],
    );
    assert.equal(canonical.value.memberCount, undefined);
    assert.equal(canonical.value.status, undefined);

    const updated = await connector.update('routing.skillgroup', id, {
      name: 'Ferry Disputes',
      description: null,
      skillConditions: [],
    });
    assert.deepEqual(updated.skillConditions, []);
    assert.equal(updated.description, undefined);
    const writes = calls.filter((call) => call.method !== 'GET' && call.path.startsWith('/api/v2/routing'));
    assert.deepEqual(
      writes.map((call) => call.method),
      ['POST', 'PATCH'],
      'a skill group is changed with PATCH: the API has no PUT',
    );
    await connector.remove('routing.skillgroup', id);
    await rejectsWithCode(connector.get('routing.skillgroup', id), 'genesys.not-found');
  });

  it('passes on the 400 for a condition naming a skill the org lacks', async () => {
    const { connector } = connectTo(sandbox.url, sandbox.orgs.uat);
    const error = await rejectsWithCode(
      connector.create('routing.skillgroup', {
        name: 'Video Specialists',
        skillConditions: [
          {
            routingSkillConditions: [
              { routingSkill: 'Video Support', comparator: 'GreaterThanOrEqualTo', proficiency: 2 },
            ],
            languageSkillConditions: [],
            operation: 'And',
          },
        ],
      }),
      'genesys.bad-request',
    );
    assert.match(error.message, /Video Support/);
  });

  it('creates, PATCHes and deletes each group exactly once although replies get lost', async () => {
    const lossy = await startSandbox({
      port: 0,
      rateLimitPerMinute: 100_000,
      faults: 'lost-reply=0.3,seed=20261206',
    });
    try {
      const { connector, calls } = connectTo(lossy.url, lossy.orgs.dev);
      const names = Array.from({ length: 8 }, (_, n) => `Lossy Group ${n}`);
      const ids = new Map<string, string>();
      for (const name of names) {
        const created = await connector.create('routing.skillgroup', { name, skillConditions: CONDITIONS });
        ids.set(name, String(created.id));
      }
      for (const name of names) {
        const updated = await connector.update('routing.skillgroup', ids.get(name) ?? '', {
          name,
          description: `patched ${name}`,
          skillConditions: [],
        });
        assert.equal(updated.description, `patched ${name}`);
      }
      const kept = names.slice(0, 4);
      for (const name of names.slice(4)) await connector.remove('routing.skillgroup', ids.get(name) ?? '');
      const posts = calls.filter(
        (call) => call.method === 'POST' && call.path === '/api/v2/routing/skillgroups',
      );
      assert.equal(
        posts.length,
        names.length,
        'a create is never sent twice: a second POST makes a second group',
      );
      // A create whose reply was lost is settled by finding the group by name and reading it.
      const settled = calls.filter((call) => call.method === 'GET' && call.target.includes('name=Lossy'));
      assert.ok(settled.length > 0, 'some creates lost their reply (the seed makes this certain)');

      // Read back through the connector, which rides out lost replies on reads too.
      const held = await connector.list('routing.skillgroup');
      const lossyNames = held
        .map((group) => String(group.name))
        .filter((name) => name.startsWith('Lossy Group'));
      assert.deepEqual(lossyNames.sort(), kept, 'each kept once, the rest gone');
      for (const name of kept) {
        const group = await connector.get('routing.skillgroup', ids.get(name) ?? '');
        assert.equal(group.description, `patched ${name}`);
        assert.deepEqual(group.skillConditions, []);
      }
    } finally {
      await lossy.close();
    }
  });
});
