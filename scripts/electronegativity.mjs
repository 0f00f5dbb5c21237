// Security scan of electron/ with @doyensec/electronegativity, run inside `npm test`.
// Fails on any HIGH (or worse) finding. The online Electron-release check is excluded and the
// tool's own network calls are disabled (see electronegativity-offline.cjs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('./electronegativity-offline.cjs');

const root = fileURLToPath(new URL('..', import.meta.url));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const defaultExport = (mod) => (typeof mod === 'function' ? mod : mod.default);
const initTranslations = defaultExport(require('@doyensec/electronegativity/dist/locales/i18n.js'));
const run = defaultExport(require('@doyensec/electronegativity/dist/runner.js'));

const quiet = console.log;
console.log = () => {}; // the tool reports its (disabled) translation download
await initTranslations();
console.log = quiet;

const result = await run(
  {
    input: `${root}electron`,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

const findings = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file,
  line: issue.location.line,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  manualReview: Boolean(issue.manualReview),
}));
mkdirSync(`${root}test-results`, { recursive: true });
writeFileSync(`${root}test-results/electronegativity.json`, `${JSON.stringify(findings, null, 2)}\n`);

const blocking = result.issues.filter((issue) => issue.severity.value >= 3);
for (const issue of result.issues) {
  const mark = issue.severity.value >= 3 ? 'FAIL' : 'note';
  console.log(`${mark} ${issue.severity.name} ${issue.id} ${issue.file}:${issue.location.line}`);
}
console.log(
  `electronegativity: ${result.globalChecks + result.atomicChecks} checks on electron/, ` +
    `${result.issues.length} findings, ${blocking.length} high or critical, ${result.errors.length} files not parsed`,
);
if (result.errors.length > 0) {
  for (const error of result.errors)
    console.log(`not parsed: ${error.file}: ${error.message ?? error.error ?? ''}`);
}
process.exitCode = blocking.length > 0 ? 1 : 0;
