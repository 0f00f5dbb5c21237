import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import {
  parseFlowConfiguration,
  serializeFlowConfiguration,
} from '../../../../../shared/flows/flow-configuration-parse';
import { isJsonObject, type JsonObject } from '../../../../../shared/model/canonical/json-value';
import {
  configurationReferences,
  formatConfigurationPath,
} from '../../../../../shared/flows/flow-configuration-references';
import { ARCHY_FLOW_TYPE_KEYS, LITERAL_KEY, REFERENCE_KEYS } from '../../../../../shared/flows/flow-dialect';
import { REFERENCE_TYPE_WORDS } from '../../../../../shared/flows/flow-references-diff';
import { flowTypeWords } from '../../../../../shared/flows/object-key-words';

/**
 * What the flow editor checks as a person types, each at its line: text that is not YAML (which
 * the draft cannot take: it stays as typed and blocks Save, as JSON that does not parse does), and
 * the dialect's first rules, which the changeset check then confirms (one top-level key, the
 * flow's type as Archy spells it; a top-level `name` equal to the flow's name).
 */

export interface LineProblem {
  /** From 1. */
  line: number;
  column: number;
  message: string;
  /** `syntax`: not YAML, the draft cannot take it; `dialect`: YAML, but not the flow it edits. */
  kind: 'syntax' | 'dialect';
  /** A check's warning (a reference the target may still have) is not an error. */
  severity?: 'error' | 'warning';
}

export function checkFlowText(
  text: string,
  flow: { name: string | undefined; type: string | undefined },
): LineProblem[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (document.errors.length > 0) {
    return document.errors.map((error) => {
      const at = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
      return {
        line: at.line,
        column: at.col,
        message: firstLine(error.message),
        kind: 'syntax',
      };
    });
  }
  // YAML the dialect refuses (anchors, aliases, tags, `__proto__`, several documents) is not taken either.
  const strict = strictProblem(text);
  if (strict !== undefined) return [strict];
  const position = (offset: number | undefined) => lines.linePos(offset ?? 0);
  const problems: LineProblem[] = [];
  const add = (offset: number | undefined, message: string) => {
    const at = position(offset);
    problems.push({ line: at.line, column: at.col, message, kind: 'dialect' });
  };
  const root = document.contents;
  if (!isMap(root) || root.items.length !== 1) {
    add(root?.range?.[0], 'A flow has one top-level key, its type as Archy spells it (inboundCall: …).');
    return problems;
  }
  const [entry] = root.items;
  const keyNode = entry?.key as { value?: unknown; range?: [number, number, number] } | undefined;
  const expected = flow.type === undefined ? undefined : ARCHY_FLOW_TYPE_KEYS[flow.type];
  if (expected !== undefined && keyNode?.value !== expected) {
    add(
      keyNode?.range?.[0],
      `The top-level key must be ${expected}, the type of this flow (${String(flow.type)}).`,
    );
  }
  const body = entry?.value;
  if (!isMap(body)) {
    add(keyNode?.range?.[0], 'The flow type key must hold a mapping: name, menus, tasks…');
    return problems;
  }
  const nameNode = body.get('name', true);
  const name = nameNode?.toJSON() as unknown;
  if (flow.name !== undefined && name !== flow.name) {
    add(
      (nameNode?.range ?? body.range)?.[0],
      `The configuration's name must be the flow's name, ${JSON.stringify(flow.name)}${
        typeof name === 'string' ? `, not ${JSON.stringify(name)}` : ''
      }.`,
    );
  }
  return problems;
}

const SOURCE = { label: 'this flow' };

