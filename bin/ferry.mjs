#!/usr/bin/env node
// `ferry`: runs the compiled CLI (dist/cli, made by `npm run build` through scripts/build-cli.mjs),
// plain JavaScript with its libraries inside, so an installed ferry needs Node and nothing else.
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';

// V8 keeps the compiled bundle in Node's cache folder: later starts skip most of the parsing.
module.enableCompileCache?.();

const compiledCli = new URL('../dist/cli/ferry.mjs', import.meta.url);
const compiledSources = new URL('../dist/cli/sources.json', import.meta.url);
const sourceCli = new URL('../electron/host/cli/main.ts', import.meta.url);

/**
 * In a checkout the sources sit next to dist/cli, and someone may have edited them since the last
 * build (`npm run ferry` after a change, or a test run on a clean clone before `npm run build`).
 * Running a stale build would test yesterday's code, so there the CLI runs from source through tsx
 * (a devDependency, present in every checkout) whenever dist/cli is missing or any file it was
 * built from (listed by the build in sources.json) is newer. An installed package has no sources
 * and always runs the compiled CLI.
 */
function compiledIsCurrent() {
  if (!existsSync(sourceCli)) return true;
  if (!existsSync(compiledCli) || !existsSync(compiledSources)) return false;
  const builtAt = statSync(compiledCli).mtimeMs;
  const { sources } = JSON.parse(readFileSync(compiledSources, 'utf8'));
  const root = new URL('..', import.meta.url);
  return sources.every((path) => {
    const stats = statSync(new URL(path, root), { throwIfNoEntry: false });
    return stats !== undefined && stats.mtimeMs <= builtAt;
  });
}

if (compiledIsCurrent()) {
  await import(compiledCli.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sourceCli.href);
}
