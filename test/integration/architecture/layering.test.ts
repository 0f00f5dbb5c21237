import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

/**
 * The layering rules are only worth something if they fire. The fixture imitates the repository's
 * layout with one wrong import per rule; the real `.dependency-cruiser.cjs` must name each one.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../../fixtures/layering/', import.meta.url));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: unknown[];
}

async function cruiseFixture(): Promise<Violation[]> {
  const depcruise = `${repo}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
  const run = promisify(execFile)(
    process.execPath,
    [
      depcruise,
      'shared',
      'electron',
      'renderer/src',
      '--config',
      `${repo}.dependency-cruiser.cjs`,
      '--output-type',
      'json',
    ],
    { cwd: fixture, maxBuffer: 32 * 1024 * 1024 },
  );
  // depcruise exits non-zero when it finds violations; the report is on stdout either way.
  const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

function has(violations: Violation[], rule: string, from: string, to?: string): boolean {
  return violations.some((v) => v.rule.name === rule && v.from === from && (to === undefined || v.to === to));
}

test('the layering rules name every wrong import in the fixture', { timeout: 60_000 }, async () => {
  const violations = await cruiseFixture();
  const expected: [string, string, string?][] = [
    ['shared-no-node', 'shared/format.ts', 'os'],
    ['shared-is-pure', 'shared/uses-domain.ts', 'electron/services/billing/invoice.ts'],
    [
      'services-are-the-domain',
      'electron/services/billing/invoice.ts',
      'electron/host/core/composition-root.ts',
    ],
    ['sandbox-stands-alone', 'electron/sandbox/fake-org.ts', 'electron/services/billing/tax.ts'],
    ['renderer-only-shared', 'renderer/src/panel.ts', 'electron/services/billing/invoice.ts'],
    ['renderer-no-node', 'renderer/src/panel.ts', 'fs'],
  ];
  for (const [rule, from, to] of expected) {
    assert.ok(
      has(violations, rule, from, to),
      `expected ${rule}: ${from} → ${to ?? '…'}; got ${JSON.stringify(violations.map((v) => [v.rule.name, v.from, v.to]))}`,
    );
  }
});

test('an import cycle fails the lint, within a layer and across layers', { timeout: 60_000 }, async () => {
  const violations = await cruiseFixture();
  const cycleBetween = (a: string, b: string): boolean =>
    violations.some((v) => v.rule.name === 'no-circular' && [a, b].includes(v.from) && [a, b].includes(v.to));
  assert.ok(cycleBetween('electron/services/billing/tax.ts', 'electron/services/billing/rounding.ts'));
  assert.ok(cycleBetween('electron/host/core/composition-root.ts', 'electron/services/billing/invoice.ts'));
});
test('the repository itself passes its layering rules', { timeout: 120_000 }, async () => {
  const depcruise = `${repo}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      depcruise,
      'shared',
      'electron',
      'renderer/src',
      'bin',
      'scripts',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
    ],
    { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  assert.deepEqual(
    report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`),
    [],
  );
});
