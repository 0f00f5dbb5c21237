import { APP_ORIGIN } from '../../../shared/api/ipc-names';

/**
 * Only the app's own top-level page may call the API: not a frame, not a page the window was
 * somehow navigated to, not devtools extensions.
 */
export function isTrustedSenderUrl(url: string | undefined, isMainFrame: boolean): boolean {
  if (!isMainFrame || url === undefined) return false;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
