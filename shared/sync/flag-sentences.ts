import type { IncomingFlag, PullSummary } from './sync-wire';

/**
 * The sentences a pull summary ends with about signed files that arrived and did not verify. Kept
 * here, not in the service, so a host that lists the flagged files apart (the CLI's "Did not
 * verify" block, the Sync page's warning) can leave these sentences out of the plain list.
 */

/** What each kind of unverified file means for the person reading, as the start of its sentence. */
const FLAG_WORDS: Record<IncomingFlag['kind'], [one: string, many: string]> = {
  approval: ['1 approval did not verify and is ignored', 'approvals did not verify and are ignored'],
  run: [
    '1 run did not verify and will never be resumed or rolled back',
    'runs did not verify and will never be resumed or rolled back',
  ],
  trust: [
    'the trust root that arrived does not verify, so nothing that needs trust can be done until an admin fixes it',
    'the trust root that arrived does not verify, so nothing that needs trust can be done until an admin fixes it',
  ],
  policy: ['1 policy change did not verify and is ignored', 'policy changes did not verify and are ignored'],
  audit: ['1 audit file did not verify', 'audit files did not verify'],
  other: ['1 file did not verify', 'files did not verify'],
};

/** The summary's sentences about files that did not verify, one per kind (hosts may list the files apart). */
export function flaggedSentences(flags: readonly IncomingFlag[]): string[] {
  const sentences: string[] = [];
  for (const kind of Object.keys(FLAG_WORDS) as IncomingFlag['kind'][]) {
    const ofKind = flags.filter((flag) => flag.kind === kind);
    if (ofKind.length === 0) continue;
    const [one, many] = FLAG_WORDS[kind];
    const opening = ofKind.length === 1 || kind === 'trust' ? one : `${ofKind.length} ${many}`;
    const reasons = [...new Set(ofKind.map((flag) => `${flag.path}: ${flag.reason}`))];
    sentences.push(`${opening}: ${reasons.join('; ')}`);
  }
  return sentences;
}

/** The summary's sentences without the ones about flagged files, for hosts that show those apart. */
export function sentencesWithoutFlags(summary: Pick<PullSummary, 'sentences' | 'flagged'>): string[] {
  const aboutFlags = new Set(flaggedSentences(summary.flagged));
  return summary.sentences.filter((sentence) => !aboutFlags.has(sentence));
}
