import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeInsights, resolveInsightsQuery } from '../../../shared/insights/compute-insights';
import { buildInsightsDocument } from '../../../shared/insights/insights-document';
import type { InsightsInput } from '../../../shared/insights/insights-facts';
import { describeInsights } from '../../../shared/insights/insights-text';
import { renderHtml, renderMarkdown } from '../../../shared/promotion/report-document';

/**
 * Text a person typed reaches the report: an override reason, a gate's reason, an environment
 * name, a left-out record's reason (which may quote an unsigned file). A teammate who plants
 * terminal escapes or markup there must not recolour or rewrite the terminal that runs
 * `ferry metrics`, nor inject markup into the HTML report. (The page renders text through React,
 * which escapes it, and sets no raw HTML: no dangerouslySetInnerHTML in renderer/src/features/insights.)
 */

const NOW = new Date('2026-11-20T12:00:00Z');
const EVIL =
  '\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u009b31m<img src=x onerror=alert(1)>**bold** [link](javascript:alert(1))';

function input(): InsightsInput {
  const run = {
    runId: '2026-11-10T10-00-00Z-evil-change-abcdef',
    kind: 'promote' as const,
    rollbackOf: null,
    changesetId: 'evil-change',
    changesetDigest: `sha256:${'0'.repeat(64)}`,
    environment: 'prod',
    tier: 'prod' as const,
    startedAt: '2026-11-10T10:00:00.000Z',
    finishedAt: '2026-11-10T10:05:00.000Z',
    status: 'stopped' as const,
    override: { reason: EVIL, by: EVIL },
    overriddenGates: ['window'],
    objects: [],
    promoterKeyId: 'a'.repeat(64),
  };
  const tally = { read: 1, verified: 1, unsigned: 0, unverified: 0 };
  return {
    environments: [{ name: 'prod', tier: 'prod' }],
    runs: [run],
    changesets: [
      {
        changesetId: 'evil-change',
        title: EVIL,
        digest: run.changesetDigest,
        createdAt: '2026-11-09T10:00:00.000Z',
        authorSignedAt: null,
        authorKeyId: null,
        origin: EVIL,
        approvals: [],
      },
    ],
    audit: [
      {
        actorKeyId: 'a'.repeat(64),
        actor: EVIL,
        at: '2026-11-11T10:00:00.000Z',
        action: 'gate-refused',
        subject: 'changeset/evil-change',
        details: { environment: 'prod', gates: [{ gate: EVIL, reason: EVIL }] },
      },
    ],
    snapshots: [{ environment: 'prod', takenAt: null }],
    counts: { run: tally, changeset: tally, approval: tally, audit: tally },
    unverified: [{ kind: 'run', file: `runs/${EVIL}`, reason: EVIL }],
  };
}

describe('record text in the CLI and the report is data, never instructions', () => {
  const report = computeInsights(input(), resolveInsightsQuery({}, NOW), NOW);

  it('carries the planted text into the report (so the checks below look at it)', () => {
    const json = JSON.stringify(report);
    assert.ok(json.includes('onerror=alert(1)'), 'the override reason is in the report');
  });

  it('ferry metrics prints no control character but newlines', () => {
    const text = describeInsights(report);
    assert.ok(text.includes('onerror=alert(1)'), 'the reason is printed, as text');
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('ferry metrics --json escapes them', () => {
    const json = JSON.stringify(report);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(json, /[\u0000-\u001f]/);
  });

  it('the HTML report holds no planted element or link; the Markdown no planted link', () => {
    const document = buildInsightsDocument(report);
    const html = renderHtml(document);
    assert.ok(html.includes('onerror=alert(1)'), 'the reason is shown');
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /href="javascript:/i);
    // Outside code spans (whose content CommonMark shows literally) every bracket and angle is escaped.
    const prose = renderMarkdown(document).replace(/(`+)[^`]*?\1/g, '');
    assert.doesNotMatch(prose, /(?<!\\)\[link\]\(javascript/);
    assert.doesNotMatch(prose, /(?<!\\)<img/i);
  });
});
