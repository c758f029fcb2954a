/** Small HTTP helpers for the collector: bounded body reading, JSON replies, CORS headers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads the request body as UTF-8, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(`body larger than ${limit} bytes`));
        req.resume(); // drain without keeping it
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** CORS for the API: any origin may post events and read the Location header. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    'Access-Control-Allow-Origin': typeof origin === 'string' && origin !== 'null' ? origin : '*',
    'Access-Control-Expose-Headers': 'Location',
    Vary: 'Origin',
  };
}

export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  return {
    ...corsHeaders(req),
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, X-Adobe-AEP-Validation-Token',
    'Access-Control-Max-Age': '600',
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Length': '0', ...headers });
  res.end();
}

/**
 * CORS for the Media Edge routes: as for Media Collection, and credentials allowed for an echoed
 * origin, since the Web SDK posts with `credentials: "include"` (Edge's cookies).
 */
export function edgeCorsHeaders(req: IncomingMessage, preflight = false): Record<string, string> {
  const base = preflight ? preflightHeaders(req) : corsHeaders(req);
  return base['Access-Control-Allow-Origin'] === '*' ? base : { ...base, 'Access-Control-Allow-Credentials': 'true' };
}

/** An RFC 7807 problem, as Adobe's Edge answers errors. */
export function sendProblem(res: ServerResponse, status: number, problem: Record<string, unknown>, headers: Record<string, string> = {}): void {
  sendJson(res, status, problem, { ...headers, 'Content-Type': 'application/problem+json; charset=utf-8' });
}