function strictProblem(text: string): LineProblem | undefined {
  try {
    parseFlowConfiguration(text, SOURCE);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'is not accepted';
    const problem = message.replace(/^The configuration of this flow /, '');
    const line = /^line (\d+): /.exec(problem);
    return {
      line: line ? Number(line[1]) : 1,
      column: 1,
      message: line ? problem.slice(line[0].length) : problem,
      kind: 'syntax',
    };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The sentence for Validation and Save: where the first syntax problem is, and what it is. */
export function syntaxProblemMessage(problems: readonly LineProblem[]): string | null {
  const syntax = problems.filter((problem) => problem.kind === 'syntax');
  const [first] = syntax;
  if (first === undefined) return null;
  const more = syntax.length > 1 ? ` (and ${syntax.length - 1} more)` : '';
  return `The configuration is not valid YAML at line ${first.line}: ${first.message}${more}`;
}

/**
 * Why the draft cannot take the text, for Validation and Save, or null when it can: text that is
 * not YAML, and YAML whose top-level key or name contradicts the flow it edits (the draft keeps
 * flows whose text is their own, so such text would be lost without a word).
 */
export function draftProblemMessage(problems: readonly LineProblem[]): string | null {
  const syntax = syntaxProblemMessage(problems);
  if (syntax !== null) return syntax;
  const [first] = problems.filter((problem) => problem.kind === 'dialect');
  return first === undefined
    ? null
    : `The configuration does not fit this flow at line ${first.line}: ${first.message}`;
}

/**
 * The configuration after the flow itself is renamed or given another type in the form: its
 * top-level key and name follow, so the two still agree. Undefined when the text does not agree
 * with the flow as it was (then the person's text is left for them to fix) or is not YAML.
 */
export function configurationForIdentity(
  text: string,
  was: { name: string | undefined; type: string | undefined },
  now: { name: string | undefined; type: string | undefined },
): string | undefined {
  if (checkFlowText(text, was).length > 0) return undefined;
  const value = parseFlowConfiguration(text, SOURCE);
  const [entry] = Object.entries(value);
  if (entry === undefined || !isJsonObject(entry[1])) return undefined;
  const key = (now.type === undefined ? undefined : ARCHY_FLOW_TYPE_KEYS[now.type]) ?? entry[0];
  const flow: JsonObject = { ...entry[1], ...(now.name === undefined ? {} : { name: now.name }) };
  // Written as Ferry writes every configuration (keys sorted): the text the draft will hold anyway.
  return serializeFlowConfiguration({ [key]: flow });
}

/** A finding of the changeset check, as the editor needs it. */
export interface CheckFinding {
  severity: string;
  operation: number | null;
  path: string;
  message: string;
}

/** Where the configuration sits in the operation: a create's body, or the update's change of it. */
export interface ConfigurationPlace {
  field: string;
  /** The update's change whose path is the field, when the operation is an update. */
  changeIndex?: number;
  /** The text in the editor, to find the line a finding's configuration path or name points at. */
  text?: string;
}

/**
 * The check's findings about one operation's configuration, each at its line: the line the
 * message names ("line 12"); else the line of the configuration path the finding's path ends with
 * (`…configuration: inboundCall.menus[0]…queue`); else, for a reference, the lines where the
 * configuration names the object the message quotes; else the first. An update's findings sit at
 * `operations[i].changes[k].after`, the change that writes the configuration. Findings about
 * other fields stay in Validation only.
 */
export function configurationFindings(
  findings: readonly CheckFinding[],
  operation: number,
  place: string | ConfigurationPlace,
): LineProblem[] {
  const { field, changeIndex, text } = typeof place === 'string' ? { field: place } : place;
  const inField = new RegExp(`(^|\\.)${field}(\\b|$)`);
  const change =
    changeIndex === undefined ? undefined : `operations[${operation}].changes[${changeIndex}].after`;
  const located = text === undefined ? undefined : locator(text);
  return findings
    .filter(
      (finding) =>
        finding.operation === operation &&
        (inField.test(finding.path) || (change !== undefined && isAt(finding.path, change))),
    )
    .flatMap((finding) => {
      const line = /\bline (\d+)/i.exec(finding.message);
      const column = /\bcolumn (\d+)/i.exec(finding.message);
      const at = (position: { line: number; column: number }) => ({
        ...position,
        message: finding.message,
        kind: 'dialect' as const,
        severity: finding.severity === 'error' ? ('error' as const) : ('warning' as const),
      });
      if (line) return [at({ line: Number(line[1]), column: column ? Number(column[1]) : 1 })];
      const inner = /: (.+)$/.exec(finding.path)?.[1];
      const byPath = inner === undefined ? undefined : located?.path(inner);
      if (byPath !== undefined) return [at(byPath)];
      const named = /"([^"]+)"/g;
      const names = [...finding.message.matchAll(named)].map((match) => match[1] as string);
      const byName = located?.references(names) ?? [];
      return byName.length > 0 ? byName.map(at) : [at({ line: 1, column: 1 })];
    });
}

