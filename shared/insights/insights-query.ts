import { z } from 'zod';
import { environmentNameSchema } from '../model/environment';

/**
 * Which part of the history a person asks about: a period `[from, to)`, some environments, and how
 * long after a deployment a change to the same object still counts as fixing it.
 */
export const DEFAULT_PERIOD_DAYS = 30;
export const DEFAULT_FIX_WINDOW_DAYS = 2;
/** The longest period one query covers: ten years, enough for any history and still a bounded series. */
export const MAX_PERIOD_DAYS = 3660;

export const insightsQuerySchema = z
  .object({
    /** Start, inclusive; default: `to` minus 30 days. */
    from: z.iso.datetime().optional(),
    /** End, exclusive; default: now. */
    to: z.iso.datetime().optional(),
    /** Environments to measure; absent or empty: all of them. */
    environments: z.array(environmentNameSchema).max(100).optional(),
    /** A later change to an object a deployment wrote, within this many days, counts as its fix. */
    fixWindowDays: z.number().int().min(0).max(90).optional(),
  })
  .strict();
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

/** A query with every default filled in and checked (`from` before `to`, period bounded). */
export interface ResolvedInsightsQuery {
  from: Date;
  to: Date;
  /** Null: every environment. */
  environments: string[] | null;
  fixWindowDays: number;
}
