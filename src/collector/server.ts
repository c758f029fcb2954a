/**
 * The reference collector (`mci serve`): a local Media Collection API and Media Edge API that
 * answer like Adobe's, for tests, demos and `npm start`. It validates with the inspector's own
 * schemas, keeps every session's events in memory (GET /_mci/sessions), injects faults on demand,
 * and serves the demo player at /. Loopback only. The Media Edge routes are in edge-api.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { classify } from '../core/protocol/media-collection/classify.ts';
import { isEventType } from '../core/protocol/media-collection/event-types.ts';
import { publishedSchema } from '../core/protocol/media-collection/schemas.ts';
import { classifyEdge, type EdgeRoute } from '../core/protocol/media-edge/classify.ts';
import { edgeCall } from './edge-api.ts';
import { Faults, isFaultMode } from './faults.ts';
import { BodyTooLarge, corsHeaders, edgeCorsHeaders, preflightHeaders, readBody, sendEmpty, sendJson, sendProblem } from './http-helpers.ts';
import { SessionStore, type StoredSession } from './session-store.ts';
import { serveStatic } from './static-files.ts';
import { rejectionMessage, validateCall } from './validate-call.ts';

export interface CollectorOptions {
  port?: number;
  idleTimeoutS?: number;
  stallTimeoutS?: number;
  /** Media Edge sessions answer 410 this long after their start (default 24 hours, as Adobe's). */
  edgeMaxAgeS?: number;
  /** Folder of the built demo player (dist/demo); without it, / answers 404. */
  demoDir?: string | null;
}

export interface Collector {
  url: string;
  port: number;
  store: SessionStore;
  faults: Faults;
  close(): Promise<void>;
}


function pathDecodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const store = new SessionStore({
    idleMs: (options.idleTimeoutS ?? 600) * 1000,
    stallMs: (options.stallTimeoutS ?? 1800) * 1000,
    edgeMaxAgeMs: (options.edgeMaxAgeS ?? 24 * 60 * 60) * 1000,
  });
  const faults = new Faults();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, err instanceof BodyTooLarge ? 413 : 500, { message: err instanceof Error ? err.message : 'internal error' }, corsHeaders(req));
      else res.destroy();
    });
  });
  server.requestTimeout = 0; // "hang" faults must be able to hang
  server.on('clientError', (_err, socket) => socket.destroy());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path.startsWith('/_mci/')) {
      if (!pathDecodes(path)) return sendJson(res, 400, { message: 'malformed percent-encoding in the path' }, corsHeaders(req));
      return admin(req, res, path, method);
    }
    // The inspector's own routing (any path prefix before /api/v1); asked as for a POST so that a
    // preflight to an API path is recognised too.
    const route = classify('POST', path);
    if (!route) {
      // Media Edge: …/<base>[/<hint>]/va/v1/<eventType> and the Web SDK's …/<base>[/<hint>]/v1/interact.
      const edge = classifyEdge('POST', `${path}${url.search}`);
      if (edge) return edgeApi(req, res, url, edge, method);
      return serveStatic(res, options.demoDir ?? null, path, method);
    }
    const cors = corsHeaders(req);
    if (!pathDecodes(path)) return sendJson(res, 400, { message: 'malformed percent-encoding in the path' }, cors);
    if (method === 'OPTIONS') return sendEmpty(res, 204, preflightHeaders(req));

    const fault = faults.take(url.searchParams.get('fault'));
    if (fault === 'hang') return; // never answer; the client gives up
    if (fault === 'abort') {
      req.socket.destroy();
      return;
    }
    if (fault === '500') return sendJson(res, 500, { message: 'injected fault: internal server error' }, cors);

    if (route.kind === 'schema') {
      if (method !== 'GET') return sendJson(res, 405, { message: 'use GET' }, { ...cors, Allow: 'GET, OPTIONS' });
      const type = route.schemaType ?? '';
      return isEventType(type) ? sendJson(res, 200, publishedSchema(type), cors) : sendJson(res, 404, { message: `no schema for ${type}` }, cors);
    }
    if (method !== 'POST') return sendJson(res, 405, { message: 'use POST' }, { ...cors, Allow: 'POST, OPTIONS' });
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendJson(res, 413, { message: e.message }, cors);
      throw e;
    }
    const verdict = validateCall(`http://collector.invalid${path}`, body);
    if (route.kind === 'events') return eventCall(res, cors, route.sid ?? '', verdict);
    if (verdict.rejections.length > 0) return sendJson(res, 400, { message: rejectionMessage(verdict.rejections) }, cors);
    if (route.kind === 'downloaded') return sendEmpty(res, 201, cors);
    // A session start (or the deprecated downloaded array): a new sid in Location, under the same prefix.
    const prefix = path.slice(0, path.lastIndexOf('/api/v1'));
    const sid = randomBytes(32).toString('hex');
    const first = verdict.events[0];
    const session = store.create(sid, { eventType: first?.eventType ?? null, playhead: first?.playhead ?? null, ts: first?.ts ?? null, body: verdict.body });
    for (const e of verdict.events.slice(1)) store.accept(session, { eventType: e.eventType, playhead: e.playhead, ts: e.ts, body: null });
    return sendEmpty(res, 201, { ...cors, Location: `${prefix}/api/v1/sessions/${sid}` });
  }

  async function edgeApi(req: IncomingMessage, res: ServerResponse, url: URL, route: EdgeRoute, method: string): Promise<void> {
    const cors = edgeCorsHeaders(req);
    if (!pathDecodes(url.pathname)) return sendProblem(res, 400, { type: 'about:blank', status: 400, title: 'Bad Request', detail: 'malformed percent-encoding in the path' }, cors);
    if (method === 'OPTIONS') return sendEmpty(res, 204, edgeCorsHeaders(req, true));
    const fault = faults.take(url.searchParams.get('fault'));
    if (fault === 'hang') return;
    if (fault === 'abort') {
      req.socket.destroy();
      return;
    }
    if (fault === '500') return sendProblem(res, 500, { type: 'about:blank', status: 500, title: 'Internal Server Error', detail: 'injected fault: internal server error' }, cors);
    if (method !== 'POST') return sendProblem(res, 405, { type: 'about:blank', status: 405, title: 'Method Not Allowed', detail: 'use POST' }, { ...cors, Allow: 'POST, OPTIONS' });
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendProblem(res, 413, { type: 'about:blank', status: 413, title: 'Payload Too Large', detail: e.message }, cors);
      throw e;
    }
    edgeCall(res, store, { route, pathAndQuery: `${url.pathname}${url.search}`, requestId: url.searchParams.get('requestId'), body, cors });
  }

  function eventCall(res: ServerResponse, cors: Record<string, string>, sid: string, verdict: ReturnType<typeof validateCall>): void {
    const found: StoredSession | undefined = store.get(sid);
    const session = found?.protocol === 'media-collection' ? found : undefined; // an Edge sid is unknown here
    const e = verdict.events[0];
    const record = { eventType: e?.eventType || null, playhead: e?.playhead ?? null, ts: e?.ts ?? null, body: verdict.body };
    if (!session) return sendJson(res, 404, { message: `session ${sid} not found` }, cors);
    if (verdict.rejections.length > 0) {
      store.reject(session, record, 400);
      return sendJson(res, 400, { message: rejectionMessage(verdict.rejections) }, cors);
    }
    if (session.closed) {
      store.reject(session, record, 410);
      return sendJson(res, 410, { message: `session ${sid} is closed (${session.closed})` }, cors);
    }
    store.accept(session, record);
    sendEmpty(res, 204, cors);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<void> {
    const cors = corsHeaders(req);
    if (method === 'OPTIONS') return sendEmpty(res, 204, preflightHeaders(req));
    if (path === '/_mci/sessions' && method === 'GET') return sendJson(res, 200, { sessions: store.list() }, cors);
    if (path === '/_mci/sessions' && method === 'DELETE') {
      store.clear();
      return sendEmpty(res, 204, cors);
    }
    const one = /^\/_mci\/sessions\/([^/]+)$/.exec(path);
    if (one && method === 'GET') {
      const s = store.get(decodeURIComponent(one[1] ?? ''));
      return s ? sendJson(res, 200, s, cors) : sendJson(res, 404, { message: 'no such session' }, cors);
    }
    if (path === '/_mci/faults' && method === 'POST') {
      let spec: unknown;
      try {
        spec = JSON.parse(await readBody(req, 4096));
      } catch {
        return sendJson(res, 400, { message: 'send {"mode": "500"|"hang"|"abort", "count": N}' }, cors);
      }
      const { mode, count } = (spec ?? {}) as { mode?: unknown; count?: unknown };
      const n = count === undefined ? 1 : Number(count);
      if (!isFaultMode(mode) || !Number.isInteger(n) || n < 1 || n > 10000) {
        return sendJson(res, 400, { message: 'send {"mode": "500"|"hang"|"abort", "count": N}' }, cors);
      }
      faults.add(mode, n);
      return sendJson(res, 200, { pending: faults.pending() }, cors);
    }
    if (path === '/_mci/faults' && method === 'DELETE') {
      faults.clear();
      return sendEmpty(res, 204, cors);
    }
    return sendJson(res, 404, { message: `unknown path ${path}` }, cors);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    faults,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
