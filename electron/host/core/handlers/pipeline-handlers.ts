import type { FollowUpServiceApi } from '../../../services/governance/follow-up-service';
import type { PipelineServiceApi } from '../../../services/governance/pipeline-service';
import type { ChannelHandlers } from '../dispatcher';

type PipelineChannels = 'pipelines.list' | 'pipelines.status' | 'pipelines.advance' | 'followUps.list';

export interface PipelineHandlerDeps {
  pipelines: PipelineServiceApi;
  followUps: FollowUpServiceApi;
}

/** Pipeline and follow-up channels onto their services; no behaviour here (issue 20). */
export function createPipelineHandlers({
  pipelines,
  followUps,
}: PipelineHandlerDeps): Pick<ChannelHandlers, PipelineChannels> {
  return {
    'pipelines.list': () => pipelines.list(),
    'pipelines.status': ({ changesetId, pipeline }) =>
      pipelines.status(changesetId, pipeline !== undefined ? { pipeline } : {}),
    'pipelines.advance': async ({ changesetId, pipeline, confirm, breakLease }) => {
      const { environment, result, status } = await pipelines.advance(changesetId, {
        ...(pipeline !== undefined ? { pipeline } : {}),
        ...(breakLease !== undefined ? { breakLease } : {}),
        typedConfirmation: { typed: confirm },
      });
      return { environment, result, status };
    },
    'followUps.list': () => followUps.list(),
  };
}
