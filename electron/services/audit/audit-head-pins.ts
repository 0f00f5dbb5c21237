import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { auditHashSchema, type AuditHead } from '../../../shared/signing/audit-head';
import { keyIdSchema } from '../../../shared/signing/key-id';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { AsyncMutex } from '../concurrency/async-mutex';
import { writeFileAtomic } from '../fs/atomic-write';
import { plainIssueMessage } from '../../../shared/errors/schema-issues';

/** The file in the app's data folder: never in the workspace, which anyone with push access edits. */
export const AUDIT_HEAD_PINS_FILE = 'audit-heads.json';

/** A few hundred bytes per workspace and key; anything this big was not written by Ferry. */
const MAX_PINS_FILE_BYTES = 4 * 1024 * 1024;

const pinSchema = z.strictObject({
  /** `path:<folder>` or `id:<workspace id>`: see `workspaceNames` in audit-log.ts. */
  workspace: z.string().min(1).max(5000),
  keyId: keyIdSchema,
  seq: z.number().int().min(1),
  hash: auditHashSchema,
});
export type AuditHeadPin = z.infer<typeof pinSchema>;

const pinsFileSchema = z.strictObject({
  formatVersion: z.literal(1),
  pins: z.array(pinSchema).max(20000),
});
type PinsFile = z.infer<typeof pinsFileSchema>;

/**
 * The head of this machine's own audit chain in each workspace, as this machine last wrote it.
 * Whoever can push can trim the workspace's copy of the chain and leave no trace in it; this copy
 * is out of their reach, so `verify` and the next append notice the cut.
 */
export class AuditHeadPins {
  private readonly file: string;
  /** Read-change-write of the one file, one at a time within this process. */
  private readonly lock = new AsyncMutex();

  constructor(dataDir: string) {
    this.file = join(dataDir, AUDIT_HEAD_PINS_FILE);
  }

  /** The pins recorded for `keyId` under any of the workspace's names. */
  async pinned(workspaces: readonly string[], keyId: string): Promise<AuditHeadPin[]> {
    const names = new Set(workspaces);
    return (await this.read()).pins.filter((pin) => pin.keyId === keyId && names.has(pin.workspace));
  }

  /** Records `head` as the chain's head under every name of the workspace. */
  async record(workspaces: readonly string[], head: AuditHead): Promise<void> {
    await this.lock.run(async () => {
      const current = await this.read();
      const names = new Set(workspaces);
      const pins = current.pins.filter((pin) => !(pin.keyId === head.keyId && names.has(pin.workspace)));
      for (const workspace of names)
        pins.push({ workspace, keyId: head.keyId, seq: head.seq, hash: head.hash });
      const next = pinsFileSchema.parse({ formatVersion: 1, pins });
      await mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, 0o600);
    });
  }

  private async read(): Promise<PinsFile> {
    let size: number;
    try {
      size = (await stat(this.file)).size;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { formatVersion: 1, pins: [] };
      throw error;
    }
    const damaged = (why: string) =>
      new FerryError(
        'audit.pins-damaged',
        `${this.file} (the audit heads this machine recorded) is damaged: ${why}. Restore it from a backup; removing it makes this machine forget how long its own audit chains were`,
        { file: this.file },
      );
    if (size > MAX_PINS_FILE_BYTES) throw damaged(`it is ${size} bytes`);
    let raw: unknown;
    try {
      raw = parseStrictJson(await readFile(this.file, 'utf8'));
    } catch (error) {
      throw damaged(error instanceof Error ? error.message : String(error));
    }
    const parsed = pinsFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw damaged(
        `${issue?.path.join('.') || '(file)'} ${issue ? plainIssueMessage(issue) : 'is invalid'}`,
      );
    }
    return parsed.data;
  }
}
