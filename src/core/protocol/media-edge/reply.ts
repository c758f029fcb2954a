/**
 * Reading a Media Edge reply (media-edge-api.md section 3): JSON, or Edge's streaming mode (a
 * body that starts with \u0000 and holds several JSON records separated by \n); the new session's
 * id from the `media-analytics:new-session` handle; problem details (`errors[]`, or a problem
 * document itself) with their `report.details` reasons.
 */
import { isRecord } from '../../har/read-har.ts';

/** One reason Adobe gave: a JSONPath into the request (`$.events[0].xdm…`) when it names a field. */
export interface EdgeReason {
  path: string | null;
  reason: string;
}

export interface EdgeProblem {
  type: string | null;
  title: string | null;
  detail: string | null;
  /** `report.eventIndex` of a 207: the event the reasons' paths are relative to. */
  eventIndex: number | null;
  reasons: EdgeReason[];
}

export interface EdgeReply {
  /** Every JSON record of the reply (one, or several in streaming mode). */
  records: unknown[];
  /** The id in the new-session handle, when there is one. */
  sessionId: string | null;
  /** Whether a new-session handle was there at all (with or without a usable id). */
  newSessionHandle: boolean;
  problems: EdgeProblem[];
}

/** Splits and parses a reply body; never throws (what is not JSON is skipped). */
export function readEdgeReply(body: string | null): EdgeReply {
  const records: unknown[] = [];
  if (body) {
    for (const line of body.split('\n')) {
      const text = withoutLeadingNul(line).trim();
      if (!text) continue;
      try {
        records.push(JSON.parse(text));
      } catch {
        // a record that is not JSON says nothing we can use
      }
    }
  }
  let sessionId: string | null = null;
  let newSessionHandle = false;
  const problems: EdgeProblem[] = [];
  for (const record of records) {
    if (!isRecord(record)) continue;
    for (const handle of Array.isArray(record.handle) ? record.handle : []) {
      if (!isRecord(handle) || handle.type !== 'media-analytics:new-session') continue;
      newSessionHandle = true;
      const payload = Array.isArray(handle.payload) ? handle.payload[0] : undefined;
      const id = isRecord(payload) ? payload.sessionId : undefined;
      if (typeof id === 'string' && id && sessionId === null) sessionId = id;
    }
    for (const error of Array.isArray(record.errors) ? record.errors : []) if (isRecord(error)) problems.push(problemOf(error));
    if (typeof record.type === 'string' && (record.title !== undefined || record.status !== undefined || record.report !== undefined)) problems.push(problemOf(record));
  }
  return { records, sessionId, newSessionHandle, problems };
}

/** Streaming mode prefixes records with NUL characters (\u0000). */
function withoutLeadingNul(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 0) i++;
  return text.slice(i);
}

function problemOf(p: Record<string, unknown>): EdgeProblem {
  const report = isRecord(p.report) ? p.report : null;
  // Adobe's OpenAPI file once says report.report for report.details: accept both.
  const details = report ? report.details ?? report.report : undefined;
  const reasons: EdgeReason[] = [];
  if (typeof details === 'string') reasons.push({ path: null, reason: details });
  else if (Array.isArray(details)) {
    for (const d of details) {
      if (isRecord(d)) reasons.push({ path: typeof d.name === 'string' ? d.name : null, reason: typeof d.reason === 'string' ? d.reason : JSON.stringify(d) });
      else if (typeof d === 'string') reasons.push({ path: null, reason: d });
    }
  }
  return {
    type: typeof p.type === 'string' ? p.type : null,
    title: typeof p.title === 'string' ? p.title : null,
    detail: typeof p.detail === 'string' ? p.detail : null,
    eventIndex: report && Number.isInteger(report.eventIndex) ? (report.eventIndex as number) : null,
    reasons,
  };
}

/**
 * A JSONPath of Adobe's (`$.events[0].xdm.mediaCollection.playhead`, or `$.xdm.…` relative to the
 * event of a 207) as a JSON pointer into the request body (`/events/0/xdm/mediaCollection/playhead`).
 */
export function pointerOf(path: string, eventIndex: number | null): string | null {
  const m = /^\$((?:\.[A-Za-z_$][\w$-]*|\[\d+\])*)$/.exec(path.trim());
  if (!m) return null;
  const parts = [...(m[1] ?? '').matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)].map((p) => p[1] ?? p[2] ?? '');
  const pointer = `/${parts.join('/')}`;
  if (parts[0] === 'events' || eventIndex === null) return parts.length ? pointer : '';
  return `/events/${eventIndex}${parts.length ? pointer : ''}`;
}

/** A short description of a problem for a finding's message. */
export function describeProblem(p: EdgeProblem): string {
  const head = [p.title, p.detail].filter(Boolean).join(': ') || p.type || 'a problem';
  const reasons = p.reasons.map((r) => (r.path ? `${r.path}: ${r.reason}` : r.reason));
  return reasons.length ? `${head} (${reasons.join('; ')})` : head;
}
