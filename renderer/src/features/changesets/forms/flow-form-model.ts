import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { parseFlowConfiguration } from '../../../../../shared/flows/flow-configuration-parse';
import {
  configurationReferences,
  formatConfigurationPath,
} from '../../../../../shared/flows/flow-configuration-references';
import { ARCHY_FLOW_TYPE_KEYS } from '../../../../../shared/flows/flow-dialect';

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
