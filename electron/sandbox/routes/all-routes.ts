import type { Route } from '../route-table';
import { datatableRoutes } from './datatables-routes';
import { dataActionReadRoutes } from './data-actions-read-routes';
import { dataActionWriteRoutes } from './data-actions-write-routes';
import { dataActionTestRoutes } from './data-actions-test-routes';
import { integrationReadRoutes } from './integrations-routes';
import { integrationWriteRoutes } from './integrations-write-routes';
import { directoryRoutes } from './directory-routes';
import { divisionRoutes } from './divisions-routes';
import { emailDomainRoutes } from './email-domains-routes';
import { flowJobRoutes } from './flow-jobs-routes';
import { flowRoutes } from './flows-routes';
import { emergencyGroupRoutes } from './emergency-groups-routes';
import { promptRoutes } from './prompts-routes';
import { ivrRoutes } from './ivrs-routes';
import { utilizationLabelRoutes } from './utilization-labels-routes';
import { utilizationRoutes } from './utilization-routes';
import { languageRoutes } from './languages-routes';
import { messagingReferenceRoutes } from './messaging-reference-routes';
import { organizationRoutes } from './organization-routes';
import { queueRoutes } from './queues-routes';
import { scheduleGroupRoutes } from './schedule-groups-routes';
import { scheduleRoutes } from './schedules-routes';
import { skillRoutes } from './skills-routes';
import { skillGroupRoutes } from './skill-groups-routes';
import { telephonyRoutes } from './telephony-routes';
import { wrapupCodeRoutes } from './wrapup-codes-routes';

/** Every Platform API route the sandbox answers; anything else is a 404. */
export const sandboxRoutes: readonly Route[] = [
  ...organizationRoutes,
  ...divisionRoutes,
  ...skillRoutes,
  ...languageRoutes,
  ...wrapupCodeRoutes,
  ...queueRoutes,
  ...scheduleRoutes,
  ...scheduleGroupRoutes,
  ...datatableRoutes,
  ...ivrRoutes,
  ...emergencyGroupRoutes,
  ...promptRoutes,
  ...utilizationLabelRoutes,
  ...utilizationRoutes,
  ...skillGroupRoutes,
  ...integrationReadRoutes,
  ...integrationWriteRoutes,
  ...dataActionReadRoutes,
  ...dataActionWriteRoutes,
  ...dataActionTestRoutes,
  ...flowRoutes,
  ...flowJobRoutes,
  // Read-only: the objects queues point at.
  ...directoryRoutes,
  ...telephonyRoutes,
  ...emailDomainRoutes,
  ...messagingReferenceRoutes,
];
