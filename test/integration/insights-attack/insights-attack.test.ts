import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InsightsInput } from '../../../shared/insights/insights-facts';
import { verifyChangesetRecord } from '../../../electron/services/insights/changeset-record';
import { readRecordFiles } from '../../../electron/services/insights/record-files';
import { computeInsights, resolveInsightsQuery } from '../../../shared/insights/compute-insights';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { readerFixture, T0, type ReaderFixture } from '../../unit/insights-reader/reader-fixture';
import { tempDir } from '../../support/temp-dir';

/**
 * Insights attacked by a teammate with push access (DESIGN §7b): they control every file in the
 * workspace, and nothing they write without a trusted key may change a figure. Each attack below
 * changes files as they could commit them, reads the workspace as Insights does, and checks that
 * the lie changed no fact and that the record is counted as left out with a reason a person can
 * act on (or says why it is harmless).
 */

const HOUR = 60 * 60 * 1000;
let fixture: ReaderFixture;
let backups: string;
/** The honest reading: two runs (a promotion and its rollback), two changesets approved by Rita. */
let honest: InsightsInput;
let rollbackId: string;
let secondId: string;

before(async () => {
  fixture = await readerFixture('ferry-insights-attack-');
  backups = await tempDir('ferry-insights-attack-backup-');
  fixture.clock.now = new Date(T0.getTime() + 3 * HOUR);
  const rolledBack = await fixture.ada.promotions.rollback(fixture.runId);
  rollbackId = rolledBack.runId;
  const second = await fixture.ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title: 'Second change',
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  secondId = second.changeset.id;
  fixture.clock.now = new Date(T0.getTime() + 4 * HOUR);
  await fixture.rita.identity.approvals.approve(secondId, { decision: 'approved', comment: 'fine' });
  fixture.clock.now = new Date(T0.getTime() + 5 * HOUR);
  honest = await fixture.reader().read();
});
after(() => fixture.workspace.close());

const ws = (...parts: string[]) => join(fixture.workspace.dir, ...parts);

/** Runs `attack` on copies of `paths` taken first, and puts them back whatever the check does. */
async function attacked(paths: string[], attack: () => Promise<void>, check: (input: InsightsInput) => void) {
  const saved = await Promise.all(
    paths.map(async (path, index) => {
      const copy = join(backups, `${Date.now()}-${index}`);
      await cp(path, copy, { recursive: true, verbatimSymlinks: true });
      return { path, copy };
    }),
  );
  try {
    await attack();
    check(await fixture.reader().read());
  } finally {
    for (const { path, copy } of saved) {
      await rm(path, { recursive: true, force: true });
      await rename(copy, path);
    }
  }
}

/** The facts (what figures are computed from) are exactly the honest ones. */
function sameFacts(input: InsightsInput): void {
  assert.deepEqual(input.runs, honest.runs, 'runs');
  assert.deepEqual(input.changesets, honest.changesets, 'changesets');
  assert.deepEqual(input.audit, honest.audit, 'audit');
}

function leftOut(input: InsightsInput, file: string | RegExp, reason: RegExp) {
  const record = input.unverified.find((item) =>
    typeof file === 'string' ? item.file === file : file.test(item.file),
  );
  assert.ok(record, `a record for ${String(file)} in ${JSON.stringify(input.unverified, null, 1)}`);
  assert.match(record.reason, reason);
  return record;
}

