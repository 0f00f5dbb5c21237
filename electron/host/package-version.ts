import { readFileSync } from 'node:fs';
import { z } from 'zod';

const packageSchema = z.object({ version: z.string() });

/** The version in package.json, for hosts that run from source (web bridge, CLI). */
export function sourcePackageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return packageSchema.parse(JSON.parse(text)).version;
  } catch {
    return '0.0.0';
  }
}
