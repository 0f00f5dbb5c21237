import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoursText } from '../../../shared/insights/insights-format';

describe('durations in words', () => {
  it('says seconds for what takes under a minute, never "0 minutes"', () => {
    assert.equal(hoursText(0), 'under a second');
    assert.equal(hoursText(1 / 3600), '1 second');
    assert.equal(hoursText(12 / 3600), '12 seconds');
    assert.equal(hoursText(59.4 / 3600), '59 seconds');
    assert.equal(hoursText(59.6 / 3600), '1 minute');
    assert.equal(hoursText(0.5), '30 minutes');
    assert.equal(hoursText(3), '3 hours');
    assert.equal(hoursText(72), '3 days');
    assert.equal(hoursText(null), '—');
  });
});
