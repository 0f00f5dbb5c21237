import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';

function refusal(raw: unknown): { message: string; fields: unknown } {
  try {
    parseEnvironmentPolicy(raw, 'environment "prod" in ferry.json');
  } catch (error) {
    assert.ok(isFerryError(error));
    assert.equal(error.code, 'policy.invalid');
    return { message: error.message, fields: error.details?.fields };
  }
  return assert.fail('the policy was accepted');
}

const peakHours = { name: 'peak hours', cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'Africa/Lagos' };

describe('parseEnvironmentPolicy', () => {
  it('gives an ungoverned environment its defaults', () => {
    const expected = {
      approvalsRequired: 0,
      allowSelfApproval: false,
      denyWindows: [],
      emergencyOverride: { allowed: true, requiresApproval: false },
    };
    assert.deepEqual(parseEnvironmentPolicy({}, 'dev'), expected);
    assert.deepEqual(parseEnvironmentPolicy(undefined, 'dev'), expected);
  });

  it('fills in the defaults of a partial emergency override', () => {
    const policy = parseEnvironmentPolicy({ emergencyOverride: { requiresApproval: true } }, 'prod');
    assert.deepEqual(policy.emergencyOverride, { allowed: true, requiresApproval: true });
  });

  it('reads a governed production policy', () => {
    const policy = parseEnvironmentPolicy(
      { approvalsRequired: 2, allowSelfApproval: true, denyWindows: [peakHours], maxPackageAgeDays: 30 },
      'prod',
    );
    assert.equal(policy.approvalsRequired, 2);
    assert.deepEqual(policy.denyWindows, [peakHours]);
    assert.equal(policy.maxPackageAgeDays, 30);
  });

  it('names every wrong field and where the policy came from', () => {
    const { message, fields } = refusal({
      approvalsRequired: -1,
      denyWindows: [
        { name: ' ', cron: '0 25 * * *', durationMinutes: 10_081, timeZone: 'Mars/Olympus_Mons' },
      ],
      emergencyOverride: { allowed: 'yes' },
      approvers: 2,
    });
    assert.deepEqual(fields, [
      'approvalsRequired',
      'denyWindows[0].name',
      'denyWindows[0].cron',
      'denyWindows[0].durationMinutes',
      'denyWindows[0].timeZone',
      'emergencyOverride.allowed',
      'approvers',
    ]);
    assert.ok(message.startsWith('The policy of environment "prod" in ferry.json is invalid: '), message);
    assert.match(message, /approvalsRequired must be 0 or more/);
    assert.match(message, /denyWindows\[0\]\.cron is not a valid cron expression: the hour field "25"/);
    assert.match(message, /denyWindows\[0\]\.durationMinutes must be at most 10080 minutes \(one week\)/);
    assert.match(message, /denyWindows\[0\]\.timeZone "Mars\/Olympus_Mons" is not an IANA time zone/);
    assert.match(message, /emergencyOverride\.allowed must be true or false/);
    assert.match(message, /approvers is not a policy setting/);
  });

  it('refuses fractional numbers, offsets for time zones and a missing window field', () => {
    assert.deepEqual(refusal({ approvalsRequired: 1.5 }).fields, ['approvalsRequired']);
    assert.deepEqual(refusal({ denyWindows: [{ ...peakHours, timeZone: '+01:00' }] }).fields, [
      'denyWindows[0].timeZone',
    ]);
    const { fields, message } = refusal({ denyWindows: [{ name: 'x', cron: '0 8 * * *', timeZone: 'UTC' }] });
    assert.deepEqual(fields, ['denyWindows[0].durationMinutes']);
    assert.match(message, /must be a number of minutes/);
  });

  it('refuses something that is not an object', () => {
    assert.match(refusal('strict').message, /must be an object of settings/);
    assert.match(refusal({ denyWindows: 'weekdays' }).message, /denyWindows must be a list/);
  });
});
