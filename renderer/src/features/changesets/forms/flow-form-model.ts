import { isMap, LineCounter, parseDocument } from 'yaml';
import { parseFlowConfiguration } from '../../../../../shared/flows/flow-configuration-parse';
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

/**
 * The check's findings about one operation's configuration, each at its line: the line the
 * message names ("line 12"), else the first. Findings about other fields stay in Validation only.
 */
export function configurationFindings(
  findings: readonly CheckFinding[],
  operation: number,
  field: string,
): LineProblem[] {
  const inField = new RegExp(`(^|\\.)${field}(\\b|$)`);
  return findings
    .filter((finding) => finding.operation === operation && inField.test(finding.path))
    .map((finding) => {
      const line = /\bline (\d+)/i.exec(finding.message);
      const column = /\bcolumn (\d+)/i.exec(finding.message);
      return {
        line: line ? Number(line[1]) : 1,
        column: column ? Number(column[1]) : 1,
        message: finding.message,
        kind: 'dialect' as const,
      };
    });
}
