import type { Route } from '../route-table';

/** `GET /api/v2/organizations/me`: what a client reads to "test connection". */
export const organizationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/api/v2/organizations/me',
    handle: ({ org }) => {
      const me = org.organization;
      return {
        status: 200,
        body: {
          id: me.id,
          name: me.name,
          defaultLanguage: me.defaultLanguage,
          defaultCountryCode: me.defaultCountryCode,
          thirdPartyOrgName: me.thirdPartyOrgName,
          domain: me.domain,
          version: me.version,
          state: 'active',
          features: {},
          productPlatform: 'PureCloud',
          selfUri: `/api/v2/organizations/${me.id}`,
        },
      };
    },
  },
];
