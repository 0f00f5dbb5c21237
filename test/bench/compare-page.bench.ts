import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { commitSubtree } from '../../electron/services/git/commit-subtree';
import { keyToFileName } from '../../shared/model/canonical/file-name-codec';
import type { JsonObject } from '../../shared/model/canonical/json-value';
import { stableStringify } from '../../shared/model/canonical/stable-stringify';
import { launchChromium, RENDERER_DIR } from '../e2e/support/chromium';
import { tempDir } from '../support/temp-dir';
import { median, timed, type BenchRatio } from './bench-ratio';

/** Objects on each side in both workspaces: only how many of them differ changes between the two. */
const OBJECTS_PER_SIDE = Number(process.env.FERRY_BENCH_COMPARE_PAGE_OBJECTS ?? 50_000);
const MANY = OBJECTS_PER_SIDE;
const FEW = Number(process.env.FERRY_BENCH_COMPARE_PAGE_FEW ?? 500);
const ROUNDS = Number(process.env.FERRY_BENCH_ROUNDS ?? 3);
const VERBOSE = process.env.FERRY_BENCH_VERBOSE === '1';
const author = { name: 'Bench', email: 'bench@example.test' };

const TYPES: readonly { type: string; weight: number }[] = [
  { type: 'routing.skill', weight: 25 },
  { type: 'routing.wrapupcode', weight: 20 },
  { type: 'routing.queue', weight: 35 },
  { type: 'architect.schedule', weight: 12 },
  { type: 'flows.datatable', weight: 8 },
];

function typeOf(index: number): string {
  const total = TYPES.reduce((sum, entry) => sum + entry.weight, 0);
  let slot = index % total;
  for (const { type, weight } of TYPES) {
    if (slot < weight) return type;
    slot -= weight;
  }
  return 'routing.skill';
}

/** A canonical body of a few hundred bytes; `version` moves a couple of fields so the sides differ. */
function body(type: string, name: string, index: number, version: number): string {
  const object: JsonObject = {
    description: `${type} ${name}, revision ${version}`,
    division: { $ref: 'authorization.division', name: index % 3 === 0 ? 'EMEA' : 'Home' },
    name,
  };
  if (type === 'routing.queue') {
    object.acwSettings = { timeoutMs: 30_000 + version * 15_000, wrapupPrompt: 'MANDATORY_TIMEOUT' };
    object.mediaSettings = {
      call: { alertingTimeoutSeconds: 8, serviceLevel: { durationMs: 20_000, percentage: 0.8 } },
    };
    object.wrapupCodes = [0, 1, 2].map((offset) => ({
      $ref: 'routing.wrapupcode',
      name: `Code ${(index + offset) % 997}`,
    }));
  }
  if (type === 'architect.schedule') {
    object.end = `2030-12-31T${version === 0 ? '17' : '18'}:00:00.000`;
    object.rrule = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
    object.start = '2024-01-01T08:00:00.000';
  }
  return stableStringify(object);
}

/**
 * Two sides of OBJECTS_PER_SIDE objects each, differing in `differences` of them: three in five
 * changed, one in five only on side a, one in five only on side b (the mix a real compare shows).
 */
function sides(differences: number): { a: Map<string, string>; b: Map<string, string> } {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  const changed = Math.round(differences * 0.6);
  const removed = Math.round(differences * 0.2);
  const added = differences - changed - removed;
  const path = (type: string, name: string) => `snapshot/${type}/${keyToFileName(name)}`;
  // Differences are spread through the list, so every type has some, as in a real org; the stride
  // reaches at least changed + removed objects.
  const stride = Math.max(1, Math.floor(OBJECTS_PER_SIDE / Math.max(1, changed + removed)));
  let changedLeft = changed;
  let removedLeft = removed;
  for (let index = 0; index < OBJECTS_PER_SIDE; index++) {
    const type = typeOf(index);
    const name = `Object ${String(index).padStart(6, '0')}`;
    const file = path(type, name);
    a.set(file, body(type, name, index, 0));
    const spread = index % stride === 0;
    if (spread && changedLeft > 0) {
      changedLeft -= 1;
      b.set(file, body(type, name, index, 1));
    } else if (spread && removedLeft > 0) {
      removedLeft -= 1;
    } else {
      b.set(file, body(type, name, index, 0));
    }
  }
  for (let index = 0; index < added; index++) {
    const type = typeOf(index);
    const name = `New object ${String(index).padStart(6, '0')}`;
    b.set(path(type, name), body(type, name, index, 0));
  }
  return { a, b };
}

