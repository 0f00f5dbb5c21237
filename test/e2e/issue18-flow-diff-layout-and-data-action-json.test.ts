import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { DEMO_CLIENTS } from '../../electron/sandbox';
import type { WebHost } from '../../electron/host/web/web-host';
import { FLOW_DRIFT } from '../../electron/sandbox/seed-flows';
import { apiFor, findByName, login } from '../integration/sandbox/sandbox-test-client';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import {
  type Journey,
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  openSection,
  startJourney,
  text,
} from './support/journey';

/*
 * Issue 18 point 2 and 4 in the Compare page: a flow's configuration diff reads side by side or
 * inline (a switch a keyboard reaches, clean for axe in both themes), and a data action's contract
 * and JSON request template are compared as JSON, the template pretty-printed, not one escaped line.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const ACTION = 'Get Account Balance';
const ACTIONS = '/api/v2/integrations/actions';
const { flow, queue } = FLOW_DRIFT.devOnly;

interface ActionRead {
  id: string;
  name: string;
  version: number;
  config: { request: Record<string, unknown>; response: Record<string, unknown> };
  contract: { input: { inputSchema: Record<string, unknown> }; output: { successSchema: SuccessSchema } };
}
interface SuccessSchema {
  properties?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An admin edits the action by hand in an org, through its draft: a JSON body, and in dev a new output. */
