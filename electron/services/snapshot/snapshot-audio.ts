import { isJsonObject } from '../../../shared/model/canonical/json-value';
import { sha256HexSchema } from '../../../shared/model/prompt-audio';
import { audioSha256 } from '../audio/audio-bytes';
import type { Connector } from '../connectors/connector';
import { readBlobAt, readTreeAt, resolveHead } from '../git/repository';
import { snapshotFolder } from './snapshot-store';

/**
 * The audio files an environment's snapshot holds, as paths inside its folder
 * (`audio/<sha256>.wav`): the audio of the prompts just pulled, from the bytes the connector
 * downloaded, plus every file the previous snapshot had. Those are kept on purpose: audio is
 * named by content, so it costs nothing while unchanged, and a rollback must be able to upload
 * the audio a prompt had before a promotion replaced it. A kept file that does not hash to its
 * name (edited in the workspace) is dropped rather than carried into a new commit.
 */
export async function snapshotAudioFiles(
  dir: string,
  environment: string,
  prompts: readonly Record<string, unknown>[] | undefined,
  connector: Connector,
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [sha256, bytes] of await previousAudio(dir, environment))
    files.set(`audio/${sha256}.wav`, bytes);
  for (const prompt of prompts ?? []) {
    const resources = Array.isArray(prompt.resources) ? prompt.resources : [];
    for (const resource of resources) {
      if (!isJsonObject(resource) || !isJsonObject(resource.audio)) continue;
      const sha256 = resource.audio.sha256;
      if (typeof sha256 !== 'string' || !sha256HexSchema.safeParse(sha256).success) continue;
      const bytes = connector.audioBytes?.(sha256);
      if (bytes !== undefined && audioSha256(bytes) === sha256) files.set(`audio/${sha256}.wav`, bytes);
    }
  }
  return files;
}

async function previousAudio(dir: string, environment: string): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  let head: string;
  try {
    head = await resolveHead(dir);
  } catch {
    return found;
  }
  const folder = `${snapshotFolder(environment)}/audio`;
  const entries = await readTreeAt(dir, head, folder).catch(() => []);
  for (const entry of entries) {
    if (entry.type !== 'blob' || !entry.path.endsWith('.wav')) continue;
    const sha256 = entry.path.slice(0, -'.wav'.length);
    if (!sha256HexSchema.safeParse(sha256).success) continue;
    const bytes = await readBlobAt(dir, head, `${folder}/${entry.path}`).catch(() => null);
    if (bytes !== null && audioSha256(bytes) === sha256) found.set(sha256, bytes);
  }
  return found;
}
