/**
 * The Media Edge side of the reference collector (media-edge-api.md sections 3 and 4 item 8):
 * `POST …/<base>[/<hint>]/va/v1/<eventType>` and the Web SDK's `POST …/<base>[/<hint>]/v1/interact`.
 *
 * - sessionStart (either call): 200 with `handle[]`: `media-analytics:new-session` (`payload:
 *   [{sessionId}]`, 64 hex), `locationHint:result` and `state:store`; 207 with `errors[]` (and no
 *   new-session handle) when the event fails the schema; 400 `EXEG-0003-400` without `configId`.
 * - an `interact` call without a media.sessionStart event: 200 with an empty `handle`.
 * - events: 204; 400 `va-edge-0400-400` for a bad body (checked first, as Edge validates before
 *   the media service looks the session up); 404 `va-edge-0404-404` for an unknown sessionID (or a
 *   Media Collection sid); 410 after sessionEnd, past 24 hours, or after the idle or
 *   stalled-playhead timeout (the Media Collection rules, which Adobe says Edge shares).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EdgeRoute } from '../core/protocol/media-edge/classify.ts';
import type { ApiContext } from './context.ts';
import { bodyOrAnswer, edgeCorsHeaders, pathDecodes, sendEmpty, sendJson, sendProblem } from './http-helpers.ts';
import type { EventRecord, SessionStore, StoredSession } from './session-store.ts';
import { detailsOf, eventIndexOf, invalidProblem, PROBLEM, validateEdgeCall, type EdgeVerdict } from './validate-edge.ts';

/** The location hint the collector hands out when the call had none (Adobe's Oregon cluster). */
const DEFAULT_HINT = 'or2';

export interface EdgeRequest {
  route: EdgeRoute;
  /** Path and query as received (`/ee/or2/va/v1/play?configId=…`). */
  pathAndQuery: string;
  requestId: string | null;
  body: string;
  cors: Record<string, string>;
}

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', status, title, detail });

/** One call on a Media Edge route: CORS, faults, the body (bounded in size and time), then edgeReply. */
export async function edgeCall(req: IncomingMessage, res: ServerResponse, url: URL, route: EdgeRoute, ctx: ApiContext): Promise<void> {
  const method = req.method ?? 'GET';
  const cors = edgeCorsHeaders(req);
  if (!pathDecodes(url.pathname)) return sendProblem(res, 400, problem(400, 'Bad Request', 'malformed percent-encoding in the path'), cors);
  if (method === 'OPTIONS') return sendEmpty(res, 204, edgeCorsHeaders(req, true));
  const fault = ctx.faults.take(url.searchParams.get('fault'));
  if (fault === 'hang') return;
  if (fault === 'abort') {
    req.socket.destroy();
    return;
  }
  if (fault === '500') return sendProblem(res, 500, problem(500, 'Internal Server Error', 'injected fault: internal server error'), cors);
  if (method !== 'POST') return sendProblem(res, 405, problem(405, 'Method Not Allowed', 'use POST'), { ...cors, Allow: 'POST, OPTIONS' });
  const body = await bodyOrAnswer(req, ctx.bodyTimeoutMs, (status, detail, headers) => {
    sendProblem(res, status, problem(status, status === 413 ? 'Payload Too Large' : 'Request Timeout', detail), { ...cors, ...headers });
  });
  if (body === null) return;
  edgeReply(res, ctx.store, { route, pathAndQuery: `${url.pathname}${url.search}`, requestId: url.searchParams.get('requestId'), body, cors });
}

