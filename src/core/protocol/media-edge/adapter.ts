/**
 * The Media Edge API adapter: one exchange in, an InspectedCall with its findings out, on the same
 * engine as Media Collection (media-edge-api.md section 4: "one engine"). Each Edge event becomes a
 * TrackedEvent whose type, playhead, ts and params read as Media Collection's (`media.length`,
 * `media.ad.podIndex`, `statesStart[]`…), so the state machine, the sequence rules, the metrics,
 * the timeline and the reports work unchanged. Only recognition, body validation and the reply are
 * Edge's own.
 */
import { headerValue, type Exchange } from '../../exchange.ts';
import { NO_FINDINGS, type Finding } from '../../findings/finding.ts';
import { clipFinding, makeFinding } from '../../findings/make-finding.ts';
import { isRecord } from '../../har/read-har.ts';
import type { InspectedCall, ProtocolAdapter, TrackedEvent } from '../call.ts';
import type { BodyIssue } from '../media-collection/body-issue.ts';
import { batchSid } from '../media-collection/adapter.ts';
import { describeViolation } from '../media-collection/describe-violation.ts';
import { parseJsonBody } from '../media-collection/parse-body.ts';
import { classifyEdge, type EdgeRoute } from './classify.ts';
import { EDGE_METADATA_EVENT_TYPES, isEdgeEventType } from './event-types.ts';
import { EDGE_SDK_CLIENT, WEB_SDK_CLIENT } from '../../session/ping-cadence.ts';
import { unknownFields } from './known-fields.ts';
import { checkEdgeReply } from './check-reply.ts';
import { readEdgeReply } from './reply.ts';
import { toTrackedEvent } from './to-tracked-event.ts';
import { edgeValidatorFor } from './validators.ts';
import { describeInvisibleFields, findInvisibleFields } from '../../text/invisible-fields.ts';

export const MEDIA_EDGE = 'media-edge';

/** Unknown fields listed one by one per event; the rest are counted in one more finding. */
const UNKNOWN_FIELDS_SHOWN = 20;

/** The adapter; `bases`: custom endpoints standing for an Edge base path. */
export function createMediaEdgeAdapter(bases: readonly string[] = []): ProtocolAdapter {
  return {
    id: MEDIA_EDGE,
    matches: (method, url) => classifyEdge(method, url, bases) !== null,
    inspect(exchange) {
      const route = classifyEdge(exchange.method, exchange.url, bases);
      return route ? inspectEdge(exchange, route) : null;
    },
  };
}

export const mediaEdge: ProtocolAdapter = createMediaEdgeAdapter();

interface Body {
  /** The media events: the whole `events[]` of a media call, the media.sessionStart of an interact call. */
  events: { doc: unknown; index: number }[];
  issues: BodyIssue[];
}

