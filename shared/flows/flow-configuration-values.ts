import { isJsonObject } from '../model/canonical/json-value';
import type { ChangesetOperation } from '../model/changeset';
import { findObjectType } from '../model/object-types/registry';
import {
  configurationRoot,
  parseFlowConfiguration,
  serializeFlowConfiguration,
} from './flow-configuration-parse';
import {
  configurationReferences,
  formatConfigurationPath,
  referenceNamePath,
} from './flow-configuration-references';

/*
 * A flow's configuration as it lands in one environment (issue 15 applied to issue 18): each
 * `lit` whose name is `{$param: "…"}` takes the environment's value, and each name the
 * environment maps is renamed — in either reference shape (flow-configuration-references.ts),
 * a name Archy writes as a key too — before the plan resolves names to the target's ids. Done where a
 * changeset's other fields get their parameters and mappings, so the plan records where each
 * name came from, a missing parameter stops the plan by name, and the plan's expected value is
 * the text the target will hold.
 */

/** How the environment answers; each hook hears where the name sits (`inboundCall…queue.lit.name`). */
export interface ConfigurationValueHooks {
  /** The name a parameter gives for an object of `refType`, or undefined (the hook has reported why). */
  parameter: (name: string, refType: string, at: string) => string | undefined;
  /** The name the environment knows `name` by, or undefined where it maps none. */
  mapName: (refType: string, name: string, at: string) => string | undefined;
  /** The flow's own name in the environment (its key may be mapped): the text must agree. */
  flowName?: string;
}

/** The configuration texts an operation writes or expects (a type's `configurationField`). */
export function configurationTextsOf(operation: ChangesetOperation): string[] {
  const field = findObjectType(operation.type)?.configurationField;
  if (field === undefined) return [];
  const texts: unknown[] =
    operation.op === 'update'
      ? operation.changes
          .filter((change) => change.path === field)
          .flatMap((change) => [change.before, change.after])
      : [(operation.op === 'create' ? operation.body : operation.before)[field]];
  return texts.filter((text): text is string => typeof text === 'string');
}

/** Each object a configuration names by a plain name (not a parameter), by its type. */
export function configurationNames(text: string): { type: string; name: string }[] {
  try {
    const value = parseFlowConfiguration(text, { label: 'flow' });
    return configurationReferences(value).flatMap((reference) =>
      reference.name === undefined || reference.parameter !== undefined
        ? []
        : [{ type: reference.targetType, name: reference.name }],
    );
  } catch {
    return [];
  }
}

/** Every parameter a configuration's names use; none when the text does not parse (validation says why). */
export function configurationParameters(text: string): string[] {
  try {
    const value = parseFlowConfiguration(text, { label: 'flow' });
    return configurationReferences(value).flatMap((reference) =>
      reference.parameter === undefined ? [] : [reference.parameter],
    );
  } catch {
    return [];
  }
}

/**
 * The text with parameters and mappings applied, unchanged (byte for byte) when nothing applies.
 * A parameter the environment cannot give leaves its `{$param}` in place: the plan stops on the
 * problem the hook reported. A parameter's value is the environment's own name, not mapped again. Text that does not parse is returned as it is, for validation to refuse.
 */
export function resolveConfigurationValues(text: string, hooks: ConfigurationValueHooks): string {
  let value;
  let root;
  try {
    value = parseFlowConfiguration(text, { label: 'flow' });
    root = configurationRoot(value, { label: 'flow' });
  } catch {
    return text;
  }
  let changed = false;
  for (const reference of configurationReferences(value)) {
    const at = formatConfigurationPath(referenceNamePath(reference));
    if (reference.integration !== undefined) {
      // A data action call's integration is found by name too: a mapping of it applies here.
      const integrationAt = formatConfigurationPath([...reference.path, reference.integration]);
      const mapped = hooks.mapName('integrations.integration', reference.integration, integrationAt);
      if (mapped !== undefined && mapped !== reference.integration) {
        reference.renameIntegration?.(mapped);
        changed = true;
      }
    }
    if (reference.parameter !== undefined) {
      // Already the environment's own name: a parameter's value is never mapped again.
      const given = hooks.parameter(reference.parameter, reference.targetType, at);
      if (given === undefined) continue;
      reference.rename(given);
      changed = true;
      continue;
    }
    const name = reference.name;
    if (name === undefined) continue;
    const mapped = hooks.mapName(reference.targetType, name, at);
    if (mapped !== undefined && mapped !== name) {
      reference.rename(mapped);
      changed = true;
    }
  }
  if (hooks.flowName !== undefined && isJsonObject(root.flow) && root.flow.name !== hooks.flowName) {
    root.flow.name = hooks.flowName;
    changed = true;
  }
  return changed ? serializeFlowConfiguration(value) : text;
}
