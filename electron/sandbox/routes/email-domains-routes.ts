import type { EmailDomainRecord, EmailRouteRecord } from '../org-state';
import { REFERENCE_PATHS } from '../reference-kinds';
import { requireRecord } from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';
import { readOnlyRoutes } from './read-only-routes';

/**
 * Inbound email domains (whose id is the domain name) and each domain's routes. A route has no
 * name, as real routes often do not: it is known by its domain and `pattern`.
 */
function routesPath(domainId: string): string {
  return `${REFERENCE_PATHS.emailDomain}/${domainId}/routes`;
}

export function renderEmailRoute(route: EmailRouteRecord) {
  return {
    id: route.id,
    pattern: route.pattern,
    fromName: route.fromName,
    fromEmail: route.fromEmail,
    priority: route.priority,
    selfUri: `${routesPath(route.domainId)}/${route.id}`,
  };
}

function renderEmailDomain(domain: EmailDomainRecord) {
  return {
    id: domain.id,
    name: domain.id,
    mxRecordStatus: 'VALID',
    subDomain: domain.subDomain,
    selfUri: `${REFERENCE_PATHS.emailDomain}/${domain.id}`,
  };
}

/** Domain names are case-insensitive, so the path's may differ in case from the stored id. */
function requireDomain(request: RouteRequest): EmailDomainRecord {
  const wanted = (request.params.domainName ?? '').toLowerCase();
  return requireRecord(request.org.emailDomains, wanted, 'email domain');
}

function domainRoutes(request: RouteRequest): Record<string, EmailRouteRecord> {
  const domain = requireDomain(request);
  return Object.fromEntries(
    Object.values(request.org.emailRoutes)
      .filter((route) => route.domainId === domain.id)
      .map((route) => [route.id, route]),
  );
}

export const emailDomainRoutes: Route[] = [
  ...readOnlyRoutes<EmailDomainRecord>({
    path: REFERENCE_PATHS.emailDomain,
    idParam: 'domainName',
    label: 'email domain',
    kind: 'emailDomains',
    scope: ({ org }) => org.emailDomains,
    sortKey: (domain) => domain.id,
    render: (_org, domain) => renderEmailDomain(domain),
  }),
  ...readOnlyRoutes<EmailRouteRecord>({
    path: `${REFERENCE_PATHS.emailDomain}/:domainName/routes`,
    idParam: 'routeId',
    label: 'email route',
    kind: 'emailRoutes',
    scope: domainRoutes,
    listPath: (request) => routesPath(requireDomain(request).id),
    // `pattern` matches the whole pattern: it is an address's local part, not a name to search.
    filter: (query) => {
      const pattern = query.get('pattern');
      return (route) => pattern === null || pattern === '' || route.pattern === pattern;
    },
    carried: ['pattern'],
    sortKey: (route) => `${route.pattern}\u0000${route.id}`,
    render: (_org, route) => renderEmailRoute(route),
  }),
];
