import { describeAllFollowUps } from '../../../../shared/promotion/follow-ups/follow-up-text';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';
import type { IdentityCommandSpec } from './identity-commands';

export const followupsUsage = 'ferry followups';

/**
 * `ferry followups [--json]`: every emergency override's follow-up and where it stands (issue 20).
 * Exits 0 whatever the states: it informs; the override gate is what refuses.
 */
export const followupsCommand: IdentityCommandSpec = {
  usage: followupsUsage,
  summary: "emergency overrides' retrospective approvals: pending, overdue, resolved",
  options: {},
  run: async (positionals, _flags, global, io) => {
    if (positionals.length > 0)
      throw new UsageError(`followups takes no arguments\nusage: ${followupsUsage}`);
    const services = await openWorkspaceServices(global, io);
    const followUps = await services.followUps.list();
    return { data: followUps, human: describeAllFollowUps(followUps) };
  },
};
