import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const COMPILED_CLI = join(REPOSITORY, 'dist', 'cli', 'ferry.mjs');
const COMPILED_SOURCES = join(REPOSITORY, 'dist', 'cli', 'sources.json');

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** One bounded child process; the exit code, or 124 when it ran out of time. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs, maxBuffer: 32 << 20 },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : error.killed ? 124 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * True when dist/cli was built from the sources as they are now: the same test bin/ferry.mjs
 * makes, so the tarball never carries a CLI older than the code under test.
 */
function compiledCliIsCurrent(): boolean {
  if (!existsSync(COMPILED_CLI) || !existsSync(COMPILED_SOURCES)) return false;
  const builtAt = statSync(COMPILED_CLI).mtimeMs;
  const { sources } = JSON.parse(readFileSync(COMPILED_SOURCES, 'utf8')) as { sources: string[] };
  return sources.every((path) => {
    const stats = statSync(join(REPOSITORY, path), { throwIfNoEntry: false });
    return stats !== undefined && stats.mtimeMs <= builtAt;
  });
}

/**
 * `npm pack` of this checkout into `folder`, then `npm install -g` of that tarball into an empty
 * prefix, offline: what a pipeline runner does. Builds the CLI first when dist/cli is missing or
 * stale (`npm test` has just built it; a developer may not have). Returns the prefix's bin folder.
 */
export async function installFromTarball(folder: string): Promise<{ bin: string; packageDir: string }> {
  if (!compiledCliIsCurrent()) {
    const built = await run(process.execPath, [join(REPOSITORY, 'scripts', 'build-cli.mjs')], {
      cwd: REPOSITORY,
      timeoutMs: 120_000,
    });
    assert.equal(built.code, 0, built.stderr);
  }
  // prepack would build the CLI again; it was just checked or built.
  const packed = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', folder, '--no-audit', '--no-fund'],
    { cwd: REPOSITORY, timeoutMs: 60_000 },
  );
  assert.equal(packed.code, 0, packed.stderr);
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  const prefix = join(folder, 'prefix');
  const installed = await run(
    'npm',
    ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(folder, filename)],
    { cwd: folder, timeoutMs: 60_000 },
  );
  assert.equal(installed.code, 0, installed.stderr);
  const bin = process.platform === 'win32' ? prefix : join(prefix, 'bin');
  const packageDir =
    process.platform === 'win32'
      ? join(prefix, 'node_modules', 'ferry')
      : join(prefix, 'lib', 'node_modules', 'ferry');
  return { bin, packageDir };
}

/** PATH with the installed ferry first, then the Node running this test (24), then the rest. */
export function pathWith(bin: string): string {
  return [bin, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
}

/** Every file of an installed package, relative to it. */
export function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}
