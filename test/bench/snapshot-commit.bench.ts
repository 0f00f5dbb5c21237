import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commitSubtree, type SnapshotProgress } from '../../electron/services/git/commit-subtree';
import { prng, typeShares, WEIGHTED_TYPES, word as randomWord, type Random } from './bench-data';
import { median, timed, type BenchRatio } from './bench-ratio';

const OBJECT_COUNT = Number(process.env.FERRY_BENCH_OBJECTS ?? 20_000);
const ROUNDS = Number(process.env.FERRY_BENCH_ROUNDS ?? 3);
const CHANGED_SHARE = 0.01;
/** FERRY_BENCH_VERBOSE=1 prints each round's figures and where the writer spent its time. */
const VERBOSE = process.env.FERRY_BENCH_VERBOSE === '1';
const SUBTREE = 'environments/dev';
const author = { name: 'Bench', email: 'bench@example.test' };

/** Largest share first: the order this bench has always written in, so its timings stay comparable. */
const TYPES = [...WEIGHTED_TYPES].sort((left, right) => right.weight - left.weight);

/** A canonical object body (sorted keys, 2-space JSON, trailing newline) of about 1-2 KB. */
function objectBody(type: string, index: number, version: number, random: Random): string {
  const word = () => randomWord(random);
  const name = `${word()} ${word()} ${index}`;
  const skills = Array.from({ length: 2 + Math.floor(random() * 6) }, () => ({
    $ref: 'routing.skill',
    name: `${word()} ${Math.floor(random() * 500)}`,
  })).sort((a, b) => a.name.localeCompare(b.name));
  const body = {
    acwSettings: { timeoutMs: 30_000 + version, wrapupPrompt: 'MANDATORY_TIMEOUT' },
    description: `${type} ${name}: ${Array.from({ length: 8 + Math.floor(random() * 30) }, word).join(' ')}`,
    enableTranscription: random() > 0.5,
    mediaSettings: Object.fromEntries(
      ['call', 'callback', 'chat', 'email', 'message'].map((media) => [
        media,
        {
          alertingTimeoutSeconds: 8 + Math.floor(random() * 30),
          serviceLevel: { durationMs: 20_000, percentage: 0.8 },
        },
      ]),
    ),
    name,
    skillEvaluationMethod: 'BEST',
    skills,
    type,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function makeFiles(count: number): Map<string, string> {
  const random = prng(42);
  const files = new Map<string, string>();
  let index = 0;
  for (const { type, share } of typeShares(TYPES, count)) {
    for (let i = 0; i < share; i++, index++) {
      files.set(`snapshot/${type}/object-${index}.json`, objectBody(type, index, 0, random));
    }
  }
  return files;
}

function git(dir: string, ...args: string[]): void {
  // gc.auto=0: an automatic gc after the commit would run in the background of the next timing.
  execFileSync('git', ['-C', dir, '-c', 'gc.auto=0', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Flushes dirty pages so one side's writes are not paid for during the other side's timing. */
function settle(): void {
  execFileSync('sync');
}

async function freshRepo(parent: string, name: string): Promise<string> {
  const dir = join(parent, name);
  await mkdir(dir);
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** Native git's time for add + commit alone, and with writing the files first (what Ferry's snapshot also does). */
async function nativeRound(
  parent: string,
  files: ReadonlyMap<string, string>,
): Promise<{ gitOnly: number; withFiles: number }> {
  const dir = await freshRepo(parent, 'native');
  settle();
  const writing = await timed(async () => {
    const made = new Set<string>();
    for (const [path, content] of files) {
      const full = join(dir, SUBTREE, path);
      if (!made.has(dirname(full))) {
        await mkdir(dirname(full), { recursive: true });
        made.add(dirname(full));
      }
      await writeFile(full, content);
    }
  });
  settle();
  const { seconds } = await timed(() => {
    git(dir, 'add', '-A');
    git(
      dir,
      '-c',
      `user.name=${author.name}`,
      '-c',
      `user.email=${author.email}`,
      'commit',
      '-q',
      '-m',
      'snapshot dev',
    );
  });
  return { gitOnly: seconds, withFiles: writing.seconds + seconds };
}

/** Records when each phase of the writer first reported, relative to the first report. */
function phaseRecorder(): ((progress: SnapshotProgress) => void) & { summary: () => string } {
  const start = performance.now();
  const firstSeen = new Map<string, number>();
  const record = (progress: SnapshotProgress) => {
    if (!firstSeen.has(progress.phase)) firstSeen.set(progress.phase, performance.now() - start);
  };
  const summary = () =>
    [...firstSeen].map(([phase, ms]) => `${phase}@${(ms / 1000).toFixed(2)}`).join(' ') +
    ` end@${((performance.now() - start) / 1000).toFixed(2)}`;
  return Object.assign(record, { summary });
}

async function ferryRound(
  parent: string,
  files: ReadonlyMap<string, string>,
): Promise<{ full: number; incremental: number }> {
  const dir = await freshRepo(parent, 'ferry');
  const snapshot = async (what: string, content: ReadonlyMap<string, string>) => {
    settle();
    const recorder = VERBOSE ? phaseRecorder() : undefined;
    const run = await timed(() =>
      commitSubtree({
        dir,
        subtreePath: SUBTREE,
        files: content,
        message: `snapshot dev: ${what}`,
        author,
        now: new Date(),
        ...(recorder ? { onProgress: recorder } : {}),
      }),
    );
    if (recorder) console.log(`  ferry ${what} ${run.seconds.toFixed(2)} s: ${recorder.summary()}`);
    return run;
  };
  const full = await snapshot('full', files);
  if (full.value.blobsWritten !== files.size) throw new Error('the full snapshot did not write every blob');

  const changed = new Map(files);
  const random = prng(7);
  const keys = [...files.keys()];
  const changeCount = Math.round(files.size * CHANGED_SHARE);
  for (let i = 0; i < changeCount; i++) {
    const key = keys[Math.floor((i * keys.length) / changeCount)] as string;
    changed.set(key, objectBody(key.split('/')[1] ?? 'x', i, 1, random));
  }
  const incremental = await snapshot('1% changed', changed);
  if (incremental.value.modified.length !== changeCount) throw new Error('the re-snapshot missed changes');
  const status = execFileSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' });
  if (status !== '') throw new Error(`the benchmark repository is not clean:\n${status.slice(0, 500)}`);
  return { full: full.seconds, incremental: incremental.seconds };
}

/**
 * Snapshot commit of OBJECT_COUNT object files vs native `git add -A && git commit` of the same
 * files in another fresh repository, and a 1% re-snapshot vs the full one. The two sides take
 * turns going first, and each figure is the median over the rounds.
 */
export async function snapshotCommitBench(): Promise<BenchRatio[]> {
  const files = makeFiles(OBJECT_COUNT);
  const native: number[] = [];
  const nativeWithFiles: number[] = [];
  const full: number[] = [];
  const incremental: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const parent = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
    try {
      const runNative = async () => {
        const result = await nativeRound(parent, files);
        native.push(result.gitOnly);
        nativeWithFiles.push(result.withFiles);
        if (VERBOSE) console.log(`  native ${native[native.length - 1]?.toFixed(2)} s`);
      };
      const runFerry = async () => {
        const result = await ferryRound(parent, files);
        full.push(result.full);
        incremental.push(result.incremental);
      };
      if (round % 2 === 0) {
        await runNative();
        await runFerry();
      } else {
        await runFerry();
        await runNative();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }
  const ferryFull = { label: 'ferry', seconds: median(full) };
  return [
    {
      name: `snapshot commit ${files.size} objects`,
      subject: ferryFull,
      baseline: { label: 'native git add -A && git commit', seconds: median(native) },
      goal: 1.25,
    },
    {
      // Ferry's snapshot also writes the 20,000 working-tree files; so does this baseline.
      name: `snapshot commit ${files.size} objects, files written by both`,
      subject: ferryFull,
      baseline: { label: 'write files + native git add -A && git commit', seconds: median(nativeWithFiles) },
      goal: 1.25,
    },
    {
      name: `re-snapshot ${Math.round(files.size * CHANGED_SHARE)} of ${files.size} objects changed`,
      subject: { label: 'ferry', seconds: median(incremental) },
      baseline: { label: 'ferry full snapshot', seconds: ferryFull.seconds },
      goal: 0.1,
    },
  ];
}
