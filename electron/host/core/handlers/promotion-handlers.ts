import { createKeyAsFirstAdmin } from '../../../services/identity/first-admin';
import { FerryError } from '../../../../shared/api/api-error';
import type { ApprovalWire } from '../../../../shared/model/promotion-wire';
import type { ApprovalVerification } from '../../../services/approvals/approval-verifier';
import type { EnvironmentService } from '../../../services/environments/environment-service';
import type { PolicyService } from '../../../services/governance/policy-service';
import type { PromotionService } from '../../../services/governance/promotion-service';
import type { IdentityServices } from '../../../services/identity/identity-services';
import type { PromotionEngine } from '../../../services/promotion/promotion-engine';
import type { WorkspaceService } from '../../../services/workspace/workspace-service';
import type { EventHub } from '../../../services/events/event-hub';
import type { HostCapabilities } from '../host-capabilities';
import type { ChannelHandlers } from '../dispatcher';

export interface PromotionHandlerDeps {
  workspace: WorkspaceService;
  environments: EnvironmentService;
  identity: IdentityServices;
  engine: PromotionEngine;
  promotions: PromotionService;
  policies: PolicyService;
  events: EventHub;
  host: HostCapabilities;
}

type PromotionChannels =
  | 'identity.info'
  | 'identity.init'
  | 'approvals.list'
  | 'approvals.approve'
  | 'policies.get'
  | 'policies.save'
  | 'promotions.plan'
  | 'promotions.promote'
  | 'promotions.runs'
  | 'promotions.run'
  | 'promotions.rollback'
  | 'promotions.recover'
  | 'promotions.saveChangeControlPdf';

/** Identity, approvals, policy and promotion channels onto their services; no behaviour here. */
export function createPromotionHandlers(
  deps: PromotionHandlerDeps,
): Pick<ChannelHandlers, PromotionChannels> {
  const { identity, promotions, policies, engine, events, workspace, host } = deps;
  return {
    'identity.info': async () => {
      const found = await identity.keys.identity();
      return found ? { keyId: found.keyId, owner: found.owner, publicKey: found.publicKey } : null;
    },
    'identity.init': async ({ owner }) => {
      const { identity: made } = await createKeyAsFirstAdmin({ ...identity, workspace }, { owner });
      return { keyId: made.keyId, owner: made.owner, publicKey: made.publicKey };
    },
    'approvals.list': async ({ changesetId, environment }) =>
      (
        await identity.approvals.list(
          changesetId,
          undefined,
          environment !== undefined ? { environment } : {},
        )
      ).map(approvalWire),
    'approvals.approve': async ({ changesetId, decision, comment }) =>
      approvalWire(
        (
          await identity.approvals.approve(changesetId, {
            decision,
            ...(comment !== undefined ? { comment } : {}),
          })
        ).verification,
      ),
    'policies.get': async ({ environment }) => (await policies.effective(environment)).policy,
    'policies.save': ({ environment, policy }) => policies.save(environment, policy),
    'promotions.plan': async ({ changesetId, environment, overrideReason }) => {
      const preview = await promotions.plan(
        changesetId,
        environment,
        overrideReason !== undefined ? { overrideReason } : {},
      );
      return {
        plan: preview.plan,
        passed: preview.decision.passed,
        overriddenGates: preview.decision.overriddenGates,
        gates: preview.decision.gates,
        approvals: preview.approvals.map(approvalWire),
        policy: preview.policy,
        changeControlMarkdown: preview.changeControl.markdown,
      };
    },
    'promotions.promote': async ({
      changesetId,
      environment,
      overrideReason,
      confirm,
      onFailure,
      breakLease,
    }) => {
      const { result } = await promotions.promote(changesetId, environment, {
        typedConfirmation: { typed: confirm },
        ...(overrideReason !== undefined ? { overrideReason } : {}),
        ...(onFailure !== undefined ? { onFailure } : {}),
        ...(breakLease !== undefined ? { breakLease } : {}),
        onProgress: (payload) => events.emit('promotion.progress', payload),
      });
      return result;
    },
    'promotions.runs': () => engine.runs(),
    'promotions.run': async ({ runId }) => ({
      ...(await engine.run(runId)),
      changeControlMarkdown: await promotions.changeControlDocument(runId, 'markdown'),
    }),
    'promotions.rollback': ({ runId, breakLease }) =>
      promotions.rollback(runId, {
        onProgress: (payload) => events.emit('promotion.progress', payload),
        ...(breakLease !== undefined ? { breakLease } : {}),
      }),
    'promotions.recover': ({ runId, action, breakLease }) =>
      promotions.recover(runId, action, {
        onProgress: (payload) => events.emit('promotion.progress', payload),
        ...(breakLease !== undefined ? { breakLease } : {}),
      }),
    'promotions.saveChangeControlPdf': async ({ runId }) => {
      if (!host.savePdf) {
        throw new FerryError(
          'unsupported',
          'Saving a PDF needs the desktop app; open change-control.html and print it',
        );
      }
      const html = await promotions.changeControlDocument(runId, 'html');
      if (html === null) {
        throw new FerryError('run.no-document', `Run ${runId} has no change-control document`);
      }
      return { path: await host.savePdf(html, `${runId}-change-control.pdf`) };
    },
  };
}

export function approvalWire(approval: ApprovalVerification): ApprovalWire {
  return {
    file: approval.file,
    status: approval.status,
    counts: approval.counts,
    reason: approval.reason,
    keyId: approval.keyId,
    owner: approval.owner ?? approval.claimedOwner,
    decision: approval.decision,
    comment: approval.comment,
    approvedAt: approval.approvedAt,
    signedDigest: approval.signedDigest,
    currentDigest: approval.currentDigest,
  };
}
