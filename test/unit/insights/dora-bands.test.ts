import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from '../../../shared/insights/dora-bands';

/* Each band at its threshold and just past it (DORA 2021, made contiguous). */

const EPSILON = 1e-9;

describe('DORA bands', () => {
  it('deployment frequency: elite at one a day, high at one a week, medium at one a month', () => {
    assert.equal(deploymentFrequencyBand(1), 'elite');
    assert.equal(deploymentFrequencyBand(1 - EPSILON), 'high');
    assert.equal(deploymentFrequencyBand(1 / 7), 'high');
    assert.equal(deploymentFrequencyBand(1 / 7 - EPSILON), 'medium');
    assert.equal(deploymentFrequencyBand(1 / 30), 'medium');
    assert.equal(deploymentFrequencyBand(1 / 30 - EPSILON), 'low');
    assert.equal(deploymentFrequencyBand(0), 'low');
  });

  it('lead time: elite under an hour, high under a week, medium under six months', () => {
    assert.equal(leadTimeBand(1 - EPSILON), 'elite');
    assert.equal(leadTimeBand(1), 'high');
    assert.equal(leadTimeBand(168 - EPSILON), 'high');
    assert.equal(leadTimeBand(168), 'medium');
    assert.equal(leadTimeBand(183 * 24 - EPSILON), 'medium');
    assert.equal(leadTimeBand(183 * 24), 'low');
  });

  it('change failure rate: elite to 15 %, high to 30 %, medium to 45 %', () => {
    assert.equal(changeFailureRateBand(0), 'elite');
    assert.equal(changeFailureRateBand(0.15), 'elite');
    assert.equal(changeFailureRateBand(0.15 + EPSILON), 'high');
    assert.equal(changeFailureRateBand(0.3), 'high');
    assert.equal(changeFailureRateBand(0.3 + EPSILON), 'medium');
    assert.equal(changeFailureRateBand(0.45), 'medium');
    assert.equal(changeFailureRateBand(0.45 + EPSILON), 'low');
    assert.equal(changeFailureRateBand(1), 'low');
  });

  it('time to restore: elite under an hour, high under a day, medium under a week', () => {
    assert.equal(timeToRestoreBand(1 - EPSILON), 'elite');
    assert.equal(timeToRestoreBand(1), 'high');
    assert.equal(timeToRestoreBand(24 - EPSILON), 'high');
    assert.equal(timeToRestoreBand(24), 'medium');
    assert.equal(timeToRestoreBand(168 - EPSILON), 'medium');
    assert.equal(timeToRestoreBand(168), 'low');
  });
});
