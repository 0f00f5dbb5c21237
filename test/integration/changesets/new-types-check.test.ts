import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * `ferry changeset validate --target` (the editor's check) on the types issue 17 added, against
 * uat's latest snapshot of the sandbox: a DNIS number another IVR of uat keeps, and utilization
 * keyed by a label uat does not have.
 */

let sandbox: SandboxWorkspace;
let services: FerryServices;
let cli: SandboxWorkspace['cli'];

before(async () => {
  sandbox = await sandboxWorkspace({
    prefix: 'ferry-new-types-check-',
    author: { name: 'Ada Author', email: 'ada@example.test' },
    orgs: ['uat'],
  });
  ({ services, cli } = sandbox);
});
after(() => sandbox.close());

describe('changeset check against a target: IVR numbers and utilization labels', () => {
  it("an IVR taking a number uat's Main Line keeps is an error at that number; handing it over passes", async () => {
    const main = await services.authoring.targetObject('uat', 'architect.ivr', 'Main Line');
    assert.ok(main, 'uat has the seeded Main Line IVR');
    const numbers = main.dnis as string[];
    const taken = numbers[0] as string;
    const overflow = { ...main, name: 'Overflow Line', dnis: [taken] };
    const clash = await services.changesets.create({
      title: 'Overflow line',
      operations: [{ op: 'create', type: 'architect.ivr', key: 'Overflow Line', body: overflow }],
    });

    const result = await cli(['changeset', 'validate', clash.changeset.id, '--target', 'uat']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /operations\[0\]\.body\.dnis\[0\]/);
    assert.ok(
      result.stdout.includes(`${taken} (dnis) is held by ivr "Main Line" in the target's latest snapshot`),
      result.stdout,
    );
    assert.match(result.stdout, /hint: Take .* off ivr "Main Line"/);

    const handOver = await services.changesets.create({
      title: 'Overflow line takes the number over',
      operations: [
        { op: 'create', type: 'architect.ivr', key: 'Overflow Line', body: overflow },
        {
          op: 'update',
          type: 'architect.ivr',
          key: 'Main Line',
          changes: [{ path: 'dnis', before: numbers, after: numbers.slice(1) }],
        },
      ],
    });
    const check = await services.authoring.check({ id: handOver.changeset.id }, 'uat');
    assert.deepEqual(
      check.findings.filter((finding) => finding.code === 'unique-value-clash'),
      [],
    );
  });

  it('utilization keyed by a label uat lacks is a missing dependency; creating the label first passes', async () => {
    const labels = await services.authoring.catalog('uat');
    assert.ok(!(labels.keys['routing.utilizationlabel'] ?? []).includes('Escalations'));
    const addCapacity = {
      op: 'update' as const,
      type: 'routing.utilization',
      key: 'organization',
      changes: [{ path: 'labelUtilizations.Escalations', after: { maximumCapacity: 2 } }],
    };
    const missing = await services.changesets.create({
      title: 'Escalations capacity',
      operations: [addCapacity],
    });
    const check = await services.authoring.check({ id: missing.changeset.id }, 'uat');
    assert.equal(check.valid, false);
    assert.deepEqual(
      check.findings.map((finding) => [finding.code, finding.path]),
      [['unresolved-reference', 'operations[0].changes[0].after']],
    );
    assert.match(check.findings[0]?.message ?? '', /utilization label "Escalations"/);

    const withLabel = await services.changesets.create({
      title: 'Escalations label and capacity',
      operations: [
        addCapacity,
        {
          op: 'create',
          type: 'routing.utilizationlabel',
          key: 'Escalations',
          body: { name: 'Escalations' },
        },
      ],
    });
    const passing = await services.authoring.check({ id: withLabel.changeset.id }, 'uat');
    assert.deepEqual(passing.findings, []);
    assert.deepEqual(passing.order, [1, 0]);
  });
});
