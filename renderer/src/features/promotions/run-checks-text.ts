import type { RunResult } from '../../../../shared/promotion/engine/run-records';

/**
 * What a failed post-promotion check left behind and what to do next (issue 20), in place of the
 * run's raw failure line: the checks table just above already says which check found what, so this
 * says where the environment stands. Null when the run's failure is not a check's.
 */
export function checkFailureText(
  result: Pick<RunResult, 'status' | 'environment' | 'failure'>,
): string | null {
  if (result.failure?.code !== 'check.failed') return null;
  const where = result.environment;
  if (result.status === 'checks-failed') {
    return `A check failed and ${where}’s policy stops there: the writes stay in ${where}. Put right what the check found, or roll the run back.`;
  }
  if (result.status === 'rolled-back') {
    return `A check failed, so the run undid its writes as ${where}’s policy asks: ${where} is as it was before. Fix the changeset or ${where}, then promote again.`;
  }
  return null;
}
