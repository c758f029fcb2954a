/**
 * The collector judges a Media Edge body exactly as the inspector does: it builds an exchange and
 * runs the core's Media Edge adapter (the same generated validators), keeping the findings that make
 * Adobe refuse the call, and turns them into Adobe's problem details (media-edge-api.md section 3).
 */
import type { Exchange } from '../core/exchange.ts';
import type { Finding } from '../core/findings/finding.ts';
import type { TrackedEvent } from '../core/protocol/call.ts';
import { mediaEdge } from '../core/protocol/media-edge/adapter.ts';
import { isJson } from './validate-call.ts';

/** Codes that make Adobe refuse a call. Unknown fields (a warning) and several events (info) do not. */
const REJECTING = new Set(['body.not-json', 'schema.unknown-event-type', 'schema.violation', 'edge.path-mismatch']);

export const PROBLEM = {
  invalid: 'https://ns.adobe.com/aep/errors/va-edge-0400-400',
  notFound: 'https://ns.adobe.com/aep/errors/va-edge-0404-404',
  /** Adobe documents the 410 but not its body: the collector's own type, shaped like the 404's. */
  gone: 'https://ns.adobe.com/aep/errors/va-edge-0410-410',
  noDatastream: 'https://ns.adobe.com/aep/errors/EXEG-0003-400',
} as const;

export interface EdgeVerdict {
  /** False for a Web SDK `interact` call without a media.sessionStart event: not a media call. */
  media: boolean;
  /** The media events, each with its pointer (`/events/<i>`) into the body. */
  events: TrackedEvent[];
  /** `mediaCollection.sessionID` of an event call's first event. */
  sid: string | null;
  /** Problems of the request as a whole (not JSON, no events, path/body type mismatch): a 400 whatever the call. */
  requestProblems: Finding[];
  /** Field problems, by the index of the event in `events[]` they belong to. */
  eventProblems: Map<number, Finding[]>;
  /** Whether the body parsed as JSON at all. */
  json: boolean;
  /** The body as received when it is JSON, for the collector's record (null when not). */
  bodyText: string | null;
}

export function validateEdgeCall(url: string, body: string): EdgeVerdict {
  const ex: Exchange = {
    index: 0, method: 'POST', url, requestHeaders: [], requestBody: body, status: 0, statusText: '',
    responseHeaders: [], responseBody: null, startedAt: Date.now(), durationMs: null, resourceType: null, failure: null,
  };
  const json = isJson(body);
  const call = mediaEdge.inspect(ex);
  const verdict: EdgeVerdict = { media: call !== null, events: call?.events ?? [], sid: call?.sid ?? null, requestProblems: [], eventProblems: new Map(), json, bodyText: json ? body : null };
  for (const f of call?.findings ?? []) {
    if (!REJECTING.has(f.code)) continue;
    const index = f.code === 'schema.violation' ? eventIndexOf(f.pointer) : null;
    if (index === null) verdict.requestProblems.push(f);
    else verdict.eventProblems.set(index, [...(verdict.eventProblems.get(index) ?? []), f]);
  }
  return verdict;
}

/** `/events/3/xdm/…` → 3; null for a pointer outside one event. */
export function eventIndexOf(pointer: string | undefined): number | null {
  const m = /^\/events\/(\d+)(?:\/|$)/.exec(pointer ?? '');
  return m ? Number(m[1]) : null;
}

/** A JSON pointer as Adobe's JSONPath: `/events/0/xdm/playhead` → `$.events[0].xdm.playhead`; `relativeTo` strips `/events/<i>`. */
export function jsonPathOf(pointer: string, relativeTo: number | null = null): string {
  let p = pointer;
  if (relativeTo !== null) p = p.replace(new RegExp(`^/events/${relativeTo}(?=/|$)`), '');
  const parts = p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `$${parts.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}

/** Adobe's `report.details` items for field problems. */
export function detailsOf(findings: readonly Finding[], relativeTo: number | null = null): { name: string; reason: string }[] {
  // The name says where; the reason need not repeat the pointer the message starts with.
  return findings.map((f) => ({ name: jsonPathOf(f.pointer && f.pointer !== '/' ? f.pointer : '', relativeTo), reason: f.message.replace(/^\/\S*\s+(?=\S)/, '') }));
}

/**
 * The 400 problem of an invalid call: `report.details` a string for request problems (or `otherwise`
 * when the adapter had none to give), else one `{name, reason}` per field.
 */
export function invalidProblem(v: EdgeVerdict, otherwise = 'The request is invalid.'): Record<string, unknown> {
  const fields = [...v.eventProblems.values()].flat();
  const details: string | { name: string; reason: string }[] = v.requestProblems.length
    ? v.requestProblems.map((f) => f.message).join(' | ')
    : fields.length ? detailsOf(fields) : otherwise;
  return {
    type: PROBLEM.invalid, status: 400, title: 'Invalid request',
    detail: 'The request body failed validation.',
    report: { details },
  };
}
