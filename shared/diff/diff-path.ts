/**
 * A location inside an object as the diff walks it: field names and array indices. The index
 * `EVERY_ELEMENT` stands for "an element of this set", where a position means nothing.
 */
export type PathSegment = string | number;

export const EVERY_ELEMENT = -1;

// Field names that would read as path syntax are written as quoted JSON strings: data table rows
// and column names are free text.
const PLAIN_FIELD = /^[^.[\]"]+$/;

/** `['bullseye', 'rings', 1, 'actions']` → `bullseye.rings[1].actions`. */
export function formatDiffPath(segments: readonly PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += segment === EVERY_ELEMENT ? '[]' : `[${segment}]`;
    else if (!PLAIN_FIELD.test(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** A path segment as written, before `*` and `**` are given a meaning. */
export type PathToken =
  { kind: 'field'; name: string } | { kind: 'index'; index: number } | { kind: 'every' };

/** Reads what `formatDiffPath` writes (and the `[]` of field paths); throws on anything else. */
export function tokenizeDiffPath(path: string): PathToken[] {
  const tokens: PathToken[] = [];
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`bad path "${path}" at ${at}: ${why}`);
  };
  while (at < path.length) {
    if (path[at] === '[') {
      const close = path[at + 1] === '"' ? closingQuote(path, at + 1) + 1 : path.indexOf(']', at);
      if (close <= at || path[close] !== ']') fail('unclosed [');
      const inside = path.slice(at + 1, close);
      if (inside === '') tokens.push({ kind: 'every' });
      else if (/^\d+$/.test(inside)) tokens.push({ kind: 'index', index: Number(inside) });
      else if (inside.startsWith('"')) tokens.push({ kind: 'field', name: parseQuoted(inside, fail) });
      else fail('expected [], [n] or ["name"]');
      at = close + 1;
      continue;
    }
    if (tokens.length > 0) {
      if (path[at] !== '.') fail('expected . or [');
      at += 1;
    }
    let end = at;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
    if (end === at) fail('empty field name');
    tokens.push({ kind: 'field', name: path.slice(at, end) });
    at = end;
  }
  if (tokens.length === 0) fail('empty path');
  return tokens;
}

function closingQuote(path: string, open: number): number {
  for (let at = open + 1; at < path.length; at += 1) {
    if (path[at] === '\\') at += 1;
    else if (path[at] === '"') return at;
  }
  return -1;
}

function parseQuoted(text: string, fail: (why: string) => never): string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string') return value;
  } catch {
    // Reported below with the position.
  }
  return fail('bad quoted name');
}

/** The segments of a concrete path, e.g. a change's `path`; `[]` reads as `EVERY_ELEMENT`. */
export function parseDiffPath(path: string): PathSegment[] {
  return tokenizeDiffPath(path).map((token) =>
    token.kind === 'field' ? token.name : token.kind === 'index' ? token.index : EVERY_ELEMENT,
  );
}
