import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { overrideRuns } from '../../../electron/services/governance/follow-ups/override-runs';
import { tempDir } from '../../support/temp-dir';

const RUN_ID = '2026-11-23T10-00-00Z-cs-storm-0a1b2c';

/** A run folder written by hand: a plan and a journal claiming an override by Bob, nothing signed. */
async function unsignedRun(dir: string, runId: string): Promise<void> {
  const folder = join(dir, 'runs', runId);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'plan.json'), '{}\n');
  const started = {
    kind: 'run-started',
    seq: 0,
    at: '2026-11-23T10:00:00.000Z',
    runId,
    runKind: 'promote',
    rollbackOf: null,
    changesetId: 'cs-storm',
    environment: 'prod',
    fingerprint: 'x',
    steps: 1,
    override: { reason: 'framed', by: 'Bob' },
    pid: 1,
    host: 'h',
  };
  await writeFile(join(folder, 'journal.jsonl'), `${JSON.stringify(started)}\n`);
}

describe('override runs are read only from verified run folders', () => {
  it('ignores an unsigned run that claims an override, and a run folder that is a link', async () => {
    const dir = await tempDir('ferry-override-runs-');
    await unsignedRun(dir, RUN_ID);
    const outside = await tempDir('ferry-override-runs-outside-');
    await unsignedRun(outside, RUN_ID);
    await symlink(join(outside, 'runs', RUN_ID), join(dir, 'runs', '2026-11-23T11-00-00Z-cs-storm-0a1b2d'));
    assert.deepEqual(await overrideRuns(dir, [], new Date('2026-11-25T00:00:00Z')), []);
  });

  it('finds nothing in a workspace without runs', async () => {
    assert.deepEqual(await overrideRuns(await tempDir('ferry-override-runs-empty-'), [], new Date()), []);
  });
});
