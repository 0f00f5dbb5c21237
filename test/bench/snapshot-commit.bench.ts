import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commitSubtree, type SnapshotProgress } from '../../electron/services/git/commit-subtree';
import { changeSnapshot, makeSnapshot, type BenchFiles, type BenchSnapshot } from './snapshot-commit-data';
import { median, timed, type BenchRatio } from './bench-ratio';

const OBJECT_COUNT = Number(process.env.FERRY_BENCH_OBJECTS ?? 20_000);
const ROUNDS = Number(process.env.FERRY_BENCH_ROUNDS ?? 3);
const CHANGED_SHARE = 0.01;
/** FERRY_BENCH_VERBOSE=1 prints each round's figures and where the writer spent its time. */
const VERBOSE = process.env.FERRY_BENCH_VERBOSE === '1';
const SUBTREE = 'environments/dev';
const author = { name: 'Bench', email: 'bench@example.test' };

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
  files: BenchFiles,
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
  data: BenchSnapshot,
): Promise<{ full: number; incremental: number }> {
  const dir = await freshRepo(parent, 'ferry');
  const snapshot = async (what: string, content: BenchFiles) => {
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
  const files = data.files;
  const full = await snapshot('full', files);
  if (full.value.blobsWritten !== files.size) throw new Error('the full snapshot did not write every blob');

  const changeCount = Math.round(data.objects.length * CHANGED_SHARE);
  const changed = changeSnapshot(data, changeCount);
  const incremental = await snapshot('1% changed', changed);
  if (incremental.value.modified.length !== changeCount) throw new Error('the re-snapshot missed changes');
  const status = execFileSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' });
  if (status !== '') throw new Error(`the benchmark repository is not clean:\n${status.slice(0, 500)}`);
  return { full: full.seconds, incremental: incremental.seconds };
}

/**
 * Snapshot commit of OBJECT_COUNT object files of every managed type, with the prompts' audio
 * beside them (see snapshot-commit-data.ts), vs native `git add -A && git commit` of the same
 * files in another fresh repository, and a 1% re-snapshot vs the full one. The two sides take
 * turns going first, and each figure is the median over the rounds.
 */
export async function snapshotCommitBench(): Promise<BenchRatio[]> {
  const data = makeSnapshot(OBJECT_COUNT);
  const files = data.files;
  const objects = OBJECT_COUNT;
  const audio = files.size - objects;
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
        const result = await ferryRound(parent, data);
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
      name: `snapshot commit ${objects} objects + ${audio} audio files`,
      subject: ferryFull,
      baseline: { label: 'native git add -A && git commit', seconds: median(native) },
      goal: 1.25,
    },
    {
      // Ferry's snapshot also writes the 20,000 working-tree files; so does this baseline.
      name: `snapshot commit ${objects} objects + ${audio} audio files, files written by both`,
      subject: ferryFull,
      baseline: { label: 'write files + native git add -A && git commit', seconds: median(nativeWithFiles) },
      goal: 1.25,
    },
    {
      name: `re-snapshot ${Math.round(data.objects.length * CHANGED_SHARE)} of ${objects} objects changed`,
      subject: { label: 'ferry', seconds: median(incremental) },
      baseline: { label: 'ferry full snapshot', seconds: ferryFull.seconds },
      goal: 0.1,
    },
  ];
}
