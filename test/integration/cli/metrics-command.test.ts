import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { insightsReportSchema, type InsightsReport } from '../../../shared/insights/insights-report';
import { metricsQuery, parseMetricsDate } from '../../../electron/host/cli/commands/metrics-command';
import {
  expectedDeployments,
  generateInsightsHistory,
  type InsightsHistory,
} from '../../support/insights-history';
import { tempDir } from '../../support/temp-dir';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const run = promisify(execFile);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) =>
  existsSync(path),
);

/** The whole generated history, by the CLI's own date forms: a day (midnight UTC) and a full ISO time. */
const SINCE = '2026-09-01';
const UNTIL = '2026-12-01T00:00:00Z';
const PERIOD = { from: '2026-09-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

describe('ferry metrics over a generated signed history', () => {
  let history: InsightsHistory;
  let root: string;

  /** Runs the real `ferry` bin in a child process on the history's workspace and data folder. */
  async function ferry(args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, '-w', history.dir, ...args], {
        cwd: root,
        env: { ...process.env, ...history.env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

  before(async () => {
    root = await tempDir('ferry-metrics-cli-');
    history = await generateInsightsHistory({
      root: join(root, 'history'),
      changesets: 300,
      runs: 120,
      corrupt: 2,
      days: 60,
    });
  });

  it('--json prints the stable report: the known deployments, the tampered runs counted and left out', async () => {
    const result = await ferry(['metrics', '--since', SINCE, '--until', UNTIL, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report: InsightsReport = insightsReportSchema.parse(JSON.parse(result.stdout));
    assert.equal(report.formatVersion, 1);
    assert.deepEqual(report.period.from, PERIOD.from);
    assert.deepEqual(report.period.to, PERIOD.to);
    const expected = expectedDeployments(history, PERIOD);
    assert.equal(report.deploymentFrequency.total, total(expected));
    for (const row of report.deploymentFrequency.byEnvironment) {
      assert.equal(row.deployments, expected[row.environment] ?? 0, row.environment);
    }
    // Every run was read; the two whose result.json was edited after signing are unverified, by file.
    assert.equal(report.records.counts.run?.read, history.runs.length);
    assert.equal(report.records.counts.run?.unverified, 2);
    assert.deepEqual(
      report.records.unverified.items.map((item) => item.file).sort(),
      [...history.corrupted].sort(),
    );
    // Changesets their author never signed are unsigned, not unverified.
    assert.equal(
      report.records.counts.changeset?.unsigned,
      history.changesets.filter((changeset) => changeset.authorSignedAt === null).length,
    );
    const overrides = history.runs.filter(
      (item) => item.kind === 'promote' && item.override !== null && !item.corrupted,
    );
    assert.equal(report.governance.overrides.count, overrides.length);
    assert.ok(report.changeFailureRate.byCause.rolledBack >= 1, 'the generated rollback counts as a failure');
  });

  it('--env keeps to the environments named, repeated or as a list', async () => {
    const result = await ferry(['metrics', '--since', SINCE, '--until', UNTIL, '--env', 'prod', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = insightsReportSchema.parse(JSON.parse(result.stdout));
    const expected = expectedDeployments(history, { ...PERIOD, environments: ['prod'] });
    assert.equal(report.deploymentFrequency.total, total(expected));
    assert.deepEqual(
      report.environments
        .filter((environment) => environment.selected)
        .map((environment) => environment.name),
      ['prod'],
    );
    const both = await ferry(['metrics', '--since', SINCE, '--until', UNTIL, '--env', 'uat,prod', '--json']);
    assert.equal(both.code, 0, both.stderr);
    const two = insightsReportSchema.parse(JSON.parse(both.stdout));
    assert.equal(
      two.deploymentFrequency.total,
      total(expectedDeployments(history, { ...PERIOD, environments: ['uat', 'prod'] })),
    );
  });

  it('prints the figures in words without --json', async () => {
    const result = await ferry(['metrics', '--since', SINCE, '--until', UNTIL]);
    assert.equal(result.code, 0, result.stderr);
    const deployments = total(expectedDeployments(history, PERIOD));
    assert.match(result.stdout, new RegExp(`${deployments} deployments`));
    assert.match(result.stdout, /Change failure rate/);
    assert.match(result.stdout, /2 left out as unverified/);
  });

  it('refuses a date it cannot read with exit 2, saying which forms it takes, before reading anything', async () => {
    const result = await ferry(['metrics', '--since', 'last tuesday']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--since takes a date as YYYY-MM-DD/);
    assert.match(result.stderr, /30d or 12w/);
    const impossible = await ferry(['metrics', '--until', '2026-02-30']);
    assert.equal(impossible.code, 2);
    assert.match(impossible.stderr, /--until takes a date/);
    const window = await ferry(['metrics', '--fix-window', 'soon']);
    assert.equal(window.code, 2);
    assert.match(window.stderr, /--fix-window is a whole number of days from 0 to 90/);
  });

  it('metrics report -o writes a self-contained HTML page and a Markdown file with the figures', async () => {
    const deployments = String(total(expectedDeployments(history, PERIOD)));
    const html = join(root, 'cab.html');
    const written = await ferry(['metrics', 'report', '-o', html, '--since', SINCE, '--until', UNTIL]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /Wrote the Insights report for 2026-09-01 to 2026-12-01/);
    const page = await readFile(html, 'utf8');
    assert.match(page, /^<!doctype html>/i);
    assert.ok(page.includes(deployments), 'the page shows the deployments');
    // Self-contained: nothing fetched from elsewhere when a board member opens it.
    assert.doesNotMatch(page, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src="?https?:/i);

    const markdown = join(root, 'cab.md');
    const md = await ferry([
      'metrics',
      'report',
      '-o',
      markdown,
      '--since',
      SINCE,
      '--until',
      UNTIL,
      '--json',
    ]);
    assert.equal(md.code, 0, md.stderr);
    assert.equal((JSON.parse(md.stdout) as { file: string }).file, markdown);
    const text = await readFile(markdown, 'utf8');
    assert.match(text, /^# /m);
    assert.ok(text.includes(deployments), 'the Markdown shows the deployments');
    // Written by rename: no staging file is left beside it.
    assert.deepEqual(
      (await readdir(root)).filter((name) => name.startsWith('.')),
      [],
    );
  });

  it('metrics report refuses a file type it cannot write, and -o without report', async () => {
    const wrong = await ferry(['metrics', 'report', '-o', join(root, 'cab.docx')]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /writes \.html, \.md or \.pdf/);
    assert.equal(existsSync(join(root, 'cab.docx')), false);
    const missing = await ferry(['metrics', 'report']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs -o/);
  });

  it(
    'metrics report -o x.pdf prints the page to a PDF',
    { skip: CHROMIUM === undefined ? 'no Chromium at /usr/bin/chromium to print with' : false },
    async () => {
      const pdf = join(root, 'cab.pdf');
      const result = await ferry(['metrics', 'report', '-o', pdf, '--since', SINCE, '--until', UNTIL]);
      assert.equal(result.code, 0, result.stderr);
      const bytes = await readFile(pdf);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    },
  );

  it('is listed in ferry --help and explains itself in ferry metrics --help', async () => {
    const top = await ferry(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /ferry metrics \[report -o/);
    const own = await ferry(['metrics', '--help']);
    assert.equal(own.code, 0);
    assert.match(own.stdout, /--since <date>/);
    assert.match(own.stdout, /YYYY-MM-DD \(midnight UTC\)/);
  });
});

describe('ferry metrics date flags', () => {
  const now = new Date('2026-12-07T10:30:00.000Z');

  it('reads a day as its midnight UTC, a full ISO time with its offset, and an age back from now', () => {
    assert.equal(parseMetricsDate('since', '2026-11-01', now), '2026-11-01T00:00:00.000Z');
    assert.equal(parseMetricsDate('since', '2026-11-01T09:00:00+02:00', now), '2026-11-01T07:00:00.000Z');
    assert.equal(parseMetricsDate('since', '2026-11-01T09:00Z', now), '2026-11-01T09:00:00.000Z');
    assert.equal(parseMetricsDate('since', '30d', now), '2026-11-07T10:30:00.000Z');
    assert.equal(parseMetricsDate('until', '2w', now), '2026-11-23T10:30:00.000Z');
  });

  it('refuses anything else with a usage error naming what it accepts', () => {
    for (const value of ['yesterday', '2026-13-01', '2026-02-30', '30', '30m', '2026-11-01 09:00', '']) {
      assert.throws(
        () => parseMetricsDate('since', value, now),
        (error: unknown) =>
          error instanceof FerryError &&
          error.code === 'usage' &&
          /YYYY-MM-DD/.test(error.message) &&
          /30d or 12w/.test(error.message),
        value,
      );
    }
    assert.throws(() => parseMetricsDate('since', '99999d', now), /more than 3660 days/);
  });

  it('takes --env repeated or as a list, each name once', () => {
    assert.deepEqual(metricsQuery({ env: ['uat,prod', 'prod'], 'fix-window': '5' }, now), {
      environments: ['uat', 'prod'],
      fixWindowDays: 5,
    });
    assert.throws(() => metricsQuery({ env: ['uat,'] }, now), /--env needs an environment name/);
    assert.throws(() => metricsQuery({ 'fix-window': '91' }, now), /from 0 to 90/);
  });
});
