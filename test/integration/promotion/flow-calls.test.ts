import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { PlanStep } from '../../../shared/model/plan';
import {
  flowCalls,
  parsePublishPath,
  publishPath,
  type FlowCallsInput,
} from '../../../shared/promotion/engine/flow-calls';
import { isRepublishOf, withFlowRepublish } from '../../../electron/services/promotion/flow-rollback';
import { resolveFlowImportBody } from '../../../electron/services/promotion/flow-placeholders';
import { idPlaceholder } from '../../../shared/promotion/engine/id-placeholder';

const TEXT = 'inboundCall:\n  name: Main Menu\n';

function flow(configuration: string, extra: JsonObject = {}): JsonObject {
  return { name: 'Main Menu', type: 'INBOUNDCALL', configuration, ...extra };
}

function input(overrides: Partial<FlowCallsInput>): FlowCallsInput {
  return {
    key: 'INBOUNDCALL/Main Menu',
    id: 'flow-1',
    current: flow(TEXT, { publishedVersion: { id: '3.0' } }),
    desired: flow(`${TEXT}  description: new\n`),
    resolveId: () => undefined,
    materializeConfiguration: (text) => ({ text: `${text}# for the target\n`, unresolved: [] }),
    ...overrides,
  };
}

describe('a flow step’s calls (issue 18)', () => {
  it('updates through an import of the materialised file, then a publish', () => {
    const outcome = flowCalls(input({}));
    assert.equal(outcome.kind, 'calls');
    assert.deepEqual(outcome.kind === 'calls' ? outcome.calls : [], [
      {
        method: 'POST',
        path: '/api/v2/flows/jobs',
        body: {
          flow: { name: 'Main Menu', type: 'INBOUNDCALL', id: 'flow-1' },
          configuration: `${TEXT}  description: new\n# for the target\n`,
        },
      },
      { method: 'POST', path: '/api/v2/flows/actions/publish?flow=flow-1' },
    ]);
  });

  it('creates with the id the import will give, deletes by id, and writes nothing for the same flow', () => {
    const created = flowCalls(input({ id: null, current: null }));
    assert.ok(created.kind === 'calls');
    assert.equal(
      created.calls[1]?.path,
      `/api/v2/flows/actions/publish?flow=${idPlaceholder('architect.flow', 'INBOUNDCALL/Main Menu')}`,
    );
    assert.deepEqual(flowCalls(input({ desired: null })), {
      kind: 'calls',
      calls: [{ method: 'DELETE', path: '/api/v2/flows/flow-1' }],
    });
    // Status differs (published version, who had it), the flow does not: nothing to write.
    assert.deepEqual(flowCalls(input({ desired: flow(TEXT, { publishedVersion: { id: '9.0' } }) })), {
      kind: 'calls',
      calls: [],
    });
    // The same flow imported but never published (a publish cut off): only the publish is owed.
    assert.deepEqual(flowCalls(input({ current: flow(TEXT), desired: flow(TEXT) })), {
      kind: 'calls',
      calls: [{ method: 'POST', path: '/api/v2/flows/actions/publish?flow=flow-1' }],
    });
  });

  it('blocks a flow checked out in the target, and one whose references the target lacks', () => {
    const locked = flowCalls(input({ current: flow(TEXT, { lockedUser: { name: 'Ana Ortiz' } }) }));
    assert.equal(locked.kind, 'blocked');
    assert.match(locked.kind === 'blocked' ? locked.reason : '', /checked out by Ana Ortiz in the target/);
    const missing = flowCalls(
      input({
        materializeConfiguration: (text) => ({
          text,
          unresolved: [
            { refType: 'flows.datatable', name: 'Holidays', path: 'configuration: inboundCall.x' },
          ],
        }),
      }),
    );
    assert.equal(missing.kind, 'blocked');
    assert.match(
      missing.kind === 'blocked' ? missing.reason : '',
      /the data table "Holidays" \(at configuration: inboundCall\.x\)/,
    );
  });

  it('rolls an update back by republishing the version published before, and only that', () => {
    const step: PlanStep = {
      index: 0,
      operation: 0,
      action: 'update',
      type: 'architect.flow',
      key: 'INBOUNDCALL/Main Menu',
      id: 'flow-1',
      level: 0,
      calls: [{ method: 'POST', path: '/api/v2/flows/jobs', body: {} }],
      current: null,
      expected: null,
    };
    const [republish] = withFlowRepublish([step], () => ({ flow: 'flow-1', version: '3.0' }));
    assert.deepEqual(republish?.calls, [
      { method: 'POST', path: '/api/v2/flows/actions/publish?flow=flow-1&version=3.0' },
    ]);
    assert.ok(republish !== undefined && isRepublishOf(republish, 'flow-1'));
    assert.equal(isRepublishOf(republish as PlanStep, 'flow-2'), false, 'another flow is not this step’s');
    assert.deepEqual(
      withFlowRepublish([step], () => ({ flow: 'flow-0', version: '3.0' })),
      [step],
      'a version of another flow (deleted and made again under this name) is not republished here',
    );
    assert.deepEqual(
      withFlowRepublish([step], () => null),
      [step],
      'never published: imported back',
    );
    assert.deepEqual(parsePublishPath(publishPath('a b', '1.0')), { flow: 'a b', version: '1.0' });
    assert.equal(parsePublishPath('/api/v2/flows/actions/publish?flow=x&other=1'), null);
  });

  it('puts the id of an object the run created into the configuration text before the import', () => {
    const placeholder = idPlaceholder('routing.queue', 'Video "Support"');
    const body = resolveFlowImportBody(
      {
        flow: { name: 'Main Menu', type: 'INBOUNDCALL' },
        configuration: `inboundCall:\n  name: Main Menu\n  queue:\n    lit:\n      name: Video "Support"\n      id: '${placeholder}'\n`,
      },
      (type, key) => (type === 'routing.queue' && key === 'Video "Support"' ? 'queue-42' : undefined),
    ) as { configuration: string };
    assert.match(body.configuration, /id: 'queue-42'\n/);
    assert.doesNotMatch(body.configuration, /\{id of /);
  });
});
