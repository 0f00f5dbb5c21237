/** What differs between the Electron shell and the headless hosts; injected into the services. */
export interface HostCapabilities {
  /** Native folder picker; null when the host has none (browser bridge, CLI). */
  pickFolder: ((title?: string) => Promise<string | null>) | null;
  /** Opens an already validated https: URL in the system browser; null when unavailable. */
  openExternal: ((url: string) => Promise<void>) | null;
  /** Prints HTML to a PDF the user saves (Electron's printToPDF); null elsewhere. Resolves to the path, or null if cancelled. */
  savePdf: ((html: string, suggestedName: string) => Promise<string | null>) | null;
}

export const headlessCapabilities: HostCapabilities = { pickFolder: null, openExternal: null, savePdf: null };
