import { isJsonObject, type JsonObject, type JsonValue } from '../../model/canonical/json-value';
import { materialize } from '../../model/canonical/materialize';
import { stableStringify } from '../../model/canonical/stable-stringify';
import { idPlaceholder } from './id-placeholder';
import type { ApiCall } from '../../model/plan';
import {
  INTEGRATIONS_PATH,
  segment,
  type IntegrationCalls,
  type IntegrationCallsInput,
} from './action-calls';

/** The fields of an integration that live in its `config/current`, not on the integration itself. */
export const INTEGRATION_CONFIG_FIELDS = ['name', 'properties', 'advanced', 'credentials'] as const;

/** The integration's own fields a PATCH of `/api/v2/integrations/{id}` changes. */
const PATCHED_FIELDS = ['intendedState', 'notes'] as const;

/** `/api/v2/integrations/{id}/config/current`. */
export function integrationConfigCallPath(idOrPlaceholder: string): string {
  return `${INTEGRATIONS_PATH}/${segment(idOrPlaceholder)}/config/current`;
}

/**
 * An integration (the connection data actions run through): created with a POST of its name and
 * type, its settings written with a PUT of its `config/current`, switched on or off (and its
 * notes changed) with a PATCH. The configuration's credentials are given in the changeset as
 * `{type, fields}` with each field a parameter (`{"$param": name}`, naming a secret parameter for what must stay secret):
 * the PUT carries them as they are (markers in the plan), and the connector writes each one as a
 * credential of the target, revealing the secrets only in that request, then points the
 * configuration at it by id. A credential given without fields keeps the target's own.
 */
export function integrationCalls(input: IntegrationCallsInput): IntegrationCalls {
  const { current, desired, id } = input;
  if (desired === null) {
    if (current === null || id === null) return { kind: 'calls', calls: [] };
    return { kind: 'calls', calls: [{ method: 'DELETE', path: `${INTEGRATIONS_PATH}/${segment(id)}` }] };
  }
  const wanted = materialize('integrations.integration', desired, input.resolveId).body;
  const existing =
    current === null || id === null
      ? null
      : materialize('integrations.integration', current, input.resolveId).body;
  const missing = credentialsWithoutFields(wanted, existing);
  if (missing.length > 0) {
    return {
      kind: 'blocked',
      reason: `needs the credential${missing.length === 1 ? '' : 's'} ${missing.map((key) => JSON.stringify(key)).join(', ')}, which the target does not hold: give each field as a parameter in the changeset ({"$param": name}, naming a secret parameter for a password or token, set per environment with \`ferry param set <env> <name> <value> --type secret\`); Ferry never copies a credential from another org`,
    };
  }
  const exposed = secretsInTheClear(wanted);
  if (exposed.length > 0) {
    return {
      kind: 'blocked',
      reason: `gives ${exposed.join(', ')} as text in the changeset, where everyone who reads the workspace sees it: make each a secret parameter ({"$param": name} in the changeset, set per environment with \`ferry param set <env> <name> <value> --type secret\`), then plan again`,
    };
  }
  const self = existing === null || id === null ? idPlaceholder('integrations.integration', input.key) : id;
  const calls: ApiCall[] = [];
  if (existing === null) {
    const create: JsonObject = { name: wanted.name ?? input.key };
    if (wanted.integrationType !== undefined) create.integrationType = wanted.integrationType;
    if (wanted.notes !== undefined) create.notes = wanted.notes;
    calls.push({ method: 'POST', path: INTEGRATIONS_PATH, body: create });
  } else if (stableStringify(typeOf(existing)) !== stableStringify(typeOf(wanted))) {
    return {
      kind: 'blocked',
      reason:
        'an integration cannot change its type: delete it and create the new one, in separate changesets',
    };
  }
  const config = configBody(wanted);
  if (
    existing === null ||
    writesCredentials('integrations.integration', wanted) ||
    !sameConfig(configBody(existing), config)
  ) {
    calls.push({ method: 'PUT', path: integrationConfigCallPath(self), body: config });
  }
  // A new integration starts disabled, with the notes its POST gave it.
  const before: JsonObject = existing ?? { intendedState: 'DISABLED', notes: wanted.notes ?? null };
  const patch: JsonObject = {};
  for (const field of PATCHED_FIELDS) {
    const value = wanted[field];
    if (typeof value === 'string' && value !== before[field]) patch[field] = value;
  }
  if (Object.keys(patch).length > 0) {
    calls.push({ method: 'PATCH', path: `${INTEGRATIONS_PATH}/${segment(self)}`, body: patch });
  }
  return { kind: 'calls', calls };
}

