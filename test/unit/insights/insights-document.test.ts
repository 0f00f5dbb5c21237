import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeInsights } from '../../../shared/insights/compute-insights';
import { FIGURE_EXPLANATIONS, FIGURE_TITLES } from '../../../shared/insights/figure-explanations';
import { buildInsightsDocument } from '../../../shared/insights/insights-document';
import { describeInsights } from '../../../shared/insights/insights-text';
import { renderHtml, renderMarkdown } from '../../../shared/promotion/report-document';
import { date, FactsBuilder, threeEnvironments } from './facts-builder';

/*
 * The change advisory board's report and the CLI's text over a history with a rolled-back run,
 * an override, a refusal and unverified records, some of them carrying text meant to inject
 * markup (or terminal escapes) into the output.
 */

const HOSTILE =
  '<script>alert(1)</script> | **bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)>';
const WEEK = 7 * 24;

function history(failures = 2): FactsBuilder {
  const builder = threeEnvironments()
    .changeset({ id: 'c1', title: HOSTILE, created: -30, authorSigned: -29 })
    .approval({ changeset: 'c1', at: -20, envs: ['prod'] })
    .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 1, finished: 2 })
    .run({ id: 'r2', changeset: 'c1', env: 'prod', started: 3, finished: 3.5, status: 'rolled-back' })
    .run({
      id: 'r3',
      changeset: 'c1',
      env: 'prod',
      started: 5,
      finished: 6,
      override: { reason: `${HOSTILE}\u001b[31mred\u0007`, by: 'Ana <ana@example.com>' },
    })
    .auditEntry('gate-refused', 7, 'changeset/c1', {
      environment: 'prod',
      gates: [{ gate: 'window', reason: HOSTILE }],
    })
    .snapshot('prod', 0)
    .unverifiedRecord('run', 'runs/<b>bad</b>/result.json', HOSTILE);
  for (let index = 3; index <= failures; index += 1) {
    builder.run({
      id: `f${index}`,
      changeset: 'c1',
      env: 'test',
      started: 10 + index,
      finished: 10.5 + index,
      status: 'stopped',
    });
  }
  return builder;
}

const report = (builder: FactsBuilder) =>
  computeInsights(
    builder.build(),
    { from: date(0), to: date(WEEK), environments: null, fixWindowDays: 2 },
    date(WEEK),
  );

describe('the change process report', () => {
  it('is titled, names the period and environments, and gives the four keys with bands', () => {
    const document = buildInsightsDocument(report(history()));
    assert.equal(document.title, 'Change process report');
    assert.match(
      JSON.stringify(document.subtitle),
      /2026-03-02 00:00 UTC to 2026-03-09 00:00 UTC \(7 days\)/,
    );
    assert.match(JSON.stringify(document.subtitle), /environments: dev, test, prod/);
    assert.deepEqual(
      document.sections.map((section) => section.title),
      [
        'The four keys',
        'Where lead time went',
        'Failures',
        'Governance',
        'Drift and snapshots',
        'Records behind these figures',
      ],
    );
    const facts = document.sections[0]?.blocks[0];
    assert.ok(facts?.kind === 'facts');
    assert.deepEqual(
      facts.rows.map(([label]) => label),
      ['Deployment frequency', 'Lead time for changes', 'Change failure rate', 'Time to restore'],
    );
    // Two production deployments in a week: high; one failure of three: low (above 45 %).
    assert.deepEqual(facts.rows[0]?.[1].at(-1), { badge: 'high', tone: 'good' });
    assert.deepEqual(facts.rows[2]?.[1].at(-1), { badge: 'medium', tone: 'warn' });

    const markdown = renderMarkdown(document);
    assert.match(markdown, /# Change process report/);
    assert.match(markdown, /r2/);
    assert.match(markdown, /\| `r2` \| prod \| 2026-03-02 03:30 UTC \| ended rolled-back \| 30 minutes \|/);
    assert.match(markdown, /1 left out as unverified/);
  });

  it('escapes hostile reasons, names and files in Markdown and HTML', () => {
    const document = buildInsightsDocument(report(history()));
    const html = renderHtml(document);
    assert.doesNotMatch(html, /<script>|<img|<b>bad/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /Ana &lt;ana@example\.com&gt;/);
    assert.equal((html.match(/<script/g) ?? []).length, 0);

    const markdown = renderMarkdown(document);
    // Outside code spans (literal in Markdown), every angle bracket a person typed is escaped.
    assert.doesNotMatch(markdown.replace(/`[^`\n]*`/g, ''), /(?<!\\)[<>]/);
    assert.doesNotMatch(markdown, /\[link\]\(javascript|(?<!\\)\*\*bold/);
    assert.match(markdown, /\\<script\\>/);
    // A reason's pipe cannot open a table column.
    for (const line of markdown.split('\n').filter((text) => text.startsWith('| `r3`'))) {
      assert.equal(line.split(/(?<!\\)\|/).length, 7, line);
    }
  });

  it('stays one page: tables stop at eight rows and say how many more there were', () => {
    const document = buildInsightsDocument(report(history(14)));
    const failures = document.sections.find((section) => section.title === 'Failures');
    const table = failures?.blocks[0];
    assert.ok(table?.kind === 'table');
    assert.equal(table.rows.length, 8);
    assert.match(renderMarkdown(document), /… and 5 more failures\./);
  });

  it('says plainly when nothing failed', () => {
    const quiet = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 1, finished: 2 });
    assert.match(renderMarkdown(buildInsightsDocument(report(quiet))), /No promotion in the period failed\./);
  });
});

describe('describeInsights', () => {
  it('gives every figure its value, band and one-line explanation', () => {
    const text = describeInsights(report(history()));
    for (const id of Object.keys(FIGURE_TITLES) as (keyof typeof FIGURE_TITLES)[]) {
      assert.ok(text.includes(FIGURE_TITLES[id]), `${id} title`);
      assert.ok(text.includes(FIGURE_EXPLANATIONS[id]), `${id} explanation`);
    }
    assert.match(text, /Deployment frequency: 2 deployments, 2 a week \[high\]/);
    assert.match(text, /Change failure rate: 33\.3 % \(1 of 3 promotions: 1 failed\) \[medium\]/);
    assert.match(text, /Emergency overrides: 1 override/);
    assert.match(text, /run r3 \(prod, 2026-03-02 06:00 UTC\) by Ana <ana@example.com>/);
    assert.match(text, /Changes refused by gates: 1 refusal: window 1/);
    assert.match(text, /prod: 7 days old/);
    assert.match(text, /runs\/<b>bad<\/b>\/result.json/);
  });

  it('prints no control characters a person typed', () => {
    const text = describeInsights(report(history()));
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f]/);
    // Shown as `\u001b`, so a person sees that the reason carried an escape sequence.
    assert.match(text, /\\u001b\[31mred\\u0007/);
  });

  it('reads sensibly for an empty history', () => {
    const text = describeInsights(report(new FactsBuilder()));
    assert.match(text, /Environments: none/);
    assert.match(text, /Change failure rate: no promotions finished in the period/);
    assert.match(text, /Lead time for changes: not measured/);
  });
});
