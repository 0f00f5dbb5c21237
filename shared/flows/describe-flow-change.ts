import {
  describeReference,
  mappingOf,
  namedReferenceAt,
  readFlowConfiguration,
  type FlowNode,
  type FlowReference,
} from './flow-references-diff';

/**
 * What changed between two versions of a flow, in sentences a person reads before promoting it:
 * "Main menu: option 3 "Sales" added, transferring to queue Sales". Only what can be said with
 * confidence is said; every other difference is counted in one honest closing sentence ("3 other
 * changes in the configuration"), so the summary never hides that the text diff holds more.
 *
 * How it reads a flow: every list item of the form `<action>: {…}` (a menu, a choice, a task, an
 * action) is an element; elements are paired across the two sides by their place and their
 * identity (a choice by its key, `digit_3`; else by `refId`, else by `name`), so an option added
 * in the middle of a menu does not make every later option look changed.
 */

export interface FlowChangeSummary {
  /** Sentences in the order the flow has the elements, the count of the rest last. */
  sentences: string[];
  /** Differences no sentence names (counted in the last sentence when there are any). */
  otherChanges: number;
  /** False when a side is not readable as the dialect: then the one sentence says so. */
  readable: boolean;
}

/** Summary of the change from `before` to `after` (canonical texts); nothing when either is absent. */
export function describeFlowChange(before: string | null, after: string | null): FlowChangeSummary {
  if (before === null || after === null || before === after) {
    return { sentences: [], otherChanges: 0, readable: true };
  }
  const left = readFlowConfiguration(before);
  const right = readFlowConfiguration(after);
  if (!left.ok || !right.ok) {
    const reason = !left.ok ? left.reason : !right.ok ? right.reason : '';
    return {
      sentences: [
        `The configuration changed; it cannot be summarised because it is not valid flow YAML (${reason}).`,
      ],
      otherChanges: 0,
      readable: false,
    };
  }
  const leftRoot = flowBody(left.root);
  const rightRoot = flowBody(right.root);
  if (!leftRoot || !rightRoot || leftRoot.typeKey !== rightRoot.typeKey) {
    return {
      sentences: [
        'The configuration changed throughout (its flow type or top level differs); see the text diff.',
      ],
      otherChanges: 0,
      readable: true,
    };
  }
  const beforeElements = collectElements(leftRoot.body);
  const afterElements = collectElements(rightRoot.body);
  const sentences: string[] = [];
  let other = 0;

  // Walk the after side in text order, then the removed elements in before's order.
  for (const element of afterElements.values()) {
    const previous = beforeElements.get(element.id);
    if (previous === undefined) {
      if (element.parentId !== undefined && !beforeElements.has(element.parentId)) continue;
      sentences.push(addedSentence(element));
      continue;
    }
    const compared = compareOwn(previous, element);
    sentences.push(...compared.sentences);
    other += compared.other;
  }
  for (const element of beforeElements.values()) {
    if (afterElements.has(element.id)) continue;
    if (element.parentId !== undefined && !afterElements.has(element.parentId)) continue;
    sentences.push(removedSentence(element));
  }
  if (other > 0) {
    sentences.push(
      sentences.length === 0
        ? `${other} ${other === 1 ? 'change' : 'changes'} in the configuration; see the text diff.`
        : `${other} other ${other === 1 ? 'change' : 'changes'} in the configuration.`,
    );
  }
  return { sentences, otherChanges: other, readable: true };
}

/** The flow's body under its one top-level key (`inboundCall: {…}`). */
function flowBody(root: FlowNode): { typeKey: string; body: Mapping } | undefined {
  const entries = Object.entries(mappingOf(root) ?? {});
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) return undefined;
  const [typeKey, value] = entry;
  const body = mappingOf(value);
  return body === undefined ? undefined : { typeKey, body };
}

type Mapping = Record<string, FlowNode>;

interface FlowElement {
  /** Place and identity: pairs the element across sides. */
  id: string;
  parentId: string | undefined;
  /** The Archy action or block (`menuTransferToAcd`, `menu`, `callData`). */
  kind: string;
  name: string | undefined;
  /** A menu choice's key (`digit_3`). */
  dtmf: string | undefined;
  /** What the element's sentences start with: "Main menu", or nothing at the top of the flow. */
  context: string;
  /** Its own content, not its child elements': leaf path → value in words. */
  own: Map<string, string>;
  references: Map<string, FlowReference>;
  texts: Map<string, string>;
}

