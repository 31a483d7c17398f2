// Serves the built renderer (out/renderer) read-only: no directory listing, no path escaping the root, the CSP on
// every HTML page, unknown paths fall back to index.html (single-page app).
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function serveStatic(root: string, pathname: string, res: ServerResponse, csp: string): void {
  const base = resolve(root);
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  let file = resolve(join(base, rel || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  let st = safeStat(file);
  if (!st?.isFile()) {
    file = join(base, 'index.html');
    st = safeStat(file);
    if (!st?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('The renderer is not built; run "npm run build".');
      return;
    }
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': st.size,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

function safeStat(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