async function editAction(org: 'dev' | 'uat', template: string, extraOutput?: string): Promise<void> {
  const base = host.sandbox?.url;
  assert.ok(base, 'the embedded sandbox runs');
  const api = apiFor(base, await login(base, DEMO_CLIENTS[org]));
  const { id } = await findByName(api, ACTIONS, ACTION);
  const created = await api<{ version: number }>('POST', `${ACTIONS}/${id}/draft`);
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const read = await api<ActionRead>('GET', `${ACTIONS}/${id}/draft?expand=contract&includeConfig=true`);
  assert.equal(read.status, 200);
  const { config, contract } = read.body;
  const success = contract.output.successSchema;
  const patched = await api<{ version: number }>('PATCH', `${ACTIONS}/${id}/draft`, {
    version: created.body.version,
    config: { ...config, request: { ...config.request, requestType: 'POST', requestTemplate: template } },
    contract: {
      ...contract,
      output: {
        successSchema:
          extraOutput === undefined
            ? success
            : {
                ...success,
                properties: { ...(success.properties ?? {}), [extraOutput]: { type: 'string' } },
              },
      },
    },
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const published = await api('POST', `${ACTIONS}/${id}/draft/publish`, { version: patched.body.version });
  assert.equal(published.status, 200, JSON.stringify(published.body));
}

before(async () => {
  journey = await startJourney('ferry-e2e-issue18-flow-diff-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('a flow diff side by side or inline, and a data action compared as JSON (issue 18)', () => {
  it('compares dev with uat after an admin changed a data action in each', async () => {
    await createWorkspaceInUi(page, host, join(root, 'ws'), 'Contact centre');
    await editAction('uat', '{"customerId": "${input.customerId}", "fields": ["balance"]}');
    await editAction(
      'dev',
      '{"customerId": "${input.customerId}", "fields": ["balance", "currency"]}',
      'currency',
    );
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

  it('shows a flow side by side, and inline at the press of a key, clean for axe in both themes', async () => {
    await page.getByTestId('diff-filter').fill(flow);
    await page
      .getByTestId('diff-list')
      .getByTestId('diff-object')
      .filter({ hasText: `${flow} (inbound call)` })
      .click();
    const panel = page.getByTestId('diff-object-panel');
    const editor = panel.getByTestId('diff-editor');
    await editor.locator('.monaco-diff-editor').waitFor({ timeout: 15_000 });
    assert.equal(await editor.getAttribute('data-layout'), 'side-by-side');
    const sideBySide = panel.getByTestId('flow-diff-side-by-side');
    const inline = panel.getByTestId('flow-diff-inline');
    assert.equal(await sideBySide.getAttribute('aria-pressed'), 'true');
    // dev, the source, is on the left: its new option is what uat will get, so it reads green.
    const devLine = editor.locator('.editor.original .view-overlays .line-delete').first();
    await devLine.waitFor();
    const [red, green] = await devLine.evaluate((node) => {
      const channels = /rgba?\((\d+), (\d+)/.exec(getComputedStyle(node).backgroundColor);
      return [Number(channels?.[1]), Number(channels?.[2])];
    });
    assert.ok(green > red, `dev's own lines are tinted green, not red (rgb ${red}, ${green})`);

    // From the keyboard: the switch is a button in the tab order, Enter turns it.
    await sideBySide.focus();
    await page.keyboard.press('Tab');
    assert.equal(await inline.evaluate((node) => node === document.activeElement), true);
    await page.keyboard.press('Enter');
    assert.equal(await inline.getAttribute('aria-pressed'), 'true');
    assert.equal(await sideBySide.getAttribute('aria-pressed'), 'false');
    assert.equal(await editor.getAttribute('data-layout'), 'inline');
    // Monaco's inline view: one column, uat's old line shown removed above dev's new one.
    await editor.locator('.monaco-diff-editor:not(.side-by-side)').waitFor();
    await editor.locator('.editor.modified .line-insert').first().waitFor();
    await editor.locator('.editor.modified .inline-deleted-margin-view-zone').first().waitFor();
    // One column read from uat to dev: dev's new option is there, marked added.
    await editor
      .locator('.editor.modified .view-lines')
      .filter({ hasText: queue.split(' ')[0] ?? queue })
      .waitFor();
    assert.match(
      await text(panel.getByTestId('flow-diff-inline-legend')),
      /Lines only in Target: uat .* are marked −, lines only in Source: dev .* \+/,
    );
    // The words and references do not depend on the layout.
    assert.match(await text(panel.getByTestId('flow-references')), new RegExp(`queue ${queue} only in dev`));
    await screenshot(page, 'issue18-flow-diff-inline');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="diff-object-panel"]'), [], 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="diff-object-panel"]'), [], 'dark');
    await screenshot(page, 'issue18-flow-diff-inline-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await sideBySide.click();
    await editor.locator('.monaco-diff-editor.side-by-side').waitFor();
    assert.equal(await editor.getAttribute('data-layout'), 'side-by-side');
  });

  it('compares the data action as JSON: the contract at its path, the request template pretty-printed', async () => {
    await page.getByTestId('diff-filter').fill(ACTION);
    await page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: ACTION }).click();
    const panel = page.getByTestId('diff-object-panel');
    await panel.getByTestId('diff-object-title').filter({ hasText: ACTION }).waitFor();
    const changes = panel.locator('.field-changes');
    await changes.waitFor();
    const all = await text(changes);
    assert.match(all, /contract\.output\.successSchema\.properties\.currency/);
    assert.match(all, /config\.request\.requestTemplate/);
    // Each side's template as indented JSON, one value a line: a reviewer sees "currency" added.
    const blocks = panel.getByTestId('change-json');
    assert.equal(await blocks.count(), 2);
    const [was, now] = await Promise.all([blocks.nth(0).textContent(), blocks.nth(1).textContent()]);
    assert.equal(was, JSON.stringify({ customerId: '${input.customerId}', fields: ['balance'] }, null, 2));
    assert.equal(
      now,
      JSON.stringify({ customerId: '${input.customerId}', fields: ['balance', 'currency'] }, null, 2),
    );
    // The whole action in Monaco's JSON diff, the contract's new output on dev's side.
    const editor = panel.getByTestId('diff-editor');
    await editor.locator('.monaco-diff-editor').waitFor({ timeout: 15_000 });
    await editor.locator('.editor.original .line-insert, .editor.original .line-delete').first().waitFor();
    await screenshot(page, 'issue18-data-action-json');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="diff-object-panel"]'), [], 'light');
  });
});
