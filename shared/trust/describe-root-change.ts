import { stableStringify } from '../model/canonical/stable-stringify';
import type { TrustedKey } from '../model/trust';
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
  // Issue 20: standard change templates and pipelines, each signed as a whole list.
  for (const [field, noun] of [
    ['standardChanges', 'standard changes'],
    ['pipelines', 'pipelines'],
  ] as const) {
    const was = current?.[field] ?? [];
    const becomes = next[field] ?? [];
    if (compact(was) !== compact(becomes)) {
      const ids = becomes.map((item) => ('id' in item ? item.id : item.name));
      lines.push(`sets the ${noun} to ${ids.length > 0 ? ids.join(', ') : 'none'} (was ${was.length})`);
    }
  }
  return lines.length > 0 ? lines : ['changes nothing'];
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
