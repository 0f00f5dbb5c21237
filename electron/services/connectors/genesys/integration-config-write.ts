import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import type { SettledWrite } from './action-draft-writes';
import { GenesysApiError, GenesysErrorCode, malformedReply } from './genesys-error';
import {
  CREDENTIALS_COLLECTION,
  INTEGRATIONS_COLLECTION,
  integrationConfigPath,
  integrationConfigSchema,
  type IntegrationConfig,
} from './integration-read';
import type { PlatformApiCall } from './platform-api-call';
import { isNotFound } from './write-settlement';

/** `PUT /api/v2/integrations/{id}/config/current`, as a plan names it. */
const CONFIG_CALL = /^\/api\/v2\/integrations\/([^/]+)\/config\/current$/;

export function integrationConfigCall(method: string, path: string): { integrationId: string } | null {
  const match = method === 'PUT' ? CONFIG_CALL.exec(path) : null;
  const id = match?.[1];
  // `/api/v2/integrations/credentials/…` and `/actions/…` are other collections, never an integration.
  if (id === undefined || id === 'credentials' || id === 'actions') return null;
  return { integrationId: decodeURIComponent(id) };
}

/**
 * The configuration a plan writes. Credential fields arrive here with their secrets revealed (the
 * secret-parameter connector replaced each `{"$secret": name}` just before this call): they are
 * sent in the credential's own request and nowhere else, and never put in an error.
 */
const configWriteSchema = z
  .object({
    name: z.string().min(1).nullish(),
    notes: z.string().nullish(),
    properties: z.record(z.string(), z.unknown()).nullish(),
    advanced: z.record(z.string(), z.unknown()).nullish(),
    credentials: z
      .record(
        z.string(),
        z.object({ type: z.string().min(1), fields: z.record(z.string(), z.unknown()).nullish() }).loose(),
      )
      .nullish(),
  })
  .strict();

const credentialPageSchema = z
  .object({
    entities: z.array(z.object({ id: z.string().min(1), name: z.string().nullish() }).loose()).nullish(),
    pageCount: z.number().int().min(0).nullish(),
  })
  .loose();

const MAX_CREDENTIAL_PAGES = 100;
const MAX_STALE_VERSION_ATTEMPTS = 3;

/**
 * The name Ferry gives the credential it writes for one credential key of one integration. It is
 * how a later promotion finds the same credential to update instead of making another, and how a
 * create whose reply was lost is recognised.
 */
export function ferryCredentialName(integrationName: string, key: string): string {
  return `${integrationName} ${key} (Ferry)`;
}

/**
 * Writes an integration's configuration: each credential given with fields is written as a
 * credential of the target (updated in place when it is the one Ferry wrote before, created
 * otherwise), then the configuration is PUT with the target's version and each credential key
 * pointing at its credential by id. A credential given without fields keeps the target's own.
 */
export class IntegrationConfigWrites {
  constructor(
    private readonly call: PlatformApiCall,
    private readonly settle: SettledWrite,
    /** Page size of the credential list (a server may page smaller than Genesys). */
    private readonly pageSize: () => number,
  ) {}

