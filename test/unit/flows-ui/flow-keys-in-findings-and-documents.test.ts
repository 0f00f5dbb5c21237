import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChangeset } from '../../../shared/changeset/validate/validate-changeset';
import type { Changeset } from '../../../shared/model/changeset';
import { renderChangeControlMarkdown } from '../../../shared/promotion/change-control';
import type { ChangeControlInput } from '../../../shared/promotion/change-control';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';

const KEY = 'INBOUNDCALL/Main Menu';

describe('flows are named in words in findings and the change control document', () => {
  it('a finding on a flow reads its name and flow type', () => {
    const changeset: Pick<Changeset, 'operations' | 'requires'> = {
      operations: [
        { op: 'update', type: 'architect.flow', key: KEY, changes: [{ path: 'description', after: 'a' }] },
        { op: 'update', type: 'architect.flow', key: KEY, changes: [{ path: 'description', after: 'b' }] },
      ],
    };
    const messages = validateChangeset(changeset, null).findings.map((finding) => finding.message);
    assert.ok(
      messages.some((message) => message.includes('already changes flow "Main Menu (inbound call)"')),
      messages.join('\n'),
    );
  });

  it("the change control document lists a flow's operation in words", () => {
    const input = {
      changeset: {
        id: 'menu',
        title: 'Menu',
        description: '',
        ticket: null,
        author: 'Ada',
        createdAt: '2025-03-01T09:30:00.000Z',
        digest: 'sha256:abc',
        operations: [{ op: 'update', type: 'architect.flow', key: KEY, changes: [] }],
      },
      target: { environment: 'uat', tier: 'test' },
      blastRadius: { touched: [], dependentCount: 0, risk: { level: 'medium', reasons: [] } },
      approvals: [],
      policy: parseEnvironmentPolicy({ approvalsRequired: 0 }, 'uat'),
      gates: [],
      overriddenGates: [],
      override: null,
      plan: {
        formatVersion: 1,
        changesetId: 'menu',
        changesetDigest: 'sha256:abc',
        environment: 'uat',
        tier: 'test',
        createdAt: '2025-03-03T18:55:00.000Z',
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
            expected: null,
          },
        ],
        gates: [],
        fingerprint: 'sha256:fff',
        summary: { create: 0, update: 1, delete: 0, noop: 0, conflict: 0, blocked: 0 },
      },
      execution: null,
      generatedAt: '2025-03-03T19:00:00.000Z',
    } as unknown as ChangeControlInput;
    const markdown = renderChangeControlMarkdown(input);
    assert.match(markdown, /flow "Main Menu \(inbound call\)"/);
    assert.doesNotMatch(markdown, /INBOUNDCALL\//);
  });
});