function inspectEdge(ex: Exchange, route: EdgeRoute): InspectedCall | null {
  const body = readBody(ex, route);
  if (body === null) return null; // an interact call that is not a media call: not ours
  const first = body.events[0];
  const firstType = first ? eventTypeOf(first.doc) : null;
  const starts = route.kind === 'interact' || route.pathType === 'sessionStart';
  const reply = readEdgeReply(ex.responseBody);
  const downloaded = route.pathType === 'downloaded';
  const events: TrackedEvent[] = body.events.flatMap(({ doc, index }) => toTrackedEvent(doc, `/events/${index}`, downloaded));
  const bodySid = first && !starts ? sessionIdOf(first.doc) : null;
  const sid = starts ? reply.sessionId : downloaded ? bodySid ?? batchSid(ex.index) : bodySid;
  const firstTs = events.find((e) => e.ts !== null)?.ts ?? null;
  const at = { exchange: ex.index, sid, time: firstTs ?? (Number.isFinite(ex.startedAt) ? ex.startedAt : null) };

  const findings: Finding[] = [...checkEdgeReply(ex, starts ? 'sessionStart' : 'event', reply, at)];
  if (route.configId === null || route.configId === '') {
    const f = makeFinding('edge.config-id-missing', at, starts
      ? 'This Media Edge session start has no configId in its query: without a datastream, Edge has nowhere to send the session, so nothing of it is recorded.'
      : 'This Media Edge event call has no configId in its query. Every Adobe client sends it; whether the server needs it on events is not documented.');
    findings.push(starts ? f : { ...f, severity: 'info' });
  }
  for (const issue of body.issues) findings.push(toFinding(issue, at));
  if (firstType && route.pathType && firstType !== route.pathType && route.kind === 'media') {
    findings.push(makeFinding('edge.path-mismatch', at,
      `The path says ${route.pathType} but the body's xdm.eventType is "media.${firstType}": Adobe answers 400 and drops the event.`,
      { pointer: `/events/${first?.index ?? 0}/xdm/eventType`, expected: JSON.stringify(`media.${route.pathType}`), actual: JSON.stringify(`media.${firstType}`) }));
  }
  // The Web SDK starts sessions through interact and posts every media call as text/plain; mobile
  // and direct API users post JSON to /va/v1 (media-edge-api.md section 1).
  const webSdk = route.kind === 'interact' || isTextPlain(ex);
  return {
    protocol: MEDIA_EDGE,
    exchange: ex,
    kind: starts ? 'sessions' : 'events',
    sid,
    opensSession: (starts && sid !== null) || (downloaded && events.length > 0),
    batch: downloaded && events.length > 0,
    events,
    label: events[0]?.eventType || (route.kind === 'interact' ? 'interact' : route.pathType ?? '(no event)'),
    findings: findings.length ? findings : NO_FINDINGS,
    style: webSdk ? 'Web SDK' : undefined,
    hint: route.hint,
    configId: route.configId || null,
    pingClient: webSdk ? WEB_SDK_CLIENT : EDGE_SDK_CLIENT,
  };
}

function isTextPlain(ex: Exchange): boolean {
  const type = headerValue(ex.requestHeaders, 'content-type');
  return type !== null && /^\s*text\/plain\b/i.test(type);
}

/** The media events of the body, and what is wrong with it; null for an interact call without media. */
function readBody(ex: Exchange, route: EdgeRoute): Body | null {
  if (ex.requestBody === null) {
    if (route.kind === 'interact') return null;
    return { events: [], issues: [{ code: 'body.unavailable', pointer: '', message: "The browser did not expose this request's body; it was not validated." }] };
  }
  const parsed = parseJsonBody(ex.requestBody);
  if (!parsed.ok) return route.kind === 'interact' ? null : { events: [], issues: [{ code: 'body.not-json', pointer: '', message: parsed.message }] };
  const doc = parsed.value;
  const list = isRecord(doc) && Array.isArray(doc.events) ? doc.events : null;
  if (route.kind === 'interact') {
    const media = (list ?? []).map((d, index) => ({ doc: d, index })).filter(({ doc: d }) => eventTypeOf(d) === 'sessionStart');
    if (media.length === 0) return null;
    return { events: media, issues: media.flatMap(({ doc: d, index }) => checkEvent(d, index, 'sessionStart')) };
  }
  if (!list || list.length === 0) {
    return { events: [], issues: [{ code: 'schema.violation', pointer: '/events', rule: 'required', expected: 'an array with one event', actual: list ? 'an empty array' : 'missing', message: 'A Media Edge call needs an events array holding its event: Adobe answers 400.' }] };
  }
  const events = list.map((d, index) => ({ doc: d, index }));
  const issues: BodyIssue[] = [];
  if (list.length > 1) {
    issues.push({ code: 'edge.several-events', pointer: '/events', message: `This media call carries ${list.length} events. No Adobe client sends more than one; whether the server accepts several is not documented.` });
  }
  const type = route.pathType ?? '';
  for (const { doc: d, index } of events) for (const issue of checkEvent(d, index, type)) issues.push(issue);
  return { events, issues };
}

