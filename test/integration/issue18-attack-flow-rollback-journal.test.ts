import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isFerryError } from '../../shared/api/api-error';
import type { JsonObject } from '../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../shared/model/changeset';
import { liveObjects } from './promotion/promotion-test-support';
import { runWorld, type RunWorld } from './security/run-fixture';

/*
 * Attack (issue 18, rollback): a run updated a flow; its rollback republishes the version that
 * was published before the run, which the run's journal records. A teammate with push access
 * edits that journal so the rollback would publish another version (or another flow): the
 * journal's lines are signed, so the rollback (as the app and CLI ask for it: the governed
 * service) is refused and nothing is written to the org.
 */

const NAME = 'Attack Journal Workflow';
const KEY = `WORKFLOW/${NAME}`;

/** The flow at one of its versions: only its configuration differs between them. */
function body(label: string): JsonObject {
  return {
    name: NAME,
    type: 'WORKFLOW',
    division: { $ref: 'authorization.division', name: 'Home' },
    configuration: `workflow:\n  division: Home\n  name: ${NAME}\n  startUpRef: /workflow/states/state[${label}]\n`,
  };
}

describe('attack: a hand-edited run journal that names another published version', () => {
  let world: RunWorld;

  // This machine's key signs every run (as a host's engine does): the journal is signed line by line.
  before(async () => {
    world = await runWorld('ferry-attack-flow-journal-');
  });
  after(() => world.close());

  async function live(): Promise<JsonObject | undefined> {
    return (await liveObjects(world.services, 'uat', ['architect.flow'])).get('architect.flow')?.get(KEY);
  }

  async function run(id: string, operations: ChangesetOperation[]) {
    // Saved in the workspace, as the governed rollback checks the changeset its plan was signed for.
    const { changeset } = await world.services.changesets.create({ title: id, idPrefix: id, operations });
    const result = await world.services.engine.execute(await world.services.engine.plan(changeset, 'uat'));
    assert.equal(result.status, 'succeeded', result.message);
    return result;
  }

  async function runFolder(runId: string): Promise<string> {
    for (const base of [world.dir, world.dataDir]) {
      const folder = join(base, 'runs', runId);
      try {
        await readdir(folder);
        return folder;
      } catch {
        // not here
      }
    }
    assert.fail(`no folder for run ${runId}`);
  }

  it('refuses the rollback, publishing nothing, when the journal’s version before was changed', async () => {
    await run('make', [{ op: 'create', type: 'architect.flow', key: KEY, body: body('first') }]);
    const first = await live();
    assert.ok(first);
    await run('bump', [
      {
        op: 'update',
        type: 'architect.flow',
        key: KEY,
        changes: [
          {
            path: 'configuration',
            before: first.configuration ?? null,
            after: body('second').configuration ?? null,
          },
        ],
      },
    ]);
    const second = await live();
    assert.ok(second);
    const update = await run('update', [
      {
        op: 'update',
        type: 'architect.flow',
        key: KEY,
        changes: [
          {
            path: 'configuration',
            before: second.configuration ?? null,
            after: body('third').configuration ?? null,
          },
        ],
      },
    ]);
    const third = await live();
    assert.match(String(third?.configuration), /state\[third\]/);
    const published = JSON.stringify(second.publishedVersion);
    assert.ok(published !== undefined && published.includes('"id"'), `a version before: ${published}`);

    // The teammate points "the version published before" at the first one instead.
    const folder = await runFolder(update.runId);
    const journalPath = join(folder, 'journal.jsonl');
    const journal = await readFile(journalPath, 'utf8');
    const before = String((second.publishedVersion as JsonObject).id);
    const older = String((first.publishedVersion as JsonObject).id);
    assert.notEqual(before, older);
    const edited = journal
      .split(`"publishedVersion":{"id":"${before}"}`)
      .join(`"publishedVersion":{"id":"${older}"}`);
    assert.notEqual(edited, journal, 'the journal records the version published before the run');
    await writeFile(journalPath, edited);

    await assert.rejects(
      () => world.services.promotions.rollback(update.runId),
      (error: unknown) =>
        isFerryError(error) && error.code === 'run.unverified' && /journal/.test(error.message),
    );
    const after = await live();
    assert.match(String(after?.configuration), /state\[third\]/, 'the flow is as the run left it');
    assert.deepEqual(after?.publishedVersion, third?.publishedVersion, 'no version was published');

    // Untouched, the same rollback puts back the version published before.
    await writeFile(journalPath, journal);
    const rolledBack = await world.services.promotions.rollback(update.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.match(String((await live())?.configuration), /state\[second\]/);
  });
});
