/** One side of a comparison: what ran and how long it took (median of the rounds). */
export interface Measurement {
  label: string;
  /** Seconds, or a count in the ratio's `unit` when it has one. */
  seconds: number;
}

/** A ratio a benchmark reports: subject / baseline, measured in the same run on the same data. */
export interface BenchRatio {
  name: string;
  subject: Measurement;
  baseline: Measurement;
  /** The ratio the design asks for at most. */
  goal: number;
  /** What the measurements count when it is not seconds (e.g. 'requests'). */
  unit?: string;
}

/** A benchmark module: runs its comparisons and returns the ratios to print. */
export type Bench = () => Promise<BenchRatio[]>;

export function ratioOf(result: BenchRatio): number {
  return result.subject.seconds / result.baseline.seconds;
}

export function formatRatio(result: BenchRatio): string {
  const ratio = ratioOf(result);
  const verdict = ratio <= result.goal ? '' : ' MISSED';
  const amount = (value: number) =>
    result.unit === undefined ? `${value.toFixed(2)} s` : `${value} ${result.unit}`;
  return (
    `${result.name}: ${result.subject.label} ${amount(result.subject.seconds)}, ` +
    `${result.baseline.label} ${amount(result.baseline.seconds)}, ` +
    `ratio ${ratio.toFixed(2)}x (goal <= ${result.goal}x)${verdict}`
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Wall-clock seconds of one awaited call. */
export async function timed<T>(run: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { seconds: (performance.now() - start) / 1000, value };
}
