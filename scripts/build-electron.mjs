// Builds the Electron main process (ES module) and the preload (CommonJS: sandboxed preloads
// cannot load ES modules) with plain Vite library builds.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const isExternalForMain = (id) =>
  id === 'electron' ||
  nodeBuiltins.includes(id) ||
  dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

const common = { root, configFile: false, logLevel: 'warn', publicDir: false };

await build({
  ...common,
  build: {
    outDir: 'dist/electron',
    emptyOutDir: true,
    target: 'node22',
    ssr: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { main: 'electron/main.ts' },
      external: isExternalForMain,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});

// The preload bundles everything it uses (zod, the channel map) and requires only `electron`.
await build({
  ...common,
  build: {
    outDir: 'dist/electron',
    emptyOutDir: false,
    target: 'chrome140',
    ssr: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { preload: 'electron/preload.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true },
});
