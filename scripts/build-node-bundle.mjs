// What the Node-side bundles (the CLI, the Electron main process) share: which imports stay
// outside the bundle, and how the Genesys SDK gets inside it. Since the npm dependencies are
// bundled, neither the installed CLI nor the packaged app needs a node_modules folder at run time.
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Node's own modules are never bundled; `extra` names more (e.g. `electron`). */
export function externalFor(extra = []) {
  return (id) => nodeBuiltins.has(id) || extra.includes(id);
}

const SDK_PACKAGE = 'purecloud-platform-client-v2';
const SDK_MODULE = 'electron/services/connectors/genesys/genesys-sdk.ts';
const SDK_RUNTIME_REQUIRE = 'const require = createRequire(import.meta.url);';
const SDK_REQUIRE_CALL = `require('${SDK_PACKAGE}')`;

/** The SDK's CommonJS build, the one Node's require loads and the tests exercise. */
export const SDK_MAIN = createRequire(import.meta.url).resolve(SDK_PACKAGE);

/**
 * genesys-sdk.ts loads the SDK with a `require` made by createRequire, at run time, from
 * node_modules: a bundler cannot see through that, and an installed package has no node_modules.
 * - `inline` drops that line, leaving a plain `require('purecloud-platform-client-v2')` the bundler
 *   includes as a CommonJS module that runs only when first required (the Electron main process).
 * - `{ file }` keeps the run-time require but points it at `file`, the SDK bundled on its own next
 *   to the chunk that needs it: the SDK is about 4 MB of JavaScript, and a command that never talks
 *   to Genesys (most of them, and every start) should not read and compile it (the CLI).
 * The build fails if genesys-sdk.ts changed shape, rather than shipping a bundle that needs node_modules.
 */
export function bundleGenesysSdk(mode) {
  return {
    name: 'ferry-bundle-genesys-sdk',
    // Before TypeScript is stripped, so the lines are matched as written.
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith(SDK_MODULE)) return null;
      for (const line of [SDK_RUNTIME_REQUIRE, SDK_REQUIRE_CALL]) {
        if (!code.includes(line)) {
          throw new Error(`${SDK_MODULE} no longer has "${line}": update ${import.meta.url}`);
        }
      }
      const bundled =
        mode === 'inline'
          ? code.replace(SDK_RUNTIME_REQUIRE, '')
          : code.replace(SDK_REQUIRE_CALL, `require(${JSON.stringify(`./${mode.file}`)})`);
      return { code: bundled, map: null };
    },
    resolveId(source) {
      return source === SDK_PACKAGE ? SDK_MAIN : null;
    },
  };
}

const VERSION_MODULE = 'electron/host/package-version.ts';
const VERSION_READ = "readFileSync(new URL('../../package.json', import.meta.url), 'utf8')";

/**
 * package-version.ts reads package.json two folders above its own file, which from a bundle's
 * chunk is somewhere else; the bundle carries package.json's version (as JSON text, so the module
 * still parses and checks it) from the build instead.
 */
export function bakePackageVersion() {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return {
    name: 'ferry-bake-package-version',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith(VERSION_MODULE)) return null;
      if (!code.includes(VERSION_READ)) {
        throw new Error(`${VERSION_MODULE} no longer has "${VERSION_READ}": update ${import.meta.url}`);
      }
      return { code: code.replace(VERSION_READ, JSON.stringify(JSON.stringify({ version }))), map: null };
    },
  };
}

/**
 * One un-minified Vite library build of a single entry with everything but `external` inside:
 * the shape every Node-side bundle (CLI, its SDK chunk, Electron main and preload) shares.
 */
export function libraryBuild(
  build,
  { root, outDir, emptyOutDir, target = 'node22', input, external, output, plugins = [] },
) {
  return build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins,
    build: {
      outDir,
      emptyOutDir,
      target,
      ssr: true,
      minify: false,
      sourcemap: false,
      rollupOptions: { input, external, output },
    },
    ssr: { noExternal: true },
  });
}
