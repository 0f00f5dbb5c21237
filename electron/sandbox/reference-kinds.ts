import type { OrgState } from './org-state';
import type { EntityRef } from './route-helpers';

/**
 * Where each kind of object a queue can point at lives: its API path (for `selfUri`), what to
 * call it in a message, and its records. One table, so checking a written id and rendering it
 * back as `{id, name, selfUri}` can never disagree about which collection an id belongs to.
 */
export const REFERENCE_PATHS = {
  group: '/api/v2/groups',
  skillGroup: '/api/v2/routing/skillgroups',
  team: '/api/v2/teams',
  script: '/api/v2/scripts',
  flow: '/api/v2/flows',
  prompt: '/api/v2/architect/prompts',
  site: '/api/v2/telephony/providers/edges/sites',
  edgeGroup: '/api/v2/telephony/providers/edges/edgegroups',
  emailDomain: '/api/v2/routing/email/domains',
  library: '/api/v2/responsemanagement/libraries',
  smsPhoneNumber: '/api/v2/routing/sms/phonenumbers',
  messageRecipient: '/api/v2/routing/message/recipients',
  queue: '/api/v2/routing/queues',
} as const;

export type ReferenceKind = keyof typeof REFERENCE_PATHS;

interface Kind {
  label: string;
  records(org: OrgState): Record<string, { id: string; name?: string }>;
}

export const REFERENCE_KINDS: Readonly<Record<ReferenceKind, Kind>> = {
  group: { label: 'group', records: (org) => org.groups },
  skillGroup: { label: 'skill group', records: (org) => org.skillGroups },
  team: { label: 'team', records: (org) => org.teams },
  script: { label: 'script', records: (org) => org.scripts },
  flow: { label: 'flow', records: (org) => org.flows },
  prompt: { label: 'prompt', records: (org) => org.prompts },
  site: { label: 'site', records: (org) => org.sites },
  edgeGroup: { label: 'edge group', records: (org) => org.edgeGroups },
  emailDomain: { label: 'email domain', records: (org) => org.emailDomains },
  library: { label: 'canned-response library', records: (org) => org.libraries },
  smsPhoneNumber: { label: 'SMS phone number', records: (org) => org.smsPhoneNumbers },
  messageRecipient: { label: 'messaging recipient', records: (org) => org.messageRecipients },
  queue: { label: 'queue', records: (org) => org.queues },
};

/**
 * `{id, name, selfUri}` with the name as it is now, so a rename shows wherever the object is
 * referenced. An email domain's name is its id. A reference to something since deleted keeps its
 * id with an empty name, as Genesys answers a dangling reference.
 */
export function referenceTo(org: OrgState, kind: ReferenceKind, id: string): EntityRef {
  const records = REFERENCE_KINDS[kind].records(org);
  const record = Object.hasOwn(records, id) ? records[id] : undefined;
  const name = kind === 'emailDomain' ? id : (record?.name ?? '');
  return { id, name, selfUri: `${REFERENCE_PATHS[kind]}/${encodeURIComponent(id)}` };
}

export function referenceExists(org: OrgState, kind: ReferenceKind, id: string): boolean {
  return Object.hasOwn(REFERENCE_KINDS[kind].records(org), id);
}
