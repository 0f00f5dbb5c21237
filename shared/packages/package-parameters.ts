import { isCanonicalReference, REFERENCE_MARKER } from '../model/canonical/canonical-reference';
import { referencesInChange, referencesOf } from '../changeset/object-references';
import { parseValuePath, type ValuePath } from '../changeset/value-path';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import type { Changeset } from '../model/changeset';
import type { DeclaredMapping, DeclaredParameter, EnvironmentNeeds } from '../model/package-wire';
import { referenceTypeLabel } from '../model/object-types/unmanaged-reference-types';
import type { ParameterType } from '../parameters/parameter-types';
import { parametersUsedBy } from '../parameters/parameters-used';
import { configurationNames, configurationTextsOf } from '../flows/flow-configuration-values';
import type { ParametersView } from '../parameters/parameters-view';

/**
 * What a change package says about per-environment values (issue 15): the parameters its
 * changeset needs from every target, by name and type, and the referenced names the exporting
 * workspace maps. Values never travel: each target has its own, and the people who read a package
 * run other environments.
 */

/** Every name the changeset refers to, per object type: an operation's own key and each reference. */
export function referencedNames(changeset: Pick<Changeset, 'operations'>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (type: string, name: string) => {
    const names = found.get(type) ?? new Set<string>();
    names.add(name);
    found.set(type, names);
  };
  const walk = (value: unknown) => {
    if (isCanonicalReference(value)) {
      if (typeof value.name === 'string') add(value[REFERENCE_MARKER], value.name);
      return;
    }
    if (Array.isArray(value)) value.forEach(walk);
    else if (isJsonObject(value)) Object.values(value).forEach(walk);
  };
  for (const operation of changeset.operations) {
    add(operation.type, operation.key);
    if (operation.op === 'update')
      for (const change of operation.changes) {
        walk(change.before);
        walk(change.after);
        // Keys of maps keyed by references (utilization per label) name objects without a $ref.
        for (const side of [change.before, change.after] as (JsonValue | undefined)[]) {
          let path: ValuePath;
          try {
            path = parseValuePath(change.path);
          } catch {
            continue;
          }
          for (const reference of referencesInChange(operation.type, path, side))
            add(reference.targetType, reference.key);
        }
      }
    else {
      const value = (operation.op === 'create' ? operation.body : operation.before) as JsonValue;
      walk(value);
      for (const reference of referencesOf(operation.type, value)) add(reference.targetType, reference.key);
    }
    // Names inside a flow's configuration text are mapped by the target like any reference's.
    for (const text of configurationTextsOf(operation))
      for (const reference of configurationNames(text)) add(reference.type, reference.name);
  }
  return found;
}

export interface Declarations {
  parameters: DeclaredParameter[];
  mappings: DeclaredMapping[];
  /** Parameters whose type the workspace cannot tell (none has it, or two disagree). */
  problems: string[];
}

/**
 * What a package declares, from its changeset and the exporting workspace's environments, read in
 * the order given (the source first, then the targets, then the rest): a parameter's type is the
 * one the environments that have it agree on. Sorted, so the signed statement is the same however
 * the files were read.
 */
export function declareValues(
  changeset: Pick<Changeset, 'operations'>,
  environments: readonly ParametersView[],
): Declarations {
  const problems: string[] = [];
  const parameters: DeclaredParameter[] = [];
  for (const name of parametersUsedBy(changeset)) {
    const types = new Map<ParameterType, string[]>();
    for (const view of environments) {
      const found = view.parameters.find((parameter) => parameter.name === name);
      if (found) types.set(found.type, [...(types.get(found.type) ?? []), view.environment]);
    }
    const [first, ...others] = [...types.entries()];
    if (first === undefined) {
      problems.push(
        `${name} is set in no environment of this workspace, so the package cannot say its type: set it in one (\`ferry param set <env> ${name} <value> --type <type>\`), then export again`,
      );
    } else if (others.length > 0) {
      problems.push(
        `${name} has different types here (${[first, ...others].map(([type, where]) => `${type} in ${where.join(', ')}`).join('; ')}): give it one type everywhere, then export again`,
      );
    } else {
      parameters.push({ name, type: first[0] });
    }
  }
  const mapped = new Map<string, Set<string>>();
  for (const view of environments)
    for (const mapping of view.mappings) {
      const names = mapped.get(mapping.type) ?? new Set<string>();
      names.add(mapping.from);
      mapped.set(mapping.type, names);
    }
  const mappings: DeclaredMapping[] = [];
  for (const [type, names] of [...referencedNames(changeset).entries()].sort(byKey)) {
    const relied = [...names].filter((name) => mapped.get(type)?.has(name) === true).sort(byText);
    if (relied.length > 0) mappings.push({ type, names: relied });
  }
  return { parameters, mappings, problems };
}

const byText = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
const byKey = <T>(left: [string, T], right: [string, T]) => byText(left[0], right[0]);

/**
 * Why a package's declarations disagree with its changeset, or nothing. A reviewer reads the
 * declared list: a parameter used but not declared would reach a target unseen, so it is refused;
 * one declared but unused, a duplicate, or a mapped name the changeset never uses means the
 * statement was not made from this changeset. A package made before parameters declares nothing,
 * which is right only when its changeset uses none.
 */
