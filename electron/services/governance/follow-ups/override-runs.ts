import { closeSync, lstatSync, openSync, readdirSync, readSync, constants } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../../../../shared/api/api-error';
import type { TrustedKey } from '../../../../shared/model/trust';
import type { OverrideRun } from '../../../../shared/promotion/follow-ups/derive-follow-up';
import { parseStrictJson } from '../../../../shared/signing/strict-json';
import { readCapped, type FileBytes } from '../../insights/record-files';
import { isRunId, RUNS_FOLDER } from '../../promotion/run-store';
import { verifyRunFiles } from '../../promotion/run-verifier';

/**
 * The signed promote runs of a workspace that used an emergency override (issue 20). Everything
 * here arrives by git, so nothing is believed until `verifyRunFiles` passes: a run folder written
 * by hand, unsigned, or signed by a key the trust root does not hold is skipped, and can neither
 * open a follow-up against someone nor close one. Folders and files are read the way Insights
 * reads them (record-files.ts): no links followed, no FIFOs, size-capped.
 */

const MiB = 1024 * 1024;
const CAPS = {
  plan: 64 * MiB,
  envelope: 1 * MiB,
  journal: 128 * MiB,
  result: 16 * MiB,
} as const;
/** The journal's first line is a few hundred bytes; more than this is not a run start of ours. */
const FIRST_LINE_CAP = 64 * 1024;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function isRealFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The journal's first line, unverified: only a cheap filter, so that a workspace with thousands
 * of runs verifies the few that claim an override rather than every one.
 */
function firstLine(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(FIRST_LINE_CAP);
    const read = readSync(fd, buffer, 0, FIRST_LINE_CAP, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const end = text.indexOf('\n');
    return end < 0 ? null : text.slice(0, end);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function claimsOverride(line: string | null): boolean {
  if (line === null) return false;
  try {
    const raw = parseStrictJson(line) as { kind?: unknown; runKind?: unknown; override?: unknown };
    return raw.kind === 'run-started' && raw.runKind === 'promote' && raw.override != null;
  } catch {
    return false;
  }
}

const text = (bytes: FileBytes): string | null => (typeof bytes === 'string' ? null : bytes.toString('utf8'));

/**
 * Every verified override run, oldest first. Keys are judged at the time they signed (historical):
 * an overrider whose key expired or was rotated since still owes the follow-up.
 */
export async function overrideRuns(
  workspaceDir: string,
  trusted: readonly TrustedKey[],
  now: Date,
): Promise<OverrideRun[]> {
  const runsDir = join(workspaceDir, RUNS_FOLDER);
  if (!isRealFolder(runsDir)) return [];
  let names: string[];
  try {
    names = readdirSync(runsDir).filter(isRunId).sort();
  } catch {
    return [];
  }
  const byId = new Map(trusted.map((key) => [key.keyId, key]));
  const found: OverrideRun[] = [];
  for (const runId of names) {
    const folder = join(runsDir, runId);
    if (!isRealFolder(folder) || !claimsOverride(firstLine(join(folder, 'journal.jsonl')))) continue;
    const plan = readCapped(join(folder, 'plan.json'), CAPS.plan);
    const planEnvelope = readCapped(join(folder, 'plan.dsse.json'), CAPS.envelope);
    const journal = readCapped(join(folder, 'journal.jsonl'), CAPS.journal);
    const result = readCapped(join(folder, 'result.json'), CAPS.result);
    const resultEnvelope = readCapped(join(folder, 'result.dsse.json'), CAPS.envelope);
    if ([plan, planEnvelope, journal, result, resultEnvelope].includes('refused')) continue;
    const planText = text(plan);
    if (planText === null) continue;
    let verified;
    try {
      verified = await verifyRunFiles(
        {
          runId,
          plan: planText,
          planEnvelope: text(planEnvelope),
          journal: text(journal) ?? '',
          result: text(result),
          resultEnvelope: text(resultEnvelope),
        },
        { find: async (keyId) => byId.get(keyId) ?? null, now, historical: true },
      );
    } catch (error) {
      // A run that does not verify frames no one: it is skipped, as Insights leaves it out.
      if (error instanceof FerryError && error.code === 'run.unverified') continue;
      throw error;
    }
    const { plan: signed, started, promoter } = verified;
    if (signed.runKind !== 'promote') continue;
    // The signed start line is the record of the override (the filter above only guessed).
    const override = started.override;
    if (override === null) continue;
    found.push({
      runId,
      changesetId: signed.changesetId,
      changesetDigest: signed.changesetDigest,
      environment: signed.environment,
      reason: override.reason,
      overrider: { keyId: promoter.keyId, owner: promoter.owner },
      startedAt: signed.startedAt,
      ...(override.followUpHours !== undefined ? { followUpHours: override.followUpHours } : {}),
    });
  }
  return found;
}