/** Schema violations and unknown fields of one event, checked against the path's event type. */
function checkEvent(doc: unknown, index: number, type: string): BodyIssue[] {
  const prefix = `/events/${index}`;
  if (!isEdgeEventType(type)) {
    return [{ code: 'schema.unknown-event-type', pointer: prefix, message: `"${type}" is not one of the Media Edge event types: Adobe answers 404 or 400 and the event is lost.` }, ...invisibleIssue(doc, prefix)];
  }
  const issues: BodyIssue[] = [];
  const validate = edgeValidatorFor(type);
  if (!validate(doc)) {
    for (const err of validate.errors ?? []) {
      // An `if` error only says a branch failed; the errors of that branch come with it.
      if (err.keyword === 'if') continue;
      const v = describeViolation(err, type);
      issues.push({ code: 'schema.violation', pointer: `${prefix}${v.pointer === '/' ? '' : v.pointer}`, message: v.message, rule: v.rule, expected: v.expected, actual: v.actual });
    }
  }
  const mc = mediaCollectionOf(doc);
  if (mc && mc.customMetadata !== undefined && !EDGE_METADATA_EVENT_TYPES.has(type)) {
    issues.push({
      code: 'metadata.misplaced', pointer: `${prefix}/xdm/mediaCollection/customMetadata`,
      message: `customMetadata on a ${type} event is not used: Adobe reads custom metadata only on sessionStart, adStart and chapterStart.`,
    });
  }
  const unknown = unknownFields(doc, prefix);
  for (const u of unknown.slice(0, UNKNOWN_FIELDS_SHOWN)) {
    issues.push({
      code: 'schema.unknown-field', pointer: u.pointer,
      message: `"${u.field}" is not a field of Adobe's Media Edge schema${u.suggestion ? ` (did you mean "${u.suggestion}"?)` : ''}: Media Analytics ignores it.`,
      ...(u.suggestion ? { fix: `Rename "${u.field}" to "${u.suggestion}".` } : {}),
    });
  }
  if (unknown.length > UNKNOWN_FIELDS_SHOWN) {
    const rest = unknown.length - UNKNOWN_FIELDS_SHOWN;
    issues.push({ code: 'schema.unknown-field', pointer: prefix, message: `…and ${rest.toLocaleString('en')} more fields that Adobe's Media Edge schema does not define (not listed one by one).` });
  }
  issues.push(...invisibleIssue(doc, prefix));
  return issues;
}

/** One issue for the event when strings Adobe reads (types, ids, detail fields, metadata) hold bidi or invisible control characters. */
function invisibleIssue(doc: unknown, prefix: string): BodyIssue[] {
  const found = findInvisibleFields(doc, prefix);
  return found ? [{ code: 'body.invisible-characters', pointer: found.fields[0]?.pointer ?? prefix, message: describeInvisibleFields(found) }] : [];
}

/** The event type a body names (`media.play` → `play`), or null. */
function eventTypeOf(doc: unknown): string | null {
  const xdm = isRecord(doc) && isRecord(doc.xdm) ? doc.xdm : null;
  const t = xdm?.eventType;
  return typeof t === 'string' ? t.replace(/^media\./, '') : null;
}

function mediaCollectionOf(doc: unknown): Record<string, unknown> | null {
  const xdm = isRecord(doc) && isRecord(doc.xdm) ? doc.xdm : null;
  return xdm && isRecord(xdm.mediaCollection) ? xdm.mediaCollection : null;
}

function sessionIdOf(doc: unknown): string | null {
  const id = mediaCollectionOf(doc)?.sessionID;
  return typeof id === 'string' && id ? id : null;
}

function toFinding(issue: BodyIssue, at: { exchange: number; sid: string | null; time: number | null }): Finding {
  const { code, message, pointer, fix, rule, expected, actual } = issue;
  const f = makeFinding(code, at, message, { pointer: pointer || '/', rule, expected, actual });
  return fix ? clipFinding({ ...f, fix }) : f;
}
