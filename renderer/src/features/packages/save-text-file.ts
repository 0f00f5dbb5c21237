/**
 * Hands a text to the browser as a download. Chromium saves it to the downloads folder; Electron
 * asks where, which is the point: a package is carried to another team by hand.
 */
export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download reads the blob after the click returns (after a save dialog, in Electron), so
    // the URL outlives it by a generous margin rather than a tick.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
