// `npm start`: build, then run Ferry in Electron; where Electron's binary is missing or cannot be
// fetched, serve the same UI through the browser bridge and say so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, or the reason there is none. Never downloads in this process. */
function electronBinary() {
  if (process.env.FERRY_NO_ELECTRON === '1') return { reason: 'FERRY_NO_ELECTRON=1 is set' };
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (existsSync(pathFile)) {
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return { binary };
  }
  // The electron package fetches its binary on first use; give that one bounded try.
  const attempt = spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 120_000,
  });
  if (attempt.status === 0 && existsSync(pathFile)) {
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return { binary };
  }
  return { reason: 'the Electron binary is missing and could not be downloaded' };
}

run(process.execPath, [
  join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  'build',
  '--config',
  'renderer/vite.config.ts',
  '--logLevel',
  'warn',
]);
run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')]);

const electron = electronBinary();
const child = electron.binary
  ? spawn(electron.binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit' })
  : spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'electron', 'host', 'web', 'main.ts'),
        '--reason',
        `Electron is not available here (${electron.reason}), so Ferry opens in the browser instead.`,
        ...passThrough,
      ],
      { cwd: root, stdio: 'inherit' },
    );
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
