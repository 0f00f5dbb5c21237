import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { materializeConfiguration, normalizeConfiguration } from '../../../shared/flows/flow-configuration';
import {
  parseFlowConfiguration,
  serializeFlowConfiguration,
} from '../../../shared/flows/flow-configuration-parse';

/*
 * Attack (issue 18): canonical text is quoted for YAML 1.1 readers, but Ferry reads it back as
 * YAML 1.2, where a few plain words that are text in 1.1 are numbers (`0o17`, 1.2's octal). A
 * changeset holding the text "0o17" was written unquoted, read back as 15, and the import file
 * sent to Genesys said 15 where the reviewed text said "0o17"; a key "0o17" made canonical text
 * Ferry itself refuses.
 */

const flow = { type: 'INBOUNDCALL', name: 'Main Menu' };
const source = { label: 'flow INBOUNDCALL/Main Menu' };

describe('attack: text that YAML 1.1 and 1.2 read differently', () => {
  for (const word of ['0o17', '0o0', '+0o7']) {
    it(`the text "${word}" survives canonical writing, re-reading and materialising`, () => {
      const text = ['inboundCall:', '  name: Main Menu', `  timeout: "${word}"`, `  "${word}": key`, ''].join(
        '\n',
      );
      const canonical = normalizeConfiguration(text, flow);
      const reread = parseFlowConfiguration(canonical, source) as { inboundCall: Record<string, unknown> };
      assert.equal(reread.inboundCall.timeout, word, canonical);
      assert.equal(reread.inboundCall[word], 'key', canonical);
      assert.equal(normalizeConfiguration(canonical, flow), canonical);
      const written = materializeConfiguration(canonical, flow, () => undefined).text;
      const sent = parseFlowConfiguration(written, source) as { inboundCall: Record<string, unknown> };
      assert.equal(sent.inboundCall.timeout, word, written);
    });
  }

  it('numbers stay numbers and plain words stay plain', () => {
    const text = serializeFlowConfiguration({ inboundCall: { name: 'Main Menu', count: 15, note: 'hello' } });
    assert.equal(text, 'inboundCall:\n  count: 15\n  name: Main Menu\n  note: hello\n');
  });
});
