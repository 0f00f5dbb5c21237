import { Lexer, type Token, type Tokens } from 'marked';

/**
 * A change-control document read from the workspace, as a small tree React renders as HTML.
 *
 * The file is untrusted (anyone who can push controls it), so nothing in it becomes markup: the
 * Markdown is only lexed, and every token turns into plain data. Raw HTML is kept as visible text,
 * links keep their words but not their address, images their alt text. React escapes the rest.
 */

export type MarkdownInline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: MarkdownInline[] }
  | { kind: 'emphasis'; children: MarkdownInline[] }
  | { kind: 'deleted'; children: MarkdownInline[] }
  /** A link's words, or other inline tokens that stand together: no markup of their own. */
  | { kind: 'span'; children: MarkdownInline[] }
  | { kind: 'break' };

export type MarkdownBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MarkdownInline[] }
  | { kind: 'paragraph'; children: MarkdownInline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: MarkdownBlock[][] }
  | { kind: 'table'; head: MarkdownInline[][]; rows: MarkdownInline[][][] }
  | { kind: 'preformatted'; text: string }
  | { kind: 'quote'; children: MarkdownBlock[] }
  | { kind: 'rule' };

/** Far beyond any real document; a bigger file is shown cut rather than freezing the page. */
export const MAX_MARKDOWN_CHARS = 2_000_000;

export function parseMarkdownDocument(markdown: string): MarkdownBlock[] {
  const source =
    markdown.length > MAX_MARKDOWN_CHARS
      ? `${markdown.slice(0, MAX_MARKDOWN_CHARS)}\n\n(The document is cut here: it is longer than ${MAX_MARKDOWN_CHARS.toLocaleString('en')} characters.)`
      : markdown;
  return blocks(new Lexer({ gfm: true }).lex(source));
}

function blocks(tokens: readonly Token[]): MarkdownBlock[] {
  const out: MarkdownBlock[] = [];
  for (const token of tokens) {
    const block = blockOf(token);
    if (block) out.push(block);
  }
  return out;
}

function blockOf(token: Token): MarkdownBlock | null {
  switch (token.type) {
    case 'space':
      return null;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const level = Math.min(6, Math.max(1, heading.depth)) as 1 | 2 | 3 | 4 | 5 | 6;
      return { kind: 'heading', level, children: inlines(heading.tokens) };
    }
    case 'paragraph':
      return { kind: 'paragraph', children: inlines((token as Tokens.Paragraph).tokens) };
    case 'text': {
      // A tight list item's text: its inline tokens, or its words.
      const text = token as Tokens.Text;
      return { kind: 'paragraph', children: text.tokens ? inlines(text.tokens) : plain(text.text) };
    }
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' && Number.isFinite(list.start) ? list.start : 1;
      return {
        kind: 'list',
        ordered: list.ordered,
        start,
        items: list.items.map((item) => blocks(item.tokens)),
      };
    }
    case 'table': {
      const table = token as Tokens.Table;
      return {
        kind: 'table',
        head: table.header.map((cell) => inlines(cell.tokens)),
        rows: table.rows.map((row) => row.map((cell) => inlines(cell.tokens))),
      };
    }
    case 'code':
      return { kind: 'preformatted', text: (token as Tokens.Code).text };
    case 'blockquote':
      return { kind: 'quote', children: blocks((token as Tokens.Blockquote).tokens) };
    case 'hr':
      return { kind: 'rule' };
    default:
      // Raw HTML and anything unknown: shown as the text it is, never interpreted.
      return { kind: 'preformatted', text: textOf(token) };
  }
}

function inlines(tokens: readonly Token[] | undefined): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  for (const token of tokens ?? []) {
    const inline = inlineOf(token);
    const last = out[out.length - 1];
    // Neighbouring text (an escape splits a sentence into several tokens) reads better as one.
    if (inline.kind === 'text' && last?.kind === 'text') last.text += inline.text;
    else out.push(inline);
  }
  return out;
}

function inlineOf(token: Token): MarkdownInline {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? group(text.tokens) : plainText(text.text);
    }
    case 'escape':
      return plainText((token as Tokens.Escape).text, false);
    case 'codespan':
      return { kind: 'code', text: (token as Tokens.Codespan).text };
    case 'strong':
      return { kind: 'strong', children: inlines((token as Tokens.Strong).tokens) };
    case 'em':
      return { kind: 'emphasis', children: inlines((token as Tokens.Em).tokens) };
    case 'del':
      return { kind: 'deleted', children: inlines((token as Tokens.Del).tokens) };
    case 'br':
      return { kind: 'break' };
    case 'link':
      // The words, not the address: the app does not navigate, and a document must not make it try.
      return group((token as Tokens.Link).tokens);
    case 'image':
      return plainText((token as Tokens.Image).text);
    default:
      return plainText(textOf(token), false);
  }
}

/** Inline tokens that stand as one piece: flattened into text when they are only text. */
function group(tokens: readonly Token[]): MarkdownInline {
  const children = inlines(tokens);
  if (children.length === 1 && children[0]) return children[0];
  if (children.every((child) => child.kind === 'text'))
    return {
      kind: 'text',
      text: children.map((child) => (child.kind === 'text' ? child.text : '')).join(''),
    };
  return { kind: 'span', children };
}

function plain(text: string): MarkdownInline[] {
  return [plainText(text)];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text as it reads: the few entities Markdown writers use decoded (into text, never markup). */
function plainText(text: string, decode = true): MarkdownInline {
  if (!decode) return { kind: 'text', text };
  return {
    kind: 'text',
    text: text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    }),
  };
}

function textOf(token: Token): string {
  return 'text' in token && typeof token.text === 'string' ? token.text : token.raw;
}
