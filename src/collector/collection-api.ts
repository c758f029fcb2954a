/**
 * The Media Collection side of the reference collector: `POST …/api/v1/sessions` (201 with a
 * Location under the same prefix), `POST …/api/v1/sessions/<sid>/events` (204, 400, 404, 410),
 * `POST …/api/v1/downloaded`, `GET …/api/v1/schemas/<eventType>`, with Adobe's open CORS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { CallRoute } from '../core/protocol/media-collection/classify.ts';
import { isEventType } from '../core/protocol/media-collection/event-types.ts';
import { publishedSchema } from '../core/protocol/media-collection/schemas.ts';
import type { ApiContext } from './context.ts';
import { bodyOrAnswer, corsHeaders, pathDecodes, preflightHeaders, sendEmpty, sendJson } from './http-helpers.ts';
import type { SessionStore, StoredSession } from './session-store.ts';
import { rejectionMessage, validateCall } from './validate-call.ts';

export async function collectionCall(req: IncomingMessage, res: ServerResponse, url: URL, route: CallRoute, ctx: ApiContext): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const cors = corsHeaders(req);
  if (!pathDecodes(path)) return sendJson(res, 400, { message: 'malformed percent-encoding in the path' }, cors);
  if (method === 'OPTIONS') return sendEmpty(res, 204, preflightHeaders(req));

  const fault = ctx.faults.take(url.searchParams.get('fault'));
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
  const body = await bodyOrAnswer(req, ctx.bodyTimeoutMs, (status, message, headers) => sendJson(res, status, { message }, { ...cors, ...headers }));
  if (body === null) return;
  const verdict = validateCall(`http://collector.invalid${path}`, body);
  if (route.kind === 'events') return eventCall(res, ctx.store, cors, route.sid ?? '', verdict);
  if (verdict.rejections.length > 0) return sendJson(res, 400, { message: rejectionMessage(verdict.rejections) }, cors);
  if (route.kind === 'downloaded') return sendEmpty(res, 201, cors);
  // A session start (or the deprecated downloaded array): a new sid in Location, under the same prefix.
  const prefix = path.slice(0, path.lastIndexOf('/api/v1'));
  const sid = randomBytes(32).toString('hex');
  const [first, ...rest] = verdict.events;
  const session = ctx.store.create(sid, { eventType: first?.eventType ?? null, playhead: first?.playhead ?? null, ts: first?.ts ?? null, bodyText: verdict.bodyText });
  for (const e of rest) ctx.store.accept(session, { eventType: e.eventType, playhead: e.playhead, ts: e.ts, bodyText: null });
  sendEmpty(res, 201, { ...cors, Location: `${prefix}/api/v1/sessions/${sid}` });
}

function eventCall(res: ServerResponse, store: SessionStore, cors: Record<string, string>, sid: string, verdict: ReturnType<typeof validateCall>): void {
  const found: StoredSession | undefined = store.get(sid);
  const session = found?.protocol === 'media-collection' ? found : undefined; // an Edge sid is unknown here
  const e = verdict.events[0];
  const record = { eventType: e?.eventType || null, playhead: e?.playhead ?? null, ts: e?.ts ?? null, bodyText: verdict.bodyText };
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
