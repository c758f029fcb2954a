/** Findings about the HTTP reply of a Media Edge call (media-edge-api.md section 3). */
import type { Exchange } from '../../exchange.ts';
import type { Finding } from '../../findings/finding.ts';
import { makeFinding, shortSid } from '../../findings/make-finding.ts';
import { describeProblem, pointerOf, type EdgeReply } from './reply.ts';

interface At {
  exchange: number;
  sid: string | null;
  time: number | null;
}

export function checkEdgeReply(ex: Exchange, role: 'sessionStart' | 'event', reply: EdgeReply, at: At): Finding[] {
  const s = ex.status;
  const what = role === 'sessionStart' ? 'this session start' : 'this event';
  const problems = reply.problems.map(describeProblem).join('; ');
  const firstPointer = () => {
    for (const p of reply.problems) for (const r of p.reasons) {
      const pointer = r.path ? pointerOf(r.path, p.eventIndex) : null;
      if (pointer !== null) return { pointer };
    }
    return {};
  };
  if (s === 0) return [makeFinding('http.failed', at, `No reply was received (${ex.failure ?? 'no reply'}): Edge may never have seen ${what}.`)];
  if (s >= 500) return [makeFinding('http.server-error', at, `Edge answered ${s}${ex.statusText ? ` ${ex.statusText}` : ''}: ${what} was not recorded.`)];
  if (s === 400) {
    return [makeFinding('http.bad-request', at, `Edge rejected ${what} with 400${problems ? `: ${problems}` : ' (no problem details in the reply)'}. The data in it is lost.`, firstPointer())];
  }
  if (role === 'event' && s === 404) {
    return [makeFinding('http.session-not-found', at, `404: Edge does not know session ${shortSid(at.sid)}${problems ? ` (${problems})` : ''}. This event and every later one on it are lost; start a new session.`)];
  }
  if (role === 'event' && s === 410) {
    return [makeFinding('http.session-gone', at, `410: session ${shortSid(at.sid)} is closed (past 24 hours, or ended)${problems ? ` (${problems})` : ''}; Edge drops this event.`)];
  }
  if (role === 'sessionStart') {
    if (s === 207 || (s === 200 && reply.problems.length > 0)) {
      return reply.problems.length
        ? reply.problems.flatMap((p) => (p.reasons.length ? p.reasons : [{ path: null, reason: describeProblem(p) }]).map((r) => {
          const pointer = r.path ? pointerOf(r.path, p.eventIndex) : null;
          return makeFinding('http.multi-status', at, `Adobe rejected this session (${s}): ${r.path ? `${r.path}: ` : ''}${r.reason}. There is no session: every event sent for it is lost.`, pointer !== null ? { pointer } : {});
        }))
        : [makeFinding('http.multi-status', at, `Adobe answered ${s} without the details of what it rejected: there is no session.`)];
    }
    if (s === 200) {
      // A reply body the recording did not keep says nothing either way.
      if (reply.records.length === 0) return [];
      if (!reply.newSessionHandle) {
        return [makeFinding('session.no-id', at, 'The reply has no media-analytics:new-session handle: the datastream lacks Media Analytics, or the session was refused. The player has no session id to send events with.')];
      }
      if (reply.sessionId === null) return [makeFinding('session.no-id', at, 'The reply\'s new-session handle has no sessionId: the player has no session id to send events with.')];
      return [];
    }
  }
  if (role === 'event' && (s === 204 || s === 200)) return [];
  return [makeFinding('http.unexpected-status', at, `Edge answered ${s}${ex.statusText ? ` ${ex.statusText}` : ''} where it answers ${role === 'sessionStart' ? '200' : '204'}: check the endpoint URL and any proxy in between.`)];
}
