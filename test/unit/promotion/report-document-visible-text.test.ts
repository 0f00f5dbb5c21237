import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml, renderMarkdown, type ReportDocument } from '../../../shared/promotion/report-document';

/**
 * A report is read in a terminal (`cat change-control.md`), a browser and a PDF: text someone typed
 * (a title, an override reason, a comment) must not run escape sequences or read backwards there.
 */
const typed = 'Fix \u001b[2J\u001b[31mred\u0007 and \u202eevil\u202c done';
const document: ReportDocument = {
  title: typed,
  subtitle: [typed],
  sections: [
    {
      title: typed,
      blocks: [
        { kind: 'paragraph', text: [typed, { code: typed }, { strong: typed }] },
        { kind: 'facts', rows: [[typed, [typed]]] },
        { kind: 'table', head: [typed], rows: [[[typed]]] },
        { kind: 'preformatted', text: `first line\n${typed}` },
      ],
    },
  ],
};

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('report documents show typed control characters as text', () => {
  it('Markdown carries no control or bidi character, and says \\u001b where one was', () => {
    const markdown = renderMarkdown(document);
    assert.doesNotMatch(markdown, hidden);
    assert.match(markdown, /u001b/);
    assert.match(markdown, /u202e/);
    assert.match(markdown, /first line\n/, 'a preformatted block keeps its lines');
  });

  it('HTML carries no control or bidi character either', () => {
    const html = renderHtml(document);
    assert.doesNotMatch(html, hidden);
    assert.match(html, /\\u202eevil/);
  });
});
