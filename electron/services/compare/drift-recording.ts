import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DRIFT_CHECK_ACTION,
  driftCheckDetailsSchema,
  driftTriageDetailsSchema,
  type DRIFT_ACCEPT_ACTION,
  type DRIFT_IGNORE_ACTION,
  type DRIFT_REVERT_ACTION,
  type DriftCheckDetails,
  type DriftTriageDetails,
} from '../../../shared/insights/insights-audit';
import { auditEntryHash, auditFileName } from '../audit/audit-entry';
import { parseEntry, signatureProblem } from '../audit/audit-file-check';
import type { AuditInput } from '../audit/audit-log';
import type { Logger } from '../logging/logger';
import type { WorkspaceService } from '../workspace/workspace-service';

/**
 * What drift needs to leave its checks and triage in the signed, hash-chained audit log (issue 19,
 * for Insights' "drift found per week and how it was triaged"). Functions, not the services, so a
 * host can hand over services it builds later and a test can build drift without any of them.
 */
export interface DriftRecordingDeps {
  /** This machine's signing identity; null when it has none, and then nothing is recorded. */
  identity(): Promise<{ keyId: string; publicKey: string; owner: string } | null>;
  /** `AuditLog.append`: signs, chains and commits one entry for this machine's own key. */
  append(actorKeyId: string, input: AuditInput): Promise<unknown>;
  /** Where a recording that failed is told; the drift action itself still succeeds. */
  logger?: Logger;
}

export type DriftTriageAction =
  typeof DRIFT_ACCEPT_ACTION | typeof DRIFT_REVERT_ACTION | typeof DRIFT_IGNORE_ACTION;

/** A check with the same counts as the last one recorded is recorded again after this long. */
export const DRIFT_CHECK_REPEAT_MS = 24 * 60 * 60 * 1000;

/**
 * How far back in this machine's audit file the last drift check is looked for. Past it a check
 * is simply recorded again: a duplicate costs one line, reading a huge file on every drift more.
 */
const MAX_SCAN_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Records drift checks and triage. Never fails the drift action it records: an action that
 * already happened (a commit made, a changeset written) is not undone by a log that could not be
 * written, so a failure is logged and the action's result returned as usual.
 */
export class DriftRecorder {
  /** Recordings one after another, so two checks at once cannot both find "nothing recorded yet". */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly deps: DriftRecordingDeps | undefined,
  ) {}

  /**
   * A drift check is recorded only when its counts differ from the last check recorded for that
   * environment, or a day has passed since: the app may run drift each time its page opens, and a
   * commit per look would bury the history in identical entries.
   */
  check(details: DriftCheckDetails): Promise<void> {
    return this.serial(DRIFT_CHECK_ACTION, async (identity, append) => {
      const parsed = driftCheckDetailsSchema.parse(details);
      const dir = this.workspace.requirePath();
      const last = await lastDriftCheck(dir, identity, parsed.environment);
      const now = this.workspace.now().getTime();
      if (last && sameCounts(last.details, parsed) && now - last.at < DRIFT_CHECK_REPEAT_MS) return;
      await append(identity.keyId, {
        action: DRIFT_CHECK_ACTION,
        subject: `environment/${parsed.environment}`,
        details: parsed,
      });
    });
  }

  /** One drifted object accepted, reverted by a changeset, or ignored with a reason. */
  triage(action: DriftTriageAction, details: DriftTriageDetails): Promise<void> {
    return this.serial(action, async (identity, append) => {
      const parsed = driftTriageDetailsSchema.parse(details);
      await append(identity.keyId, {
        action,
        subject: `environment/${parsed.environment}`,
        details: parsed,
      });
    });
  }

  private serial(
    action: string,
    record: (
      identity: { keyId: string; publicKey: string; owner: string },
      append: DriftRecordingDeps['append'],
    ) => Promise<void>,
  ): Promise<void> {
    const deps = this.deps;
    if (!deps) return Promise.resolve();
    const next = this.queue.then(async () => {
      try {
        // No signing identity here: nothing can be signed, so drift works as it did and records nothing.
        const identity = await deps.identity();
        if (identity === null) return;
        await record(identity, (keyId, input) => deps.append(keyId, input));
      } catch (error) {
        deps.logger?.warn(
          `Could not record ${action} in the audit log; the drift action itself went ahead. Run \`ferry audit verify\` to see what is wrong with the log`,
          { action, error: error instanceof Error ? error.message : String(error) },
        );
      }
    });
    this.queue = next;
    return next;
  }
}

function sameCounts(left: DriftCheckDetails, right: DriftCheckDetails): boolean {
  return (
    left.added === right.added &&
    left.changed === right.changed &&
    left.removed === right.removed &&
    left.ignored === right.ignored
  );
}

/**
 * The last drift check this machine recorded for the environment, read from the end of its own
 * audit file backwards, a chunk at a time, stopping at the first that checks out (its hash and
 * this machine's signature, so a line pushed into the file cannot silence the next check). Lines
 * are split on the newline byte, which never occurs inside a multi-byte UTF-8 character.
 */
async function lastDriftCheck(
  dir: string,
  identity: { keyId: string; publicKey: string; owner: string },
  environment: string,
): Promise<{ details: DriftCheckDetails; at: number } | null> {
  let handle;
  try {
    // Never through a link: the file arrives by git like any other.
    handle = await open(join(dir, auditFileName(identity.keyId)), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    // No file yet (or one that cannot be read, which the append that follows reports).
    return null;
  }
  try {
    const size = (await handle.stat()).size;
    const stop = Math.max(0, size - MAX_SCAN_BYTES);
    const subject = `environment/${environment}`;
    const marker = Buffer.from(`"${DRIFT_CHECK_ACTION}"`);
    const match = (line: Buffer) => {
      if (!line.includes(marker)) return null;
      const entry = parseEntry(line.toString('utf8'));
      if (typeof entry === 'string') return null;
      if (entry.action !== DRIFT_CHECK_ACTION || entry.subject !== subject) return null;
      if (entry.actor !== identity.keyId || auditEntryHash(entry) !== entry.hash) return null;
      if (signatureProblem(entry, { publicKey: identity.publicKey, owner: identity.owner }) !== null) {
        return null;
      }
      const details = driftCheckDetailsSchema.safeParse(entry.details);
      return details.success ? { details: details.data, at: Date.parse(entry.at) } : null;
    };
    let position = size;
    // The bytes before the first newline of what has been read: a line that may start earlier.
    let carry = Buffer.alloc(0);
    while (position > stop) {
      const length = Math.min(CHUNK_BYTES, position - stop);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const buffer = Buffer.concat([chunk, carry]);
      let end = buffer.length;
      while (end > 0) {
        const index = buffer.lastIndexOf(NEWLINE, end - 1);
        if (index < 0) break;
        const found = match(buffer.subarray(index + 1, end));
        if (found) return found;
        end = index;
      }
      carry = buffer.subarray(0, end);
    }
    // The first line of the file, when the scan reached it.
    return stop === 0 && carry.length > 0 ? match(carry) : null;
  } finally {
    await handle.close();
  }
}
