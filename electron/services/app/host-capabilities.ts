/** What differs between the Electron shell and the headless hosts; injected into the services. */
export interface HostCapabilities {
  /** Native folder picker; null when the host has none (browser bridge, CLI). */
  pickFolder: ((title?: string) => Promise<string | null>) | null;
  /** Opens an already validated https: URL in the system browser; null when unavailable. */
  openExternal: ((url: string) => Promise<void>) | null;
}

export const headlessCapabilities: HostCapabilities = { pickFolder: null, openExternal: null };
