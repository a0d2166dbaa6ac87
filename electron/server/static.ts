/**
 * Files of the built renderer (dist/renderer), for the headless server and
 * the Electron app:// protocol alike. Paths never leave the renderer folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticResult = { status: 200; body: Buffer; type: string } | { status: 404 | 503; body: string; type: string };

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>NovaCron: not built</title></head>
<body><h1>NovaCron's user interface has not been built</h1>
<p>The folder dist/renderer/index.html is missing. Run <code>npm run build</code>, then start NovaCron again.</p>
</body></html>
`;

function inside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * `/` and extension-less paths (client-side routes) get index.html; other
 * missing files get 404. A missing index.html gets the 503 "run npm run build" page.
 */
export async function resolveStatic(rendererDir: string, urlPath: string): Promise<StaticResult> {
  const root = resolve(rendererDir);
  const index = join(root, 'index.html');
  if (!(await isFile(index))) return { status: 503, body: NOT_BUILT_PAGE, type: TYPES['.html']! };
  const full = inside(root, urlPath);
  if (full === null) return { status: 404, body: 'Not found\n', type: TYPES['.txt']! };
  if (full !== root && (await isFile(full))) {
    return { status: 200, body: await readFile(full), type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream' };
  }
  if (full === root || extname(full) === '') return { status: 200, body: await readFile(index), type: TYPES['.html']! };
  return { status: 404, body: 'Not found\n', type: TYPES['.txt']! };
}
