import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EditorEchoes } from '../../../renderer/src/components/editor-echoes';

/*
 * Issue 18 points 4 and 6: Ferry's Monaco editors (flow YAML, object JSON) get their own edits
 * back as the `text` prop a render late. Those echoes must never be put back over newer typing,
 * while a real change from elsewhere (undo, a restored draft) must still be shown.
 */

const jsonKey = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
};

describe('the echoes of an editor (issue 18)', () => {
  it('takes late echoes of fast typing for echoes, however late, and in order', () => {
    const echoes = new EditorEchoes();
    for (const text of ['a', 'ab', 'abc', 'abcd']) echoes.reported(text);
    // The caller hands back "ab" while the editor already holds "abcd": not a change from elsewhere.
    assert.equal(echoes.isEcho('ab'), true);
    assert.equal(echoes.isEcho('abcd'), true);
  });

  it('shows a change from elsewhere, even one the editor once reported, after its echoes settled', () => {
    const echoes = new EditorEchoes();
    echoes.reported('a');
    echoes.reported('ab');
    assert.equal(echoes.isEcho('a'), true);
    assert.equal(echoes.isEcho('ab'), true);
    // Undo in the changeset brings "a" back: that is news, and the editor must show it.
    assert.equal(echoes.isEcho('a'), false);
  });

  it('keeps the later reports of a text typed twice pending', () => {
    const echoes = new EditorEchoes();
    for (const text of ['x', 'xy', 'x']) echoes.reported(text);
    assert.equal(echoes.isEcho('x'), true);
    assert.equal(echoes.isEcho('xy'), true);
    assert.equal(echoes.isEcho('x'), true);
  });

  it('a JSON editor knows its echo when the draft writes the same value laid out its own way', () => {
    const echoes = new EditorEchoes(jsonKey);
    echoes.reported('{"title":"Balance"}');
    echoes.reported('{"title":"Balance in pence"}');
    assert.equal(echoes.isEcho('{\n  "title": "Balance"\n}'), true);
    assert.equal(echoes.same('{"a":1}', '{ "a": 1 }'), true);
    assert.equal(echoes.same('{"a":1}', '{ "a": 2 }'), false);
  });

  it('forgets its pending echoes when a change from elsewhere arrives', () => {
    const echoes = new EditorEchoes();
    echoes.reported('one');
    assert.equal(echoes.isEcho('restored'), false);
    assert.equal(echoes.isEcho('one'), false);
  });
});
