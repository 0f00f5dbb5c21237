import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, inUseConflict, versionConflict } from '../genesys-error';
import {
  CREDENTIALS_PATH,
  credentialsOf,
  dataActionsOf,
  INTEGRATION_TYPES,
  INTEGRATIONS_PATH,
  integrationsOf,
} from '../integration-records';
import type { CredentialRecord, IntegrationRecord } from '../org-state';
import { assertNameFree, NO_CONTENT, parseBody, removeRecord, requireRecord } from '../route-helpers';
import type { Route } from '../route-table';
import { renderCredentialInfo, renderIntegration, renderIntegrationConfig } from './integrations-routes';

/**
 * Writing integrations and their credentials as the integrations API does. An integration is
 * created disabled and enabled by a PATCH of `intendedState`; its configuration is replaced at its
 * version (stale: 409) and names credentials by id. A credential's field values are write-only:
 * they are kept to stand for the real secret and never rendered.
 */

const createIntegrationBody = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1).max(256).optional(),
  integrationType: z.object({ id: z.string().min(1) }).loose(),
  notes: z.string().max(1000).optional(),
});

const patchIntegrationBody = z.object({
  name: z.string().trim().min(1).max(256).optional(),
  notes: z.string().max(1000).optional(),
  intendedState: z.enum(['ENABLED', 'DISABLED', 'DELETED']).optional(),
});

/** `IntegrationConfiguration` as a PUT body. */
const configBody = z.object({
  name: z.string().trim().min(1).max(256),
  version: z.number().int().min(1),
  properties: z.record(z.string(), z.unknown()).optional(),
  advanced: z.record(z.string(), z.unknown()).optional(),
  notes: z.string().max(1000).optional(),
  credentials: z.record(z.string(), z.object({ id: z.string().min(1) }).loose()).optional(),
});

/** `Credential`: the type by name and the field values (write-only). */
const credentialBody = z.object({
  name: z.string().trim().min(1).max(256),
  type: z.object({ name: z.string().min(1) }).loose(),
  credentialFields: z.record(z.string(), z.string().max(10_000)).optional(),
});

/** The fields each credential type needs, as the credential types endpoint lists them. */
const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  basicAuth: ['userName', 'password'],
  userDefined: [],
  userDefinedOAuth: ['clientId', 'clientSecret'],
};

function readCredential(body: unknown): Omit<CredentialRecord, 'id' | 'createdDate' | 'modifiedDate'> {
  const parsed = parseBody(credentialBody, body);
  const required = REQUIRED_FIELDS[parsed.type.name];
  if (required === undefined) {
    throw badRequest(
      `type.name ${parsed.type.name} is not a credential type (one of ${Object.keys(REQUIRED_FIELDS).join(', ')}).`,
      [{ errorCode: 'invalid.value', fieldName: 'type.name' }],
    );
  }
  const fields = parsed.credentialFields ?? {};
  const missing = required.filter((field) => (fields[field] ?? '') === '');
  if (missing.length > 0) {
    throw badRequest(
      `A ${parsed.type.name} credential needs ${missing.map((field) => `credentialFields.${field}`).join(', ')}.`,
      [...missing.map((field) => ({ errorCode: 'required.field', fieldName: `credentialFields.${field}` }))],
    );
  }
  return { name: parsed.name, type: parsed.type.name, fields };
}

function requireIntegration(org: Parameters<typeof integrationsOf>[0], id: string): IntegrationRecord {
  return requireRecord(integrationsOf(org), id, 'integration');
}

