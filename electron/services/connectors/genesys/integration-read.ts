import { z } from 'zod';
import { mapBounded } from '../../../../shared/concurrency/concurrency-limit';
import { malformedReply } from './genesys-error';
import type { PlatformApiCall } from './platform-api-call';

export const INTEGRATIONS_COLLECTION = '/api/v2/integrations';
export const CREDENTIALS_COLLECTION = '/api/v2/integrations/credentials';

/** `/api/v2/integrations/{id}/config/current`. */
export function integrationConfigPath(integrationId: string): string {
  return `${INTEGRATIONS_COLLECTION}/${encodeURIComponent(integrationId)}/config/current`;
}

/** `IntegrationConfiguration` as read: a credential is named by id (`CredentialInfo`), never by value. */
export const integrationConfigSchema = z
  .object({
    name: z.string().nullish(),
    version: z.number().int().min(0),
    properties: z.record(z.string(), z.unknown()).nullish(),
    advanced: z.record(z.string(), z.unknown()).nullish(),
    notes: z.string().nullish(),
    credentials: z
      .record(z.string(), z.object({ id: z.string().min(1), name: z.string().nullish() }).loose())
      .nullish(),
  })
  .loose();
export type IntegrationConfig = z.infer<typeof integrationConfigSchema>;

/**
 * A credential's own record (`GET /api/v2/integrations/credentials/{id}`). Only its kind and name
 * are taken: whatever else a server answers (field values included) is never looked at, so no
 * secret of the org that was read can reach a snapshot.
 */
const credentialRecordSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().nullish(),
    type: z.object({ name: z.string().min(1) }).loose(),
  })
  .loose();

export interface CredentialSummary {
  id: string;
  name: string | null;
  type: string;
}

/** The integration's current configuration, as the list inlined it or read at its own URL. */
export async function readIntegrationConfig(
  call: PlatformApiCall,
  integration: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<IntegrationConfig> {
  const inline = integration.config;
  const current =
    typeof inline === 'object' && inline !== null && 'current' in inline ? inline.current : undefined;
  const id = String(integration.id);
  const path = integrationConfigPath(id);
  const parsed = integrationConfigSchema.safeParse(
    current ?? (await call('GET', path, {}, undefined, signal)),
  );
  if (!parsed.success) throw malformedReply(path, 'a configuration without a version');
  return parsed.data;
}

/** A credential's kind and name, read from its own record. */
export async function readCredentialSummary(
  call: PlatformApiCall,
  credentialId: string,
  signal: AbortSignal | undefined,
): Promise<CredentialSummary> {
  const path = `${CREDENTIALS_COLLECTION}/${encodeURIComponent(credentialId)}`;
  const parsed = credentialRecordSchema.safeParse(await call('GET', path, {}, undefined, signal));
  if (!parsed.success) throw malformedReply(path, 'a credential without a type');
  return { id: parsed.data.id, name: parsed.data.name ?? null, type: parsed.data.type.name };
}

/**
 * Reads each integration's configuration into it as Ferry models it: `properties`, `advanced` and
 * `credentials` (credential key → `{type}`). The credential's id and name are this org's own and
 * are left out, as is the inlined `config`. Kinds come from the org's credential list (one paged
 * read for every integration), and from a credential's own record when the list did not have it
 * (created since).
 */
export async function attachIntegrationConfigs(
  call: PlatformApiCall,
  integrations: Record<string, unknown>[],
  options: { concurrency: number; pageSize: number },
  signal: AbortSignal | undefined,
): Promise<void> {
  if (integrations.length === 0) return;
  const configs = await mapBounded(integrations, options.concurrency, (integration) =>
    readIntegrationConfig(call, integration, signal),
  );
  const listed = await listCredentialKinds(call, options.pageSize, signal);
  for (const [index, integration] of integrations.entries()) {
    const config = configs[index] as IntegrationConfig;
    const kinds: Record<string, { type: string }> = {};
    for (const [key, info] of Object.entries(config.credentials ?? {})) {
      const type = listed.get(info.id) ?? (await readCredentialSummary(call, info.id, signal)).type;
      kinds[key] = { type };
    }
    delete integration.config;
    integration.properties = config.properties ?? {};
    integration.advanced = config.advanced ?? {};
    integration.credentials = kinds;
  }
}

const credentialListSchema = z
  .object({
    entities: z
      .array(
        z
          .object({
            id: z.string().min(1),
            type: z
              .object({ name: z.string().min(1) })
              .loose()
              .nullish(),
          })
          .loose(),
      )
      .nullish(),
    pageCount: z.number().int().min(0).nullish(),
  })
  .loose();

const MAX_CREDENTIAL_PAGES = 100;

/** Credential id → kind, from every page of `GET /api/v2/integrations/credentials`. */
async function listCredentialKinds(
  call: PlatformApiCall,
  pageSize: number,
  signal: AbortSignal | undefined,
): Promise<Map<string, string>> {
  const kinds = new Map<string, string>();
  for (let pageNumber = 1; pageNumber <= MAX_CREDENTIAL_PAGES; pageNumber += 1) {
    const page = credentialListSchema.safeParse(
      await call('GET', CREDENTIALS_COLLECTION, { pageSize, pageNumber }, undefined, signal),
    );
    if (!page.success) throw malformedReply(CREDENTIALS_COLLECTION, 'a page without an entities list');
    const entities = page.data.entities ?? [];
    for (const entity of entities) if (entity.type) kinds.set(entity.id, entity.type.name);
    if (pageNumber >= (page.data.pageCount ?? 1) || entities.length === 0) return kinds;
  }
  throw malformedReply(CREDENTIALS_COLLECTION, `more than ${MAX_CREDENTIAL_PAGES} pages`);
}
