import { z } from 'zod';

/**
 * Where a sealed value may be used, as flat text fields (for a client secret: workspace,
 * environment, kind, region or url, client id). Not secret: kept in clear next to the sealed
 * value so a refusal can say which field changed, and authenticated as AES-GCM associated data
 * so that record cannot be edited to match.
 */
export type Binding = Readonly<Record<string, string>>;

export const bindingSchema = z.record(z.string().min(1).max(64), z.string().max(2048));

/**
 * The associated data: the entry's key and its binding in one canonical form (fields sorted), so
 * a sealed value also cannot be moved under another entry's key.
 */
export function bindingAssociatedData(key: string, binding: Binding): Buffer {
  const fields = Object.keys(binding)
    .sort()
    .map((name) => [name, binding[name] ?? '']);
  return Buffer.from(`ferry-vault-binding-v1\n${JSON.stringify([key, fields])}`, 'utf8');
}
