import type { DoraBand } from './insights-report';

/**
 * What each Insights figure means, in one plain-English line (issue 19). The page, the change
 * advisory board report and `ferry metrics` all say a figure's meaning with these words, so a
 * person reads the same definition wherever they meet the number.
 */

export type FigureId =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'leadTimeAuthoring'
  | 'leadTimeApproval'
  | 'leadTimeWaiting'
  | 'leadTimePromotion'
  | 'changeFailureRate'
  | 'timeToRestore'
  | 'approvalsPerChange'
  | 'timeToFirstApproval'
  | 'overrides'
  | 'gateRefusals'
  | 'drift'
  | 'snapshotAge'
  | 'unverifiedRecords';

export const FIGURE_TITLES: Readonly<Record<FigureId, string>> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  leadTimeAuthoring: 'Authoring',
  leadTimeApproval: 'Waiting for approval',
  leadTimeWaiting: 'Waiting for a window',
  leadTimePromotion: 'Promotion',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore',
  approvalsPerChange: 'Approvals per change',
  timeToFirstApproval: 'Time to first approval',
  overrides: 'Emergency overrides',
  gateRefusals: 'Changes refused by gates',
  drift: 'Drift',
  snapshotAge: 'Snapshot age',
  unverifiedRecords: 'Unverified records',
};

export const FIGURE_EXPLANATIONS: Readonly<Record<FigureId, string>> = {
  deploymentFrequency:
    'How often a changeset was promoted successfully; the band counts production deployments only.',
  leadTime:
    'How long a changeset took from being created to its first successful promotion to production, where its creation is signed.',
  leadTimeAuthoring: 'From the changeset being created to its author signing it.',
  leadTimeApproval:
    'From the author signing it to the last approval, covering the environment, given before the promotion started.',
  leadTimeWaiting: 'From that approval to the promotion starting: waiting for a window or an earlier stage.',
  leadTimePromotion: 'From the promotion starting to it finishing.',
  changeFailureRate:
    'The share of promotions that failed, were rolled back later, or needed another changeset to fix the same objects within the fix window.',
  timeToRestore:
    'How long a failed promotion took to be put right: undone by itself, rolled back, or fixed by a later promotion.',
  approvalsPerChange:
    'How many people approved the exact version that was deployed, for the environment it was deployed to.',
  timeToFirstApproval: 'How long a new changeset waited, after its author signed it, for its first approval.',
  overrides:
    'Promotions an emergency override let through gates that would have stopped them, with the reason given.',
  gateRefusals:
    'Promotions the gates refused (window closed, approvals missing, not allowed to promote), and which gate.',
  drift:
    'Changes made in an environment outside Ferry, found by drift checks each week, and whether they were accepted, reverted or ignored.',
  snapshotAge:
    "How long ago each environment's latest snapshot was taken, by its commit's time (git history, which is not signed): older snapshots make drift and diffs less current.",
  unverifiedRecords:
    'Records left out of every figure because their signature did not verify against the trusted keys.',
};

export type DoraKey = 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore';

/** The thresholds of `dora-bands.ts`, in words, in the same order (elite first). */
export const BAND_THRESHOLDS_IN_WORDS: Readonly<Record<DoraKey, Readonly<Record<DoraBand, string>>>> = {
  deploymentFrequency: {
    elite: 'once a day or more',
    high: 'once a week or more',
    medium: 'once a month or more',
    low: 'less than once a month',
  },
  leadTime: {
    elite: 'under an hour',
    high: 'under a week',
    medium: 'under six months',
    low: 'six months or more',
  },
  changeFailureRate: {
    elite: '15 % or less',
    high: '30 % or less',
    medium: '45 % or less',
    low: 'more than 45 %',
  },
  timeToRestore: {
    elite: 'under an hour',
    high: 'under a day',
    medium: 'under a week',
    low: 'a week or more',
  },
};

export const BANDS_SOURCE =
  'Bands from the DORA State of DevOps report 2021, made contiguous; for orientation only, a trend says more than a band.';

/** `elite: once a day or more; high: …`, one line for a figure's bands. */
export function bandsInWords(key: DoraKey): string {
  const words = BAND_THRESHOLDS_IN_WORDS[key];
  return (['elite', 'high', 'medium', 'low'] as const).map((band) => `${band}: ${words[band]}`).join('; ');
}
