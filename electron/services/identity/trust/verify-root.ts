/**
 * The trust store's one way of answering "who is trusted": read `trust/root/`, pin version 1 on
 * first sight, verify the chain from this machine's pin to the newest version (shared/trust/
 * trust-chain.ts does the checking) and move the pin's last-seen mark forward. Apart because
 * every other phase starts here, and the order of these steps is the security of the store.
 */
import { join } from 'node:path';
import {
  RootVersionError,
  parseRootVersion,
  verifyTrustChain,
  type ParsedRootVersion,
  type RootVersionFile,
} from '../../../../shared/trust/trust-chain';
import { TRUST_ROOT_FOLDER, rootVersionFile } from '../../../../shared/trust/trust-root';
import { verifyEd25519 } from '../ed25519';
import { VERSION_FILE_NAME, listJson, readBoundedText } from './trust-files';
import type { TrustContext, VerifiedRoot } from './trust-types';
import { unverifiedError } from './unverified-error';

/**
 * Reads `trust/root/`, pins version 1 on first sight, and verifies the chain to the newest
 * version. Null only when the workspace has no root and this machine never pinned one for it.
 */
export async function verifiedRoot(context: TrustContext): Promise<VerifiedRoot | null> {
  const { workspace, pins } = context;
  const dir = workspace.requirePath();
  const files = await readVersionFiles(context);
  let pin = await pins.read(dir);
  let pinnedNow = false;
  if (files.size === 0 && pin === null) return null;
  if (pin === null) {
    // Trust on first use: pin the genesis version, whose fingerprint admins can read out.
    const first = files.get(1);
    if (!first) {
      throw await unverifiedError(
        context,
        rootVersionFile(1),
        'is missing: a trust root starts at version 1, and this machine has nothing to pin',
      );
    }
    let genesis: ParsedRootVersion;
    try {
      genesis = parseRootVersion(first, 1);
    } catch (error) {
      if (error instanceof RootVersionError) throw await unverifiedError(context, error.file, error.message);
      throw error;
    }
    const mark = { version: 1, digest: genesis.digest };
    pin = {
      workspace: dir,
      pinned: mark,
      confirmed: false,
      pinnedAt: workspace.now().toISOString(),
      lastSeen: mark,
    };
    pinnedNow = true;
  }
  const outcome = verifyTrustChain({
    files,
    pin: pin.pinned,
    lastSeen: pin.lastSeen,
    verify: verifyEd25519,
  });
  if (!outcome.ok) throw await unverifiedError(context, outcome.file, outcome.reason);
  const newest = { version: outcome.current.document.version, digest: outcome.current.digest };
  if (pinnedNow || newest.version !== pin.lastSeen.version || newest.digest !== pin.lastSeen.digest) {
    const { workspace: _workspace, ...rest } = pin;
    void _workspace;
    pin = await pins.write(dir, { ...rest, lastSeen: newest });
  }
  return { current: outcome.current, pin, pinnedNow };
}

/** Every file in `trust/root/` by version; a misnamed or unreadable one refuses the whole root. */
export async function readVersionFiles(context: TrustContext): Promise<Map<number, RootVersionFile>> {
  const dir = context.workspace.requirePath();
  const files = new Map<number, RootVersionFile>();
  for (const name of await listJson(join(dir, TRUST_ROOT_FOLDER))) {
    const file = `${TRUST_ROOT_FOLDER}/${name}`;
    const match = VERSION_FILE_NAME.exec(name);
    if (!match?.[1]) {
      throw await unverifiedError(context, file, 'is not a trust root version: names must be <version>.json');
    }
    try {
      files.set(Number(match[1]), { file, text: await readBoundedText(join(dir, file), file) });
    } catch (error) {
      if (error instanceof RootVersionError) throw await unverifiedError(context, error.file, error.message);
      throw error;
    }
  }
  return files;
}
