import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_CLIENTS } from '../../../electron/sandbox';
import { keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import { provenanceOf } from '../../../shared/model/object-provenance';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

let workspace: SandboxWorkspace;

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-drift-provenance-',
    author: { name: 'Rita Reviewer', email: 'rita@example.test' },
  });
});
after(() => workspace.close());

describe('who changed a drifted object, and when', () => {
  it('reports modifiedBy and dateModified from the live read for each drifted object', async () => {
    const { services, dir } = workspace;
    const ids = JSON.parse(await readFile(join(dir, 'environments/prod/ids.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const codeId = ids['routing.wrapupcode']?.['Account Updated'];
    assert.ok(codeId);
    const api = await services.environments.connector('prod');
    const before = Date.now();
    await api.update('routing.wrapupcode', codeId, { name: 'Account Updated', description: 'by hand' });
    await api.create('routing.skill', { name: 'Hotfix Skill' });

    const drift = await services.drift.drift('prod');
    const code = drift.provenance.find((item) => item.key === 'Account Updated');
    assert.ok(code, 'the edited code has its who and when');
    // The sandbox records the OAuth client that wrote, as Genesys does for client apps.
    assert.equal(code.modifiedBy, DEMO_CLIENTS.prod.clientId);
    assert.ok(code.dateModified !== null && Date.parse(code.dateModified) >= before - 1000);
    const skill = drift.provenance.find((item) => item.key === 'Hotfix Skill');
    // Skills report when, not who.
    assert.deepEqual(
      { by: skill?.modifiedBy, dated: skill?.dateModified !== null },
      { by: null, dated: true },
    );
    assert.deepEqual(
      drift.provenance.map((item) => `${item.type} ${item.key}`).sort(),
      drift.result.objects.map((object) => `${object.type} ${object.key}`).sort(),
      'one entry per drifted object',
    );
    // Still nothing of it in the baseline: canonical form drops both fields.
    const stored = await readFile(
      join(dir, 'environments/prod/snapshot/routing.wrapupcode', keyToFileName('Account Updated')),
      'utf8',
    );
    assert.match(stored, /Account Updated/);
    assert.doesNotMatch(stored, /modifiedBy|dateModified/);
  });

  it('takes only bounded, printable text and real dates from the org', () => {
    assert.deepEqual(provenanceOf({ modifiedBy: 'a\u0000b\u001b[31m', dateModified: 'yesterday' }), {
      modifiedBy: 'ab[31m',
      dateModified: null,
    });
    assert.deepEqual(
      provenanceOf({
        modifiedBy: { id: 'u-1', name: 'Sam Admin' },
        dateModified: '2026-12-06T08:00:00.000Z',
      }),
      {
        modifiedBy: 'Sam Admin',
        dateModified: '2026-12-06T08:00:00.000Z',
      },
    );
    assert.equal(provenanceOf({ modifiedBy: 'x'.repeat(1000) }).modifiedBy?.length, 200);
    assert.deepEqual(provenanceOf({}), { modifiedBy: null, dateModified: null });
  });
});
