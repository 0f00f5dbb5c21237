import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { FLOW_DRIFT } from '../../electron/sandbox/seed-flows';
import {
  type Journey,
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  openSection,
  startJourney,
  text,
} from './support/journey';

/*
 * Issue 18 point 2 in the Compare page: a flow's configuration is read in the YAML diff above;
 * the field list under it says so in one line instead of repeating the configuration as two
 * cut-off escaped strings.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const { flow } = FLOW_DRIFT.devOnly;

before(async () => {
  journey = await startJourney('ferry-e2e-issue18-h10-flow-line-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe("a flow's configuration under its YAML diff (issue 18)", () => {
  it('compares dev with uat', async () => {
    await createWorkspaceInUi(page, host, join(root, 'ws'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    await openSection(page, 'Compare');
    await page.locator('select[name="a-environment"]').selectOption('uat');
    await page.locator('select[name="b-environment"]').selectOption('dev');
    await page.getByTestId('run-compare').click();
    await page
      .getByTestId('run-compare')
      .filter({ hasText: /^Compare$/ })
      .waitFor();
  });

  it('says in one line that the configuration changed, pointing at the flow diff', async () => {
    await page.getByTestId('diff-filter').fill(flow);
    await page
      .getByTestId('diff-list')
      .getByTestId('diff-object')
      .filter({ hasText: `${flow} (inbound call)` })
      .click();
    const panel = page.getByTestId('diff-object-panel');
    await panel.getByTestId('diff-editor').locator('.monaco-diff-editor').waitFor({ timeout: 15_000 });
    const list = panel.getByTestId('field-changes');
    const line = list.getByTestId('shown-above');
    await line.waitFor({ timeout: 10_000 });
    assert.equal(await text(line), 'Configuration changed — see the flow diff above');
    // The YAML is not repeated as escaped text: no "\n" and no top-level flow key in the list.
    const all = await text(list);
    assert.doesNotMatch(all, /\\n|inboundCall:/, all);
  });
});