async function buildWorkspace(host: WebHost, dir: string, differences: number): Promise<void> {
  await host.services.workspace.create(dir, `Compare ${differences}`);
  for (const name of ['left', 'right']) {
    await host.services.environments.save(
      { name, kind: 'sandbox', url: 'embedded', org: 'dev', tier: 'dev' },
      undefined,
    );
  }
  const { a, b } = sides(differences);
  for (const [environment, files] of [
    ['left', a],
    ['right', b],
  ] as const) {
    await commitSubtree({
      dir,
      subtreePath: `environments/${environment}`,
      files,
      message: `snapshot ${environment}: synthetic`,
      author,
      now: new Date(),
    });
  }
}

/** Opens the workspace's Compare page with left → right picked, the list not yet shown. */
async function prepare(host: WebHost, page: Page, dir: string): Promise<void> {
  await host.services.workspace.open(dir);
  // The bridge URL carries its token in the hash: going to it from itself would not reload the page.
  await page.goto('about:blank');
  await page.goto(host.bridge.url);
  await page.getByTestId('shell').waitFor();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Compare', exact: true })
    .click();
  await page.locator('select[name="a-environment"]').selectOption('left');
  await page.locator('select[name="b-environment"]').selectOption('right');
}

/**
 * Seconds from the click on Compare until the first difference rows are on screen, measured in
 * the page (a frame callback polls for the rows), so Playwright's round trips are not counted.
 */
async function timeToFirstRows(page: Page): Promise<number> {
  const milliseconds = await page.evaluate<number>(FIRST_ROWS_SCRIPT);
  return milliseconds / 1000;
}

// A string, not a function: tsx compiles functions with helpers (`__name`) the page does not have.
const FIRST_ROWS_SCRIPT = `new Promise((resolve, reject) => {
  const button = document.querySelector('[data-testid="run-compare"]');
  if (!button) return reject(new Error('no Compare button'));
  const start = performance.now();
  const check = () => {
    const failure = document.querySelector('.error-banner');
    if (document.querySelector('[data-testid="diff-object"]')) resolve(performance.now() - start);
    else if (failure) reject(new Error(failure.textContent || 'the compare failed'));
    else requestAnimationFrame(check);
  };
  button.click();
  requestAnimationFrame(check);
})`;

/**
 * The Compare page with 50,000 differences against 500, both sides holding the same number of
 * objects: how long until the first rows show. The list is windowed, so the goal is that the wait
 * barely grows with the number of differences.
 */
export async function comparePageBench(): Promise<BenchRatio[]> {
  const root = await tempDir('ferry-bench-compare-page-');
  const browser = await launchChromium();
  const host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: false,
  });
  try {
    const many = join(root, 'many');
    const few = join(root, 'few');
    await buildWorkspace(host, many, MANY);
    await buildWorkspace(host, few, FEW);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const figures: Record<'many' | 'few', number[]> = { many: [], few: [] };
    const measure = async (which: 'many' | 'few', keep: boolean) => {
      await prepare(host, page, which === 'many' ? many : few);
      const seconds = await timeToFirstRows(page);
      if (VERBOSE) {
        // The same compare in main alone, to tell the engine's share from the page's.
        const engine = await timed(() => host.services.compare.compare('left', 'right'));
        console.log(
          `  ${which}${keep ? '' : ' (warm-up)'} ${seconds.toFixed(2)} s, engine alone ${engine.seconds.toFixed(2)} s`,
        );
      }
      if (keep) figures[which].push(seconds);
    };
    // One unrecorded run each warms git's and the OS's caches; then the two take turns going first.
    await measure('many', false);
    await measure('few', false);
    for (let round = 0; round < ROUNDS; round++) {
      const order: ('many' | 'few')[] = round % 2 === 0 ? ['many', 'few'] : ['few', 'many'];
      for (const which of order) await measure(which, true);
    }
    return [
      {
        name: `compare page, first rows after Compare, ${MANY} vs ${FEW} differences`,
        subject: { label: `${MANY} differences`, seconds: median(figures.many) },
        baseline: { label: `${FEW} differences`, seconds: median(figures.few) },
        goal: 1.5,
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await rm(root, { recursive: true, force: true });
  }
}
