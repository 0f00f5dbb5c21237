// Compiles the `ferry` CLI to plain JavaScript with its npm dependencies inside, so an installed
// package runs with Node alone: no TypeScript compiler, no node_modules.
//   node scripts/build-cli.mjs [--out <dir>]     (default dist/cli)
// Each command is its own chunk, loaded when that command runs, so `ferry --version` reads little.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import {
  bakePackageVersion,
  bundleGenesysSdk,
  externalFor,
  libraryBuild,
  SDK_MAIN,
} from './build-node-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(root, values.out ?? 'dist/cli');

/** The file bin/ferry.mjs imports; its sources list sits next to it. */
const CLI_ENTRY = 'ferry.mjs';
const CLI_SOURCES = 'sources.json';
const CHUNKS = 'chunks';
/** The Genesys SDK, bundled on its own; genesys-sdk.ts's chunk requires it when a command needs it. */
const SDK_FILE = 'genesys-sdk.cjs';
const SDK_LOADER = 'electron/services/connectors/genesys/genesys-sdk.ts';

const output = await libraryBuild(build, {
  root,
  outDir,
  emptyOutDir: true,
  plugins: [bundleGenesysSdk({ file: SDK_FILE }), bakePackageVersion()],
  input: { ferry: 'electron/host/cli/main.ts' },
  external: externalFor(),
  output: {
    format: 'es',
    entryFileNames: CLI_ENTRY,
    // .mjs throughout: the files are ES modules whatever package.json sits above them.
    chunkFileNames: `${CHUNKS}/[name]-[hash].mjs`,
  },
});

await libraryBuild(build, {
  root,
  outDir: join(outDir, CHUNKS),
  emptyOutDir: false,
  input: { sdk: SDK_MAIN },
  external: externalFor(),
  output: { format: 'cjs', entryFileNames: SDK_FILE },
});

const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) =>
  result.output.filter((item) => item.type === 'chunk'),
);
const projectFile = (id) => {
  if (id.startsWith('\0')) return false; // the bundler's own helpers
  const path = relative(root, id.split('?')[0]);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path) && !path.startsWith('node_modules');
};

// The SDK is required relative to the chunk that loads it, so that chunk must sit next to it.
const sdkLoader = chunks.find((chunk) =>
  chunk.moduleIds.some((id) => relative(root, id).replaceAll('\\', '/') === SDK_LOADER),
);
if (sdkLoader === undefined || !sdkLoader.fileName.startsWith(`${CHUNKS}/`)) {
  throw new Error(`${SDK_LOADER} must be bundled into a chunk in ${CHUNKS}/, next to ${SDK_FILE}`);
}

// Besides the modules: the libraries' versions, and how the bundle is made.
const BUILD_INPUTS = [
  'package.json',
  'package-lock.json',
  'scripts/build-cli.mjs',
  'scripts/build-node-bundle.mjs',
];

// The project's own files this build read: bin/ferry.mjs compares their times with the build's to
// tell, inside a checkout, whether the compiled CLI still matches the sources.
const sources = [
  ...new Set(chunks.flatMap((chunk) => chunk.moduleIds.filter(projectFile).map((id) => relative(root, id)))),
]
  .map((path) => path.replaceAll('\\', '/'))
  .sort();
writeFileSync(
  join(outDir, CLI_SOURCES),
  `${JSON.stringify({ sources: [...sources, ...BUILD_INPUTS] }, null, 2)}\n`,
);
