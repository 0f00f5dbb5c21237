import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operationsFromFieldChanges } from '../../../shared/changeset/operations-from-selection';
import { canBeParameterValue, withParameterMarkers } from '../../../shared/changeset/parameter-fields';
import { parameterNameProblem } from '../../../shared/parameters/parameter-name';
import { suggestParameterName, suggestParameterType } from '../../../shared/parameters/suggest-parameter';

describe('"Make this a parameter" from a compare (issue 15)', () => {
  it('suggests a valid name from the object and the field', () => {
    assert.equal(
      suggestParameterName('Billing - Voice', 'callingPartyNumber'),
      'billingVoiceCallingPartyNumber',
    );
    assert.equal(suggestParameterName('Support', 'outboundEmailAddress.domain'), 'supportDomain');
    assert.equal(suggestParameterName('CRM', 'rows[2]["end point"]'), 'crmEndPoint');
    for (const [key, path] of [
      ['42 Queue', 'callingPartyName'],
      ['ü', '[0]'],
      ['x'.repeat(200), 'y'.repeat(200)],
    ])
      assert.equal(parameterNameProblem(suggestParameterName(key as string, path as string)), null);
  });

  it('suggests phone for E.164, email, url, else text; every side must fit', () => {
    assert.equal(suggestParameterType(['+441130000001', '+442079460000']), 'phone');
    assert.equal(suggestParameterType(['billing@uat.example.com', 'billing@example.com']), 'email');
    assert.equal(suggestParameterType(['https://crm.uat.example.com', 'https://crm.example.com']), 'url');
    assert.equal(suggestParameterType(['+441130000001', 'call us']), 'string');
    assert.equal(suggestParameterType([30, 60]), 'number');
    assert.equal(suggestParameterType([{ $ref: 'authorization.division', name: 'Care' }]), 'reference');
    assert.equal(suggestParameterType(['Billing UAT', 'Billing']), 'string');
  });

  it('only a scalar or one reference can be a parameter value', () => {
    assert.equal(canBeParameterValue('+44'), true);
    assert.equal(canBeParameterValue(3), true);
    assert.equal(canBeParameterValue({ $ref: 'routing.skill', name: 'x' }), true);
    assert.equal(canBeParameterValue({ domain: 'x' }), false);
    assert.equal(canBeParameterValue(['a']), false);
    assert.equal(canBeParameterValue(null), false);
  });

  it('a field made a parameter is written as the marker, not the source value', () => {
    const from = { name: 'Billing', callingPartyNumber: '+441130000001', description: 'a' };
    const to = { name: 'Billing', callingPartyNumber: '+442079460000', description: 'b' };
    const [update] = operationsFromFieldChanges(
      'routing.queue',
      'Billing',
      from,
      to,
      [
        { path: 'callingPartyNumber', kind: 'changed', before: '+441130000001', after: '+442079460000' },
        { path: 'description', kind: 'changed', before: 'a', after: 'b' },
      ],
      [{ path: 'callingPartyNumber', name: 'billingNumber' }],
    );
    assert.deepEqual(update, {
      op: 'update',
      type: 'routing.queue',
      key: 'Billing',
      changes: [
        { path: 'callingPartyNumber', before: '+441130000001', after: { $param: 'billingNumber' } },
        { path: 'description', before: 'a', after: 'b' },
      ],
    });
    // A path the object does not hold is left alone.
    assert.deepEqual(withParameterMarkers(to, [{ path: 'callingPartyName', name: 'x' }]), to);
  });
});
