import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright';
import { startWebHost } from '../../../electron/host/web/web-host';
import { tempDir } from '../../support/temp-dir';
import { launchChromium, RENDERER_DIR } from './chromium';
import type { WebHost } from '../../../electron/host/web/web-host';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';

/** Steps every journey takes the same way, so each test reads as its own story. */

/** An element's text with runs of white space folded, as a person reads it. */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
}

/** Creates a workspace from the welcome screen and waits for the app shell. */
export async function createWorkspaceInUi(
  page: Page,
  host: WebHost,
  folder: string,
  name: string,
): Promise<void> {
  await page.goto(host.bridge.url);
  await page.getByTestId('welcome').waitFor();
  await page.locator('input[name="create-path"]').fill(folder);
  await page.locator('input[name="create-name"]').fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByTestId('shell').waitFor();
}

const TIERS = { dev: 'dev', uat: 'test', prod: 'prod' } as const;

/**
 * Adds embedded sandbox orgs as environments and snapshots them through the services: journeys
 * about comparing or authoring should not spend their steps on the environment dialog.
 */
export async function addSnapshottedSandboxOrgs(
  host: WebHost,
  orgs: readonly (keyof typeof TIERS)[],
): Promise<void> {
  for (const org of orgs) {
    await host.services.environments.save(
      { name: org, kind: 'sandbox', url: 'embedded', org, tier: TIERS[org] },
      undefined,
    );
    await host.services.snapshots.run(org);
  }
}

/**
 * A teammate on her own machine: her own data folder and signing key, the same workspace, and
 * her key trusted in it as an approver. Returns her services, to approve from.
 */
export async function trustedApprover(
  host: WebHost,
  options: { folder: string; dataDir: string; owner: string; env: NodeJS.ProcessEnv },
): Promise<{ services: FerryServices; publicKey: string }> {
  const services = createFerryServices({
    dataDir: options.dataDir,
    version: 'test',
    env: options.env,
    author: { name: options.owner, email: `${options.owner.toLowerCase()}@example.test` },
  });
  await services.workspace.open(options.folder);
  const { publicKey } = await services.identity.keys.init({ owner: options.owner });
  await host.services.identity.trust.add(publicKey, { owner: options.owner, roles: ['approver'] });
  return { services, publicKey };
}

export interface Journey {
  root: string;
  browser: Browser;
  host: WebHost;
  page: Page;
  close(): Promise<void>;
}

/** Chromium and the app through the browser bridge, on a fresh data folder and the embedded sandbox. */
export async function startJourney(
  prefix: string,
  options: {
    viewport?: { width: number; height: number };
    env?: NodeJS.ProcessEnv;
    acceptDownloads?: boolean;
  } = {},
): Promise<Journey> {
  const root = await tempDir(prefix);
  const browser = await launchChromium();
  const host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: { persist: false },
    ...(options.env ? { env: options.env } : {}),
  });
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  return {
    root,
    browser,
    host,
    page,
    close: async () => {
      await browser.close();
      await host.close();
    },
  };
}
