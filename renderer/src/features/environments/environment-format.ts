import { findObjectType, objectTypes } from '../../../../shared/model/object-types/registry';
import type { EnvironmentConfig, SnapshotSummary, Tier } from '../../../../shared/model/environment';

export const tierLabels: Readonly<Record<Tier, string>> = { dev: 'Dev', test: 'Test', prod: 'Prod' };

export function describeKind(config: EnvironmentConfig): { kind: string; where: string } {
  if (config.kind === 'genesys-cloud') return { kind: 'Genesys Cloud', where: `region ${config.region}` };
  const where = config.url === 'embedded' ? 'built-in sandbox' : config.url;
  return { kind: `Sandbox org ${config.org}`, where };
}

export interface TypeCount {
  type: string;
  label: string;
  count: number;
}

/** Counts in the registry's order (dependencies first), unknown types after them. */
export function typeCounts(summary: SnapshotSummary): TypeCount[] {
  return Object.entries(summary.counts)
    .map(([type, count]) => ({ type, label: findObjectType(type)?.pluralLabel ?? type, count }))
    .sort((a, b) => typeOrder(a.type) - typeOrder(b.type) || a.label.localeCompare(b.label));
}

function typeOrder(type: string): number {
  const index = objectTypes.findIndex((definition) => definition.id === type);
  return index === -1 ? objectTypes.length : index;
}

export function totalObjects(summary: SnapshotSummary): number {
  return Object.values(summary.counts).reduce((sum, count) => sum + count, 0);
}

export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function timeAgo(iso: string, now = Date.now()): string {
  const elapsed = new Date(iso).getTime() - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(elapsed) >= size || unit === 'minute') {
      const value = Math.round(elapsed / size);
      return value === 0 ? 'just now' : relativeTime.format(value, unit);
    }
  }
  return iso;
}

export function formatCount(value: number): string {
  return value.toLocaleString();
}

/** `1 request`, `72 requests`: counts people read in sentences. */
export function countOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}
