// Builds the Electron main process (ES module) and the preload (CommonJS: sandboxed preloads
// cannot load ES modules) with plain Vite library builds. Both bundle their npm libraries (the
// package has no runtime dependencies), so the packaged app carries no node_modules.
//   node scripts/build-electron.mjs [--out <dir>]     (default dist/electron)
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { bundleGenesysSdk, externalFor, libraryBuild } from './build-node-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(root, values.out ?? 'dist/electron');

await libraryBuild(build, {
  root,
  outDir,
  emptyOutDir: true,
  plugins: [bundleGenesysSdk('inline')],
  input: { main: 'electron/main.ts' },
  external: externalFor(['electron']),
  output: { format: 'es', entryFileNames: '[name].js' },
});

// The preload bundles everything it uses (zod, the channel map) and requires only `electron`.
await libraryBuild(build, {
  root,
  outDir,
  emptyOutDir: false,
  target: 'chrome140',
  input: { preload: 'electron/preload.ts' },
  external: ['electron'],
  output: { format: 'cjs', entryFileNames: '[name].cjs' },
});
