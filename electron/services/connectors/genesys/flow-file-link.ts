import { FerryError } from '../../../../shared/api/api-error';
import {
  checkedSignedLink,
  fetchSignedLink,
  linkHeaders,
  readSignedLinkBody,
  type SignedLinkDeps,
  type SignedLinkUse,
} from './signed-link';

/**
 * A flow file's trip to or from storage: an export job's `downloadUrl` and an import job's
 * `presignedUrl` are signed links, fetched as every signed link is (`signed-link.ts`: no token, no
 * redirect, bounded body). A download must also be UTF-8 text, since a flow file is YAML.
 */

/** The largest flow file Ferry reads or writes: Archy files of big flows run to a few MB. */
export const FLOW_FILE_MAX_BYTES = 8 * 1024 * 1024;

export type FlowFileLinkDeps = SignedLinkDeps;

const FLOW_LINK = { owner: 'flow', carries: 'flow files', thenRetry: 'try again', retries: 5 } as const;
const EXPORT_LINK: SignedLinkUse = { ...FLOW_LINK, code: 'flow.export-failed' };
// Exactly once: after a PUT whose reply was lost, the upload link's 409 means the first one landed.
const IMPORT_LINK: SignedLinkUse = {
  ...FLOW_LINK,
  code: 'flow.import-failed',
  conflictAfterRetryLanded: true,
};

/** Downloads a flow file (no token, no redirect, bounded), as text. */
export async function downloadFlowFile(
  deps: FlowFileLinkDeps,
  raw: string,
  flowName: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  const url = checkedSignedLink(raw, 'export download link', EXPORT_LINK, deps.loopbackOnly);
  const response = await fetchSignedLink(deps, url, { method: 'GET' }, EXPORT_LINK, signal);
  if (!response.ok) {
    await response.body?.cancel();
    throw new FerryError(
      'flow.export-failed',
      `Downloading the export of flow "${flowName}" failed with HTTP ${response.status}`,
      { flow: flowName, status: response.status },
    );
  }
  const bytes = await readSignedLinkBody(
    response,
    FLOW_FILE_MAX_BYTES,
    () =>
      new FerryError(
        'flow.export-failed',
        `The export of flow "${flowName}" is larger than ${FLOW_FILE_MAX_BYTES} bytes; Ferry does not read it`,
        { flow: flowName },
      ),
  );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notText(flowName);
  }
  // A YAML file has no NUL: one means the link gave back something else (an archive, an image).
  if (text.includes('\u0000')) throw notText(flowName);
  return text;
}

/** PUTs a flow file to an import job's presigned URL with the headers the job gave (never a token). */
export async function uploadFlowFile(
  deps: FlowFileLinkDeps,
  raw: string,
  headers: Readonly<Record<string, string>>,
  text: string,
  flowName: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const url = checkedSignedLink(raw, 'import upload link', IMPORT_LINK, deps.loopbackOnly);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength > FLOW_FILE_MAX_BYTES) {
    throw new FerryError(
      'flow.import-failed',
      `The configuration of flow "${flowName}" is larger than ${FLOW_FILE_MAX_BYTES} bytes`,
    );
  }
  const response = await fetchSignedLink(
    deps,
    url,
    { method: 'PUT', headers: linkHeaders(headers), body: bytes },
    IMPORT_LINK,
    signal,
  );
  await response.body?.cancel();
  if (!response.ok) {
    throw new FerryError(
      'flow.import-failed',
      `Uploading the configuration of flow "${flowName}" failed with HTTP ${response.status}`,
      { flow: flowName, status: response.status },
    );
  }
}

function notText(flowName: string): FerryError {
  return new FerryError(
    'flow.export-failed',
    `The export of flow "${flowName}" is not UTF-8 text, so it is not a flow file Ferry reads`,
    { flow: flowName },
  );
}
