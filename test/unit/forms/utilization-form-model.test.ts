import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasLabelCapacity,
  interruptingLabels,
  interruptingMedia,
  labelRows,
  UTILIZATION_MEDIA,
  withInterruptingLabel,
  withInterruptingMedia,
  withLabelCleared,
} from '../../../renderer/src/features/changesets/forms/utilization-form-model';
import { setAt } from '../../../renderer/src/features/changesets/forms/json-edit';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { UTILIZATION_MEDIA_TYPES } from '../../../shared/model/object-types/routing-utilization';
import { frozenCopy } from './form-test-support';

const label = (name: string) => ({ $ref: 'routing.utilizationlabel', name });

// As a uat snapshot of the sandbox holds the org's setting.
const setting = frozenCopy({
  name: 'organization',
  utilization: {
    call: { maximumCapacity: 1, includeNonAcd: false, interruptableMediaTypes: [] },
    chat: { maximumCapacity: 3, includeNonAcd: false, interruptableMediaTypes: ['call'] },
    email: { maximumCapacity: 2, includeNonAcd: false, interruptableMediaTypes: ['call', 'chat'] },
  },
  labelUtilizations: {
    'Complex Case': { maximumCapacity: 2, interruptingLabelIds: [label('VIP')] },
    VIP: { maximumCapacity: 1, interruptingLabelIds: [] },
  },
});

describe('utilization form model', () => {
  it('has a labelled row for every media type the schema knows', () => {
    assert.deepEqual(
      UTILIZATION_MEDIA.map((media) => media.value),
      [...UTILIZATION_MEDIA_TYPES],
    );
    assert.ok(UTILIZATION_MEDIA.every((media) => media.label !== ''));
  });

  it('ticks interrupting media as a sorted set, and unticking the last leaves an empty list', () => {
    assert.deepEqual(interruptingMedia(setting, 'email'), ['call', 'chat']);
    const withMessage = withInterruptingMedia(setting, 'email', 'callback', true);
    assert.deepEqual(interruptingMedia(withMessage, 'email'), ['call', 'callback', 'chat']);
    const none = withInterruptingMedia(setting, 'chat', 'call', false);
    assert.deepEqual(interruptingMedia(none, 'chat'), []);
    assert.deepEqual((none.utilization as Record<string, unknown>).chat, {
      maximumCapacity: 3,
      includeNonAcd: false,
      interruptableMediaTypes: [],
    });
    // A media type the setting does not have yet gets its row created.
    const message = withInterruptingMedia(setting, 'message', 'call', true);
    assert.deepEqual(interruptingMedia(message, 'message'), ['call']);
    assert.deepEqual(checkCanonicalObject('routing.utilization', message), []);
  });

  it('lists a row per label: the target’s and any the setting names, sorted', () => {
    assert.deepEqual(labelRows(setting, ['VIP', 'Back Office']), ['Back Office', 'Complex Case', 'VIP']);
    assert.equal(hasLabelCapacity(setting, 'Back Office'), false);
    assert.equal(hasLabelCapacity(setting, 'VIP'), true);
  });

  it('names interrupting labels by reference, sorted by name, and clears a label’s capacity', () => {
    assert.deepEqual(interruptingLabels(setting, 'Complex Case'), ['VIP']);
    const backOffice = withInterruptingLabel(setting, 'Complex Case', 'Back Office', true);
    assert.deepEqual(
      (backOffice.labelUtilizations as Record<string, { interruptingLabelIds: unknown }>)['Complex Case']
        ?.interruptingLabelIds,
      [label('Back Office'), label('VIP')],
    );
    const configured = setAt(
      withInterruptingLabel(setting, 'Back Office', 'VIP', true),
      ['labelUtilizations', 'Back Office', 'maximumCapacity'],
      3,
    );
    assert.deepEqual((configured.labelUtilizations as Record<string, unknown>)['Back Office'], {
      interruptingLabelIds: [label('VIP')],
      maximumCapacity: 3,
    });
    assert.deepEqual(checkCanonicalObject('routing.utilization', configured), []);
    assert.deepEqual(withLabelCleared(configured, 'Back Office'), setting);
  });

  it('clearing every label removes the map', () => {
    const cleared = withLabelCleared(withLabelCleared(setting, 'VIP'), 'Complex Case');
    assert.equal(Object.hasOwn(cleared, 'labelUtilizations'), false);
  });
});
