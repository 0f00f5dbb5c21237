import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FerryError } from '../../../shared/api/api-error';

/** Headless Chromium prints the change-control HTML; the app uses Electron's printToPDF instead. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const PRINT_TIMEOUT_MS = 60_000;

export async function writePdfFromHtml(html: string, target: string, env: NodeJS.ProcessEnv): Promise<void> {
  const browser = env.FERRY_CHROMIUM ?? CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (browser === undefined || !existsSync(browser)) {
    throw new FerryError(
      'unsupported',
      'Printing a PDF needs Chromium (set FERRY_CHROMIUM to its path); write .html or .md instead',
    );
  }
  const work = await mkdtemp(join(tmpdir(), 'ferry-pdf-'));
  try {
    const page = join(work, 'change-control.html');
    const pdf = join(work, 'change-control.pdf');
    await writeFile(page, html);
    await new Promise<void>((resolve, reject) => {
      execFile(
        browser,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          `--user-data-dir=${join(work, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${pdf}`,
          pathToFileURL(page).href,
        ],
        { timeout: PRINT_TIMEOUT_MS },
        (error) =>
          error
            ? reject(new FerryError('pdf.failed', `Chromium could not print the PDF: ${error.message}`))
            : resolve(),
      );
    });
    const bytes = await readFile(pdf).catch(() => null);
    if (bytes === null || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
      throw new FerryError('pdf.failed', 'Chromium did not produce a PDF');
    }
    // Renamed into place from the same folder tree only when complete: no half-written PDF.
    const staged = join(dirname(target), `.${Date.now()}-change-control.pdf`);
    await writeFile(staged, bytes);
    await rename(staged, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
