import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldChange } from '../../../shared/diff/diff-types';
import {
  configurationShownAbove,
  shownAboveSentence,
} from '../../../renderer/src/features/compare/shown-above';

/*
 * Issue 18 point 2: under a flow's YAML diff, the field list must not repeat the configuration
 * as two cut-off escaped strings; it says in one line that the diff above shows it.
 */

function change(path: string, kind: FieldChange['kind'] = 'changed'): FieldChange {
  return { path, kind, before: 'inboundCall:\n  name: Main Menu\n', after: 'inboundCall:\n  name: Main\n' };
}

describe('a field the flow diff above shows, in the field list (issue 18)', () => {
  it("reads a flow's configuration change as one line pointing at the flow diff", () => {
    const shown = configurationShownAbove('architect.flow');
    assert.deepEqual(shown, { field: 'configuration', label: 'Configuration', where: 'the flow diff above' });
    assert.equal(
      shownAboveSentence(change('configuration'), shown),
      'Configuration changed — see the flow diff above',
    );
    assert.equal(
      shownAboveSentence(change('configuration', 'added'), shown),
      'Configuration added — see the flow diff above',
    );
  });

  it('leaves every other field, and types without such a section, to the usual sentence', () => {
    const shown = configurationShownAbove('architect.flow');
    assert.equal(shownAboveSentence(change('description'), shown), undefined);
    assert.equal(shownAboveSentence(change('configurationNotes'), shown), undefined);
    assert.equal(configurationShownAbove('routing.queue'), undefined);
    assert.equal(shownAboveSentence(change('configuration'), undefined), undefined);
  });
});
