import { resolve } from 'node:path';
import { describeInsights } from '../../../../shared/insights/insights-text';
import type { InsightsQuery } from '../../../../shared/insights/insights-query';
import { writeFileAtomic } from '../../../services/fs/atomic-write';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { writePdfFromHtml } from '../html-to-pdf';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

export const metricsUsage =
  'ferry metrics [report -o <file.html|.md|.pdf>] [--env <e>]… [--since <date>] [--until <date>] [--fix-window <days>]';

export const metricsSummary =
  'DORA keys and governance figures from the signed history (--json: the stable report)';

export const metricsHelp = `usage: ferry metrics [--env <e>]… [--since <date>] [--until <date>] [--fix-window <days>] [--json]
       ferry metrics report -o <file.html|file.md|file.pdf> [the same filters]

Insights: the four DORA keys (deployment frequency, lead time, change failure rate, time to
restore) and the governance picture (approvals, overrides, gate refusals, drift, snapshot age) for
a period, computed offline from the workspace's signed records. A record whose signature does not
verify against this machine's pinned trust root is left out and counted as such.

  --env <e>           an environment to measure; repeat it or give a list (--env uat,prod); default all
  --since <date>      the period's start, inclusive (default: 30 days before its end)
  --until <date>      the period's end, exclusive (default: now)
  --fix-window <days> a later change to an object a deployment wrote within this many days counts as
                      fixing it, so the deployment counts as a failure (0 to 90, default 2)
  --json              the report as JSON, the same object the app's Insights page shows; its field
                      names are stable (formatVersion 1)
  report -o <file>    writes the one-page report for the period: .html (self-contained), .md, or
                      .pdf (needs Chromium; FERRY_CHROMIUM names it)

A date is YYYY-MM-DD (midnight UTC), a full ISO 8601 time (2026-11-01T09:00:00Z), or an age counted
back from now: 30d (days) or 12w (weeks).
`;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The oldest relative age accepted: ten years, the longest period a query covers. */
const MAX_RELATIVE_DAYS = 3660;
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const FULL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const RELATIVE = /^(\d{1,5})([dw])$/;

export const metricsOptions = {
  env: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
  'fix-window': { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

function dateRefusal(flag: string, value: string): UsageError {
  return new UsageError(
    `--${flag} takes a date as YYYY-MM-DD (midnight UTC), a full ISO 8601 time such as 2026-11-01T09:00:00Z, ` +
      `or an age back from now such as 30d or 12w, not "${value.slice(0, 60)}"\nusage: ${metricsUsage}`,
  );
}

/**
 * A `--since`/`--until` value as an ISO time (UTC): a day is its midnight UTC, an age is counted
 * back from `now`. Anything else is refused with what is accepted.
 */
export function parseMetricsDate(flag: string, value: string, now: Date): string {
  const text = value.trim();
  const day = DAY_ONLY.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const at = new Date(Date.UTC(year, month - 1, date));
    // 2026-02-30 rolls over to March in Date.UTC: a day that does not exist is refused.
    if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date) {
      throw dateRefusal(flag, value);
    }
    return at.toISOString();
  }
  if (FULL_ISO.test(text)) {
    const at = Date.parse(text);
    if (Number.isNaN(at)) throw dateRefusal(flag, value);
    return new Date(at).toISOString();
  }
  const relative = RELATIVE.exec(text);
  if (relative) {
    const days = Number(relative[1]) * (relative[2] === 'w' ? 7 : 1);
    if (days > MAX_RELATIVE_DAYS) {
      throw new UsageError(
        `--${flag} ${text} reaches back more than ${MAX_RELATIVE_DAYS} days (ten years); give a later date`,
      );
    }
    return new Date(now.getTime() - days * DAY_MS).toISOString();
  }
  throw dateRefusal(flag, value);
}

/** `--env a --env b,c`: each name once, in the order given. */
export function parseMetricsEnvironments(flags: CommandFlags): string[] | undefined {
  const raw = flags.env;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (value): value is string => typeof value === 'string',
  );
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  if (names.some((name) => name === '')) {
    throw new UsageError(
      `--env needs an environment name (e.g. --env prod or --env uat,prod)\nusage: ${metricsUsage}`,
    );
  }
  return names.length === 0 ? undefined : [...new Set(names)];
}

/** The query the flags ask for; the service fills in the defaults and checks the period. */
export function metricsQuery(flags: CommandFlags, now: Date): InsightsQuery {
  const query: InsightsQuery = {};
  const since = flagText(flags, 'since');
  const until = flagText(flags, 'until');
  if (since !== undefined) query.from = parseMetricsDate('since', since, now);
  if (until !== undefined) query.to = parseMetricsDate('until', until, now);
  const environments = parseMetricsEnvironments(flags);
  if (environments !== undefined) query.environments = environments;
  const fixWindow = flagText(flags, 'fix-window');
  if (fixWindow !== undefined) {
    const days = /^\d{1,2}$/.test(fixWindow.trim()) ? Number(fixWindow.trim()) : NaN;
    if (!Number.isInteger(days) || days > 90) {
      throw new UsageError(
        `--fix-window is a whole number of days from 0 to 90, not "${fixWindow.slice(0, 40)}"`,
      );
    }
    query.fixWindowDays = days;
  }
  return query;
}

type ReportFormat = 'html' | 'md' | 'pdf';

function reportFormat(file: string): ReportFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.md')) return 'md';
  if (lower.endsWith('.pdf')) return 'pdf';
  throw new UsageError(
    `metrics report writes .html, .md or .pdf; "${file}" is none of them\nusage: ${metricsUsage}`,
  );
}

export async function runMetrics(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [sub, ...extra] = positionals;
  if (extra.length > 0 || (sub !== undefined && sub !== 'report')) {
    throw new UsageError(`metrics takes no arguments other than "report"\nusage: ${metricsUsage}`);
  }
  const output = flagText(flags, 'output');
  if (sub === 'report' && output === undefined) {
    throw new UsageError(`metrics report needs -o <file.html|file.md|file.pdf>\nusage: ${metricsUsage}`);
  }
  if (sub === undefined && output !== undefined) {
    throw new UsageError(`-o goes with "metrics report"\nusage: ${metricsUsage}`);
  }
  // Checked before the workspace is opened: a bad flag costs nothing and says so at once.
  const query = metricsQuery(flags, new Date());
  const format = output === undefined ? null : reportFormat(output);
  const services = await openWorkspaceServices(global, io);

  if (output === undefined || format === null) {
    const report = await services.insights.metrics(query);
    return { data: report, human: describeInsights(report) };
  }
  const document = await services.insights.report(query);
  const target = resolve(io.cwd, output);
  // Both ways rename a complete file into place: nothing half-written is ever left at `target`.
  if (format === 'pdf') await writePdfFromHtml(document.html, target, io.env);
  else await writeFileAtomic(target, format === 'html' ? document.html : document.markdown);
  const { period } = document.report;
  return {
    data: { file: target, format, report: document.report },
    human: `Wrote the Insights report for ${period.from.slice(0, 10)} to ${period.to.slice(0, 10)} (end exclusive) to ${target}`,
  };
}
