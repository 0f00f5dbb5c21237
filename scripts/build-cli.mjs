// Compiles the `ferry` CLI to plain JavaScript with its npm dependencies inside, so an installed
// package runs with Node alone: no TypeScript compiler, no node_modules.
//   node scripts/build-cli.mjs [--out <dir>]     (default dist/cli)
// Each command is its own chunk, loaded when that command runs, so `ferry --version` reads little.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { bakePackageVersion, bundleGenesysSdk, externalFor } from './build-node-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(root, values.out ?? 'dist/cli');

/** The file bin/ferry.mjs imports; its sources list sits next to it. */
const CLI_ENTRY = 'ferry.mjs';
const CLI_SOURCES = 'sources.json';

const output = await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  plugins: [bundleGenesysSdk(), bakePackageVersion()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'node22',
    ssr: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { ferry: 'electron/host/cli/main.ts' },
      external: externalFor(),
      output: {
        format: 'es',
        entryFileNames: CLI_ENTRY,
        // .mjs throughout: the files are ES modules whatever package.json sits above them.
        chunkFileNames: 'chunks/[name]-[hash].mjs',
      },
    },
  },
  ssr: { noExternal: true },
});

const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) =>
  result.output.filter((item) => item.type === 'chunk'),
);
const projectFile = (id) => {
  if (id.startsWith('\0')) return false; // the bundler's own helpers
  const path = relative(root, id.split('?')[0]);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path) && !path.startsWith('node_modules');
};

// The project's own files this build read: bin/ferry.mjs compares their times with the build's to
// tell, inside a checkout, whether the compiled CLI still matches the sources.
const sources = [
  ...new Set(chunks.flatMap((chunk) => chunk.moduleIds.filter(projectFile).map((id) => relative(root, id)))),
]
  .map((path) => path.replaceAll('\\', '/'))
  .sort();
writeFileSync(
  join(outDir, CLI_SOURCES),
  `${JSON.stringify({ sources: [...sources, 'package.json', 'package-lock.json'] }, null, 2)}\n`,
);
