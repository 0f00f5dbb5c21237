/**
 * JSON.parse for files that carry signatures. Plain `JSON.parse` keeps the last of two equal keys,
 * so a reader that looks at the first and a verifier that looks at the last would disagree about
 * the same bytes; and a `__proto__` key reaches the prototype the moment code copies the object.
 * Both are refused here, at any depth.
 */
export class StrictJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrictJsonError';
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  expectingKey: boolean;
}

export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StrictJsonError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  checkKeys(text);
  return value;
}

/**
 * Walks text that JSON.parse has already accepted, so it only has to tell keys from values and
 * never has to diagnose bad syntax. Keys are compared decoded: `"a"` and `"\u0061"` are the same.
 */
function checkKeys(text: string): void {
  const stack: Frame[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const top = stack[stack.length - 1];
    if (char === '"') {
      const end = stringEnd(text, index);
      if (top?.kind === 'object' && top.expectingKey) {
        const key = JSON.parse(text.slice(index, end)) as string;
        if (FORBIDDEN_KEYS.has(key)) throw new StrictJsonError(`the key "${key}" is not allowed`);
        if (top.keys.has(key)) throw new StrictJsonError(`the key "${key}" appears twice in one object`);
        top.keys.add(key);
        top.expectingKey = false;
      }
      index = end;
      continue;
    }
    if (char === '{') stack.push({ kind: 'object', keys: new Set(), expectingKey: true });
    else if (char === '[') stack.push({ kind: 'array', keys: new Set(), expectingKey: false });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',' && top?.kind === 'object') top.expectingKey = true;
    index += 1;
  }
}

/** The index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return index;
}
