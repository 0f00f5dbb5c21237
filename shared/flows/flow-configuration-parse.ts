import {
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Node as YamlNode,
} from 'yaml';
import { FerryError } from '../api/api-error';
import type { JsonObject, JsonValue } from '../model/canonical/json-value';
import { ModelErrorCode } from '../model/object-types/model-error-codes';
import { ARCHY_FLOW_TYPE_KEYS, flowTypeOfArchyKey } from './flow-dialect';

/*
 * Strict reading and canonical writing of a flow configuration (see flow-dialect.ts). The text
 * comes from an org's export, a teammate's changeset or a package: anything YAML could do beyond
 * plain mappings, sequences and scalars (aliases that multiply a small file into gigabytes, tags
 * that build other types, `__proto__` keys) is refused before any of it is used.
 */

/** Largest configuration accepted, in UTF-16 code units (a large real flow is a few hundred KB). */
export const MAX_CONFIGURATION_LENGTH = 4 * 1024 * 1024;
/** Deepest nesting accepted: real flows nest a few dozen levels at most. */
export const MAX_CONFIGURATION_DEPTH = 100;
/** Most nodes accepted, so a flat but enormous file is refused before it is walked twice. */
export const MAX_CONFIGURATION_NODES = 500_000;

/**
 * Open `[` and `{` counted before parsing, quoting ignored: the YAML parser recurses into flow
 * collections, so `[[[[…` a hundred thousand deep costs seconds before the depth check above can
 * run. Far above that check's limit, so brackets in text never trip it in a real flow.
 */
const MAX_OPEN_BRACKETS = 10 * MAX_CONFIGURATION_DEPTH;

/** Where the running count of open brackets first passes `limit` (1-based line), if it does. */
function lineWhereBracketsNestPast(text: string, limit: number): number | undefined {
  let open = 0;
  let line = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x7b) {
      open += 1;
      if (open > limit) return line;
    } else if ((code === 0x5d || code === 0x7d) && open > 0) open -= 1;
    else if (code === 0x0a) line += 1;
  }
  return undefined;
}

/** Where the text came from, for messages: `flow INBOUNDCALL/Main Menu`. */
export interface ConfigurationSource {
  readonly label: string;
}

/**
 * The configuration as plain JSON: one top-level key (Archy's name for the flow type) holding the
 * flow. Refuses, naming the line: more than one document, duplicate keys, anchors, aliases, tags,
 * `__proto__`/`constructor` keys, non-string keys, text too long or too deep.
 */
export function parseFlowConfiguration(text: string, source: ConfigurationSource): JsonObject {
  if (text.length > MAX_CONFIGURATION_LENGTH) {
    throw refused(
      source,
      `is ${text.length} characters long; at most ${MAX_CONFIGURATION_LENGTH} are accepted`,
    );
  }
  const deepAt = lineWhereBracketsNestPast(text, MAX_OPEN_BRACKETS);
  if (deepAt !== undefined) {
    throw refused(source, `line ${deepAt}: nests deeper than ${MAX_CONFIGURATION_DEPTH} levels`);
  }
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const list = Array.isArray(documents) ? documents : [];
  if (list.length !== 1) {
    const second = list[1]?.range[0];
    throw refused(
      source,
      list.length === 0
        ? 'is empty; a flow configuration is one YAML document'
        : `holds ${list.length} YAML documents${second === undefined ? '' : ` (the second at line ${lines.linePos(second).line})`}; a flow configuration is one`,
    );
  }
  const document = list[0];
  if (document === undefined) throw refused(source, 'is empty');
  const [error] = document.errors;
  if (error !== undefined) {
    const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
    throw refused(source, `line ${line}: ${describeYamlError(error.code, error.message)}`);
  }
  const lineOf = (node: YamlNode | null | undefined) =>
    node?.range === undefined || node.range === null ? 1 : lines.linePos(node.range[0]).line;
  let nodes = 0;
  const convert = (node: unknown, depth: number): JsonValue => {
    nodes += 1;
    if (nodes > MAX_CONFIGURATION_NODES) {
      throw refused(
        source,
        `has more than ${MAX_CONFIGURATION_NODES} values; that is not a flow Ferry accepts`,
      );
    }
    if (depth > MAX_CONFIGURATION_DEPTH) {
      throw refused(
        source,
        `line ${lineOf(node as YamlNode)}: nests deeper than ${MAX_CONFIGURATION_DEPTH} levels`,
      );
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node))
      throw refused(source, `line ${lineOf(node)}: aliases (*${node.source}) are not accepted`);
    const yamlNode = node as YamlNode;
    if (yamlNode.anchor !== undefined && yamlNode.anchor !== null) {
      throw refused(source, `line ${lineOf(yamlNode)}: anchors (&${yamlNode.anchor}) are not accepted`);
    }
    if (typeof yamlNode.tag === 'string') {
      throw refused(source, `line ${lineOf(yamlNode)}: tags (${yamlNode.tag}) are not accepted`);
    }
    if (isMap(node)) {
      const result: JsonObject = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key;
        // `<<` is a plain key to Ferry (YAML 1.2) but merges its mapping into this one for a
        // YAML 1.1 reader such as Archy: what Genesys got would not be what was reviewed.
        if (isScalar(keyNode) && (keyNode.value === '<<' || keyNode.source === '<<')) {
          throw refused(
            source,
            `line ${lineOf(keyNode)}: the merge key "<<" is not accepted; write the keys out`,
          );
        }
        if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
          throw refused(source, `line ${lineOf(keyNode as YamlNode)}: every key must be plain text`);
        }
        convert(keyNode, depth + 1);
        const key = keyNode.value;
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
          throw refused(source, `line ${lineOf(keyNode)}: the key "${key}" is not accepted`);
        }
        // Defined as an own data property: no setter on Object.prototype is ever reached.
        Object.defineProperty(result, key, {
          value: convert(pair.value, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    if (isSeq(node)) return node.items.map((item) => convert(item, depth + 1));
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number' && Number.isFinite(value)) {
        // Past 2^53 a whole number is read as the nearest double: it would be rewritten, and
        // imported, as another number without a word.
        if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
          throw refused(
            source,
            `line ${lineOf(node)}: ${node.source ?? String(value)} is a number larger than Ferry keeps exactly; write it in quotes if it is text`,
          );
        }
        return value;
      }
      throw refused(source, `line ${lineOf(node)}: ${String(value)} is not a value Ferry accepts`);
    }
    throw refused(source, `line ${lineOf(yamlNode)}: unexpected YAML`);
  };
  const root = convert(document.contents, 0);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw refused(source, 'must be a mapping with the flow type as its one key (`inboundCall:`)');
  }
  return root;
}

