/** Serves the built demo player (dist/demo) at /, read-only, without leaving its folder. */
import type { ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { sendJson } from './http-helpers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webm': 'video/webm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export async function serveStatic(res: ServerResponse, dir: string | null, path: string, method: string): Promise<void> {
  if (!dir) return sendJson(res, 404, { message: 'the demo player is not built (npm run build)' });
  let rel: string;
  try {
    rel = decodeURIComponent(path === '/' ? '/index.html' : path);
  } catch {
    return sendJson(res, 400, { message: 'bad path' });
  }
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir) + sep) || !TYPES[extname(file)]) return sendJson(res, 404, { message: `no such file ${path}` });
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return sendJson(res, 404, { message: `no such file ${path}` });
  }
  // Only now: a wrong method on a path that does not exist is a 404, not "use GET".
  if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { message: 'use GET' }, { Allow: 'GET, HEAD' });
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] as string,
    'Content-Length': data.length,
    'Cache-Control': 'no-store',
    // The demo page talks only to this collector.
    'Content-Security-Policy': "default-src 'self'; connect-src 'self' http://127.0.0.1:* http://localhost:*; media-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
  });
  res.end(method === 'HEAD' ? undefined : data);
}
