/**
 * The layers (ARCHITECTURE.md), checked on every `npm run lint`:
 *   shared/            pure: zod, hashing and YAML (no Node built-ins inside) only; nothing of the project outside shared/, no node:
 *   electron/services/ the domain: shared/ and npm libraries; never a host, the sandbox or Electron
 *   electron/sandbox/  the embedded Genesys stand-in: shared/ only
 *   electron/host/     the adapters (core composition root, desktop IPC, web bridge, CLI): may use all the above
 *   renderer/src/      the UI: shared/ only
 * and no import cycle anywhere. Paths are relative to the folder cruised from (the repository, or a
 * test fixture that imitates its layout).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: split the shared part out, or pass it in from the composition root.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-pure',
      comment:
        'shared/ runs in the renderer too: it imports only shared/ and pure libraries, never node: or the project.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: '^shared/|(^|/)node_modules/(zod|@noble/hashes|yaml)/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'shared-no-node',
      comment: 'shared/ runs in the renderer too: no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'services-are-the-domain',
      comment:
        'electron/services/ is the domain: it may use shared/ and libraries, never a host adapter, the sandbox, the renderer or Electron.',
      severity: 'error',
      from: { path: '^electron/services/' },
      to: {
        path: '^electron/(host|sandbox)/|^electron/(main|preload)\\.ts$|^renderer/|(^|/)node_modules/(electron|electron-store)/',
      },
    },
    {
      name: 'sandbox-stands-alone',
      comment: 'The sandbox imitates Genesys from the outside: it may use shared/ only.',
      severity: 'error',
      from: { path: '^electron/sandbox/' },
      to: { path: '^electron/(host|services)/|^electron/(main|preload)\\.ts$|^renderer/' },
    },
    {
      name: 'hosts-are-not-ui',
      comment: 'The host adapters never import the renderer.',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'renderer-only-shared',
      comment:
        'The renderer talks to the main process through the typed channels only: it imports shared/ and browser libraries.',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { path: '^electron/|^bin/|^scripts/|^test/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer has no Node.',
      severity: 'error',
      from: { path: '^renderer/src/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', 'test/fixtures/layering/'] },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
