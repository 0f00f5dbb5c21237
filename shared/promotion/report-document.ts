/**
 * A small document model rendered to both Markdown and HTML, so the two forms of a report say
 * exactly the same thing. Every piece of text is data: the renderers escape it, and nothing a user
 * typed (a title, a comment, a value) can become markup in either form.
 */

import { printableText } from '../parameters/printable-text';

export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

export type Inline = string | { code: string } | { strong: string } | { badge: string; tone: Tone };

export type Block =
  | { kind: 'paragraph'; text: Inline[] }
  | { kind: 'heading'; text: Inline[] }
  | { kind: 'facts'; rows: [string, Inline[]][] }
  | { kind: 'list'; items: Inline[][]; ordered?: boolean }
  | { kind: 'table'; head: string[]; rows: Inline[][][] }
  | { kind: 'preformatted'; text: string };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle: Inline[];
  sections: Section[];
}

/* ---- Markdown ------------------------------------------------------------------------------- */

// Backslash escapes are valid CommonMark for every ASCII punctuation character, so escaping more
// than strictly needed is harmless; `&` too, so `&lt;` stays literal text.
function markdownText(text: string): string {
  return printableText(text.replace(/\r\n?|\n/g, ' ')).replace(/[\\`*_[\]<>|&~#!]/g, '\\$&');
}

function markdownCode(text: string, inTable: boolean): string {
  let code = printableText(text.replace(/\r\n?|\n/g, ' '));
  if (inTable) code = code.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = code.startsWith('`') || code.endsWith('`') || code.trim() === '' ? ' ' : '';
  return `${fence}${padding}${code}${padding}${fence}`;
}

function markdownInline(parts: readonly Inline[], inTable = false): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return markdownText(part);
      if ('code' in part) return markdownCode(part.code, inTable);
      if ('strong' in part) return `**${markdownText(part.strong)}**`;
      return `**${markdownText(part.badge)}**`;
    })
    .join('');
}

function markdownBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return markdownInline(block.text);
    case 'heading':
      return `### ${markdownInline(block.text)}`;
    case 'facts':
      return block.rows
        .map(([label, value]) => `- **${markdownText(label)}:** ${markdownInline(value)}`)
        .join('\n');
    case 'list':
      return block.items
        .map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${markdownInline(item)}`)
        .join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
      return [
        row(block.head.map(markdownText)),
        row(block.head.map(() => '---')),
        ...block.rows.map((cells) => row(cells.map((cell) => markdownInline(cell, true) || ' '))),
      ].join('\n');
    }
    case 'preformatted': {
      const longestRun = Math.max(2, ...(block.text.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longestRun + 1);
      return `${fence}text\n${visibleLines(block.text)}\n${fence}`;
    }
  }
}

export function renderMarkdown(document: ReportDocument): string {
  const parts = [`# ${markdownText(document.title)}`, markdownInline(document.subtitle)];
  for (const section of document.sections) {
    parts.push(`## ${markdownText(section.title)}`);
    for (const block of section.blocks) parts.push(markdownBlock(block));
  }
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

/* ---- HTML ----------------------------------------------------------------------------------- */

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

/**
 * Text a reader sees, from anything someone typed (a title, a reason, a comment): control
 * characters and bidi overrides shown as `\uXXXX`, so a report printed in a terminal cannot run
 * escape sequences and a line cannot read backwards; newlines kept where the block keeps them.
 */
function visibleLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(printableText).join('\n');
}

function htmlText(text: string): string {
  return escapeHtml(printableText(text));
}

function htmlInline(parts: readonly Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return htmlText(part);
      if ('code' in part) return `<code>${htmlText(part.code)}</code>`;
      if ('strong' in part) return `<strong>${htmlText(part.strong)}</strong>`;
      return `<span class="badge ${part.tone}">${htmlText(part.badge)}</span>`;
    })
    .join('');
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${htmlInline(block.text)}</p>`;
    case 'heading':
      return `<h3>${htmlInline(block.text)}</h3>`;
    case 'facts':
      return `<table class="facts"><tbody>${block.rows
        .map(
          ([label, value]) => `<tr><th scope="row">${htmlText(label)}</th><td>${htmlInline(value)}</td></tr>`,
        )
        .join('')}</tbody></table>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${htmlInline(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return (
        `<table><thead><tr>${block.head.map((cell) => `<th scope="col">${htmlText(cell)}</th>`).join('')}</tr></thead>` +
        `<tbody>${block.rows
          .map((cells) => `<tr>${cells.map((cell) => `<td>${htmlInline(cell)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      );
    case 'preformatted':
      return `<pre>${escapeHtml(visibleLines(block.text))}</pre>`;
  }
}

// Inline so the file stands alone when mailed or archived; sized for A4 and Letter when printed.
const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.subtitle { color: #59636e; margin: 0 0 1.5rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #d1d9e0; padding-bottom: .2rem; margin: 2rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d1d9e0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
table.facts th { width: 11rem; font-weight: 600; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
code { overflow-wrap: anywhere; }
/* A row's first cell names it (a field, a gate): keep it whole so long values take the width. */
td:first-child code { overflow-wrap: normal; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; border: 1px solid #d1d9e0; padding: .6rem; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .7rem; border: 1px solid currentColor; font-weight: 600; font-size: .85em; }
.good { color: #1a7f37; } .bad { color: #cf222e; } .warn { color: #9a6700; } .neutral { color: #59636e; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  tr, pre, li { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

export function renderHtml(document: ReportDocument): string {
  const sections = document.sections
    .map(
      (section) =>
        `<section>\n<h2>${htmlText(section.title)}</h2>\n${section.blocks.map(htmlBlock).join('\n')}\n</section>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The document carries no script and loads nothing; the policy says so to any viewer that asks.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(document.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${htmlText(document.title)}</h1>`,
    `<p class="subtitle">${htmlInline(document.subtitle)}</p>`,
    sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
