/**
 * The admin API for tests and demos (/_mci/*), for the collector's user only (admin-guard.ts):
 * `GET /_mci/sessions[?offset=&limit=]` a page of the sessions held, streamed; `GET /_mci/sessions/<sid>`
 * one; `DELETE /_mci/sessions` forgets them all; `POST /_mci/faults {"mode", "count"}` queues
 * faults for the next API calls; `DELETE /_mci/faults` drops them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminContext } from './context.ts';
import { isFaultMode, MAX_PENDING_FAULTS } from './faults.ts';
import { ClientGone, pathDecodes, readBody, RequestBodyError, refusedBodyHeaders, sendEmpty, sendJson, streamChunks } from './http-helpers.ts';
import { pageChunks, sessionChunks } from './sessions-json.ts';

/** Sessions in a page of GET /_mci/sessions when `limit` is not given, and the most one page may ask for. */
export const DEFAULT_PAGE = 1000;
export const MAX_PAGE = 10_000;

const FAULT_USAGE = `send {"mode": "500"|"hang"|"abort", "count": N} with N from 1 to ${MAX_PENDING_FAULTS}`;
const STREAMED = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export async function adminCall(req: IncomingMessage, res: ServerResponse, url: URL, ctx: AdminContext): Promise<void> {
  const refusal = ctx.guard.refusal(req);
  // No CORS header on a refusal: the refused page cannot even read why.
  if (refusal) return sendJson(res, refusal.status, { message: refusal.message }, { Vary: 'Origin' });
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const cors = ctx.guard.cors(req);
  if (!pathDecodes(path)) return sendJson(res, 400, { message: 'malformed percent-encoding in the path' }, cors);
  if (method === 'OPTIONS') return sendEmpty(res, 204, ctx.guard.cors(req, true));

  if (path === '/_mci/sessions') {
    if (method === 'GET') return listSessions(res, url, ctx, cors);
    if (method === 'DELETE') {
      ctx.store.clear();
      return sendEmpty(res, 204, cors);
    }
    return sendJson(res, 405, { message: 'use GET or DELETE' }, { ...cors, Allow: 'GET, DELETE, OPTIONS' });
  }
  const one = /^\/_mci\/sessions\/([^/]+)$/.exec(path);
  if (one) {
    if (method !== 'GET') return sendJson(res, 405, { message: 'use GET' }, { ...cors, Allow: 'GET, OPTIONS' });
    const s = ctx.store.get(decodeURIComponent(one[1] ?? ''));
    if (!s) return sendJson(res, 404, { message: 'no such session (never started, or freed after it closed)' }, cors);
    res.writeHead(200, { ...STREAMED, ...cors });
    return streamChunks(res, sessionChunks(s));
  }
  if (path === '/_mci/faults') {
    if (method === 'POST') return addFaults(req, res, ctx, cors);
    if (method === 'DELETE') {
      ctx.faults.clear();
      return sendEmpty(res, 204, cors);
    }
    return sendJson(res, 405, { message: 'use POST or DELETE' }, { ...cors, Allow: 'POST, DELETE, OPTIONS' });
  }
  return sendJson(res, 404, { message: `unknown path ${path}` }, cors);
}

function listSessions(res: ServerResponse, url: URL, ctx: AdminContext, cors: Record<string, string>): Promise<void> | void {
  const offset = whole(url.searchParams.get('offset'), 0);
  const limit = whole(url.searchParams.get('limit'), DEFAULT_PAGE);
  if (offset === null || limit === null || limit < 1 || limit > MAX_PAGE) {
    return sendJson(res, 400, { message: `offset must be a whole number, limit one from 1 to ${MAX_PAGE} (default ${DEFAULT_PAGE})` }, cors);
  }
  const { sessions, total } = ctx.store.page(offset, limit);
  const l = ctx.limits;
  const summary = {
    total, offset, limit, next: offset + sessions.length < total ? offset + sessions.length : null, stats: ctx.store.stats(),
    limits: { sessions: l.maxSessions, events: l.maxEvents, eventsPerSession: l.maxEventsPerSession, bodyBytes: l.maxBodyBytes, closedGraceS: l.closedGraceMs / 1000 },
  };
  res.writeHead(200, { ...STREAMED, ...cors });
  return streamChunks(res, pageChunks(summary, sessions));
}

/** A query parameter as a whole number: `fallback` when absent, null when not one. */
function whole(v: string | null, fallback: number): number | null {
  if (v === null) return fallback;
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}

async function addFaults(req: IncomingMessage, res: ServerResponse, ctx: AdminContext, cors: Record<string, string>): Promise<void> {
  let text: string;
  try {
    text = await readBody(req, { limit: 4096, silenceMs: ctx.bodyTimeoutMs });
  } catch (e) {
    if (e instanceof RequestBodyError) return sendJson(res, e.status, { message: e.message }, { ...cors, ...refusedBodyHeaders(e) });
    if (e instanceof ClientGone) return;
    throw e;
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    return sendJson(res, 400, { message: FAULT_USAGE }, cors);
  }
  const { mode, count } = (spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? spec : {}) as { mode?: unknown; count?: unknown };
  const n = count === undefined ? 1 : Number(count);
  if (!isFaultMode(mode) || !Number.isInteger(n) || n < 1 || n > MAX_PENDING_FAULTS) {
    return sendJson(res, 400, { message: FAULT_USAGE }, cors);
  }
  if (!ctx.faults.add(mode, n)) {
    return sendJson(res, 400, {
      message: `the fault queue holds at most ${MAX_PENDING_FAULTS} faults and ${ctx.faults.pending()} wait: ask for ${ctx.faults.room()} or fewer, or DELETE /_mci/faults`,
    }, cors);
  }
  sendJson(res, 200, { pending: ctx.faults.pending() }, cors);
}
