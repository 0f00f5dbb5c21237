import type { PipelineWait } from './pipeline';

/**
 * The pipeline gate of a promotion (issue 20): a promotion into a later stage of a signed pipeline
 * follows that pipeline's rules, whether it comes from `ferry pipeline advance`, `ferry promote` or
 * the Promotions page. In several pipelines, any one whose rules are met lets it through (named).
 * Pure over the waits pipelines/stage-entry.ts found; undefined when no pipeline has a say.
 */
export function pipelineGate(
  entries: readonly { pipeline: string; waits: readonly PipelineWait[] }[] | null,
  changesetId: string,
  environment: string,
): { passed: boolean; reason: string } | undefined {
  if (entries === null || entries.length === 0) return undefined;
  const met = entries.find((entry) => entry.waits.length === 0);
  if (met !== undefined) {
    return {
      passed: true,
      reason: `The rules of pipeline ${met.pipeline} for entering ${environment} are met.`,
    };
  }
  const waiting = entries
    .map(
      (entry) =>
        `pipeline ${entry.pipeline} waits for: ${entry.waits.map((wait) => wait.message.replace(/\.$/, '')).join('; ')}`,
    )
    .join('. Or ');
  const subject =
    entries.length === 1
      ? `${environment} is a later stage of a signed pipeline`
      : `${environment} is a later stage of signed pipelines`;
  return {
    passed: false,
    reason: `${subject}, and ${changesetId} may not enter it yet: ${waiting}. Once they are met it moves on with \`ferry pipeline advance ${changesetId}\` (or the Advance button), or a direct promotion.`,
  };
}
