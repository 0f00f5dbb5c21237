import { isScalar, parseDocument, visit } from 'yaml';
import { FerryError } from '../../../shared/api/api-error';
import { isJsonObject, type JsonValue } from '../../../shared/model/canonical/json-value';
import {
  parseIdPlaceholder,
  UnresolvedPlaceholderError,
  type IdLookup,
} from '../../../shared/promotion/engine/id-placeholder';

/**
 * A flow import's configuration is YAML text, and an object the plan creates (the new queue its
 * menu transfers to) has no id until its step ran: the plan writes `{id of routing.queue "…"}` as
 * that `lit`'s id. The executor's placeholder swap replaces whole JSON strings only, so the ids
 * inside the text are swapped here, value by value in the parsed YAML (a name may hold quotes),
 * just before the import is sent.
 */
export function resolveFlowImportBody(body: JsonValue | undefined, lookup: IdLookup): JsonValue | undefined {
  if (!isJsonObject(body) || typeof body.configuration !== 'string') return body;
  if (!body.configuration.includes('{id of ')) return body;
  // The plan's own text, already parsed strictly when it was planned; aliases stay refused.
  const document = parseDocument(body.configuration, { uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new FerryError('promotion.plan-invalid', 'The flow configuration of the plan is not valid YAML');
  }
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== 'id' || !isScalar(pair.value)) return;
      const text = pair.value.value;
      if (typeof text !== 'string') return;
      const placeholder = parseIdPlaceholder(text);
      if (placeholder === null) return;
      const id = lookup(placeholder.type, placeholder.key);
      if (id === undefined) throw new UnresolvedPlaceholderError(text);
      pair.value.value = id;
    },
    Alias() {
      throw new FerryError('promotion.plan-invalid', 'The flow configuration of the plan holds a YAML alias');
    },
  });
  return { ...body, configuration: document.toString({ lineWidth: 0 }) };
}
