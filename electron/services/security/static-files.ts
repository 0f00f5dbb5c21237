import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { resolveInside } from '../fs/path-guard';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Finds a file of the built renderer for a URL path. Paths that escape the folder are refused;
 * unknown routes without an extension get `index.html` so the single-page app can load.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  let file: string;
  try {
    file = resolveInside(root, relative);
  } catch {
    return null;
  }
  const found = await isFile(file);
  if (!found) {
    if (extname(relative) !== '') return null;
    file = resolveInside(root, 'index.html');
    if (!(await isFile(file))) return null;
  }
  return {
    body: await readFile(file),
    contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