function typeOf(body: JsonObject): JsonValue {
  const type = body.integrationType;
  return isJsonObject(type) ? (type.id ?? null) : null;
}

/** The configuration a PUT writes: settings, and credentials as the changeset gives them. */
function configBody(body: JsonObject): JsonObject {
  const config: JsonObject = {};
  for (const field of INTEGRATION_CONFIG_FIELDS) {
    const value = body[field];
    if (value !== undefined) config[field] = value;
  }
  config.properties ??= {};
  config.advanced ??= {};
  config.credentials ??= {};
  return config;
}

function sameConfig(left: JsonObject, right: JsonObject): boolean {
  return stableStringify(left) === stableStringify(right);
}

/** Credential keys of `body` with fields to write. */
export function credentialFields(body: JsonObject): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  const credentials = body.credentials;
  if (!isJsonObject(credentials)) return found;
  for (const [key, credential] of Object.entries(credentials)) {
    if (!isJsonObject(credential)) continue;
    const fields = credential.fields;
    if (isJsonObject(fields) && Object.keys(fields).length > 0) found.set(key, fields);
  }
  return found;
}

/**
 * Whether the value gives credential fields, which are written every time: the target's values
 * can never be read to compare with them.
 */
export function writesCredentials(type: string, value: JsonObject): boolean {
  return type === 'integrations.integration' && credentialFields(value).size > 0;
}

/**
 * Credential fields known to hold no secret: a user name, a client id, where to log in. Every
 * other field may: a `userDefined` credential's fields are named by whoever made it (`pwd`,
 * `pin`, `bearer`), so a name that does not say "password" proves nothing.
 */
const NOT_SECRET_FIELD =
  /^(user_?name|login|email|client_?id|tenant_?id|account_?id|org(anization)?_?id|domain|region|scope|audience)$|(url|uri|host)$/i;

/** `credentials.basicAuth.fields.password`-style paths of secret fields given as plain values. */
function secretsInTheClear(body: JsonObject): string[] {
  const found: string[] = [];
  for (const [key, fields] of credentialFields(body)) {
    for (const [field, value] of Object.entries(fields)) {
      const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      if (plain && !NOT_SECRET_FIELD.test(field)) {
        found.push(`credentials.${key}.fields.${field}`);
      }
    }
  }
  return found;
}

/** Credential keys the configuration needs but neither gives fields for nor finds in the target. */
function credentialsWithoutFields(wanted: JsonObject, existing: JsonObject | null): string[] {
  const credentials = wanted.credentials;
  if (!isJsonObject(credentials)) return [];
  const held = existing !== null && isJsonObject(existing.credentials) ? existing.credentials : {};
  const withFields = credentialFields(wanted);
  return Object.keys(credentials).filter((key) => !withFields.has(key) && !Object.hasOwn(held, key));
}

/**
 * The integration as a read shows it: a credential's fields are written, never read back (the API
 * does not return them), so they are left out where a written value is compared with a read one.
 */
export function withoutCredentialFields(value: JsonObject): JsonObject {
  const credentials = value.credentials;
  if (!isJsonObject(credentials)) return value;
  let changed = false;
  const kept: JsonObject = {};
  for (const [key, credential] of Object.entries(credentials)) {
    if (isJsonObject(credential) && Object.hasOwn(credential, 'fields')) {
      const { fields: _fields, ...rest } = credential;
      void _fields;
      kept[key] = rest;
      changed = true;
    } else kept[key] = credential ?? null;
  }
  return changed ? { ...value, credentials: kept } : value;
}