describe('Insights under attack by a teammate who controls the workspace', () => {
  it('reads the honest history: two verified runs, nothing left out', () => {
    assert.deepEqual(honest.unverified, []);
    assert.equal(honest.runs.length, 2);
    assert.equal(honest.counts.run.verified, 2);
    assert.ok(honest.runs.some((run) => run.runId === rollbackId && run.rollbackOf === fixture.runId));
    assert.equal(honest.audit.length, 0, 'no refusal or drift entries; run entries stay in the reader');
  });

  it("deleting a run's whole folder does not hide it: the signed audit log names it", async () => {
    await attacked(
      [ws('runs', rollbackId)],
      () => rm(ws('runs', rollbackId), { recursive: true }),
      (input) => {
        assert.deepEqual(
          input.runs.map((run) => run.runId),
          [fixture.runId],
        );
        assert.deepEqual(input.counts.run, { read: 2, verified: 1, unsigned: 0, unverified: 1 });
        const record = leftOut(input, `runs/${rollbackId}`, /signed audit log records this run/);
        assert.equal(record.kind, 'run');
        assert.match(record.reason, /rollback by Ada/);
        assert.match(record.reason, /restore it from git history/);
        // The report says so: one run is left out.
        const report = computeInsights(input, resolveInsightsQuery({}, fixture.clock.now), fixture.clock.now);
        assert.equal(JSON.stringify(report).includes(`runs/${rollbackId}`), true);
      },
    );
  });

  it('deleting both result files (the run then looks unfinished) does not hide it either', async () => {
    await attacked(
      [ws('runs', fixture.runId)],
      async () => {
        await rm(ws('runs', fixture.runId, 'result.json'));
        await rm(ws('runs', fixture.runId, 'result.dsse.json'));
      },
      (input) => {
        assert.equal(input.counts.run.unverified, 1);
        leftOut(input, `runs/${fixture.runId}`, /promote by Ada .*status succeeded/);
      },
    );
  });

  it('a run folder replaced by a link to a copy outside is not followed, and is named as missing', async () => {
    const outside = join(backups, 'outside-run');
    await attacked(
      [ws('runs', rollbackId)],
      async () => {
        await cp(ws('runs', rollbackId), outside, { recursive: true });
        await rm(ws('runs', rollbackId), { recursive: true });
        await symlink(outside, ws('runs', rollbackId));
      },
      (input) => {
        assert.ok(!input.runs.some((run) => run.runId === rollbackId));
        leftOut(input, `runs/${rollbackId}`, /folder is missing/);
      },
    );
  });

  it('a verified run folder replayed under another run id is refused, the original counted once', async () => {
    const copyId = rollbackId.replace(/-[0-9a-f]{6}$/, '-abcdef');
    await attacked(
      [ws('runs')],
      () => cp(ws('runs', rollbackId), ws('runs', copyId), { recursive: true }),
      (input) => {
        sameFacts(input);
        assert.equal(input.counts.run.unverified, 1);
        leftOut(input, new RegExp(`^runs/${copyId}/`), /copied from another run/);
      },
    );
  });

  it("a run's signed result copied onto another run is refused", async () => {
    await attacked(
      [ws('runs', fixture.runId)],
      () => cp(ws('runs', rollbackId, 'result.dsse.json'), ws('runs', fixture.runId, 'result.dsse.json')),
      (input) => {
        assert.deepEqual(
          input.runs.map((run) => run.runId),
          [rollbackId],
        );
        leftOut(
          input,
          new RegExp(`^runs/${fixture.runId}/`),
          /signed for another run|not by the run's last writer/,
        );
      },
    );
  });

  for (const [what, edit] of [
    ['tier', (text: string) => text.replace('"tier": "', '"tier": "prod", "x": "')],
    [
      'status',
      (text: string) =>
        text.replace('"rolled-back"', '"succeeded"').replace('"status": "succeeded"', '"status": "failed"'),
    ],
    [
      'finishedAt',
      (text: string) => text.replace(/"finishedAt": "[^"]+"/, `"finishedAt": "${T0.toISOString()}"`),
    ],
    ['override', (text: string) => text.replace(/"override": null/, '"override": {"reason":"x","by":"Ada"}')],
    ['steps', (text: string) => text.replace(/"steps": \[/, '"steps": [], "_steps": [')],
  ] as const) {
    it(`editing result.json's ${what} is refused as changed after signing`, async () => {
      const file = ws('runs', fixture.runId, 'result.json');
      await attacked(
        [file],
        async () => {
          const text = await readFile(file, 'utf8');
          const changed = edit(text);
          assert.notEqual(changed, text, `the edit of ${what} applies`);
          await writeFile(file, changed);
        },
        (input) => {
          assert.ok(!input.runs.some((run) => run.runId === fixture.runId));
          leftOut(input, `runs/${fixture.runId}/result.json`, /changed after it was signed/);
        },
      );
    });
  }

  it('editing plan.json is refused', async () => {
    const file = ws('runs', fixture.runId, 'plan.json');
    await attacked(
      [file],
      async () => writeFile(file, (await readFile(file, 'utf8')).replace('"uat"', '"prod"')),
      (input) => leftOut(input, `runs/${fixture.runId}/plan.json`, /changed after it was signed/),
    );
  });

  for (const [what, edit] of [
    ['truncated', (lines: string[]) => lines.slice(0, -1)],
    ['extended', (lines: string[]) => [...lines, lines[lines.length - 1] ?? '']],
    ['reordered', (lines: string[]) => [lines[0] ?? '', ...lines.slice(1).reverse()]],
  ] as const) {
    it(`a ${what} journal is refused`, async () => {
      const file = ws('runs', fixture.runId, 'journal.jsonl');
      await attacked(
        [file],
        async () => {
          const lines = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
          assert.ok(lines.length >= 3, 'enough lines to reorder');
          await writeFile(file, `${edit(lines).join('\n')}\n`);
        },
        (input) => {
          assert.ok(!input.runs.some((run) => run.runId === fixture.runId));
          leftOut(input, `runs/${fixture.runId}/journal.jsonl`, /journal/);
        },
      );
    });
  }

  it('an approval copied from another changeset is not an approval of this one', async () => {
    const from = ws('changesets', `${secondId}.approvals`, `${fixture.ritaKeyId}.json`);
    const folder = ws('changesets', `${fixture.changesetId}.approvals`);
    await attacked(
      [folder],
      async () => {
        // Rita's approval of the first change is replaced by her approval of the second.
        await cp(from, join(folder, `${fixture.ritaKeyId}.json`));
      },
      (input) => {
        const first = input.changesets.find((item) => item.changesetId === fixture.changesetId);
        assert.deepEqual(first?.approvals, []);
        assert.equal(input.counts.approval.unverified, 1);
        leftOut(input, `changesets/${fixture.changesetId}.approvals/${fixture.ritaKeyId}.json`, /./);
      },
    );
  });

  it("an approval filed under another approver's key id is refused", async () => {
    const adaKeyId = (await fixture.ada.identity.keys.requireIdentity()).keyId;
    const folder = ws('changesets', `${secondId}.approvals`);
    await attacked(
      [folder],
      () => cp(join(folder, `${fixture.ritaKeyId}.json`), join(folder, `${adaKeyId}.json`)),
      (input) => {
        const second = input.changesets.find((item) => item.changesetId === secondId);
        assert.equal(second?.approvals.length, 1, 'only Rita approved');
        leftOut(input, `changesets/${secondId}.approvals/${adaKeyId}.json`, /./);
      },
    );
  });

  it('a changeset whose createdAt was moved later (shorter lead time) loses its creation time instead', async () => {
    const file = ws('changesets', `${fixture.changesetId}.json`);
    await attacked(
      [file],
      async () => {
        const text = await readFile(file, 'utf8');
        const later = new Date(T0.getTime() + 90 * 60 * 1000).toISOString();
        await writeFile(file, text.replace(`"createdAt": "${T0.toISOString()}"`, `"createdAt": "${later}"`));
      },
      (input) => {
        const changed = input.changesets.find((item) => item.changesetId === fixture.changesetId);
        assert.equal(changed?.createdAt, null, 'its creation time is no longer vouched for by a signature');
        leftOut(input, `changesets/${fixture.changesetId}.json`, /changed after .*signed/);
      },
    );
  });

  it('duplicate keys and __proto__ in a changeset are refused by the strict parser', async () => {
    const file = ws('changesets', `${secondId}.json`);
    for (const edit of [
      (text: string) => text.replace('{', `{"createdAt": "${T0.toISOString()}",`),
      (text: string) => text.replace('{', `{"__proto__": {"createdAt": "${T0.toISOString()}"},`),
    ]) {
      await attacked(
        [file],
        async () => writeFile(file, edit(await readFile(file, 'utf8'))),
        (input) => {
          assert.ok(!input.changesets.some((item) => item.changesetId === secondId));
          leftOut(input, `changesets/${secondId}.json`, /not valid JSON|not a valid changeset/);
        },
      );
    }
  });

  it("an audit line copied into another actor's file is refused; the facts are unchanged", async () => {
    const adaKeyId = (await fixture.ada.identity.keys.requireIdentity()).keyId;
    const ritaFile = ws('audit', `${fixture.ritaKeyId}.jsonl`);
    await attacked(
      [ws('audit')],
      async () => {
        const ada = (await readFile(ws('audit', `${adaKeyId}.jsonl`), 'utf8')).split('\n');
        const promote = ada.find((line) => line.includes('"promote"')) ?? '';
        const rita = await readFile(ritaFile, 'utf8').catch(() => '');
        await writeFile(ritaFile, `${rita}${promote}\n`);
      },
      (input) => {
        sameFacts(input);
        leftOut(input, `audit/${fixture.ritaKeyId}.jsonl`, /names actor .* but is in the file of/);
      },
    );
  });

  it('a FIFO as result.json does not hang the report; a huge result.json is not read', async () => {
    const file = ws('runs', fixture.runId, 'result.json');
    await attacked(
      [ws('runs', fixture.runId)],
      async () => {
        await rm(file);
        execFileSync('mkfifo', [file]);
      },
      (input) => leftOut(input, `runs/${fixture.runId}/result.json`, /not a regular file/),
    );
    await attacked(
      [ws('runs', fixture.runId)],
      () => truncate(file, 17 * 1024 * 1024),
      (input) => leftOut(input, `runs/${fixture.runId}/result.json`, /too big/),
    );
  });

  it('non-UTF-8 bytes in a changeset, an audit file and a result are refused, not a crash', async () => {
    const adaKeyId = (await fixture.ada.identity.keys.requireIdentity()).keyId;
    const bad = Buffer.from([0xff, 0xfe, 0x80, 0x0a]);
    await attacked(
      [ws('changesets'), ws('audit'), ws('runs', fixture.runId)],
      async () => {
        await writeFile(ws('changesets', `${secondId}.json`), bad);
        await writeFile(
          ws('audit', `${adaKeyId}.jsonl`),
          Buffer.concat([await readFile(ws('audit', `${adaKeyId}.jsonl`)), bad]),
        );
        await writeFile(ws('runs', fixture.runId, 'result.json'), bad);
      },
      (input) => {
        leftOut(input, `changesets/${secondId}.json`, /not valid JSON/);
        leftOut(input, `audit/${adaKeyId}.jsonl`, /not a valid audit entry/);
        leftOut(input, `runs/${fixture.runId}/result.json`, /changed after it was signed/);
      },
    );
  });

  it('two thousand junk run folders cost bounded work: each counted as left out, none a fact', async () => {
    await attacked(
      [ws('runs')],
      async () => {
        for (let index = 0; index < 2000; index += 1) {
          const id = `2026-11-02T10-00-00Z-junk-change-${index.toString(16).padStart(6, '0')}`;
          await mkdir(ws('runs', id));
          await writeFile(ws('runs', id, 'result.json'), '{}');
          if (index % 2 === 0) await writeFile(ws('runs', id, 'plan.dsse.json'), '{"__proto__": 1}');
        }
        assert.ok((await readdir(ws('runs'))).length >= 2000);
      },
      (input) => {
        sameFacts(input);
        assert.equal(input.counts.run.read, 2002);
        assert.equal(input.counts.run.unsigned, 1000, 'no plan signature: unsigned');
        assert.equal(input.counts.run.unverified, 1000);
      },
    );
  });

  it('an audit file of millions of empty lines is cut short, not read line by line into memory', async () => {
    const planted = ws('audit', `${'e'.repeat(64)}.jsonl`);
    await attacked(
      [ws('audit')],
      () => writeFile(planted, Buffer.alloc(8 * 1024 * 1024, 0x0a)),
      (input) => {
        sameFacts(input);
        const listed = input.unverified.filter((item) => item.file === `audit/${'e'.repeat(64)}.jsonl`);
        assert.equal(listed.length, 101, 'a hundred lines, then one record for the rest');
        assert.match(
          listed.find((item) => item.reason.includes('was not read'))?.reason ?? '',
          /was not read: .*restore the file from git history/,
        );
      },
    );
  });

  it("cutting the end off the promoter's audit log (and the run it names) is seen: a later run anchors it", async () => {
    const adaKeyId = (await fixture.ada.identity.keys.requireIdentity()).keyId;
    const file = ws('audit', `${adaKeyId}.jsonl`);
    await attacked(
      [ws('audit'), ws('runs', fixture.runId)],
      async () => {
        // Hide the first promotion: its folder, and every audit line from its `promote` entry on.
        await rm(ws('runs', fixture.runId), { recursive: true });
        const lines = (await readFile(file, 'utf8')).split('\n');
        const at = lines.findIndex((line) => line.includes('"promote"'));
        assert.ok(at > 0);
        await writeFile(file, `${lines.slice(0, at).join('\n')}\n`);
      },
      (input) => {
        assert.deepEqual(input.audit, [], 'the anchor and head facts stay inside the reader');
        leftOut(
          input,
          `audit/${adaKeyId}.jsonl`,
          /ends at entry seq \d+, yet runs\/.*records that Ada's audit log had reached entry seq \d+.*restore/,
        );
        assert.equal(input.counts.audit.unverified, 1);
      },
    );
  });

  it("deleting the promoter's whole audit file is seen", async () => {
    const adaKeyId = (await fixture.ada.identity.keys.requireIdentity()).keyId;
    await attacked(
      [ws('audit')],
      () => rm(ws('audit', `${adaKeyId}.jsonl`)),
      (input) => {
        sameFacts(input);
        leftOut(input, `audit/${adaKeyId}.jsonl`, /is missing or holds no signed entry, yet .*restore/);
      },
    );
  });

  it('an approval naming environments its key may not approve for counts only where the key may', async () => {
    // Rita's genuine approval names uat; the pinned root (as read here) limits her key to dev. She
    // could sign any list: the gate would refuse her for uat, so Insights must not count it there.
    const root = await fixture.ada.identity.trust.root();
    const keys = (root?.keys ?? []).map((key) =>
      key.keyId === fixture.ritaKeyId ? { ...key, environments: ['dev'] } : key,
    );
    const trust = { keys: new Map(keys.map((key) => [key.keyId, key])), list: keys, now: fixture.clock.now };
    const record = (await readRecordFiles(fixture.workspace.dir)).find(
      (item) => item.kind === 'changeset' && item.changesetId === fixture.changesetId,
    );
    assert.ok(record?.kind === 'changeset');
    const honestApproval = honest.changesets.find((item) => item.changesetId === fixture.changesetId)
      ?.approvals[0];
    assert.ok(honestApproval?.environments?.includes('uat'), 'her approval names uat');
    const outcome = verifyChangesetRecord(record, trust);
    const approval = outcome.changesets?.[0]?.approvals[0];
    assert.equal(approval?.owner, 'Rita');
    assert.ok(!approval?.environments?.includes('uat'), `covers ${String(approval?.environments)}`);
  });

  it("emptying an approver's audit log is seen: her later signed approval anchors it", async () => {
    const file = ws('audit', `${fixture.ritaKeyId}.jsonl`);
    await attacked(
      [ws('audit')],
      async () => {
        // Rita approved twice; her second approval recorded how far her log had reached (her first
        // approval's entry). Cutting only her last entry is seen by `ferry audit verify`'s pins on
        // her machine, not here: no signed document records that entry yet.
        const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
        assert.ok(lines.length >= 2, `Rita's log has ${lines.length} entries`);
        await writeFile(file, '');
      },
      (input) => {
        sameFacts(input);
        leftOut(
          input,
          `audit/${fixture.ritaKeyId}.jsonl`,
          /is missing or holds no signed entry, yet changesets\/.*approvals\/.*Rita's audit log/,
        );
      },
    );
  });
});