const ROOT_ID = '';

function collectElements(body: Mapping): Map<string, FlowElement> {
  const elements = new Map<string, FlowElement>();
  const visit = (kind: string, node: Mapping, id: string, parent: FlowElement | undefined): void => {
    const name = stringField(node, 'name');
    const dtmf = stringField(node, 'dtmf');
    const element: FlowElement = {
      id,
      parentId: parent?.id,
      kind,
      name,
      dtmf,
      // Elements at the top of the flow speak for themselves; deeper ones name where they are.
      context: parent === undefined || parent.id === ROOT_ID ? '' : labelOf(parent),
      own: new Map(),
      references: new Map(),
      texts: new Map(),
    };
    elements.set(id, element);
    const children: { kind: string; node: Mapping; id: string }[] = [];
    const walk = (value: FlowNode, path: string, key: string): void => {
      const named = key === '' ? undefined : namedReferenceAt(key, value);
      if (named) {
        element.references.set(path, named.reference);
        element.own.set(path, describeReference(named.reference));
        // A name written as a key holds the call's inputs and outputs: compared under the
        // reference, not under the name, so calling another action with the same inputs is one change.
        if (named.rest !== undefined) walk(named.rest, `${path}.(${named.reference.type})`, '');
        if (named.integration !== undefined) element.own.set(`${path}.(integration)`, named.integration);
      } else if (Array.isArray(value)) {
        const seen = new Map<string, number>();
        value.forEach((item, index) => {
          const wrapped = elementOf(item);
          if (!wrapped) {
            walk(item, `${path}[${index}]`, '');
            return;
          }
          const identity = `${wrapped.kind}:${identityOf(wrapped.node) ?? `#${index}`}`;
          // Two items with the same identity (a copy-pasted action) stay apart by their count.
          const count = seen.get(identity) ?? 0;
          seen.set(identity, count + 1);
          children.push({
            kind: wrapped.kind,
            node: wrapped.node,
            id: `${id}/${path}/${identity}${count > 0 ? `~${count}` : ''}`,
          });
        });
        if (value.length === 0) element.own.set(path, '[]');
      } else if (mappingOf(value) !== undefined) {
        const entries = Object.entries(mappingOf(value) ?? {});
        for (const [childKey, item] of entries) {
          walk(item, path === '' ? childKey : `${path}.${childKey}`, childKey);
        }
        if (entries.length === 0) element.own.set(path, '{}');
      } else {
        const words = value === null ? 'null' : String(value);
        element.own.set(path, words);
        if (isTextKey(key) && typeof value === 'string') element.texts.set(path, value);
      }
    };
    walk(node, '', '');
    for (const child of children) visit(child.kind, child.node, child.id, element);
  };
  visit('flow', body, ROOT_ID, undefined);
  return elements;
}

/** `{menuTransferToAcd: {…}}` → the element; anything else is plain content. */
function elementOf(item: FlowNode): { kind: string; node: Mapping } | undefined {
  const entries = Object.entries(mappingOf(item) ?? {});
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) return undefined;
  const [kind, value] = entry;
  const node = mappingOf(value);
  return node === undefined ? undefined : { kind, node };
}

function identityOf(node: Mapping): string | undefined {
  return stringField(node, 'dtmf') ?? stringField(node, 'refId') ?? stringField(node, 'name');
}

