import { isJsonObject, type JsonObject } from '../../model/canonical/json-value';

/**
 * A data action that carries a credential itself (issue 18, point 4). An integration's credentials
 * come per environment from secret parameters and are referred to in an action's request as
 * `${credentials.<field>}`; a request header holding the credential as text, or a URL with a
 * password or key in it, would copy the source org's credential to every target, and keep it in
 * the workspace and every package. Found at plan time, so the step is blocked before anything goes.
 */

/**
 * What a snapshot keeps where an action's request held a credential as text (issue 18): the value
 * never reaches the workspace, a compare shows something is there, and a plan still blocks the
 * step (it is text, not a `${credentials.…}` reference) with the same advice. No `/ ? # @ & =`, so
 * it can stand for a password in a URL or a query value without changing how the URL reads.
 */
export const CREDENTIAL_REMOVED_MARKER =
  '«credential removed by Ferry: give it as an integration credential»';

/**
 * Names (of a header, a query or fragment parameter, a JSON body field) that carry a credential:
 * a whole name, or a word of one (`X-Auth-Token`, `Ocp-Apim-Subscription-Key`, `private_token`).
 */
const CREDENTIAL_NAME =
  /^(authorization|proxy[-_]?authorization|authentication|auth|cookie|key|sig|signature)$|(^|[-_.])(api[-_]?key|auth[-_]?key|access[-_]?key|subscription[-_]?key|private[-_]?key|client[-_]?secret|access[-_]?token|token|secret|password|passwd|pwd|credentials?)([-_.]|$)/i;

/**
 * A name as a server reads it: percent-decoded (`api%5Fkey` is `api_key`), without spaces or
 * invisible characters around or inside it, in compatibility form, so a look-alike spelling does
 * not carry a credential past the check.
 */
function plainName(name: string): string {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // Not percent-encoding: read as written.
  }
  return decoded.normalize('NFKC').replace(/[\s\u00ad\u200b-\u200f\u2060\ufeff]/g, '');
}

function isCredentialName(name: string): boolean {
  const plain = plainName(name);
  // A camelCase name's words too: `authToken` is `auth-Token`.
  return CREDENTIAL_NAME.test(plain) || CREDENTIAL_NAME.test(plain.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));
}

/** `${…}` and `$!{…}` Velocity references: values the action is given when it runs, not text. */
const TEMPLATE_REFERENCE = /\$!?\{[^}]*\}/g;

/** What is left of a value once its template references and an auth scheme's word are taken out. */
function literalPart(value: string): string {
  return value
    .replace(TEMPLATE_REFERENCE, '')
    .replace(/^\s*(basic|bearer|token|digest|apikey)\b/i, '')
    .trim();
}

/**
 * The first path of `action`'s request carrying a credential as text that the target's action
 * (`current`) does not already hold there, or null. The target's own value is its own: an update
 * of another field, or an undo, still goes.
 */
export function inlineCredentialPath(action: JsonObject, current: JsonObject | null): string | null {
  const request = requestOf(action);
  if (request === null) return null;
  const theirs = current === null ? null : requestOf(current);
  const headers = request.headers;
  if (isJsonObject(headers)) {
    const held = theirs !== null && isJsonObject(theirs.headers) ? theirs.headers : {};
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string' || !headerCarriesCredential(name, value)) continue;
      // A removed value is never the target's own: writing it would put the marker in its place.
      if (held[name] !== value || value.includes(CREDENTIAL_REMOVED_MARKER)) {
        return `config.request.headers.${name}`;
      }
    }
  }
  const url = request.requestUrlTemplate;
  if (typeof url === 'string' && url.includes(CREDENTIAL_REMOVED_MARKER))
    return 'config.request.requestUrlTemplate';
  if (typeof url === 'string' && urlWithoutCredentials(url) !== url && theirs?.requestUrlTemplate !== url) {
    return 'config.request.requestUrlTemplate';
  }
  const body = request.requestTemplate;
  if (typeof body === 'string' && body.includes(CREDENTIAL_REMOVED_MARKER))
    return 'config.request.requestTemplate';
  if (typeof body === 'string' && bodyWithoutCredentials(body) !== body && theirs?.requestTemplate !== body) {
    return 'config.request.requestTemplate';
  }
  return null;
}

