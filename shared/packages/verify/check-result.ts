/**
 * How every package check is written: a named pass or fail with a sentence, and how keys are named
 * in those sentences. Apart because each verification phase builds its checks with these, and the
 * report reads the same whichever phase a check came from.
 */
import type { PackageCheck } from '../../model/package-wire';
import type { TrustedKey } from '../../model/trust';

export function pass(check: string, detail: string): PackageCheck {
  return { check, passed: true, detail };
}

export function fail(check: string, detail: string): PackageCheck {
  return { check, passed: false, detail };
}

export function shortKey(keyId: string): string {
  return `${keyId.slice(0, 16)}…`;
}

/** A trusted key as the checks name it: its owner and the start of its id. */
export function who(key: TrustedKey): string {
  return `${key.owner}'s key ${shortKey(key.keyId)}`;
}
