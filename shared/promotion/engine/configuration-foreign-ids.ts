import { isJsonObject, type JsonValue } from '../../model/canonical/json-value';
import { parseFlowConfiguration, refused } from '../../flows/flow-configuration-parse';
import { formatConfigurationPath } from '../../flows/flow-configuration-references';
import { FerryError } from '../../api/api-error';

/**
 * The foreign-id check for a type written as a configuration file (flows). Every other type's
 * JSON is checked field by field (object-calls.ts `foreignIdPath`); a flow's configuration is one
 * string, so it is checked here, in the import file about to be written: an id-shaped text that
 * is neither an id the plan put there (a reference Ferry maps by name, given the target's id) nor
 * already in the target's own configuration is another org's (beside a reference, under a key
 * Ferry does not map, in an Archy expression) and would reach the target as it is.
 */

/** An object id as Genesys writes them (a UUID), anywhere in a text. */
export const ID_SHAPED = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ID_SHAPED_ALL = new RegExp(ID_SHAPED.source, 'gi');

/**
 * Throws (the flow configuration's own error, so the step is blocked with it) at the first value
 * or key of `written` holding an id that is not one of `placed` and not in `targetText`.
 */
export function refuseForeignIdsInConfiguration(
  written: string,
  placed: ReadonlySet<string>,
  targetText: string | null,
  label: string,
): void {
  const source = { label };
  const own = (id: string) =>
    placed.has(id.toLowerCase()) || (targetText?.toLowerCase().includes(id.toLowerCase()) ?? false);
  const foreign = (text: string) => (text.match(ID_SHAPED_ALL) ?? []).some((id) => !own(id));
  const walk = (node: JsonValue, path: (string | number)[]): (string | number)[] | null => {
    if (typeof node === 'string') return foreign(node) ? path : null;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) {
        const found = walk(item, [...path, index]);
        if (found !== null) return found;
      }
      return null;
    }
    if (!isJsonObject(node)) return null;
    for (const [key, child] of Object.entries(node)) {
      if (foreign(key)) return path;
      const found = walk(child, [...path, key]);
      if (found !== null) return found;
    }
    return null;
  };
  let value: JsonValue;
  try {
    value = parseFlowConfiguration(written, source);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw refused(source, 'could not be read back');
  }
  const at = walk(value, []);
  if (at === null) return;
  throw refused(
    source,
    `holds an id at ${formatConfigurationPath(at)} that only means something in the org it was read from (it is not a reference Ferry maps by name), so it is not sent: name the object with a reference (\`queue: {lit: {name: …}}\`), or remove the id, then plan again`,
  );
}
