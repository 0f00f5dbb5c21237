import { FerryError } from '../../../shared/api/api-error';
import { cloneJson, type JsonValue } from '../../../shared/model/canonical/json-value';
import {
  isSecretMarker,
  redactSecretValues,
  replaceMarkers,
} from '../../../shared/parameters/parameter-marker';
import type { Connector } from '../connectors/connector';

/**
 * A connector that keeps an environment's secret parameters out of everything Ferry records
 * (issue 15): what it reads has each secret's value replaced by `{"$secret": name}`, and what it
 * sends has each marker replaced by the value. Plans, journals, verify results and snapshots are
 * therefore computed and written with markers only, and a secret is in the clear only in the body
 * of the request that carries it to the org. A marker whose value this machine does not hold stops
 * the request instead of sending the marker.
 */
export function withSecretParameters(
  connector: Connector,
  environment: string,
  secrets: ReadonlyMap<string, string>,
): Connector {
  const byValue = new Map<string, string>();
  for (const [name, value] of secrets) if (!byValue.has(value)) byValue.set(value, name);

  const hide = <T>(value: T): T => {
    if (byValue.size === 0 || value === null || typeof value !== 'object') return value;
    return redactSecretValues(value as unknown as JsonValue, byValue) as unknown as T;
  };
  const show = <T>(value: T): T => {
    if (value === null || value === undefined || typeof value !== 'object') return value;
    let json: JsonValue;
    try {
      json = cloneJson(value);
    } catch {
      return value;
    }
    return replaceMarkers(json, isSecretMarker, (marker) => {
      const name = (marker as { $secret: string }).$secret;
      const secret = secrets.get(name);
      if (secret === undefined) {
        throw new FerryError(
          'parameter.unresolved',
          `A write to ${environment} needs the secret parameter ${name}, whose value is not in this machine's vault; nothing was sent. Set it with \`ferry param set ${environment} ${name} <value> --type secret\``,
          { environment, parameters: [name] },
        );
      }
      return secret;
    }) as unknown as T;
  };

  // Genesys quotes what it was sent in some error messages ("The phone number '…' is not valid"):
  // a failed write must not carry a revealed secret into the run's result, a log or the caller.
  // Also as a request spells it when echoed back (JSON, JSON escaping every non-ASCII letter,
  // URL- and form-encoded), longest first so a secret that holds another is scrubbed whole.
  const spellings = [...secrets]
    .flatMap(([name, value]) => (value === '' ? [] : spellingsOf(value).map((text) => ({ name, text }))))
    .sort((left, right) => right.text.length - left.text.length);
  const scrub = (error: unknown): unknown => {
    if (!(error instanceof Error) || secrets.size === 0) return error;
    const clean = (text: string) => {
      let result = text;
      for (const { name, text: spelled } of spellings)
        result = result.split(spelled).join(`(secret ${name})`);
      return result;
    };
    error.message = clean(error.message);
    if (error.stack !== undefined) error.stack = clean(error.stack);
    if (error instanceof FerryError && error.details !== undefined) {
      let details: Record<string, unknown>;
      try {
        details = JSON.parse(clean(JSON.stringify(error.details))) as Record<string, unknown>;
      } catch {
        details = {}; // details that are not JSON cannot be checked, so none are kept
      }
      Object.defineProperty(error, 'details', { value: details, enumerable: true, configurable: true });
    }
    return error;
  };
  const sent = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw scrub(error);
    }
  };

  return {
    check: (signal) => connector.check(signal),
    list: async (type, options) => (await connector.list(type, options)).map(hide),
    get: async (type, id, signal) => hide(await connector.get(type, id, signal)),
    create: async (type, body, signal) => hide(await sent(() => connector.create(type, show(body), signal))),
    update: async (type, id, body, signal) =>
      hide(await sent(() => connector.update(type, id, show(body), signal))),
    remove: (type, id, signal) => connector.remove(type, id, signal),
    request: async (method, path, body, signal) =>
      hide(await sent(() => connector.request(method, path, show(body), signal))),
    findReferenced: (type, names, signal) => connector.findReferenced(type, names, signal),
    // A data action's test call (post-promotion checks): its input is the policy's, never a secret.
    testAction: (actionId, input, signal) => sent(() => connector.testAction(actionId, input, signal)),
    audioBytes: (sha256) => connector.audioBytes?.(sha256),
    get stats() {
      return connector.stats;
    },
  };
}

/** The ways a request may spell a value that a server quotes back in an error. */
function spellingsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const asciiJson = json.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const url = encodeURIComponent(value);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  // Java servers write the hex digits of \uXXXX in upper case, JavaScript in lower.
  const upperAsciiJson = asciiJson.replace(
    /\\u[0-9a-f]{4}/g,
    (escape) => `\\u${escape.slice(2).toUpperCase()}`,
  );
  return [...new Set([value, json, asciiJson, upperAsciiJson, url, form, encodeURIComponent(json)])];
}
