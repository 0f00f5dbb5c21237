import type { KeyValidity, TrustedKey } from '../../../shared/model/trust';

/** How far ahead of this machine's clock a signed time may be (clocks drift) before it is refused. */
export const SIGNED_TIME_SKEW_MS = 5 * 60 * 1000;

/**
 * Whether a key could be believed AT THE MOMENT A RECORD SAYS IT WAS SIGNED (issue 19: history).
 * Acting now (resume, rollback, gates) uses `keyValidity`, where a revocation counts whenever it
 * happened. Reading history asks another question: was this key trusted when it signed? A key
 * that expired later keeps its history; a record dated on or after the key's revocation does not
 * count. The signed time is the signer's own claim, so a revoked key could backdate a record: the
 * trust root keeps the revocation, and that risk is the price of keeping a team's history when
 * keys are rotated (the reader refuses a time later than now, which is all it can check).
 */
export function keyValidityAt(key: TrustedKey, signedAt: Date): KeyValidity {
  if (key.revokedAt !== undefined && signedAt.getTime() >= Date.parse(key.revokedAt)) {
    return { state: 'revoked', at: key.revokedAt, reason: key.revokedReason ?? '' };
  }
  if (key.notBefore !== undefined && signedAt.getTime() < Date.parse(key.notBefore)) {
    return { state: 'not-yet-valid', from: key.notBefore };
  }
  if (key.notAfter !== undefined && signedAt.getTime() > Date.parse(key.notAfter)) {
    return { state: 'expired', at: key.notAfter };
  }
  return { state: 'valid' };
}

/** True when a signed time lies beyond this machine's clock (allowing for drift): not yet history. */
export function signedInFuture(signedAt: Date, now: Date): boolean {
  return Number.isNaN(signedAt.getTime()) || signedAt.getTime() > now.getTime() + SIGNED_TIME_SKEW_MS;
}
