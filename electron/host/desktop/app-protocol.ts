import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../../../shared/api/ipc-names';
import { SECURITY_HEADERS } from '../../services/security/content-security-policy';
import { readStaticFile } from '../../services/security/static-files';

/** Must run before `app.ready`: makes ferry:// a secure, standard origin like https. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer with the CSP as a real header, through the same path checks as the bridge. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? await readStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType },
    });
  });
}
