import { z } from 'zod';

export const tierSchema = z.enum(['dev', 'test', 'prod']);
export type Tier = z.infer<typeof tierSchema>;

/** Used in folder names and in `FERRY_CLIENT_SECRET_<ENV>`, so kept to a portable alphabet. */
export const environmentNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,31}$/,
    'must start with a letter and use only a-z, 0-9 and -, at most 32 characters',
  );

export const sandboxOrgSchema = z.enum(['dev', 'uat', 'prod']);
export type SandboxOrg = z.infer<typeof sandboxOrgSchema>;

/** Loopback hosts the connector also treats as loopback (request-destinations.ts); a port 1–65535. */
const LOOPBACK_SANDBOX_URL = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):([1-9][0-9]{0,4})\/?$/;

export const SANDBOX_URL_RULE =
  'must be "embedded" or http://127.0.0.1:<port>, http://localhost:<port> or http://[::1]:<port> with a port from 1 to 65535 (the sandbox is loopback only)';

/**
 * `embedded` means the sandbox the app starts in-process, whatever port it got this run. The
 * message says exactly what is accepted: one rule, checked in one place.
 */
export const sandboxUrlSchema = z.string().refine((value) => {
  if (value === 'embedded') return true;
  const port = LOOPBACK_SANDBOX_URL.exec(value)?.[1];
  return port !== undefined && Number(port) <= 65_535;
}, SANDBOX_URL_RULE);

const clientIdSchema = z.string().trim().min(1, 'is required').max(200);

const common = {
  name: environmentNameSchema,
  label: z.string().trim().max(100).optional(),
  tier: tierSchema,
  /** Gates and approvals; filled in by the promotion work. */
  policy: z.record(z.string(), z.unknown()).default({}),
};

export const environmentSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('genesys-cloud'),
      region: z.string().min(1),
      clientId: clientIdSchema,
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('sandbox'),
      url: sandboxUrlSchema,
      org: sandboxOrgSchema,
      /** Empty means the org's published demo client. */
      clientId: z.preprocess((value) => (value === '' ? undefined : value), clientIdSchema.optional()),
    })
    .strict(),
]);
export type EnvironmentConfig = z.infer<typeof environmentSchema>;

export const snapshotSummarySchema = z.object({
  commit: z.string(),
  takenAt: z.iso.datetime(),
  counts: z.record(z.string(), z.number().int().min(0)),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

/** What the renderer sees of an environment: never a secret, only whether one is stored. */
export const environmentViewSchema = z.object({
  config: environmentSchema,
  hasCredentials: z.boolean(),
  lastSnapshot: snapshotSummarySchema.nullable(),
});
export type EnvironmentView = z.infer<typeof environmentViewSchema>;

export const connectionReportSchema = z.object({
  ok: z.boolean(),
  orgName: z.string().nullable(),
  orgId: z.string().nullable(),
  region: z.string(),
  latencyMs: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

/** The variable a pipeline sets for an environment's client secret. */
export function clientSecretVariable(environment: string): string {
  return `FERRY_CLIENT_SECRET_${environment.toUpperCase().replace(/-/g, '_')}`;
}