/** The flow type (API spelling) and the flow under Archy's key for it. */
export interface FlowConfigurationRoot {
  flowType: string;
  archyKey: string;
  flow: JsonObject;
}

/** The one top-level key and what it holds; refused when it is not a known flow type. */
export function configurationRoot(value: JsonObject, source: ConfigurationSource): FlowConfigurationRoot {
  const keys = Object.keys(value);
  const [archyKey] = keys;
  if (keys.length !== 1 || archyKey === undefined) {
    throw refused(source, `must have exactly one top-level key, the flow type; it has ${keys.length}`);
  }
  const flowType = flowTypeOfArchyKey(archyKey);
  if (flowType === undefined) {
    throw refused(
      source,
      `starts with "${archyKey}", which is not a flow type (${Object.values(ARCHY_FLOW_TYPE_KEYS).join(', ')})`,
    );
  }
  const flow = value[archyKey];
  if (flow === null || flow === undefined || typeof flow !== 'object' || Array.isArray(flow)) {
    throw refused(source, `"${archyKey}" must hold a mapping (the flow)`);
  }
  return { flowType, archyKey, flow };
}

/**
 * Canonical text (flow-dialect.ts): keys sorted, two-space indent, no folding, sequences in their
 * own order, strings quoted only where YAML (1.1 or 1.2) needs it, one trailing newline.
 */
export function serializeFlowConfiguration(value: JsonObject): string {
  const document = new Document(value, {
    sortMapEntries: (left, right) => compareKeys(String(left.key), String(right.key)),
    aliasDuplicateObjects: false,
    // Quoted as YAML 1.1 needs (`"yes"`, `"on"`, `"010"`): whatever reads the file with 1.1 rules
    // (Archy, older tools) still reads text as text. No directive is written.
    version: '1.1',
  });
  // ...and as 1.2 needs, which is how Ferry reads it back: `0o17` is text to 1.1 but a number to 1.2.
  visit(document, {
    Scalar: (_, node) => {
      if (typeof node.value === 'string' && YAML_12_OCTAL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = document.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The one plain form YAML 1.2's core schema reads as a number that 1.1 reads as text. */
const YAML_12_OCTAL = /^0o[0-7]+$/;

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compareKeys(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'a key appears twice in one mapping';
  if (code === 'ALIAS_PROPS' || code === 'BAD_ALIAS') return 'aliases are not accepted';
  return message.split('\n')[0] ?? message;
}

export function refused(source: ConfigurationSource, problem: string): FerryError {
  return new FerryError(
    ModelErrorCode.flowConfigurationInvalid,
    `The configuration of ${source.label} ${problem}`,
    {
      source: source.label,
    },
  );
}
