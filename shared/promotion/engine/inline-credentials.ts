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

/** Header names that carry a credential. */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie)$|(^|[-_])(api-?key|apikey|token|secret|password|passwd|pwd)([-_]|$)/i;

/** Query parameters that carry a credential (`?api_key=…`, `&access_token=…`). */
const CREDENTIAL_QUERY =
  /^(api[-_]?key|apikey|key|access[-_]?token|token|secret|client[-_]?secret|password|passwd|pwd|sig|signature)$/i;

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
  return action;
}

function headerCarriesCredential(name: string, value: string): boolean {
  return CREDENTIAL_HEADER.test(name) && literalPart(value) !== '';
}

function requestOf(action: JsonObject): JsonObject | null {
  const config = action.config;
  const request = isJsonObject(config) ? config.request : undefined;
  return isJsonObject(request) ? request : null;
}

/**
 * The URL template with a password before the host (`https://svc:hunter2@crm.example/…`) and each
 * credential query value (`?api_key=…`) replaced by the marker; the same text when it has none.
 */
function urlWithoutCredentials(template: string): string {
  let url = template;
  const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(url);
  if (userinfo !== null) {
    const [whole, scheme = '', info = ''] = userinfo;
    const colon = info.indexOf(':');
    if (colon >= 0 && literalPart(info.slice(colon + 1)) !== '') {
      url = `${scheme}${info.slice(0, colon + 1)}${CREDENTIAL_REMOVED_MARKER}@${url.slice(whole.length)}`;
    }
  }
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const hashAt = url.indexOf('#', queryAt);
  const end = hashAt < 0 ? url.length : hashAt;
  const pairs = url.slice(queryAt + 1, end).split('&');
  const kept = pairs.map((pair) => {
    const equals = pair.indexOf('=');
    if (equals < 0) return pair;
    const name = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    return CREDENTIAL_QUERY.test(name) && literalPart(value) !== ''
      ? `${name}=${CREDENTIAL_REMOVED_MARKER}`
      : pair;
  });
  return `${url.slice(0, queryAt + 1)}${kept.join('&')}${url.slice(end)}`;
}
