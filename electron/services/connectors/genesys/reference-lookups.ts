import type { UnmanagedReferenceTypeId } from '../../../../shared/model/object-types/object-type-definition';

/**
 * Where the objects Ferry does not manage but managed objects point at (flows, member groups,
 * scripts, …) are listed, so that a reference can be looked up by name in the target org. Paths,
 * filters and paging as the Platform API and the official SDK have them.
 */
export interface ReferenceLookupEndpoint {
  /** The list; `{domainName}` for lists under each email domain. */
  readonly path: string;
  /** The query parameter that narrows the list to a name, where the API has one. */
  readonly nameFilter?: string;
  /** Offset paging (`pageNumber`) or cursor paging (`after`, `nextUri`). */
  readonly paging: 'page' | 'cursor';
  /** The field holding the natural key a reference names (what canonical form calls `name`). */
  readonly keyField: string;
}

export const EMAIL_DOMAINS_PATH = '/api/v2/routing/email/domains';

export const REFERENCE_LOOKUPS: Readonly<Record<UnmanagedReferenceTypeId, ReferenceLookupEndpoint>> = {
  'routing.emaildomain': { path: EMAIL_DOMAINS_PATH, paging: 'page', keyField: 'name' },
  // Routes often have no name: the address pattern is what identifies one in its domain.
  'routing.emailroute': {
    path: `${EMAIL_DOMAINS_PATH}/{domainName}/routes`,
    nameFilter: 'pattern',
    paging: 'page',
    keyField: 'pattern',
  },
  'directory.team': { path: '/api/v2/teams', nameFilter: 'name', paging: 'cursor', keyField: 'name' },
  'scripts.script': { path: '/api/v2/scripts', nameFilter: 'name', paging: 'page', keyField: 'name' },
  'responsemanagement.library': {
    path: '/api/v2/responsemanagement/libraries',
    paging: 'page',
    keyField: 'name',
  },
  'routing.smsphonenumber': { path: '/api/v2/routing/sms/phonenumbers', paging: 'page', keyField: 'name' },
  'routing.messagerecipient': {
    path: '/api/v2/routing/message/recipients',
    nameFilter: 'name',
    paging: 'page',
    keyField: 'name',
  },
  'telephony.site': {
    path: '/api/v2/telephony/providers/edges/sites',
    nameFilter: 'name',
    paging: 'page',
    keyField: 'name',
  },
  'telephony.edgegroup': {
    path: '/api/v2/telephony/providers/edges/edgegroups',
    nameFilter: 'name',
    paging: 'page',
    keyField: 'name',
  },
};

/**
 * Names at or below which a type is looked up name by name (with the API's filter); above it the
 * whole list is read once (a page of 100 covers most orgs), which is what keeps lookups to about
 * one request per type.
 */
export const MAX_FILTERED_LOOKUPS = 1;

/** One object found: its id in this org and the key a reference names it by. */
export interface ReferencedObject {
  id: string;
  key: string;
  /** The object's `type` where it has one (a flow's flow type), for references narrowed by kind. */
  kind?: string;
}