export const integrationWriteRoutes: Route[] = [
  {
    method: 'POST',
    pattern: INTEGRATIONS_PATH,
    handle: ({ org, body, now }) => {
      const parsed = parseBody(createIntegrationBody, body);
      const typeId = parsed.integrationType.id;
      if (!Object.hasOwn(INTEGRATION_TYPES, typeId)) {
        throw badRequest(`integrationType.id ${typeId} is not an integration type this org can install.`, [
          { errorCode: 'invalid.value', fieldName: 'integrationType.id' },
        ]);
      }
      const name = parsed.name ?? INTEGRATION_TYPES[typeId]?.name ?? typeId;
      assertNameFree(integrationsOf(org), name, 'integration');
      const id = randomUUID();
      const integration: IntegrationRecord = {
        id,
        name,
        integrationTypeId: typeId,
        ...(parsed.notes === undefined ? {} : { notes: parsed.notes }),
        intendedState: 'DISABLED',
        attributes: {},
        config: { name, version: 1, properties: {}, advanced: {}, notes: '', credentials: {} },
        dateModified: now,
      };
      integrationsOf(org)[id] = integration;
      return { status: 200, body: renderIntegration(org, integration, false), changed: true };
    },
  },
  {
    method: 'PATCH',
    pattern: `${INTEGRATIONS_PATH}/:integrationId`,
    handle: ({ org, params, body, now }) => {
      const integration = requireIntegration(org, params.integrationId ?? '');
      const parsed = parseBody(patchIntegrationBody, body);
      if (parsed.name !== undefined) {
        assertNameFree(integrationsOf(org), parsed.name, 'integration', integration.id);
        integration.name = parsed.name;
      }
      if (parsed.notes !== undefined) integration.notes = parsed.notes;
      if (parsed.intendedState !== undefined) integration.intendedState = parsed.intendedState;
      integration.dateModified = now;
      return { status: 200, body: renderIntegration(org, integration, false), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${INTEGRATIONS_PATH}/:integrationId`,
    handle: ({ org, params }) => {
      const integration = requireIntegration(org, params.integrationId ?? '');
      const actions = Object.values(dataActionsOf(org)).filter(
        (action) => action.integrationId === integration.id,
      );
      // Genesys removes an integration's actions with it.
      for (const action of actions) removeRecord(dataActionsOf(org), action.id);
      removeRecord(integrationsOf(org), integration.id);
      return { status: 200, body: renderIntegration(org, integration, false), changed: true };
    },
  },
  {
    method: 'PUT',
    pattern: `${INTEGRATIONS_PATH}/:integrationId/config/current`,
    operation: 'integrationConfigWrite',
    handle: ({ org, params, body, now }) => {
      const integration = requireIntegration(org, params.integrationId ?? '');
      const parsed = parseBody(configBody, body);
      if (parsed.version !== integration.config.version) throw versionConflict(integration.id);
      const credentials = Object.entries(parsed.credentials ?? {});
      const unknown = credentials.filter(([, ref]) => !Object.hasOwn(credentialsOf(org), ref.id));
      if (unknown.length > 0) {
        throw badRequest(
          `Unknown credential referenced at ${unknown.map(([key, ref]) => `credentials.${key}.id (${ref.id})`).join(', ')}.`,
          unknown.map(([key, ref]) => ({
            errorCode: 'invalid.reference',
            fieldName: `credentials.${key}.id`,
            entityId: ref.id,
          })),
        );
      }
      integration.config = {
        name: parsed.name,
        version: integration.config.version + 1,
        properties: parsed.properties ?? {},
        advanced: parsed.advanced ?? {},
        notes: parsed.notes ?? '',
        credentials: Object.fromEntries(credentials.map(([key, ref]) => [key, ref.id])),
      };
      integration.dateModified = now;
      return { status: 200, body: renderIntegrationConfig(org, integration), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${CREDENTIALS_PATH}/:credentialId`,
    handle: ({ org, params }) => {
      const credential = requireRecord(credentialsOf(org), params.credentialId ?? '', 'credential');
      // `Credential` without `credentialFields`: the values never leave.
      return {
        status: 200,
        body: {
          id: credential.id,
          name: credential.name,
          type: { name: credential.type },
          selfUri: `${CREDENTIALS_PATH}/${credential.id}`,
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: CREDENTIALS_PATH,
    operation: 'credentialWrite',
    handle: ({ org, body, now }) => {
      const read = readCredential(body);
      assertNameFree(credentialsOf(org), read.name, 'credential');
      const credential: CredentialRecord = { id: randomUUID(), ...read, createdDate: now, modifiedDate: now };
      credentialsOf(org)[credential.id] = credential;
      return { status: 200, body: renderCredentialInfo(credential), changed: true };
    },
  },
  {
    method: 'PUT',
    pattern: `${CREDENTIALS_PATH}/:credentialId`,
    operation: 'credentialWrite',
    handle: ({ org, params, body, now }) => {
      const credential = requireRecord(credentialsOf(org), params.credentialId ?? '', 'credential');
      const read = readCredential(body);
      assertNameFree(credentialsOf(org), read.name, 'credential', credential.id);
      Object.assign(credential, read, { modifiedDate: now });
      return { status: 200, body: renderCredentialInfo(credential), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${CREDENTIALS_PATH}/:credentialId`,
    operation: 'credentialWrite',
    handle: ({ org, params }) => {
      const credential = requireRecord(credentialsOf(org), params.credentialId ?? '', 'credential');
      const users = Object.values(integrationsOf(org)).filter((integration) =>
        Object.values(integration.config.credentials).includes(credential.id),
      );
      if (users.length > 0) {
        throw inUseConflict(
          `The credential "${credential.name}" is used by integration ${users.map((user) => `"${user.name}"`).join(', ')}. Point its configuration at another credential first.`,
        );
      }
      removeRecord(credentialsOf(org), credential.id);
      return NO_CONTENT;
    },
  },
];
