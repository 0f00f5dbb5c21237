/** What the user did about one drifted object, kept to show next to it. */
export type TriageOutcome =
  | { action: 'accepted'; commit: string | null; message: string }
  | { action: 'reverted'; changesetId: string; file: string; commit: string }
  | { action: 'ignored'; reason: string };
