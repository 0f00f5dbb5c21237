import { z } from 'zod';

/** scrypt's cost parameters, recorded in the vault file so the key can be derived again. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** What new vaults use: N = 2^17 (about 128 MiB and a few hundred ms per derivation). */
export const CURRENT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/** What vault files without a `kdf` field were sealed with (Ferry before issue 11). */
export const LEGACY_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

/**
 * Bounds on what a vault file may ask for: below 2^15 was never written, and a file asking for
 * more than 2^20 (or a large r or p) would only make opening it take minutes and gigabytes.
 */
export const scryptParamsSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 15)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
  })
  .strict();

/** Node refuses to run scrypt when about 128·N·r bytes exceed `maxmem`; leave room above that. */
export function scryptMaxmem(params: ScryptParams): number {
  return 256 * params.N * params.r;
}

export function weakerThanCurrent(params: ScryptParams): boolean {
  return params.N < CURRENT_SCRYPT.N || params.r < CURRENT_SCRYPT.r;
}
