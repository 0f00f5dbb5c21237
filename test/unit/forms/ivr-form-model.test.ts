import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dnisList,
  dnisProblem,
  IVR_FLOW_CATALOG,
  otherNumbers,
  readDnis,
  withDnisAdded,
  withDnisChanged,
  withDnisRemoved,
} from '../../../renderer/src/features/changesets/forms/ivr-form-model';
import { typedReferenceName } from '../../../renderer/src/features/changesets/forms/reference-scope';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { frozenCopy } from './form-test-support';

// As a snapshot of the uat sandbox holds "Main Line".
const ivr = frozenCopy({
  name: 'Main Line',
  description: 'The published customer service number',
  division: { $ref: 'authorization.division', name: 'Home' },
  dnis: ['+443307000001', '+443307000002'],
  openHoursFlow: { $ref: 'architect.flow', name: 'Main IVR' },
  closedHoursFlow: { $ref: 'architect.flow', name: 'Closed Message' },
  holidayHoursFlow: { $ref: 'architect.flow', name: 'Holiday Message' },
  scheduleGroup: { $ref: 'architect.schedulegroup', name: 'Customer Service Hours' },
});

describe('IVR form model', () => {
  it('asks the catalog for inbound call flows, as the type declares for every flow field', () => {
    assert.equal(IVR_FLOW_CATALOG, 'architect.flow#INBOUNDCALL');
  });

  it('accepts an E.164 number and says what to type for anything else', () => {
    assert.equal(dnisProblem('+443306000009'), null);
    assert.equal(dnisProblem('  +443306000009 '), null, 'surrounding spaces are not the number');
    assert.match(dnisProblem('') ?? '', /Type a number.*E\.164.*\+443306000001/);
    assert.match(dnisProblem('+44 330 600 0009') ?? '', /Leave out spaces.*e\.g\. \+443306000001/);
    assert.match(dnisProblem('+44 (0) 330 600') ?? '', /Leave out spaces, brackets/);
    assert.match(dnisProblem('03306000009') ?? '', /Start with \+ and the country code/);
    assert.match(dnisProblem('+03306000009') ?? '', /without a leading 0/);
    assert.match(dnisProblem('+44abc') ?? '', /Not an E\.164 number/);
    assert.match(dnisProblem('+4433060000091234') ?? '', /Not an E\.164 number/, 'longer than 15 digits');
    assert.match(dnisProblem('+443307000001', dnisList(ivr)) ?? '', /already in the list/);
    assert.deepEqual(readDnis(' +443306000009'), { ok: true, value: '+443306000009' });
    assert.equal(readDnis('12').ok, false);
  });

  it('adds a number in canonical order and refuses a bad or repeated one', () => {
    const added = withDnisAdded(ivr, '+443307000000');
    assert.deepEqual(added.dnis, ['+443307000000', '+443307000001', '+443307000002']);
    assert.deepEqual(checkCanonicalObject('architect.ivr', added), []);
    assert.equal(withDnisAdded(ivr, '+44 330'), ivr, 'nothing written for a bad number');
    assert.equal(withDnisAdded(ivr, '+443307000001'), ivr, 'nor for a repeated one');
    // A parameter sorts after the numbers, as canonicalize sorts the list.
    const withParameter = withDnisChanged(ivr, 0, { $param: 'mainLineNumber1' });
    assert.deepEqual(withDnisAdded(withParameter, '+443307000003').dnis, [
      '+443307000002',
      '+443307000003',
      { $param: 'mainLineNumber1' },
    ]);
  });

  it('changes a number in place and checks it against the others only', () => {
    assert.deepEqual(otherNumbers(ivr, 0), ['+443307000002']);
    assert.equal(readDnis('+443307000001', otherNumbers(ivr, 0)).ok, true, 'its own number is not a repeat');
    assert.equal(readDnis('+443307000002', otherNumbers(ivr, 0)).ok, false);
    assert.deepEqual(withDnisChanged(ivr, 1, '+443307000000').dnis, ['+443307000001', '+443307000000']);
  });

  it('removes a number; an IVR left with none has an empty list', () => {
    assert.deepEqual(withDnisRemoved(ivr, 0).dnis, ['+443307000002']);
    assert.deepEqual(withDnisRemoved(withDnisRemoved(ivr, 0), 0).dnis, []);
  });

  it('a DNIS parameter passes the canonical check; a bad number does not', () => {
    assert.deepEqual(checkCanonicalObject('architect.ivr', withDnisChanged(ivr, 0, { $param: 'n' })), []);
    const issues = checkCanonicalObject('architect.ivr', withDnisChanged(ivr, 0, '0330 600'));
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['dnis[0]'],
    );
  });

  it('stores a typed flow name in the spelling the org uses', () => {
    const names = ['Closed Message', 'Emergency Closure'];
    assert.equal(typedReferenceName(names, 'emergency closure'), 'Emergency Closure');
    assert.equal(typedReferenceName(names, ' Closed Message '), 'Closed Message');
    assert.equal(typedReferenceName(names, 'Night Service'), 'Night Service', 'a name the target may have');
    assert.equal(typedReferenceName(names, '   '), undefined);
  });
});
