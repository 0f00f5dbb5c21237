import { isJsonObject, type JsonObject, type JsonValue } from '../../model/canonical/json-value';
import { stableStringify } from '../../model/canonical/stable-stringify';
import type { ApiCall } from '../../model/plan';

/**
 * The calls that turn a prompt's resources (`base` is `…/prompts/{id}/resources`) from `current`
 * into `desired`, one language at a time: POST a language it lacks, PUT one whose text changed,
 * DELETE one it must lose, and an upload of the audio (`POST …/{language}/uploads` naming the
 * audio by hash: the connector runs Genesys's upload flow and checks the result by hash) where the
 * audio differs. Audio cannot be taken off a resource, so a language that must lose its audio is
 * deleted and created again without it.
 */
export function promptResourceCalls(
  base: string,
  current: readonly JsonValue[],
  desired: readonly JsonValue[],
): ApiCall[] {
  const have = byLanguage(current);
  const want = byLanguage(desired);
  const calls: ApiCall[] = [];
  for (const [language, resource] of want) {
    const path = `${base}/${encodeURIComponent(language)}`;
    const existing = have.get(language);
    const audio = audioOf(resource);
    const hadAudio = existing === undefined ? null : audioOf(existing);
    if (existing === undefined || (hadAudio !== null && audio === null)) {
      if (existing !== undefined) calls.push({ method: 'DELETE', path });
      calls.push({ method: 'POST', path: base, body: writable(resource) });
    } else if (stableStringify(writable(existing)) !== stableStringify(writable(resource))) {
      calls.push({ method: 'PUT', path, body: writable(resource) });
    }
    const uploaded = existing === undefined ? null : hadAudio;
    if (audio !== null && stableStringify(audio) !== stableStringify(uploaded)) {
      calls.push({ method: 'POST', path: `${path}/uploads`, body: { audio } });
    }
  }
  for (const language of have.keys()) {
    if (!want.has(language))
      calls.push({ method: 'DELETE', path: `${base}/${encodeURIComponent(language)}` });
  }
  return calls;
}

function byLanguage(resources: readonly JsonValue[]): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const resource of resources) {
    if (isJsonObject(resource) && typeof resource.language === 'string') {
      map.set(resource.language.toLowerCase(), resource);
    }
  }
  return map;
}

function audioOf(resource: JsonObject): JsonObject | null {
  return isJsonObject(resource.audio) ? resource.audio : null;
}

/** A `PromptAssetCreate` / `PromptAsset` body: the resource without its audio descriptor. */
function writable(resource: JsonObject): JsonObject {
  const { audio: _audio, ...rest } = resource;
  void _audio;
  return rest;
}
