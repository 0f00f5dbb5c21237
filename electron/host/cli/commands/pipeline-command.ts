import type { IdentityCommandSpec } from './identity-commands';

/** `ferry pipeline …` (issue 20); filled in by the pipeline command below. */
export const pipelineCommands: Record<string, IdentityCommandSpec> = {};
