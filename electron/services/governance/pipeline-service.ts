import type { Pipeline, PipelineStatus } from '../../../shared/promotion/pipeline/pipeline';
import type { RunResult } from '../../../shared/promotion/engine/run-records';
import { FerryError } from '../../../shared/api/api-error';

/**
 * Promotion pipelines (issue 20). CONTRACT STUB: the pipeline helper implements it.
 */
export interface PipelineAdvanceOptions {
  pipeline?: string;
  /** Break the environment's expired lease on the shared remote, for this reason (audited). */
  breakLease?: string;
  /** From a host that asks for it (the desktop app): a production stage must be named exactly. */
  typedConfirmation?: { typed: string | undefined };
}

export interface PipelineAdvanceResult {
  /** The stage it moved into. */
  environment: string;
  result: RunResult;
  status: PipelineStatus;
}

export interface PipelineServiceApi {
  list(): Promise<Pipeline[]>;
  status(changesetId: string, options?: { pipeline?: string }): Promise<PipelineStatus>;
  advance(changesetId: string, options?: PipelineAdvanceOptions): Promise<PipelineAdvanceResult>;
}

export class PipelineService implements PipelineServiceApi {
  async list(): Promise<Pipeline[]> {
    return [];
  }

  async status(changesetId: string): Promise<PipelineStatus> {
    throw new FerryError('pipeline.not-found', `No pipeline applies to ${changesetId} yet`);
  }

  async advance(changesetId: string): Promise<PipelineAdvanceResult> {
    throw new FerryError('pipeline.not-found', `No pipeline applies to ${changesetId} yet`);
  }
}