export function declarationProblems(
  changeset: Pick<Changeset, 'operations'>,
  parameters: readonly DeclaredParameter[] | undefined,
  mappings: readonly DeclaredMapping[] | undefined,
): string[] {
  const used = parametersUsedBy(changeset);
  const problems: string[] = [];
  if (parameters === undefined) {
    if (used.length > 0)
      problems.push(
        `the changeset uses the parameter${used.length === 1 ? '' : 's'} ${used.join(', ')}, but the signed statement declares no parameters (a package made before parameters, or altered): export it again with this Ferry so reviewers see every parameter`,
      );
  } else {
    const declared = parameters.map((parameter) => parameter.name);
    const twice = declared.filter((name, at) => declared.indexOf(name) !== at);
    if (twice.length > 0) problems.push(`the statement declares ${[...new Set(twice)].join(', ')} twice`);
    const undeclared = used.filter((name) => !declared.includes(name));
    if (undeclared.length > 0)
      problems.push(
        `the changeset uses ${undeclared.join(', ')}, which the signed statement does not declare: a reviewer would not see ${undeclared.length === 1 ? 'it' : 'them'}`,
      );
    const unused = declared.filter((name) => !used.includes(name));
    if (unused.length > 0)
      problems.push(
        `the statement declares ${[...new Set(unused)].join(', ')}, which the changeset does not use`,
      );
  }
  const referenced = referencedNames(changeset);
  for (const mapping of mappings ?? []) {
    const strays = mapping.names.filter((name) => referenced.get(mapping.type)?.has(name) !== true);
    if (strays.length > 0)
      problems.push(
        `the statement says the change relies on mapping ${referenceTypeLabel(mapping.type)} ${strays.map((name) => `"${name}"`).join(', ')}, which the changeset does not refer to`,
      );
  }
  return problems;
}

/** What one environment of the importing workspace lacks for the declared values. */
export function environmentNeeds(
  view: ParametersView,
  parameters: readonly DeclaredParameter[],
  mappings: readonly DeclaredMapping[],
): EnvironmentNeeds {
  const needs: EnvironmentNeeds = {
    environment: view.environment,
    missing: [],
    wrongType: [],
    secretsNotHere: [],
    unmapped: [],
  };
  for (const parameter of parameters) {
    const found = view.parameters.find((candidate) => candidate.name === parameter.name);
    if (found === undefined) needs.missing.push({ name: parameter.name, type: parameter.type });
    else if (found.type !== parameter.type)
      needs.wrongType.push({ name: parameter.name, type: parameter.type, actual: found.type });
    else if (found.type === 'secret' && !found.hasValue) needs.secretsNotHere.push(parameter.name);
  }
  for (const mapping of mappings)
    for (const name of mapping.names) {
      const mapped = view.mappings.some((entry) => entry.type === mapping.type && entry.from === name);
      if (!mapped) needs.unmapped.push({ type: mapping.type, name });
    }
  return needs;
}

/** Whether the environment can be planned for as far as values go (mappings are advice, not needs). */
export function needsNothing(needs: EnvironmentNeeds): boolean {
  return needs.missing.length === 0 && needs.wrongType.length === 0 && needs.secretsNotHere.length === 0;
}

/**
 * `prod still needs: billingCallingNumber (phone); crmToken (secret): is a string there`: one line
 * per environment that lacks something, a next step included.
 */
export function describeNeeds(needs: EnvironmentNeeds): string[] {
  const lines: string[] = [];
  const items = [
    ...needs.missing.map((parameter) => `${parameter.name} (${parameter.type})`),
    ...needs.wrongType.map(
      (parameter) => `${parameter.name} (${parameter.type}; it is a ${parameter.actual} there)`,
    ),
  ];
  if (items.length > 0)
    lines.push(
      `${needs.environment} still needs: ${items.join(', ')} — set each with \`ferry param set ${needs.environment} <name> <value> --type <type>\` or on ${needs.environment}'s Parameters tab`,
    );
  if (needs.secretsNotHere.length > 0)
    lines.push(
      `${needs.environment}: this machine does not hold the secret${needs.secretsNotHere.length === 1 ? '' : 's'} ${needs.secretsNotHere.join(', ')}: set ${needs.secretsNotHere.length === 1 ? 'it' : 'each'} with \`ferry param set ${needs.environment} <name> <value> --type secret\` (a pipeline gives FERRY_PARAM_…)`,
    );
  if (needs.unmapped.length > 0)
    lines.push(
      `${needs.environment} maps none of ${needs.unmapped.map((item) => `${referenceTypeLabel(item.type)} "${item.name}"`).join(', ')}: ${needs.unmapped.length === 1 ? 'it' : 'they'} must exist there under ${needs.unmapped.length === 1 ? 'that name' : 'those names'}, or be mapped (\`ferry param map\`)`,
    );
  return lines;
}

/** `billingCallingNumber (phone), crmToken (secret)`: a package's parameters in a sentence. */
export function describeDeclared(parameters: readonly DeclaredParameter[]): string {
  return parameters.map((parameter) => `${parameter.name} (${parameter.type})`).join(', ');
}
