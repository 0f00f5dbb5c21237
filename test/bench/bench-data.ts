/** Deterministic data for the benches: the same seed always yields the same objects. */

export type Random = () => number;

/** Object types in roughly the proportions a contact-centre org has them. */
export const WEIGHTED_TYPES: readonly { type: string; weight: number }[] = [
  { type: 'routing.skill', weight: 25 },
  { type: 'routing.wrapupcode', weight: 20 },
  { type: 'routing.queue', weight: 35 },
  { type: 'architect.schedule', weight: 12 },
  { type: 'flows.datatable', weight: 8 },
];

/** mulberry32: small and fast, and good enough to spread names and sizes about. */
export function prng(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'sales support billing english spanish premium callback voicemail escalation retention'.split(
  ' ',
);

export const pick = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;

export const word = (random: Random): string => pick(random, WORDS);

/**
 * How many of `count` objects each type gets; the last type takes the rounding remainder so
 * the shares always add up to `count`.
 */
export function typeShares(
  types: readonly { type: string; weight: number }[],
  count: number,
): { type: string; share: number }[] {
  const total = types.reduce((sum, entry) => sum + entry.weight, 0);
  let given = 0;
  return types.map(({ type, weight }) => {
    const share =
      type === types[types.length - 1]?.type ? count - given : Math.round((count * weight) / total);
    given += share;
    return { type, share };
  });
}
