/** Findings about the HTTP reply of a Media Collection call (findings catalogue: "HTTP replies"). */
import { headerValue, type Exchange } from '../../exchange.ts';
import { makeFinding, shortSid } from '../../findings/make-finding.ts';
import { NO_FINDINGS, type Finding } from '../../findings/finding.ts';
import { isRecord } from '../../har/read-har.ts';
import type { CallKind } from './classify.ts';

const EXPECTED_STATUS: Record<CallKind, number> = { sessions: 201, events: 204, downloaded: 201, schema: 200 };

interface At {
  exchange: number;
  sid: string | null;
  time: number | null;
}

export function checkReply(ex: Exchange, kind: CallKind, at: At): Finding[] {
  const s = ex.status;
  if (s === 0) {
    const why = ex.failure ?? 'no reply';
    const blocked = /BLOCKED_BY_CLIENT/i.test(why);
    return [makeFinding('http.failed', at,
      blocked
        ? `The request was blocked by the browser or an extension (${why}): the server never saw ${callName(kind)}.`
        : `No reply was received (${why}): the server may never have seen ${callName(kind)}.`)];
  }
  if (s === 400) {
    const server = serverMessage(ex.responseBody);
    return [makeFinding('http.bad-request', at,
      `The server rejected ${callName(kind)} with 400 Bad Request${server ? `: "${server}"` : ' (no message in the reply)'}. The data in it is lost.`)];
  }
  if (kind === 'events' && s === 404) {
    return [makeFinding('http.session-not-found', at,
      `404: the back end does not know session ${shortSid(at.sid)}. This event and every later one on this sid are lost.`)];
  }
  if (kind === 'events' && s === 410) {
    return [makeFinding('http.session-gone', at,
      `410: session ${shortSid(at.sid)} is closed (ended, idle for 10 minutes or stalled); the back end drops this event.`)];
  }
  if (s >= 500) {
    return [makeFinding('http.server-error', at, `The server answered ${s}${ex.statusText ? ` ${ex.statusText}` : ''}: ${callName(kind)} was not recorded.`)];
  }
  const expected = EXPECTED_STATUS[kind];
  if (s !== expected) {
    return [makeFinding('http.unexpected-status', at,
      `The server answered ${s}${ex.statusText ? ` ${ex.statusText}` : ''} where the API answers ${expected} to ${callName(kind, 'a')}: check the endpoint URL and any proxy in between.`)];
  }
  return NO_FINDINGS;
}

/** The message of an error body `{"message": …}`, or its start when it is something else. */
function serverMessage(body: string | null): string | null {
  if (!body || !body.trim()) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: show the text as it is
  }
  return body.length > 200 ? `${body.slice(0, 200)}…` : body;
}

/** For a 201 sessions reply: why its Location header cannot be used, or null when it can. */
export function locationProblem(ex: Exchange, sid: string | null): string | null {
  const location = headerValue(ex.responseHeaders, 'location');
  if (location === null) return 'The 201 reply has no Location header, so the player cannot learn the session id: every event of this session is lost.';
  if (sid === null) return `The 201 reply's Location header (${JSON.stringify(location)}) does not end in /api/v1/sessions/<sid>: the player cannot learn the session id.`;
  if (isCrossOrigin(ex) && !exposesLocation(ex)) {
    return 'The 201 reply is cross-origin and does not list Location in Access-Control-Expose-Headers: the browser hides the header from the player, which cannot learn the session id.';
  }
  return null;
}

function isCrossOrigin(ex: Exchange): boolean {
  const origin = headerValue(ex.requestHeaders, 'origin');
  if (!origin || origin === 'null') return false;
  try {
    return new URL(ex.url).origin !== new URL(origin).origin;
  } catch {
    return false;
  }
}

function exposesLocation(ex: Exchange): boolean {
  const exposed = headerValue(ex.responseHeaders, 'access-control-expose-headers');
  if (exposed === null) return false;
  return exposed.split(',').some((h) => ['location', '*'].includes(h.trim().toLowerCase()));
}

/** "this events call", "a sessions call"… */
function callName(kind: CallKind, determiner: 'this' | 'a' = 'this'): string {
  const d = determiner === 'a' && kind === 'events' ? 'an' : determiner;
  return `${d} ${kind} call`;
}

