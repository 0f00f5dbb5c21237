import { stableStringify } from '../model/canonical/stable-stringify';
import type { TrustedKey } from '../model/trust';
import type { Pipeline } from '../promotion/pipeline/pipeline';
import type { StandardChangeTemplate } from '../promotion/standard-changes/standard-change';
import type { TrustRootDocument } from './trust-root';

/**
 * What a proposed trust-root version changes, computed from the two documents. An admin asked to
 * sign reads this, never only the summary the proposer wrote: a proposal titled "add Bob" that
 * also makes Mallory an admin must say so.
 */
export function describeRootChange(current: TrustRootDocument | null, next: TrustRootDocument): string[] {
  const lines: string[] = [];
  const before = new Map((current?.keys ?? []).map((key) => [key.keyId, key]));
  const after = new Map(next.keys.map((key) => [key.keyId, key]));
  for (const [keyId, key] of after) {
    const old = before.get(keyId);
    if (!old) {
      lines.push(`adds ${grant(key)}`);
      continue;
    }
    if (key.revokedAt !== undefined && old.revokedAt === undefined) {
      lines.push(`revokes ${who(key)}: ${key.revokedReason ?? ''}`);
      continue;
    }
    if (stableStringify(old) !== stableStringify(key))
      lines.push(`changes ${who(key)} from ${grant(old)} to ${grant(key)}`);
  }
  for (const [keyId, key] of before) {
    if (!after.has(keyId)) lines.push(`removes ${who(key)} (a key is revoked, never removed: refuse this)`);
  }
  if (current && current.adminThreshold !== next.adminThreshold) {
    lines.push(`sets the admin threshold from ${current.adminThreshold} to ${next.adminThreshold}`);
  }
  const environments = new Set([
    ...Object.keys(current?.environments ?? {}),
    ...Object.keys(next.environments),
  ]);
  for (const name of [...environments].sort()) {
    const old = current?.environments[name];
    const now = next.environments[name];
    if (!now) lines.push(`drops the signed policy of ${name} (it falls back to the secure default)`);
    else if (!old) lines.push(`signs ${name} as tier ${now.tier} with policy ${compact(now.policy)}`);
    else {
      const fields: string[] = [];
      if (old.tier !== now.tier) fields.push(`tier ${old.tier} → ${now.tier}`);
      const settings = new Set([...Object.keys(old.policy), ...Object.keys(now.policy)]);
      for (const setting of [...settings].sort()) {
        const was = (old.policy as Record<string, unknown>)[setting];
        const becomes = (now.policy as Record<string, unknown>)[setting];
        if (compact(was) !== compact(becomes))
          fields.push(`${setting} ${compact(was)} → ${compact(becomes)}`);
      }
      if (fields.length > 0) lines.push(`changes ${name}: ${fields.join('; ')}`);
    }
  }
  // Issue 20: standard change templates and pipelines, each signed as a whole list and said
  // item by item, so "adds a template" cannot hide "and loosens another".
  lines.push(
    ...listChanges(
      'standard change',
      (current?.standardChanges ?? []).map((template) => [template.id, template] as const),
      (next.standardChanges ?? []).map((template) => [template.id, template] as const),
      describeTemplate,
    ),
    ...listChanges(
      'pipeline',
      (current?.pipelines ?? []).map((pipeline) => [pipeline.name, pipeline] as const),
      (next.pipelines ?? []).map((pipeline) => [pipeline.name, pipeline] as const),
      describePipeline,
    ),
  );
  return lines.length > 0 ? lines : ['changes nothing'];
}

/**
 * `adds standard change add-queue-wrapup-code ("Add a wrap-up code": …)`, `changes pipeline
 * main: stages … → …`, `removes pipeline old`, and `reorders the standard changes` when only
 * their order moved (the first applying template wins, so order matters).
 */