function isAt(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}:`) || path.startsWith(`${base}.`);
}

/** Lines in the text: of a configuration path, and of the references naming some objects. */
function locator(text: string) {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const broken = document.errors.length > 0;
  const position = (offset: number) => {
    const at = lines.linePos(offset);
    return { line: at.line, column: at.col };
  };
  /** The key's line for `a.b[0].c`: where a person reads the entry, not its value below. */
  const path = (dotted: string): { line: number; column: number } | undefined => {
    if (broken) return undefined;
    const segments = [...dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
      match[2] !== undefined ? Number(match[2]) : (match[1] as string),
    );
    const last = segments.at(-1);
    if (last === undefined) return undefined;
    const parent = segments.length === 1 ? document.contents : document.getIn(segments.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      const start = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
      return start === undefined ? undefined : position(start);
    }
    const node = document.getIn(segments, true) as { range?: [number, number, number] } | undefined;
    return node?.range === undefined ? undefined : position(node.range[0]);
  };
  const references = (names: readonly string[]): { line: number; column: number }[] => {
    if (broken || names.length === 0) return [];
    let parsed;
    try {
      parsed = parseFlowConfiguration(text, SOURCE);
    } catch {
      return [];
    }
    return configurationReferences(parsed)
      .filter((reference) => reference.name !== undefined && names.includes(reference.name))
      .flatMap((reference) => {
        const found = path(formatConfigurationPath(reference.path));
        return found === undefined ? [] : [found];
      });
  };
  return { path, references };
}

/** What the flow editor offers at the cursor (Ctrl+Space, or typing after `name: `). */
export interface FlowCompletion {
  label: string;
  /** Text put in place of what is typed from `from` to the end of the line; `$0` marks the cursor. */
  insertText: string;
  detail: string;
  kind: 'name' | 'key';
  /** 1-based column where the replaced text starts. */
  from: number;
}

/** Archy's own reference keys, besides the dialect's, and the type each names. */
const ARCHY_REFERENCE_KEYS: Readonly<Record<string, string>> = {
  targetQueue: 'routing.queue',
};

/** "queue", "flow (common module)": what a suggested name is. */
function nameDetail(type: string, key: string): { name: string; detail: string } {
  const words = REFERENCE_TYPE_WORDS[type] ?? type;
  if (type !== 'architect.flow') return { name: key, detail: `${words} in the target` };
  const slash = key.indexOf('/');
  if (slash < 0) return { name: key, detail: `flow in the target` };
  return { name: key.slice(slash + 1), detail: `flow (${flowTypeWords(key.slice(0, slash))}) in the target` };
}

/**
 * Ferry's dialect has no published schema (Archy validates its own), so the editor offers what it
 * knows: after `name: ` under `<reference key>: {lit: …}` the names of that type in the target's
 * snapshot and the changeset (a queue, a data table, a flow…); where a key is being typed, the
 * reference keys as a whole `lit` block, and on the first line the flow type's key. Read from the
 * lines, so it works while the text is not YAML yet.
 */
export function flowCompletions(
  text: string,
  position: { line: number; column: number },
  flow: { type: string | undefined },
  catalog: (type: string) => readonly string[],
): FlowCompletion[] {
  const lines = text.split(/\r?\n/);
  const current = lines[position.line - 1] ?? '';
  const typed = current.slice(0, Math.max(position.column - 1, 0));
  const indentOf = (line: string) => /^\s*/.exec(line)?.[0].length ?? 0;
  /** The nearest line above `index` indented less than `indent`, skipping blank lines. */
  const parentOf = (index: number, indent: number): { index: number; text: string } | undefined => {
    for (let at = index - 1; at >= 0; at -= 1) {
      const line = lines[at] ?? '';
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      if (indentOf(line) < indent) return { index: at, text: line.trim() };
    }
    return undefined;
  };

  const nameValue = /^(\s*)name:\s*/.exec(typed);
  if (nameValue) {
    const from = nameValue[0].length + 1;
    const holder = parentOf(position.line - 1, nameValue[1]?.length ?? 0);
    let type: string | undefined;
    if (holder?.text === `${LITERAL_KEY}:`) {
      const key = parentOf(holder.index, indentOf(lines[holder.index] ?? ''))?.text.replace(/:$/, '');
      type = key === undefined ? undefined : (REFERENCE_KEYS[key] ?? ARCHY_REFERENCE_KEYS[key]);
    } else if (holder?.text === 'targetFlow:') {
      type = 'architect.flow';
    }
    if (type === undefined) return [];
    return catalog(type).map((key) => {
      const { name, detail } = nameDetail(type, key);
      return { label: name, insertText: yamlScalar(name), detail, kind: 'name' as const, from };
    });
  }

  const keyBeing = /^(\s*)(?:- )?([A-Za-z]*)$/.exec(typed);
  if (!keyBeing) return [];
  const from = typed.length - (keyBeing[2]?.length ?? 0) + 1;
  if (position.line === 1 && (keyBeing[1]?.length ?? 0) === 0) {
    const key = flow.type === undefined ? undefined : ARCHY_FLOW_TYPE_KEYS[flow.type];
    return key === undefined
      ? []
      : [{ label: key, insertText: `${key}:\n  name: $0`, detail: 'the flow type', kind: 'key', from }];
  }
  return Object.entries(REFERENCE_KEYS).map(([key, type]) => ({
    label: key,
    insertText:
      type === 'architect.flow'
        ? `${key}:\n  ${LITERAL_KEY}:\n    name: $0\n    type: `
        : `${key}:\n  ${LITERAL_KEY}:\n    name: $0`,
    detail: `a ${REFERENCE_TYPE_WORDS[type] ?? type}, by name`,
    kind: 'key' as const,
    from,
  }));
}

/** A name as YAML writes it: plain when it reads back as the same text, else double-quoted. */
function yamlScalar(name: string): string {
  const plain = /^[A-Za-z][A-Za-z0-9 _().,&'/-]*$/.test(name) && !/(: | #|\s$)/.test(name);
  const keyword = /^(true|false|yes|no|on|off|null|y|n)$/i.test(name);
  return plain && !keyword ? name : JSON.stringify(name);
}
