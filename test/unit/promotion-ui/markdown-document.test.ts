import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown, type ReportDocument } from '../../../shared/promotion/report-document';
import {
  parseMarkdownDocument,
  type MarkdownBlock,
  type MarkdownInline,
} from '../../../renderer/src/features/promotions/markdown-document';

/** The words of a tree as a reader sees them. */
function inlineText(inlines: readonly MarkdownInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
        case 'code':
          return inline.text;
        case 'break':
          return '\n';
        default:
          return inlineText(inline.children);
      }
    })
    .join('');
}

function kinds(tree: readonly MarkdownBlock[]): string[] {
  return tree.map((block) => block.kind);
}

const hostile = '<img src=x onerror=alert(1)> **not bold** [link](javascript:alert(1)) & `tick`';

const report: ReportDocument = {
  title: `Change control: ${hostile}`,
  subtitle: ['Promotion of ', { code: 'cs-1' }, ' to uat: ', { badge: 'succeeded', tone: 'good' }],
  sections: [
    {
      title: 'Changes',
      blocks: [
        { kind: 'heading', text: ['1. Create skill "Video"'] },
        {
          kind: 'table',
          head: ['Field', 'Before', 'After'],
          rows: [
            [[{ code: 'name' }], ['(absent)'], [{ code: '"a | b"' }]],
            [[{ code: 'description' }], [hostile], [{ strong: 'bold' }]],
          ],
        },
        { kind: 'list', items: [['first'], ['second']], ordered: true },
        { kind: 'preformatted', text: 'free text\n<script>alert(1)</script>' },
      ],
    },
  ],
};

describe('change-control Markdown as a tree for the page', () => {
  it('gives the report generator’s document back as headings, a table, a list and preformatted text', () => {
    const tree = parseMarkdownDocument(renderMarkdown(report));
    assert.deepEqual(kinds(tree), [
      'heading',
      'paragraph',
      'heading',
      'heading',
      'table',
      'list',
      'preformatted',
    ]);
    const [title, subtitle, section] = tree;
    assert.equal(title?.kind === 'heading' && title.level, 1);
    assert.equal(section?.kind === 'heading' && section.level, 2);
    // Every user-typed character reads as typed: escapes are undone, nothing became markup.
    assert.equal(title?.kind === 'heading' && inlineText(title.children), `Change control: ${hostile}`);
    assert.equal(
      subtitle?.kind === 'paragraph' && inlineText(subtitle.children),
      'Promotion of cs-1 to uat: succeeded',
    );
    assert.deepEqual(subtitle?.kind === 'paragraph' && subtitle.children.map((inline) => inline.kind), [
      'text',
      'code',
      'text',
      'strong',
    ]);
    const table = tree[4];
    assert.ok(table?.kind === 'table');
    assert.deepEqual(table.head.map(inlineText), ['Field', 'Before', 'After']);
    assert.deepEqual(
      table.rows.map((row) => row.map(inlineText)),
      [
        ['name', '(absent)', '"a | b"'],
        ['description', hostile, 'bold'],
      ],
    );
    const list = tree[5];
    assert.ok(list?.kind === 'list' && list.ordered);
    assert.equal(list.items.length, 2);
    const pre = tree[6];
    assert.deepEqual(pre, { kind: 'preformatted', text: 'free text\n<script>alert(1)</script>' });
  });

  it('keeps raw HTML of a hand-edited file as visible text, and links without their address', () => {
    const tree = parseMarkdownDocument(
      [
        '# Title',
        '',
        '<script>alert(1)</script>',
        '',
        'A <img src=x onerror=alert(1)> and [click](javascript:alert(1)) and ![alt words](http://x/y.png) &amp; &#60;b&#62; &bogus;',
      ].join('\n'),
    );
    assert.deepEqual(kinds(tree), ['heading', 'preformatted', 'paragraph']);
    assert.deepEqual(tree[1], { kind: 'preformatted', text: '<script>alert(1)</script>' });
    const paragraph = tree[2];
    assert.ok(paragraph?.kind === 'paragraph');
    assert.equal(
      inlineText(paragraph.children),
      'A <img src=x onerror=alert(1)> and click and alt words & <b> &bogus;',
    );
    const serialised = JSON.stringify(tree);
    assert.doesNotMatch(serialised, /"href"|http:\/\/x|"javascript:/, 'no address survives into the tree');
  });

  it('cuts a document too long to render and says so', () => {
    const tree = parseMarkdownDocument(`${'word '.repeat(500_000)}`);
    const last = tree[tree.length - 1];
    assert.ok(last?.kind === 'paragraph');
    assert.match(inlineText(last.children), /The document is cut here/);
  });
});
