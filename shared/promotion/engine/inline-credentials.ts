import { isJsonObject, type JsonObject } from '../../model/canonical/json-value';

/**
 * A data action that carries a credential itself (issue 18, point 4). An integration's credentials
 * come per environment from secret parameters and are referred to in an action's request as
 * `${credentials.<field>}`; a request header holding the credential as text, or a URL with a
 * password or key in it, would copy the source org's credential to every target, and keep it in
 * the workspace and every package. Found at plan time, so the step is blocked before anything goes.
 */

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
      if (typeof value !== 'string' || !CREDENTIAL_HEADER.test(name) || literalPart(value) === '') continue;
      if (held[name] !== value) return `config.request.headers.${name}`;
    }
  }
  const url = request.requestUrlTemplate;
  if (typeof url === 'string' && urlCarriesCredential(url) && theirs?.requestUrlTemplate !== url) {
    return 'config.request.requestUrlTemplate';
  }
  return null;
}

function requestOf(action: JsonObject): JsonObject | null {
  const config = action.config;
  const request = isJsonObject(config) ? config.request : undefined;
  return isJsonObject(request) ? request : null;
}

function urlCarriesCredential(template: string): boolean {
  // A user and password before the host: `https://svc:hunter2@crm.example/…`.
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(template)?.[1];
  if (userinfo !== undefined && userinfo.includes(':')) {
    if (literalPart(userinfo.slice(userinfo.indexOf(':') + 1)) !== '') return true;
  }
  const query = template.split('?').slice(1).join('?').split('#')[0] ?? '';
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    if (CREDENTIAL_QUERY.test(name) && literalPart(value) !== '') return true;
  }
  return false;
}
