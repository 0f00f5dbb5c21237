import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxWorkspace } from '../support/sandbox-workspace';
import { median, timed, type BenchRatio } from './bench-ratio';

const ROUNDS = Number(process.env.FERRY_BENCH_ROUNDS ?? 9);
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The compiled CLI laid out as `npm install -g` lays it out (bin/ and dist/cli/, no sources next
 * to them), built fresh from the sources: what a pipeline runs, never the tsx fallback a checkout
 * with edited sources would take.
 */
async function installedLayout(parent: string): Promise<string> {
  const packageDir = join(parent, 'ferry');
  await mkdir(join(packageDir, 'bin'), { recursive: true });
  await copyFile(join(REPOSITORY, 'bin', 'ferry.mjs'), join(packageDir, 'bin', 'ferry.mjs'));
  execFileSync(
    process.execPath,
    [join(REPOSITORY, 'scripts', 'build-cli.mjs'), '--out', join(packageDir, 'dist', 'cli')],
    { cwd: REPOSITORY, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return join(packageDir, 'bin', 'ferry.mjs');
}

/** Median wall-clock seconds of starting `args` under this Node, rounds interleaved with the others. */
function seconds(samples: Map<string, number[]>, label: string, args: string[], env: NodeJS.ProcessEnv) {
  return async () => {
    const { seconds: took } = await timed(() =>
      execFileSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 }),
    );
    samples.set(label, [...(samples.get(label) ?? []), took]);
  };
}

/**
 * `ferry --version` and `ferry env list` (a workspace on the sandbox) against `node -e 0`, all
 * started the same way on the same machine in one run. Goals: at most 3× and 5× a bare Node.
 */
export async function cliStartupBench(): Promise<BenchRatio[]> {
  const parent = await mkdtemp(join(tmpdir(), 'ferry-bench-cli-'));
  const world = await sandboxWorkspace({
    prefix: 'ferry-bench-cli-ws-',
    author: { name: 'Bench', email: 'bench@example.test' },
    orgs: ['dev'],
  });
  try {
    const ferry = await installedLayout(parent);
    // A compile cache of its own, so the first round fills it and the others read it, as on a runner.
    const env = { ...process.env, FERRY_DATA_DIR: world.dataDir, NODE_COMPILE_CACHE: join(parent, 'cache') };
    const samples = new Map<string, number[]>();
    const runs = [
      seconds(samples, 'node -e 0', ['-e', '0'], env),
      seconds(samples, 'ferry --version', [ferry, '--version'], env),
      seconds(samples, 'ferry env list', [ferry, '-w', world.dir, 'env', 'list'], env),
    ];
    for (const start of runs) await start(); // warm-up: file cache and compile cache
    samples.clear();
    for (let round = 0; round < ROUNDS; round += 1) for (const start of runs) await start();
    const measured = (label: string) => ({ label, seconds: median(samples.get(label) ?? []) });
    const baseline = measured('node -e 0');
    return [
      { name: 'cli start-up', subject: measured('ferry --version'), baseline, goal: 3 },
      { name: 'cli start-up', subject: measured('ferry env list'), baseline, goal: 5 },
    ];
  } finally {
    await world.close();
    await rm(parent, { recursive: true, force: true });
  }
}