export function edgeReply(res: ServerResponse, store: SessionStore, r: EdgeRequest): void {
  const { route, cors } = r;
  const requestId = r.requestId || randomUUID();
  const starts = route.kind === 'interact' || route.pathType === 'sessionStart';
  if (starts && !route.configId) {
    return sendProblem(res, 400, {
      type: PROBLEM.noDatastream, status: 400, title: 'Invalid datastream ID',
      detail: 'The datastream ID (the configId query parameter) is missing: there is no datastream to send the data to.',
      report: { requestId },
    }, cors);
  }
  const v = validateEdgeCall(`http://collector.invalid${r.pathAndQuery}`, r.body);
  if (route.kind === 'interact') {
    if (!v.json) return sendProblem(res, 400, invalidProblem(v, 'The request body is not JSON.'), cors);
    if (!v.media) return sendJson(res, 200, { requestId, handle: [] }, cors);
  }
  if (starts) return sessionStart(res, store, r, v, requestId);
  // A downloaded batch holds a whole session of its own: checked, answered, not kept.
  if (route.pathType === 'downloaded') return rejected(v) ? sendProblem(res, 400, invalidProblem(v), cors) : sendEmpty(res, 204, cors);

  const first = v.events[0];
  const record: EventRecord = { eventType: first?.eventType || route.pathType, playhead: first?.playhead ?? null, ts: first?.ts ?? null, bodyText: v.bodyText };
  const found = v.sid ? store.get(v.sid) : undefined;
  const session: StoredSession | undefined = found?.protocol === 'media-edge' ? found : undefined;
  if (rejected(v)) {
    if (session) store.reject(session, record, 400);
    return sendProblem(res, 400, invalidProblem(v), cors);
  }
  if (!session) {
    return sendProblem(res, 404, {
      type: PROBLEM.notFound, status: 404, title: 'Not Found',
      detail: 'Invalid session ID. If the session is longer than 24h, please start a new one.',
      report: { requestId },
    }, cors);
  }
  if (session.closed) {
    store.reject(session, record, 410);
    return sendProblem(res, 410, {
      type: PROBLEM.gone, status: 410, title: 'Gone',
      detail: `The session is closed (${session.closed}): start a new one.`,
      report: { requestId },
    }, cors);
  }
  store.accept(session, record);
  sendEmpty(res, 204, cors);
}

function rejected(v: EdgeVerdict): boolean {
  return v.requestProblems.length > 0 || v.eventProblems.size > 0;
}

/** A session start (`/va/v1/sessionStart`, or `interact` with media.sessionStart): a session per valid event. */
function sessionStart(res: ServerResponse, store: SessionStore, r: EdgeRequest, v: EdgeVerdict, requestId: string): void {
  if (v.requestProblems.length > 0) return sendProblem(res, 400, invalidProblem(v), r.cors);
  const hint = r.route.hint ?? DEFAULT_HINT;
  const handle: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const e of v.events) {
    const index = eventIndexOf(e.pointer) ?? 0;
    const problems = v.eventProblems.get(index);
    if (problems) {
      errors.push({
        type: PROBLEM.invalid, status: 400, title: 'Invalid request',
        detail: 'The media session was not started: the sessionStart event failed validation.',
        report: { eventIndex: index, details: detailsOf(problems, index) },
      });
      continue;
    }
    const sid = randomBytes(32).toString('hex');
    store.create(sid, { eventType: e.eventType, playhead: e.playhead, ts: e.ts, bodyText: v.bodyText }, {
      protocol: 'media-edge', startedWith: r.route.kind === 'interact' ? 'interact' : 'sessionStart', hint: r.route.hint,
    });
    handle.push({ type: 'media-analytics:new-session', payload: [{ sessionId: sid }], eventIndex: index });
  }
  handle.push(
    { type: 'locationHint:result', payload: [{ scope: 'EdgeNetwork', hint, ttlSeconds: 1800 }, { scope: 'Target', hint: 'mciedge', ttlSeconds: 1800 }] },
    { type: 'state:store', payload: [{ key: 'kndctr_MCIDEMO_AdobeOrg_cluster', value: hint, maxAge: 1800 }] },
  );
  sendJson(res, errors.length ? 207 : 200, { requestId, handle, ...(errors.length ? { errors } : {}) }, r.cors);
}