/**
 * The action (changed in place, and returned) with each credential its request holds as text
 * replaced by {@link CREDENTIAL_REMOVED_MARKER}: what a snapshot reads, so a source org's secret
 * is never written to the workspace (and its git history). Found by the same tests as
 * {@link inlineCredentialPath}, so what is kept out is exactly what a plan would block.
 */
export function withoutInlineCredentials<T extends Record<string, unknown>>(action: T): T {
  const config = action.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return action;
  const request = (config as Record<string, unknown>).request;
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return action;
  const holder = request as Record<string, unknown>;
  const headers = holder.headers;
  if (typeof headers === 'object' && headers !== null && !Array.isArray(headers)) {
    const named = headers as Record<string, unknown>;
    for (const [name, value] of Object.entries(named)) {
      if (typeof value === 'string' && headerCarriesCredential(name, value)) {
        named[name] = CREDENTIAL_REMOVED_MARKER;
      }
    }
  }
  if (typeof holder.requestUrlTemplate === 'string') {
    holder.requestUrlTemplate = urlWithoutCredentials(holder.requestUrlTemplate);
  }
  if (typeof holder.requestTemplate === 'string') {
    holder.requestTemplate = bodyWithoutCredentials(holder.requestTemplate);
  }
  return action;
}

function headerCarriesCredential(name: string, value: string): boolean {
  return isCredentialName(name) && literalPart(value) !== '';
}

function requestOf(action: JsonObject): JsonObject | null {
  const config = action.config;
  const request = isJsonObject(config) ? config.request : undefined;
  return isJsonObject(request) ? request : null;
}

/**
 * The URL template with what is before the host (`https://svc:hunter2@crm.example/…`: the
 * password; `https://ghp_…@…`: a token given as the user) and each credential query or fragment
 * value (`?api_key=…`, `#access_token=…`) replaced by the marker; the same text when it has none.
 * The host starts after the LAST `@` before the path, as a URL parser reads it, so a password
 * holding an `@` is removed whole.
 */
function urlWithoutCredentials(template: string): string {
  let url = template;
  const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i.exec(url);
  if (userinfo !== null) {
    const [whole, scheme = '', info = ''] = userinfo;
    const colon = info.indexOf(':');
    const rest = url.slice(whole.length);
    if (colon >= 0 && literalPart(info.slice(colon + 1)) !== '') {
      url = `${scheme}${info.slice(0, colon + 1)}${CREDENTIAL_REMOVED_MARKER}@${rest}`;
    } else if (colon < 0 && literalPart(info) !== '') {
      url = `${scheme}${CREDENTIAL_REMOVED_MARKER}@${rest}`;
    }
  }
  const queryAt = url.indexOf('?');
  const hashAt = url.indexOf('#');
  if (hashAt >= 0) url = `${url.slice(0, hashAt + 1)}${pairsWithoutCredentials(url.slice(hashAt + 1))}`;
  if (queryAt < 0 || (hashAt >= 0 && queryAt > hashAt)) return url;
  const end = hashAt < 0 ? url.length : hashAt;
  return `${url.slice(0, queryAt + 1)}${pairsWithoutCredentials(url.slice(queryAt + 1, end))}${url.slice(end)}`;
}

/** `a=1&api_key=…` with each credential value replaced by the marker. */
function pairsWithoutCredentials(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const name = pair.slice(0, equals);
      return isCredentialName(name) && literalPart(pair.slice(equals + 1)) !== ''
        ? `${name}=${CREDENTIAL_REMOVED_MARKER}`
        : pair;
    })
    .join('&');
}

/** A JSON string field of a body template: `"name": "value"`. */
const JSON_STRING_FIELD = /"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * The request body template with each credential written as text in a JSON string field
 * (`"password": "hunter2"`, `"apiKey": "…"`) or a form field (`client_secret=…`) replaced by the
 * marker; `${…}` values (the integration's credentials, the action's inputs) are kept.
 */
function bodyWithoutCredentials(template: string): string {
  const json = template.replace(JSON_STRING_FIELD, (whole, name: string, colon: string, value: string) =>
    isCredentialName(name) && literalPart(value) !== ''
      ? `"${name}"${colon}"${CREDENTIAL_REMOVED_MARKER}"`
      : whole,
  );
  if (json !== template || /^\s*[[{]/.test(template)) return json;
  return /^[^\s=&]+=[^\s]*$/.test(template.trim()) ? pairsWithoutCredentials(template) : template;
}
