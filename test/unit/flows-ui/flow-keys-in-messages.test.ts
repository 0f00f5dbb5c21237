import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operationLabel } from '../../../shared/changeset/apply-changeset';
import { stateFromEntries } from '../../../shared/changeset/object-state';
import { validateChangeset } from '../../../shared/changeset/validate/validate-changeset';
import { objectNameInWords } from '../../../shared/flows/object-key-words';
import type { Plan } from '../../../shared/model/plan';
import { describePlan } from '../../../electron/host/cli/commands/promotion-commands';

const KEY = 'INBOUNDCALL/Main Menu';

describe('messages for people name a flow in words, never by its scoped key', () => {
  it('objectNameInWords reads the type label and the key in words', () => {
    assert.equal(objectNameInWords('architect.flow', KEY), 'flow "Main Menu (inbound call)"');
    // A type whose names need no scope keeps its key; an unknown type keeps its id.
    assert.equal(objectNameInWords('routing.queue', 'Billing'), 'queue "Billing"');
    assert.equal(objectNameInWords('vendor.thing', 'A/B'), 'vendor.thing "A/B"');
  });

  it('a finding label reads the flow in words, the type by its id as before', () => {
    assert.equal(
      operationLabel(1, { op: 'update', type: 'architect.flow', key: KEY }),
      'operation 2 (update architect.flow "Main Menu (inbound call)")',
    );
    assert.equal(
      operationLabel(0, { op: 'update', type: 'routing.queue', key: 'Billing - Voice' }),
      'operation 1 (update routing.queue "Billing - Voice")',
    );
  });

  it('a finding against the target names the flow in words', () => {
    // Deleting a flow the target does not have: the label comes from operationLabel.
    const target = stateFromEntries([]);
    const messages = validateChangeset(
      {
        operations: [
          {
            op: 'delete',
            type: 'architect.flow',
            key: KEY,
            before: { name: 'Main Menu', type: 'INBOUNDCALL' },
          },
        ],
      },
      target,
    ).findings.map((finding) => finding.message);
    const joined = messages.join('\n');
    assert.ok(joined.includes('Main Menu (inbound call)'), joined);
    assert.ok(!joined.includes(KEY), joined);
  });

  it('`ferry plan` prints a flow step with its key in words, the type by its id', () => {
    const plan: Plan = {
      formatVersion: 1,
      changesetId: 'menu',
      changesetDigest: 'sha256:abc',
      environment: 'uat',
      tier: 'test',
      createdAt: '2026-12-06T10:00:00.000Z',
      steps: [
        {
          index: 0,
          operation: 0,
          action: 'update',
          type: 'architect.flow',
          key: KEY,
          id: 'f-1',
          level: 0,
          calls: [],
          current: null,
          expected: { name: 'Main Menu', type: 'INBOUNDCALL' },
        },
      ],
      gates: [],
      fingerprint: 'sha256:fff',
      summary: { create: 0, update: 1, delete: 0, noop: 0, conflict: 0, blocked: 0 },
      values: [],
    };
    const text = describePlan(plan);
    assert.match(text, /update {3}architect\.flow "Main Menu \(inbound call\)"/);
    assert.ok(!text.includes(KEY), text);
  });
});
