/**
 * How this machine's pin of the workspace's trust root moves, other than by verification itself:
 * showing a root pinned on first sight, pinning deliberately by a fingerprint an admin read out,
 * and remembering a version this machine just applied. Apart because the pin is the one thing a
 * push to the workspace cannot move, and these are the only other places that write it.
 */
import { FerryError } from '../../../../shared/api/api-error';
import {
  parseRootVersion,
  verifyTrustChain,
  type ParsedRootVersion,
} from '../../../../shared/trust/trust-chain';
import { fingerprintText, normaliseFingerprint } from '../../../../shared/trust/trust-root';
import { verifyEd25519 } from '../ed25519';
import type { TrustContext } from './trust-types';
import { unverifiedError } from './unverified-error';
import { readVersionFiles, verifiedRoot } from './verify-root';

/**
 * Pins the workspace's root when this machine has never seen it, and says so: hosts show the
 * fingerprint once, so it can be compared with an admin's. Null when it was pinned before, when
 * there is no root, or when it does not verify (the command that needs it will say why).
 */
export async function firstSight(
  context: TrustContext,
): Promise<{ version: number; fingerprint: string } | null> {
  if ((await context.pins.read(context.workspace.requirePath()).catch(() => null)) !== null) return null;
  const verified = await verifiedRoot(context).catch(() => null);
  if (!verified?.pinnedNow) return null;
  return { version: verified.pin.pinned.version, fingerprint: fingerprintText(verified.pin.pinned.digest) };
}

/**
 * Pins the root whose fingerprint an admin read out. The fingerprint may be of any version in
 * the workspace; the chain from it must verify. Replaces an earlier pin: this is how a machine
 * recovers after a refusal, deliberately.
 */
export async function pinFingerprint(context: TrustContext, fingerprint: string): Promise<void> {
  const digest = normaliseFingerprint(fingerprint);
  if (digest === null) {
    throw new FerryError(
      'request.invalid',
      `"${fingerprint}" is not a fingerprint: it must be 64 hex digits (spaces allowed)`,
    );
  }
  const dir = context.workspace.requirePath();
  const files = await readVersionFiles(context);
  let match: ParsedRootVersion | null = null;
  for (const [version, file] of files) {
    try {
      const parsed = parseRootVersion(file, version);
      if (parsed.digest === digest) match = parsed;
    } catch {
      /* not this one */
    }
  }
  if (!match) {
    throw new FerryError(
      'trust.fingerprint-unknown',
      `No trust root version in this workspace has the fingerprint ${fingerprintText(digest)}; check it with the admin who gave it to you`,
    );
  }
  const mark = { version: match.document.version, digest };
  const outcome = verifyTrustChain({ files, pin: mark, lastSeen: null, verify: verifyEd25519 });
  if (!outcome.ok) throw await unverifiedError(context, outcome.file, outcome.reason);
  await context.pins.write(dir, {
    pinned: mark,
    confirmed: true,
    pinnedAt: context.workspace.now().toISOString(),
    lastSeen: { version: outcome.current.document.version, digest: outcome.current.digest },
  });
}

/** A version this machine just applied is verified by construction: move the pin's mark to it. */
export async function rememberApplied(
  context: TrustContext,
  version: number,
  digest: string,
  genesis: boolean,
): Promise<void> {
  const { workspace, pins } = context;
  const dir = workspace.requirePath();
  const pin = await pins.read(dir);
  const mark = { version, digest };
  if (pin === null || genesis) {
    await pins.write(dir, {
      pinned: genesis ? mark : (pin?.pinned ?? mark),
      confirmed: true,
      pinnedAt: workspace.now().toISOString(),
      lastSeen: mark,
    });
    return;
  }
  const { workspace: _workspace, ...rest } = pin;
  void _workspace;
  await pins.write(dir, { ...rest, lastSeen: mark });
}
