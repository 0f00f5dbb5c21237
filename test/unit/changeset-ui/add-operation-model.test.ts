import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowTypeLabel } from '../../../renderer/src/features/compare/flow-diff-model';
import {
  addOperationKey,
  nameSuggestions,
  pickedScope,
  scopesOf,
} from '../../../renderer/src/features/changesets/add-operation-model';
import type { TargetCatalog } from '../../../shared/model/changeset-wire';

const catalog: TargetCatalog = {
  environment: 'uat',
  commit: 'abc',
  keys: {
    'routing.queue': ['Billing', 'Support'],
    'architect.flow': ['INBOUNDCALL/Main Menu', 'INQUEUECALL/Hold Music', 'NEWKIND/Future'],
    'architect.flow#INBOUNDCALL': ['Main Menu'],
    'architect.flow#INQUEUECALL': ['Hold Music'],
    'architect.flow#NEWKIND': ['Future'],
  },
};

describe('adding an operation by hand', () => {
  it('asks a flow for its flow type, every known one and any the target holds besides', () => {
    const scopes = scopesOf('architect.flow', catalog);
    assert.equal(scopes[0], 'INBOUNDCALL');
    assert.ok(scopes.includes('INQUEUECALL') && scopes.includes('DIGITALBOT'));
    assert.equal(scopes.at(-1), 'NEWKIND');
    assert.deepEqual(scopesOf('routing.queue', catalog), []);
  });

  it('labels flow types for people', () => {
    assert.equal(flowTypeLabel('INBOUNDCALL'), 'Inbound call');
    assert.equal(flowTypeLabel('INQUEUESHORTMESSAGE'), 'In-queue message');
    assert.equal(flowTypeLabel('NEWKIND'), 'Newkind');
  });

  it('keeps the chosen flow type while it is offered, else the first', () => {
    assert.equal(pickedScope(['INBOUNDCALL', 'BOT'], 'BOT'), 'BOT');
    assert.equal(pickedScope(['INBOUNDCALL', 'BOT'], undefined), 'INBOUNDCALL');
    assert.equal(pickedScope([], 'BOT'), undefined);
  });

  it('builds a flow key from its type and the name typed', () => {
    assert.equal(addOperationKey('architect.flow', 'INBOUNDCALL', ' Main Menu '), 'INBOUNDCALL/Main Menu');
    assert.equal(addOperationKey('architect.flow', 'INBOUNDCALL', '   '), '');
    assert.equal(addOperationKey('routing.queue', undefined, ' Support '), 'Support');
  });

  it('suggests names of the chosen flow type, never whole keys', () => {
    assert.deepEqual(nameSuggestions(catalog, 'architect.flow', 'INBOUNDCALL'), ['Main Menu']);
    assert.deepEqual(nameSuggestions(catalog, 'architect.flow', 'INQUEUECALL'), ['Hold Music']);
    assert.deepEqual(nameSuggestions(catalog, 'architect.flow', 'BOT'), []);
    assert.deepEqual(nameSuggestions(catalog, 'routing.queue', undefined), ['Billing', 'Support']);
    assert.deepEqual(nameSuggestions(null, 'routing.queue', undefined), []);
  });
});
