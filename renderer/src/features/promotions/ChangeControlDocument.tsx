import { useMemo, type ReactNode } from 'react';
import { parseMarkdownDocument, type MarkdownBlock, type MarkdownInline } from './markdown-document';

/**
 * A change-control document rendered as HTML from its Markdown. The tree is built from the lexer's
 * tokens (markdown-document.ts) and rendered by React, which escapes every string: no HTML from the
 * file reaches the page. Headings start at `firstLevel`, so the document sits under the page's own.
 */
export function ChangeControlDocument({
  markdown,
  testId,
  label,
  firstLevel = 3,
}: {
  markdown: string;
  testId: string;
  label: string;
  firstLevel?: number;
}) {
  const tree = useMemo(() => parseMarkdownDocument(markdown), [markdown]);
  return (
    // Focusable so a keyboard can scroll it (it scrolls inside the page); labelled for that stop.
    <article className="change-control" data-testid={testId} aria-label={label} tabIndex={0}>
      {tree.map((block, index) => renderBlock(block, index, firstLevel - 1))}
    </article>
  );
}

function renderBlock(block: MarkdownBlock, key: number, shift: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, block.level + shift);
      const Heading = `h${level}` as 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
      return <Heading key={key}>{renderInlines(block.children)}</Heading>;
    }
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children)}</p>;
    case 'list': {
      const items = block.items.map((item, index) => <li key={index}>{renderListItem(item, shift)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table':
      return (
        <div key={key} className="change-control-table">
          <table>
            <thead>
              <tr>
                {block.head.map((cell, index) => (
                  <th key={index} scope="col">
                    {renderInlines(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, at) => (
                    <td key={at}>{renderInlines(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'preformatted':
      return <pre key={key}>{block.text}</pre>;
    case 'quote':
      return (
        <blockquote key={key}>{block.children.map((child, at) => renderBlock(child, at, shift))}</blockquote>
      );
    case 'rule':
      return <hr key={key} />;
  }
}

/** An item of one line reads inline, without a paragraph's margins; longer items keep their blocks. */
function renderListItem(item: readonly MarkdownBlock[], shift: number): ReactNode {
  const only = item.length === 1 ? item[0] : undefined;
  if (only?.kind === 'paragraph') return renderInlines(only.children);
  return item.map((child, at) => renderBlock(child, at, shift));
}

function renderInlines(inlines: readonly MarkdownInline[]): ReactNode[] {
  return inlines.map(renderInline);
}

function renderInline(inline: MarkdownInline, key: number): ReactNode {
  switch (inline.kind) {
    case 'text':
      return <span key={key}>{inline.text}</span>;
    case 'code':
      return <code key={key}>{inline.text}</code>;
    case 'strong':
      return <strong key={key}>{renderInlines(inline.children)}</strong>;
    case 'emphasis':
      return <em key={key}>{renderInlines(inline.children)}</em>;
    case 'deleted':
      return <del key={key}>{renderInlines(inline.children)}</del>;
    case 'span':
      return <span key={key}>{renderInlines(inline.children)}</span>;
    case 'break':
      return <br key={key} />;
  }
}
