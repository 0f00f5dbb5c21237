import { sha256Hex } from '../../model/canonical/sha256';
import { stableStringify } from '../../model/canonical/stable-stringify';

/**
 * What the plan assumed about the target: each step's object as it was read, by type and key.
 * The executor reads the target again just before writing and refuses when this has changed, so
 * nothing is written on top of a state nobody reviewed.
 */
export function planFingerprint(
  steps: readonly { type: string; key: string; current: Readonly<Record<string, unknown>> | null }[],
): string {
  const assumed = steps.map((step) => [step.type, step.key, step.current]);
  return `sha256:${sha256Hex(new TextEncoder().encode(stableStringify(assumed)))}`;
}
