import type { DemoApprover } from '../../../services/demo/demo-approver';
import type { ChannelHandlers } from '../dispatcher';
import { approvalWire } from './promotion-handlers';

/** Rita, the demo approver, onto her service; no behaviour here. */
export function createDemoHandlers(
  demo: DemoApprover,
): Pick<ChannelHandlers, 'demo.approver' | 'demo.approver.enable' | 'demo.approver.approve'> {
  return {
    'demo.approver': () => demo.status(),
    'demo.approver.enable': () => demo.enable(),
    'demo.approver.approve': async ({ changesetId, environments }) =>
      approvalWire(await demo.approve(changesetId, environments)),
  };
}
