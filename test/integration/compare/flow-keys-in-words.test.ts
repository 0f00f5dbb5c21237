import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { planChangeset } from '../../../electron/services/promotion/planner';
import { CHANGESET_FORMAT_VERSION, type Changeset } from '../../../shared/model/changeset';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

// Texts for people name a flow by its name and flow type, never by its scoped key
// (`INBOUNDCALL/Main Menu`); the ignore file and the changeset keep the key itself.
const KEY = 'INBOUNDCALL/Never Built';
const WORDS = 'flow "Never Built (inbound call)"';

let workspace: SandboxWorkspace;
let services: FerryServices;
let dir: string;

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-flow-words-',
    author: { name: 'Rita Reviewer', email: 'rita@example.test' },
    orgs: ['dev', 'uat'],
  });
  ({ services, dir } = workspace);
});
after(() => workspace.close());

function refusedInWords(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code);
    assert.ok(error.message.includes(WORDS), error.message);
    assert.ok(!error.message.includes(KEY), error.message);
    return true;
  };
}

describe('drift and picks name a flow in words', () => {
  it('ignoring and un-ignoring a flow commit and refuse in words', async () => {
    await services.drift.ignore('uat', 'architect.flow', KEY, 'built by hand in uat');
    assert.equal(
      nativeGit(dir, 'log', '-1', '--format=%s').trim(),
      `drift uat: ignore ${WORDS}: built by hand in uat`,
    );
    await services.drift.unignore('uat', 'architect.flow', KEY);
    assert.equal(nativeGit(dir, 'log', '-1', '--format=%s').trim(), `drift uat: stop ignoring ${WORDS}`);
    await assert.rejects(
      services.drift.unignore('uat', 'architect.flow', KEY),
      refusedInWords('drift.not-ignored'),
    );
  });

  it('reverting a flow that has not drifted is refused in words', async () => {
    await assert.rejects(services.drift.revert('uat', 'architect.flow', KEY), refusedInWords('drift.none'));
  });

  it('picking a flow on neither side of the compare is refused in words', async () => {
    await assert.rejects(
      services.authoring.resolvePicks({ a: 'dev', b: 'uat', picks: [{ type: 'architect.flow', key: KEY }] }),
      refusedInWords('request.invalid'),
    );
  });

  it('planning a changeset that requires a flow the target lacks is refused in words', async () => {
    const changeset: Changeset = {
      formatVersion: CHANGESET_FORMAT_VERSION,
      id: 'needs-a-flow',
      title: 'Needs a flow',
      description: '',
      ticket: '',
      author: 'Rita Reviewer',
      createdAt: '2026-12-07T01:00:00.000Z',
      operations: [],
      requires: [{ type: 'architect.flow', key: KEY }],
    };
    await assert.rejects(
      planChangeset(services.environments, changeset, 'uat', new Date()),
      (error: unknown) => {
        assert.ok(error instanceof FerryError, String(error));
        assert.match(error.message, /^Flow "Never Built \(inbound call\)" must already exist in uat/);
        return true;
      },
    );
  });
});
