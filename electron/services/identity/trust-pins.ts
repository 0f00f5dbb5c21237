import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { writeFileAtomic } from '../fs/atomic-write';

const digestSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/);
const markSchema = z.strictObject({ version: z.number().int().min(1), digest: digestSchema });

const pinSchema = z.strictObject({
  /** The workspace folder the pin was made for (a hint for people; the file name is its hash). */
  workspace: z.string(),
  pinned: markSchema,
  /** True once someone compared the fingerprint out of band (`ferry trust pin <fingerprint>`). */
  confirmed: z.boolean(),
  pinnedAt: z.iso.datetime(),
  /** The newest version this machine has verified: the workspace may never go back behind it. */
  lastSeen: markSchema,
});
export type TrustPin = z.infer<typeof pinSchema>;

/**
 * Where this machine keeps the trust root it pinned for each workspace: the app's data folder,
 * never the workspace, so nothing pushed to the workspace can move the pin. One file per
 * workspace folder, named by the hash of its real path.
 */
export class TrustPins {
  constructor(private readonly dataDir: string) {}

  private async fileFor(workspaceDir: string): Promise<{ file: string; workspace: string }> {
    const workspace = await realpath(workspaceDir).catch(() => resolve(workspaceDir));
    const name = createHash('sha256').update(workspace, 'utf8').digest('hex').slice(0, 32);
    return { file: join(this.dataDir, 'trust-pins', `${name}.json`), workspace };
  }

  async read(workspaceDir: string): Promise<TrustPin | null> {
    const { file } = await this.fileFor(workspaceDir);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return pinSchema.parse(parseStrictJson(text));
    } catch {
      // A damaged pin must not silently become "no pin" (that would re-open trust on first use).
      throw new FerryError(
        'trust.pin-damaged',
        `This machine's trust pin for ${workspaceDir} (${file}) is damaged. Ask an admin for the trust root fingerprint and run \`ferry trust pin <fingerprint>\` to pin it again.`,
        { file },
      );
    }
  }

  async write(workspaceDir: string, pin: Omit<TrustPin, 'workspace'>): Promise<TrustPin> {
    const { file, workspace } = await this.fileFor(workspaceDir);
    const full = pinSchema.parse({ workspace, ...pin });
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(full, null, 2)}\n`);
    return full;
  }
}