  async write(integrationId: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const path = integrationConfigPath(integrationId);
    const parsed = configWriteSchema.safeParse(body);
    if (!parsed.success) {
      // The issues would quote the body, which may hold a revealed secret: only the fields are named.
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].join(', ');
      throw new FerryError(
        'promotion.plan-invalid',
        `The configuration for integration ${integrationId} in the plan is not one Ferry can write (at ${fields || 'the top'}): plan again`,
      );
    }
    const wanted = parsed.data;
    let current = await this.readConfig(integrationId, signal);
    const integrationName = wanted.name ?? current.name ?? integrationId;
    const credentials: Record<string, { id: string }> = {};
    for (const [key, credential] of Object.entries(wanted.credentials ?? {})) {
      const held = current.credentials?.[key];
      if (credential.fields !== null && credential.fields !== undefined) {
        const id = await this.writeCredential(
          integrationName,
          key,
          credential.type,
          credential.fields,
          held?.id ?? null,
          signal,
        );
        credentials[key] = { id };
      } else if (held !== undefined) {
        credentials[key] = { id: held.id };
      } else {
        throw new FerryError(
          'promotion.plan-invalid',
          `Integration ${integrationName} needs the credential "${key}", which the target does not hold and the plan gives no fields for: give them as parameters in the changeset, then plan again`,
        );
      }
    }
    const config = {
      name: integrationName,
      // The configuration's own notes are not the integration's: kept as the target has them.
      notes: wanted.notes ?? current.notes ?? '',
      properties: wanted.properties ?? {},
      advanced: wanted.advanced ?? {},
      credentials,
    };
    for (let attempt = 1; ; attempt += 1) {
      const sent = { ...config, version: current.version };
      try {
        return await this.settle('PUT', path, signal, {
          send: () => this.call('PUT', path, {}, sent, signal),
          read: async () => {
            const now = await this.readConfig(integrationId, signal);
            return holdsConfig(now, config) ? { held: true, value: now } : { held: false, resend: true };
          },
        });
      } catch (error) {
        // The configuration moved since it was read (someone saved it): the credentials this run
        // wrote still stand, so the configuration is written again on its new version.
        if (!isConflict(error) || attempt >= MAX_STALE_VERSION_ATTEMPTS) throw error;
        current = await this.readConfig(integrationId, signal);
      }
    }
  }

  /**
   * Ids of the credentials the integration's configuration points at that Ferry wrote for it (by
   * their name): the ones to remove with the integration. Anyone else's credential is left alone.
   */
  async ferryCredentialsOf(integrationId: string, signal: AbortSignal | undefined): Promise<string[]> {
    let config: IntegrationConfig;
    try {
      config = await this.readConfig(integrationId, signal);
    } catch (error) {
      if (error instanceof FerryError && error.code === GenesysErrorCode.notFound) return [];
      throw error;
    }
    const name = config.name ?? '';
    return Object.entries(config.credentials ?? {})
      .filter(([key, credential]) => credential.name === ferryCredentialName(name, key))
      .map(([, credential]) => credential.id);
  }

  /** Deletes credentials; one already gone (a resent DELETE, someone else) counts as deleted. */
  async removeCredentials(ids: readonly string[], signal: AbortSignal | undefined): Promise<void> {
    for (const id of ids) {
      const path = `${CREDENTIALS_COLLECTION}/${encodeURIComponent(id)}`;
      try {
        await this.settle('DELETE', path, signal, {
          send: async () => {
            await this.call('DELETE', path, {}, undefined, signal);
          },
          read: async () => ({ held: false, resend: true }),
          afterResend: (error) => (isNotFound(error) ? { held: true, value: undefined } : null),
        });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  /** The id of the credential now holding `fields`: Ferry's earlier one updated, or a new one. */
  private async writeCredential(
    integrationName: string,
    key: string,
    type: string,
    fields: Record<string, unknown>,
    heldId: string | null,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const name = ferryCredentialName(integrationName, key);
    const credentialFields: Record<string, string> = {};
    for (const [field, value] of Object.entries(fields)) {
      if (typeof value !== 'string') {
        throw new FerryError(
          'promotion.plan-invalid',
          `The field "${field}" of credential "${key}" of integration ${integrationName} has no text value for this environment (a parameter not set?): set it, then plan again`,
        );
      }
      credentialFields[field] = value;
    }
    const sent = { name, type: { name: type }, credentialFields };
    const before = await this.credentialsNamed(name, signal);
    const ours = before.find((id) => id === heldId) ?? before[0] ?? null;
    if (ours !== null) {
      const path = `${CREDENTIALS_COLLECTION}/${encodeURIComponent(ours)}`;
      // Writing the same values again is harmless, so an unsure PUT is simply sent again.
      await this.settle('PUT', path, signal, {
        send: () => this.call('PUT', path, {}, sent, signal),
        read: async () => ({ held: false, resend: true }),
      });
      return ours;
    }
    // Never sent twice: a second POST would leave a second credential. A lost reply is settled by
    // finding a credential of Ferry's name that was not there before.
    const created = await this.settle('POST', CREDENTIALS_COLLECTION, signal, {
      send: () => this.call('POST', CREDENTIALS_COLLECTION, {}, sent, signal),
      read: async () => {
        const known = new Set(before);
        const fresh = (await this.credentialsNamed(name, signal)).filter((id) => !known.has(id));
        return fresh.length === 1 ? { held: true, value: { id: fresh[0] } } : { held: false, resend: false };
      },
    });
    const id = typeof created === 'object' && created !== null && 'id' in created ? created.id : undefined;
    if (typeof id !== 'string' || id === '') {
      throw malformedReply(CREDENTIALS_COLLECTION, 'a created credential without an id', 'POST');
    }
    return id;
  }

  /** Ids of the target's credentials named `name`, from every page. */
  private async credentialsNamed(name: string, signal: AbortSignal | undefined): Promise<string[]> {
    const found: string[] = [];
    for (let pageNumber = 1; pageNumber <= MAX_CREDENTIAL_PAGES; pageNumber += 1) {
      const page = credentialPageSchema.safeParse(
        await this.call(
          'GET',
          CREDENTIALS_COLLECTION,
          { pageSize: this.pageSize(), pageNumber },
          undefined,
          signal,
        ),
      );
      if (!page.success) throw malformedReply(CREDENTIALS_COLLECTION, 'a page without an entities list');
      const entities = page.data.entities ?? [];
      for (const entity of entities) if (entity.name === name) found.push(entity.id);
      if (pageNumber >= (page.data.pageCount ?? 1) || entities.length === 0) return found;
    }
    throw malformedReply(CREDENTIALS_COLLECTION, `more than ${MAX_CREDENTIAL_PAGES} pages`);
  }

  private async readConfig(
    integrationId: string,
    signal: AbortSignal | undefined,
  ): Promise<IntegrationConfig> {
    const path = integrationConfigPath(integrationId);
    let body: unknown;
    try {
      body = await this.call('GET', path, {}, undefined, signal);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new FerryError(
        'genesys.not-found',
        `Integration ${integrationId} is not in the target any more (${INTEGRATIONS_COLLECTION}/${integrationId}): plan again`,
      );
    }
    const parsed = integrationConfigSchema.safeParse(body);
    if (!parsed.success) throw malformedReply(path, 'a configuration without a version');
    return parsed.data;
  }
}

/** Whether the configuration read holds what was written, credentials compared by id. */
function holdsConfig(
  now: IntegrationConfig,
  config: {
    name: string;
    notes: string;
    properties: unknown;
    advanced: unknown;
    credentials: Record<string, { id: string }>;
  },
): boolean {
  const ids = Object.fromEntries(
    Object.entries(now.credentials ?? {}).map(([key, credential]) => [key, { id: credential.id }]),
  );
  return (
    now.name === config.name &&
    (now.notes ?? '') === config.notes &&
    stableStringify(now.properties ?? {}) === stableStringify(config.properties) &&
    stableStringify(now.advanced ?? {}) === stableStringify(config.advanced) &&
    stableStringify(ids) === stableStringify(config.credentials)
  );
}

function isConflict(error: unknown): boolean {
  return error instanceof GenesysApiError && error.code === GenesysErrorCode.conflict;
}
