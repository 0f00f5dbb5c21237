import { z } from 'zod';
import { tierSchema } from '../model/environment';
import { recordCountsSchema, recordKindSchema, unverifiedRecordSchema } from './insights-facts';

/**
 * What Insights answers (issue 19): the four DORA keys and the governance picture for a period and
 * some environments. This is the JSON `ferry metrics --json` prints and the Insights page shows:
 * its field names are stable (a pipeline publishes them), so add fields, never rename them.
 * Durations are in hours, rates between 0 and 1, times in ISO 8601 UTC.
 */
export const INSIGHTS_FORMAT_VERSION = 1;

/** The most evidence items one figure lists; `total` on the list says how many there were. */
export const MAX_EVIDENCE = 200;

const at = z.iso.datetime();

export const doraBandSchema = z.enum(['elite', 'high', 'medium', 'low']);
export type DoraBand = z.infer<typeof doraBandSchema>;

export const bucketSchema = z.enum(['day', 'week', 'month']);
export type Bucket = z.infer<typeof bucketSchema>;

/** Count, median, 90th percentile and mean of some durations, in hours (null when count is 0). */
export const durationStatsSchema = z.object({
  count: z.number().int().min(0),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  meanHours: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStatsSchema>;

/** A run or changeset behind a figure, for a link, with why it is there in a few words. */
export const evidenceItemSchema = z.object({
  kind: z.enum(['run', 'changeset']),
  id: z.string(),
  environment: z.string().nullable(),
  at: at.nullable(),
  /** e.g. "rolled back by run …", "lead time 3.2 days", "override: outage". */
  note: z.string(),
  /** The figure's own value for this item in hours, when it has one (a lead time, a restore). */
  hours: z.number().nullable().optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const evidenceListSchema = z.object({
  total: z.number().int().min(0),
  items: z.array(evidenceItemSchema).max(MAX_EVIDENCE),
});
export type EvidenceList = z.infer<typeof evidenceListSchema>;

/** One bucket of a series: its start, and the figures of the runs that finished within it. */
const seriesPoint = <T extends z.ZodRawShape>(shape: T) => z.object({ start: at, ...shape });

export const insightsReportSchema = z.object({
  formatVersion: z.literal(INSIGHTS_FORMAT_VERSION),
  generatedAt: at,
  period: z.object({
    from: at,
    to: at,
    days: z.number(),
    /** How the series are grouped: days for a period up to 31 days, weeks up to 26 weeks, else months. */
    bucket: bucketSchema,
  }),
  environments: z.array(z.object({ name: z.string(), tier: tierSchema.nullable(), selected: z.boolean() })),
  fixWindowDays: z.number().int().min(0),

  /** Successful promotions (not rollbacks) that finished in the period. */
  deploymentFrequency: z.object({
    total: z.number().int().min(0),
    perDay: z.number(),
    perWeek: z.number(),
    /** Of the production-tier environments selected (all selected when none is production). */
    band: doraBandSchema.nullable(),
    byEnvironment: z.array(
      z.object({ environment: z.string(), deployments: z.number().int().min(0), perWeek: z.number() }),
    ),
    series: z.array(seriesPoint({ counts: z.record(z.string(), z.number().int().min(0)) })),
    evidence: evidenceListSchema,
  }),

  /** Changeset created → its first successful promotion to an environment, for those in the period. */
  leadTime: z.object({
    /** The environments the headline figure covers: the production-tier ones selected, else all selected. */
    environments: z.array(z.string()),
    overall: durationStatsSchema,
    band: doraBandSchema.nullable(),
    /**
     * Where the time went: authoring (created → author signed), approval (→ the last approval of the
     * promoted digest given before the run), waiting (→ the run started: windows, earlier stages),
     * promotion (→ the run finished). A stage whose start or end is not signed is not measured.
     */
    stages: z.object({
      authoring: durationStatsSchema,
      approval: durationStatsSchema,
      waiting: durationStatsSchema,
      promotion: durationStatsSchema,
    }),
    byEnvironment: z.array(z.object({ environment: z.string(), stats: durationStatsSchema })),
    series: z.array(seriesPoint({ count: z.number().int().min(0), medianHours: z.number().nullable() })),
    /** Deployments whose changeset's creation no verified signature vouches for. */
    unmeasured: z.number().int().min(0),
    evidence: evidenceListSchema,
  }),

  /**
   * Promotions that finished in the period and failed: ended other than `succeeded`, were later
   * rolled back, or were followed within `fixWindowDays` by a successful promotion of another
   * changeset that wrote one of the same objects in the same environment.
   */
  changeFailureRate: z.object({
    deployments: z.number().int().min(0),
    failures: z.number().int().min(0),
    rate: z.number().min(0).max(1).nullable(),
    band: doraBandSchema.nullable(),
    byCause: z.object({
      failedRun: z.number().int().min(0),
      rolledBack: z.number().int().min(0),
      followUpFix: z.number().int().min(0),
    }),
    series: z.array(
      seriesPoint({
        deployments: z.number().int().min(0),
        failures: z.number().int().min(0),
        rate: z.number().nullable(),
      }),
    ),
    evidence: evidenceListSchema,
  }),

  /**
   * Failure → restored: a run that undid its own writes is restored when it finished; otherwise by
   * the first successful rollback of it or fix after it. `open` failures are not restored yet.
   */
  timeToRestore: z.object({
    restored: durationStatsSchema,
    open: z.number().int().min(0),
    band: doraBandSchema.nullable(),
    series: z.array(seriesPoint({ count: z.number().int().min(0), medianHours: z.number().nullable() })),
    evidence: evidenceListSchema,
  }),

  governance: z.object({
    /** Verified approvals of the digest each deployed changeset was promoted with. */
    approvalsPerChange: z.object({
      changes: z.number().int().min(0),
      mean: z.number().nullable(),
      median: z.number().nullable(),
    }),
    /** Author signed (else created) → first verified approval, for changesets created in the period. */
    timeToFirstApproval: durationStatsSchema,
    overrides: z.object({
      count: z.number().int().min(0),
      items: z.array(
        z.object({
          runId: z.string(),
          environment: z.string(),
          at,
          reason: z.string(),
          by: z.string().nullable(),
        }),
      ),
    }),
    gateRefusals: z.object({
      count: z.number().int().min(0),
      byGate: z.array(z.object({ gate: z.string(), count: z.number().int().min(0) })),
      items: z.array(
        z.object({
          at,
          changesetId: z.string(),
          environment: z.string(),
          by: z.string(),
          gates: z.array(z.object({ gate: z.string(), reason: z.string() })),
        }),
      ),
    }),
    drift: z.object({
      weeks: z.array(
        z.object({
          start: at,
          checks: z.number().int().min(0),
          /** Drifted objects found: the most any one check that week found, per environment, summed. */
          found: z.number().int().min(0),
          accepted: z.number().int().min(0),
          reverted: z.number().int().min(0),
          ignored: z.number().int().min(0),
        }),
      ),
      totals: z.object({
        checks: z.number().int().min(0),
        found: z.number().int().min(0),
        accepted: z.number().int().min(0),
        reverted: z.number().int().min(0),
        ignored: z.number().int().min(0),
      }),
    }),
    snapshots: z.array(
      z.object({ environment: z.string(), takenAt: at.nullable(), ageHours: z.number().nullable() }),
    ),
  }),

  /** How much of the history the figures rest on, and what was left out because it did not verify. */
  records: z.object({
    counts: z.record(recordKindSchema, recordCountsSchema),
    unverified: z.object({ total: z.number().int().min(0), items: z.array(unverifiedRecordSchema) }),
  }),
});
export type InsightsReport = z.infer<typeof insightsReportSchema>;
