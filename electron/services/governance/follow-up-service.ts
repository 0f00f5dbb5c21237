import type { FollowUp } from '../../../shared/promotion/follow-ups/follow-up';

/**
 * Emergency override follow-ups (issue 20), derived from the signed runs that used an override
 * and the signed approvals of their changesets. CONTRACT STUB: the follow-up helper implements it.
 */
export interface FollowUpServiceApi {
  /** Every override follow-up in the workspace, newest first, judged at the workspace clock. */
  list(): Promise<FollowUp[]>;
  /** The overdue follow-ups of the person who holds `keyId` (any of their keys, by trust-root owner). */
  overdueOf(keyId: string): Promise<FollowUp[]>;
}

export class FollowUpService implements FollowUpServiceApi {
  async list(): Promise<FollowUp[]> {
    return [];
  }

  async overdueOf(keyId: string): Promise<FollowUp[]> {
    void keyId;
    return [];
  }
}