function stringField(node: Mapping, key: string): string | undefined {
  const value = Object.hasOwn(node, key) ? node[key] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Keys whose text a caller hears or reads: text-to-speech and plain text. */
function isTextKey(key: string): boolean {
  return key === 'tts' || key === 'text';
}

function labelOf(element: FlowElement): string {
  if (element.dtmf !== undefined) return `option ${optionKey(element.dtmf)}`;
  if (element.name !== undefined) return element.name;
  return kindWords(element.kind);
}

/** `digit_3` → `3`, `star` → `*`, `pound` → `#`. */
function optionKey(dtmf: string): string {
  const digit = /^digit_(\d)$/.exec(dtmf);
  if (digit) return digit[1] as string;
  if (dtmf === 'star') return '*';
  if (dtmf === 'pound') return '#';
  return dtmf;
}

/** `menuTransferToAcd` → `menu transfer to acd`. */
function kindWords(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function prefixed(element: FlowElement, sentence: string): string {
  return element.context === '' ? capitalise(sentence) : `${element.context}: ${sentence}`;
}

function capitalise(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

function quoted(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `“${short}”`;
}

function firstReference(element: FlowElement): FlowReference | undefined {
  return element.references.values().next().value;
}

/** "transferring to queue Sales", "using data action Lookup". */
function targetWords(reference: FlowReference): string {
  const transfer = reference.type === 'routing.queue' || reference.type === 'architect.flow';
  return `${transfer ? 'transferring to' : 'using'} ${describeReference(reference)}`;
}

function elementWords(element: FlowElement): string {
  if (element.dtmf !== undefined) {
    return `option ${optionKey(element.dtmf)}${element.name !== undefined ? ` ${quoted(element.name)}` : ''}`;
  }
  return `${kindWords(element.kind)}${element.name !== undefined ? ` ${quoted(element.name)}` : ''}`;
}

function addedSentence(element: FlowElement): string {
  const target = firstReference(element);
  return prefixed(element, `${elementWords(element)} added${target ? `, ${targetWords(target)}` : ''}`);
}

function removedSentence(element: FlowElement): string {
  const target = firstReference(element);
  const was = target ? ` (it was ${targetWords(target)})` : '';
  return prefixed(element, `${elementWords(element)} removed${was}`);
}

/** Sentences for what changed in the element's own content, and the count of the rest. */
function compareOwn(before: FlowElement, after: FlowElement): { sentences: string[]; other: number } {
  const sentences: string[] = [];
  const unsaid: string[] = [];
  const paths = new Set([...before.own.keys(), ...after.own.keys()]);
  for (const path of paths) {
    const was = before.own.get(path);
    const now = after.own.get(path);
    if (was === now) continue;
    const wasReference = before.references.get(path);
    const nowReference = after.references.get(path);
    if (wasReference && nowReference && wasReference.type === nowReference.type) {
      sentences.push(referenceSentence(after, wasReference, nowReference));
      continue;
    }
    const wasText = before.texts.get(path);
    const nowText = after.texts.get(path);
    if (wasText !== undefined && nowText !== undefined) {
      sentences.push(textSentence(after, path, wasText, nowText));
      continue;
    }
    if (path === 'name' && was !== undefined && now !== undefined && after.dtmf !== undefined) {
      sentences.push(
        prefixed(after, `option ${optionKey(after.dtmf)} renamed from ${quoted(was)} to ${quoted(now)}`),
      );
      continue;
    }
    unsaid.push(path);
  }
  return { sentences, other: countChanges(unsaid) };
}

/**
 * Differences no sentence names, one per place: a value that became a mapping (a queue named, now
 * given by an expression: `targetQueue` gone, `targetQueue.exp` new) is one change, not two.
 */
function countChanges(paths: readonly string[]): number {
  const inside = (path: string, outer: string) =>
    path.length > outer.length && path.startsWith(outer) && /^[.[]/.test(path.slice(outer.length));
  return paths.filter((path) => !paths.some((outer) => inside(path, outer))).length;
}

function referenceSentence(element: FlowElement, was: FlowReference, now: FlowReference): string {
  const subject = element.id === ROOT_ID ? '' : `${labelOf(element)} `;
  const inContext = (sentence: string) =>
    element.id === ROOT_ID
      ? capitalise(sentence)
      : `${element.context === '' ? '' : `${element.context}: `}${sentence}`;
  const kind = describeReference({ ...now, name: '' }).trimEnd();
  switch (now.type) {
    case 'routing.queue':
      return inContext(`${subject}now transfers to queue ${now.name} instead of ${was.name}`);
    case 'architect.flow':
      return inContext(
        `${subject}now ${element.dtmf !== undefined || element.kind.toLowerCase().includes('transfer') ? 'transfers to' : 'calls'} flow ${now.name} instead of ${was.name}`,
      );
    case 'integrations.action':
      return inContext(`${subject}data action ${was.name} replaced by ${now.name}`);
    default:
      return inContext(`${subject}${kind} changed from ${was.name} to ${now.name}`);
  }
}

function textSentence(element: FlowElement, path: string, was: string, now: string): string {
  const holder = path.split('.').slice(-2, -1)[0] ?? '';
  const what = /greeting/i.test(holder) ? 'greeting' : 'prompt';
  const subject = element.id === ROOT_ID ? '' : `${labelOf(element)} `;
  const sentence = `${subject}${what} text changed from ${quoted(was)} to ${quoted(now)}`;
  return element.id === ROOT_ID || element.context === ''
    ? capitalise(sentence)
    : `${element.context}: ${sentence}`;
}