function listChanges<Item extends object>(
  noun: string,
  was: readonly (readonly [string, Item])[],
  becomes: readonly (readonly [string, Item])[],
  describe: (item: Item) => string,
): string[] {
  const lines: string[] = [];
  const before = new Map(was);
  const after = new Map(becomes);
  for (const [id, item] of after) {
    const old = before.get(id);
    if (old === undefined) {
      lines.push(`adds ${noun} ${id} (${describe(item)})`);
      continue;
    }
    const fields = [...new Set([...Object.keys(old), ...Object.keys(item)])].sort().flatMap((field) => {
      const from = compact((old as Record<string, unknown>)[field]);
      const to = compact((item as Record<string, unknown>)[field]);
      return from === to ? [] : [`${field} ${from} → ${to}`];
    });
    if (fields.length > 0) lines.push(`changes ${noun} ${id}: ${fields.join('; ')}`);
  }
  for (const id of before.keys()) {
    if (!after.has(id)) lines.push(`removes ${noun} ${id}`);
  }
  const order = (list: readonly (readonly [string, Item])[]) =>
    list.map(([id]) => id).filter((id) => before.has(id) && after.has(id));
  if (order(was).join('\n') !== order(becomes).join('\n')) {
    lines.push(`reorders the ${noun}s to ${becomes.map(([id]) => id).join(', ')}`);
  }
  return lines;
}

/** `"Add a wrap-up code": create routing.wrapupcode; update routing.queue wrapupCodes (add); 0 approvals, up to medium risk, every environment` */
function describeTemplate(template: StandardChangeTemplate): string {
  const rules = template.allow.map((rule) => {
    const keys = rule.keys === undefined ? '' : ` ${rule.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    const fields = rule.fields === undefined ? '' : ` ${rule.fields.join(', ')}`;
    const lists = rule.lists === undefined || rule.lists === 'any' ? '' : ` (lists: ${rule.lists} only)`;
    return `${rule.op} ${rule.type}${keys}${fields}${lists}`;
  });
  const approvals = template.approvals ?? 0;
  const environments =
    template.environments === undefined || template.environments.length === 0
      ? 'every environment'
      : template.environments.join(', ');
  return (
    `${JSON.stringify(template.name)}: ${rules.join('; ')}; ${approvals} approval${approvals === 1 ? '' : 's'}, ` +
    `up to ${template.maxRisk ?? 'medium'} risk and ${template.maxOperations ?? 20} operations, ${environments}`
  );
}

/** `dev → uat (soak 24 hours) → prod (soak 48 hours, 1 window)` */
function describePipeline(pipeline: Pipeline): string {
  return pipeline.stages
    .map((stage, index) => {
      if (index === 0) return stage.environment;
      const rules = [
        stage.soakHours ? `soak ${stage.soakHours} hours` : '',
        stage.requireChecksPassed === false ? 'checks not required' : '',
        stage.requireNoDrift === false ? 'drift allowed' : '',
        stage.windows && stage.windows.length > 0
          ? `${stage.windows.length} window${stage.windows.length === 1 ? '' : 's'}`
          : '',
      ].filter((part) => part !== '');
      return rules.length > 0 ? `${stage.environment} (${rules.join(', ')})` : stage.environment;
    })
    .join(' → ');
}

/** One line of JSON with sorted keys; `unset` for a setting that is absent. */
function compact(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(JSON.parse(stableStringify(value)));
}

function who(key: TrustedKey): string {
  return `${key.owner} (${key.keyId.slice(0, 16)})`;
}

function grant(key: TrustedKey): string {
  const scope = key.environments.length > 0 ? key.environments.join(', ') : 'all environments';
  const dates = [
    key.notBefore ? `from ${key.notBefore}` : '',
    key.notAfter ? `until ${key.notAfter}` : '',
  ].filter((part) => part !== '');
  const groups = key.groups && key.groups.length > 0 ? ` in groups ${key.groups.join(', ')}` : '';
  return `${who(key)} as ${key.roles.join(', ')} for ${scope}${groups}${dates.length > 0 ? ` (${dates.join(' ')})` : ''}`;
}
