import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  FORMAT_3_KEYS,
  ISSUE_18_KEYS,
  ORG_KEYS,
  ORG_STATE_FORMAT,
  REFERENCED_OBJECT_KEYS,
  type OrgKey,
  type OrgState,
} from './org-state';
import { addArchitectObjects } from './seed-architect-objects';
import { seedIntegrations } from './seed-integrations';
import { addFlowVersions } from './seed-flows';
import { seedReferencedObjects } from './seed-reference-objects';

/**
 * Holds every org's state and, when given a folder, keeps `<folder>/<org>.json` in step with it.
 * A folder that already holds an org resumes it; a missing file is seeded. Each save writes the
 * whole org atomically, so a crash leaves the previous or the next state, never a torn one.
 */
export class OrgStore {
  private readonly pendingSaves = new Map<OrgKey, Promise<void>>();

  private constructor(
    private readonly states: Record<OrgKey, OrgState>,
    private readonly folder: string | undefined,
  ) {}

  static async open(folder: string | undefined, seed: (org: OrgKey) => OrgState): Promise<OrgStore> {
    if (folder === undefined) {
      const states = Object.fromEntries(ORG_KEYS.map((org) => [org, seed(org)])) as Record<OrgKey, OrgState>;
      return new OrgStore(states, undefined);
    }
    await mkdir(folder, { recursive: true });
    const loaded = await Promise.all(ORG_KEYS.map(async (org) => [org, await loadOrg(folder, org)] as const));
    const store = new OrgStore(
      Object.fromEntries(loaded.map(([org, stored]) => [org, stored?.state ?? seed(org)])) as Record<
        OrgKey,
        OrgState
      >,
      folder,
    );
    // A seeded org is written at once, and so is a migrated one, so the file says what it holds.
    await Promise.all(
      loaded.filter(([, stored]) => stored === null || stored.migrated).map(([org]) => store.save(org)),
    );
    return store;
  }

  get(org: OrgKey): OrgState {
    return this.states[org];
  }

  get persistent(): boolean {
    return this.folder !== undefined;
  }

  /**
   * Saves are chained per org: each link serialises the state as it is when the link runs, so
   * the last write on disk always reflects the latest change even when requests overlap.
   */
  save(org: OrgKey): Promise<void> {
    const folder = this.folder;
    if (folder === undefined) return Promise.resolve();
    const previous = this.pendingSaves.get(org) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => replaceFile(orgFile(folder, org), `${JSON.stringify(this.states[org], null, 2)}\n`));
    this.pendingSaves.set(org, next);
    return next;
  }

  /** Resolves once every save started so far has landed (used on close). */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingSaves.values()].map((save) => save.catch(() => undefined)));
  }
}

function orgFile(folder: string, org: OrgKey): string {
  return join(folder, `${org}.json`);
}

// Only the outer shape is checked: the inner records were written by this code and a deep
// check on every start would cost more than the mistakes it could catch.
const storedOrgShape = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(ORG_STATE_FORMAT)]),
  key: z.enum(ORG_KEYS),
  organization: z.object({ id: z.string(), name: z.string() }).loose(),
  divisions: z.record(z.string(), z.unknown()),
  skills: z.record(z.string(), z.unknown()),
  languages: z.record(z.string(), z.unknown()),
  wrapupCodes: z.record(z.string(), z.unknown()),
  queues: z.record(z.string(), z.unknown()),
  schedules: z.record(z.string(), z.unknown()),
  scheduleGroups: z.record(z.string(), z.unknown()),
  datatables: z.record(z.string(), z.unknown()),
  ...Object.fromEntries(
    [...REFERENCED_OBJECT_KEYS, ...FORMAT_3_KEYS, ...ISSUE_18_KEYS].map((key) => [
      key,
      z.record(z.string(), z.unknown()).optional(),
    ]),
  ),
});

async function loadOrg(folder: string, org: OrgKey): Promise<{ state: OrgState; migrated: boolean } | null> {
  const file = orgFile(folder, org);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`sandbox state file ${file} is not valid JSON; move it away to start ${org} afresh`);
  }
  const shape = storedOrgShape.safeParse(parsed);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    throw new Error(
      `sandbox state file ${file} is not a Ferry sandbox org (at ${where}: ${issue?.message ?? ''})`,
    );
  }
  if (shape.data.key !== org)
    throw new Error(`sandbox state file ${file} holds org "${shape.data.key}", not "${org}"`);
  if (shape.data.format === ORG_STATE_FORMAT) {
    const stored: Record<string, unknown> = shape.data;
    const missing = [...REFERENCED_OBJECT_KEYS, ...FORMAT_3_KEYS].filter((key) => stored[key] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `sandbox state file ${file} is format ${ORG_STATE_FORMAT} but lacks ${missing.join(', ')}`,
      );
    }
    const state = parsed as OrgState;
    return { state, migrated: addIssue18Records(org, state) };
  }
  const state =
    shape.data.format === 2
      ? migrateFromFormat2(org, parsed as Omit<OrgState, 'format'>)
      : migrateFromFormat2(org, migrateFromFormat1(org, parsed as Omit<OrgState, 'format'>));
  addIssue18Records(org, state);
  return { state, migrated: true };
}

/**
 * Issue 18's record kinds are optional fields (no format bump): an org saved before them gets
 * the seeded integrations, credentials and data actions. True when it added any.
 */
function addIssue18Records(org: OrgKey, state: OrgState): boolean {
  if (ISSUE_18_KEYS.every((key) => state[key] !== undefined)) return false;
  const seeded = seedIntegrations(org);
  state.integrations ??= seeded.integrations;
  state.integrationCredentials ??= seeded.integrationCredentials;
  state.dataActions ??= seeded.dataActions;
  const someone = Object.values(state.scheduleGroups)[0]?.createdBy ?? state.organization.id;
  addFlowVersions(org, state, someone);
  return true;
}

/**
 * Format 2 had no IVRs, emergency groups, utilization labels or utilization setting: they are seeded (with their inbound flows) into the
 * org as it was saved, pointing at its schedule groups of the seeded names where it still has them.
 */
function migrateFromFormat2(org: OrgKey, stored: Omit<OrgState, 'format'>): OrgState {
  const state = {
    ...stored,
    ivrs: {},
    emergencyGroups: {},
    utilizationLabels: {},
    utilization: { media: {}, labels: {} },
    format: ORG_STATE_FORMAT,
  } as OrgState;
  const someone = Object.values(state.scheduleGroups)[0]?.createdBy ?? state.organization.id;
  addArchitectObjects(org, state, someone);
  return state;
}

/**
 * Format 1 had no objects for queues to refer to: they are seeded into the org as it was saved,
 * and the flows' uses point at its queues and data tables of the seeded names, where it still has
 * them. Its queues are left as they were (they refer to none of the new objects).
 */
function migrateFromFormat1(org: OrgKey, stored: Omit<OrgState, 'format'>): Omit<OrgState, 'format'> {
  return { ...stored, ...seedReferencedObjects(org, stored) };
}

/**
 * Write beside, then rename over: a reader sees the old org or the new, never a torn one. The
 * sandbox stands alone (it imitates Genesys from outside the domain), so it keeps this small
 * writer of its own rather than the workspace's symlink-guarded, fsynced one.
 */
async function replaceFile(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}
