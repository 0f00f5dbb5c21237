import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import {
  canonicalizeConfiguration,
  describeMissingConfigurationReference,
  materializeConfiguration,
  normalizeConfiguration,
} from '../../../shared/flows/flow-configuration';
import { parseFlowConfiguration } from '../../../shared/flows/flow-configuration-parse';
import { mainMenuExport } from './flow-fixture';

const flow = { type: 'INBOUNDCALL', name: 'Main Menu' };

/** The dev org: ids to keys, as a snapshot's ids.json knows them. */
const devKeys: Record<string, string> = {
  'routing.queue:dev-q1': 'Billing',
  'flows.datatable:dev-t1': 'Holidays',
  'architect.flow:dev-f1': 'COMMONMODULE/Greeting',
};
const resolveName = (type: string, id: string) => devKeys[`${type}:${id}`];

describe('flow configuration: canonicalise and materialise', () => {
  it('canonicalising an export gives names, the current one after a rename, and no ids', () => {
    const result = canonicalizeConfiguration(
      mainMenuExport({ queue: 'dev-q1', table: 'dev-t1', subFlow: 'dev-f1' }),
      flow,
      resolveName,
    );
    assert.deepEqual(result.unresolved, []);
    assert.doesNotMatch(result.text, /\bid:/);
    // The export wrote "Billing (old name)" beside the id; the org calls that queue "Billing" now.
    assert.match(result.text, /queue:\n\s+lit:\n\s+name: Billing\n/);
    assert.match(result.text, /flow:\n\s+lit:\n\s+name: Greeting\n\s+type: COMMONMODULE\n/);
    // Canonical: the same text again gives itself.
    assert.equal(normalizeConfiguration(result.text, flow), result.text);
  });

  it('reports an id the source org does not know, keeping the name written beside it', () => {
    const result = canonicalizeConfiguration(
      mainMenuExport({ queue: 'dev-q1', table: 'gone', subFlow: 'dev-f1' }),
      flow,
      resolveName,
    );
    assert.deepEqual(result.unresolved, [
      {
        path: 'configuration: inboundCall.menus[0].menu.choices[1].menuTask.actions[0].dataTableLookup.dataTable.lit',
        refType: 'flows.datatable',
        id: 'gone',
        name: 'Holidays',
      },
    ]);
    assert.match(result.text, /dataTable:\n\s+lit:\n\s+name: Holidays\n/);
  });

  it("materialising gives each name the target's id; a name the target lacks is reported, named", () => {
    const canonical = canonicalizeConfiguration(
      mainMenuExport({ queue: 'dev-q1', table: 'dev-t1', subFlow: 'dev-f1' }),
      flow,
      resolveName,
    ).text;
    const uat: Record<string, string> = {
      'routing.queue:Billing': 'uat-q9',
      'architect.flow:COMMONMODULE/Greeting': 'uat-f9',
    };
    const result = materializeConfiguration(canonical, flow, (type, key) => uat[`${type}:${key}`]);
    const value = parseFlowConfiguration(result.text, { label: 'test' }) as {
      inboundCall: { menus: { menu: { choices: Record<string, Record<string, unknown>>[] } }[] };
    };
    const choices = value.inboundCall.menus[0]?.menu.choices ?? [];
    assert.deepEqual(choices[0]?.menuTransferToAcd?.queue, { lit: { id: 'uat-q9', name: 'Billing' } });
    assert.equal(result.unresolved.length, 1);
    assert.deepEqual(
      { refType: result.unresolved[0]?.refType, name: result.unresolved[0]?.name },
      { refType: 'flows.datatable', name: 'Holidays' },
    );
    assert.equal(
      describeMissingConfigurationReference(
        flow,
        result.unresolved[0] ?? { refType: 'flows.datatable' },
        'uat',
      ),
      'flow INBOUNDCALL/Main Menu refers to data table "Holidays", which uat does not have',
    );
  });

  it("refuses a configuration whose type key or name is not the flow's", () => {
    const text = 'inQueueCall:\n  name: Main Menu\n';
    assert.throws(
      () => normalizeConfiguration(text, flow),
      (error: unknown) =>
        isFerryError(error) &&
        /is a inQueueCall flow, but the flow's type is INBOUNDCALL/.test(error.message),
    );
    assert.throws(
      () => normalizeConfiguration('inboundCall:\n  name: Other\n', flow),
      (error: unknown) =>
        isFerryError(error) && /names the flow "Other", but the flow is "Main Menu"/.test(error.message),
    );
  });
});

describe('flow configuration in a changeset body', () => {
  it('a configuration the parser refuses is an issue at the field, naming the line', () => {
    const issues = checkCanonicalObject('architect.flow', {
      name: 'Main Menu',
      type: 'INBOUNDCALL',
      configuration: 'inboundCall:\n  name: Main Menu\n  name: Other\n',
    });
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['configuration'],
    );
    assert.match(issues[0]?.message ?? '', /line 3: a key appears twice/);
    assert.deepEqual(
      checkCanonicalObject('architect.flow', {
        name: 'Main Menu',
        type: 'INBOUNDCALL',
        configuration: 'inboundCall:\n  name: Main Menu\n',
      }),
      [],
    );
  });
});
