import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NO_PIPELINE_TEXT,
  pipelineLines,
  stageText,
} from '../../../renderer/src/features/pipeline/pipelines-card-model';

/* The Trust page's signed pipelines in words, and how to get one when there is none. */

describe('signed pipelines on the Trust page', () => {
  it('says each stage and the rules for entering it', () => {
    const [line] = pipelineLines([
      {
        name: 'main',
        description: 'dev, then uat, then prod',
        stages: [
          { environment: 'dev' },
          { environment: 'uat', requireChecksPassed: false },
          {
            environment: 'prod',
            soakHours: 1,
            requireNoDrift: false,
            windows: [{ name: 'Off-peak', cron: '0 18 * * 1-5', durationMinutes: 600, timeZone: 'UTC' }],
          },
        ],
      },
    ]);
    assert.equal(line?.path, 'dev → uat → prod');
    assert.equal(line?.description, 'dev, then uat, then prod');
    assert.deepEqual(line?.stages, [
      'dev: first, needs only validation and its gates',
      'uat: after a succeeded run in dev, no drift since',
      'prod: after a succeeded run in uat, 1 hour of soak there, its checks passed, only inside Off-peak',
    ]);
  });

  it('counts soak hours in words', () => {
    assert.match(
      stageText({ environment: 'prod', soakHours: 24 }, { environment: 'uat' }),
      /24 hours of soak/,
    );
  });

  it('says how a pipeline is signed when there is none', () => {
    assert.match(NO_PIPELINE_TEXT, /No pipeline is signed/);
    assert.match(NO_PIPELINE_TEXT, /`ferry pipeline set pipeline\.json`/);
  });
});
