/** Small HTTP helpers for the collector: bounded body reading, JSON replies, streamed replies, CORS headers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

/** A request body the collector refuses: 413 too large, 408 too slow. */
export class RequestBodyError extends Error {
  constructor(readonly status: 408 | 413, message: string) {
    super(message);
  }
}

/** The client went away before its body ended: nobody to answer. */
export class ClientGone extends Error {}

export interface BodyOptions {
  limit?: number;
  /** 408 when no byte arrives for this long (from the call, then from each chunk). */
  silenceMs: number;
}

/**
 * Reads the request body as UTF-8, refusing more than `limit` bytes (413) and a body that goes
 * silent (408): without the timer a client that sends headers and then trickles, or nothing,
 * holds its connection and the handler's memory for as long as it likes.
 */
export function readBody(req: IncomingMessage, o: BodyOptions): Promise<string> {
  const limit = o.limit ?? MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      f();
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(() => reject(new RequestBodyError(408, `the request body stopped arriving: nothing for ${o.silenceMs / 1000} s`))), o.silenceMs);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(new RequestBodyError(413, `body larger than ${limit} bytes`)));
        req.resume(); // drain without keeping it
        return;
      }
      chunks.push(chunk);
      arm();
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks).toString('utf8')));
    const onGone = () => settle(() => reject(new ClientGone('the client went away before its body ended')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
    arm();
  });
}

/** Headers for a reply to a request whose body was refused unread: the connection cannot be reused. */
export function refusedBodyHeaders(e: RequestBodyError): Record<string, string> {
  return e.status === 408 ? { Connection: 'close' } : {};
}

/**
 * The request body, or null when it was refused (413, 408: answered with `refuse`) or the client
 * went away (nobody to answer).
 */
export async function bodyOrAnswer(req: IncomingMessage, silenceMs: number, refuse: (status: number, message: string, headers: Record<string, string>) => void): Promise<string | null> {
  try {
    return await readBody(req, { silenceMs });
  } catch (e) {
    if (e instanceof RequestBodyError) refuse(e.status, e.message, refusedBodyHeaders(e));
    else if (!(e instanceof ClientGone)) throw e;
    return null;
  }
}

export function pathDecodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
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

/**
 * CORS for the Media Edge routes: as for Media Collection, and credentials allowed for an echoed
 * origin, since the Web SDK posts with `credentials: "include"` (Edge's cookies), as Adobe's Edge
 * answers. Never used for /_mci (admin-guard.ts).
 */
export function edgeCorsHeaders(req: IncomingMessage, preflight = false): Record<string, string> {
  const base = preflight ? preflightHeaders(req) : corsHeaders(req);
  return base['Access-Control-Allow-Origin'] === '*' ? base : { ...base, 'Access-Control-Allow-Credentials': 'true' };
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

/** An RFC 7807 problem, as Adobe's Edge answers errors. */
export function sendProblem(res: ServerResponse, status: number, problem: Record<string, unknown>, headers: Record<string, string> = {}): void {
  sendJson(res, status, problem, { ...headers, 'Content-Type': 'application/problem+json; charset=utf-8' });
}

/** Bytes written without the socket asking to wait, after which the loop gets a turn anyway. */
const YIELD_EVERY = 1024 * 1024;

/**
 * Writes the chunks as they come, waiting for the socket to drain whenever it asks: a big reply
 * is never one string, a slow reader holds only what the socket buffers, and other requests are
 * served between chunks. Stops quietly if the client goes away.
 */
export async function streamChunks(res: ServerResponse, chunks: Iterable<string>): Promise<void> {
  let sinceYield = 0;
  for (const chunk of chunks) {
    if (res.destroyed) return;
    if (chunk === '') continue;
    sinceYield += chunk.length;
    if (!res.write(chunk)) {
      sinceYield = 0;
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    } else if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (!res.destroyed) res.end();
}
