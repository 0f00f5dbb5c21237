import type { FerryWindowApi } from '../../../shared/api/window-api';

declare global {
  interface Window {
    /** Set by the Electron preload, or by the browser bridge at start when there is no preload. */
    ferry?: FerryWindowApi;
  }
}
