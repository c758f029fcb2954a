/** The Media Collection API adapter: one exchange in, an InspectedCall with its findings out. */
import { headerValue, type Exchange } from '../../exchange.ts';
import { NO_FINDINGS, type Finding } from '../../findings/finding.ts';
import { clipFinding, makeFinding } from '../../findings/make-finding.ts';
import { isRecord } from '../../har/read-har.ts';
import type { InspectedCall, ProtocolAdapter, TrackedEvent } from '../call.ts';
import type { BodyIssue } from './body-issue.ts';
import { checkEvent } from './check-event.ts';
import { checkReply, locationProblem } from './check-reply.ts';
import { classify, sidFromLocation, type CallKind } from './classify.ts';
import { isEventType } from './event-types.ts';
import { parseJsonBody } from './parse-body.ts';
import { describeValue, describeViolation } from './describe-violation.ts';
import { validateDownloadedBatch } from './validators.ts';

/** The adapter; `apiBases` adds custom endpoints that stand for `…/api/v1`. */
export function createMediaCollectionAdapter(apiBases: readonly string[] = []): ProtocolAdapter {
  return {
    id: 'media-collection',
    matches: (method, url) => classify(method, url, apiBases) !== null,
    inspect(exchange) {
      const route = classify(exchange.method, exchange.url, apiBases);
      return route ? inspectCall(exchange, route.kind, route.sid) : null;
    },
  };
}

export const mediaCollection: ProtocolAdapter = createMediaCollectionAdapter();

/**
 * The session id of a downloaded-content batch that brought none: the SDKs read only the status of
 * a batch reply, so a batch is a session of its own whatever the reply says.
 */
export function batchSid(exchangeIndex: number): string {
  return `downloaded-batch-${exchangeIndex}`;
}

function inspectCall(ex: Exchange, kind: CallKind, urlSid: string | null): InspectedCall {
  const body = kind === 'schema' ? null : readBody(ex, kind);
  const events = body?.events ?? [];
  // A whole session in one array (POST …/downloaded, or the deprecated array form on …/sessions).
  const batch = body?.batch === true && events.length > 0;
  const sessionStarted = kind === 'sessions' && ex.status === 201;
  const located = sessionStarted ? sidFromLocation(headerValue(ex.responseHeaders, 'location')) : null;
  const sid = kind === 'events' ? urlSid : batch ? located ?? batchSid(ex.index) : located;
  const at = { exchange: ex.index, sid, time: firstTs(events) ?? finiteOrNull(ex.startedAt) };
  // Most calls have no finding: the list is made only when one comes.
  let findings: Finding[] = checkReply(ex, kind, at);
  if (sessionStarted && !batch) {
    const problem = locationProblem(ex, sid);
    if (problem) findings = [...findings, makeFinding('session.no-location', at, problem)];
  }
  if (body && body.issues.length > 0) {
    if (findings === NO_FINDINGS) findings = [];
    for (const issue of body.issues) {
      const event = eventAt(events, issue.pointer);
      findings.push(toFinding(issue, { ...at, time: event?.ts ?? at.time }));
    }
  }
  return {
    protocol: 'media-collection',
    exchange: ex,
    kind,
    sid,
    opensSession: batch || (sessionStarted && sid !== null),
    batch,
    events,
    label: label(kind, events, ex),
    findings: findings.length ? findings : NO_FINDINGS,
  };
}

function firstTs(events: readonly TrackedEvent[]): number | null {
  for (const e of events) if (e.ts !== null) return e.ts;
  return null;
}

/**
 * The event a body issue points into: the single event of a one-event body (pointer ""), or item
 * i of a batch (pointer "/i…"), found by index rather than by scanning (batches can be long).
 */
function eventAt(events: readonly TrackedEvent[], pointer: string): TrackedEvent | undefined {
  const only = events.length === 1 ? events[0] : undefined;
  if (only && only.pointer === '') return only;
  const m = /^\/(\d+)(?:\/|$)/.exec(pointer);
  const event = m ? events[Number(m[1])] : undefined;
  return event && (pointer === event.pointer || pointer.startsWith(`${event.pointer}/`)) ? event : undefined;
}

interface BodyResult {
  events: TrackedEvent[];
  issues: BodyIssue[];
  /** The body was an array of events (a downloaded-content batch). */
  batch?: boolean;
}

function readBody(ex: Exchange, kind: CallKind): BodyResult {
  if (ex.requestBody === null) {
    const how = ex.resourceType === 'ping' ? ' (a sendBeacon call, often sent while the page unloads)' : '';
    return {
      events: [],
      issues: [{ code: 'body.unavailable', pointer: '', message: `The browser did not expose this request's body${how}; it was not validated.` }],
    };
  }
  const parsed = parseJsonBody(ex.requestBody);
  if (!parsed.ok) return { events: [], issues: [{ code: 'body.not-json', pointer: '', message: parsed.message }] };
  const doc = parsed.value;

  if (Array.isArray(doc) && (kind === 'downloaded' || kind === 'sessions')) return readBatch(doc, kind);
  if (kind === 'downloaded') return { events: [], issues: batchViolations(doc) };
  const issues = checkEvent(doc, '');
  const event = trackedEvent(doc, '');
  if (event.known) issues.push(...endpointIssues(event, kind));
  return { events: [event], issues };
}

/** Downloaded content: a whole session in one array (spec section 1). */
function readBatch(doc: unknown[], kind: CallKind): BodyResult {
  const issues = batchViolations(doc);
  const events = doc.map((item, i) => trackedEvent(item, `/${i}`));
  // Items that are not objects are already reported by the batch schema.
  // One by one: a hostile batch can hold more issues than a call's arguments may (spread would throw).
  doc.forEach((item, i) => { if (isRecord(item)) for (const issue of checkEvent(item, `/${i}`)) issues.push(issue); });
  const first = events[0];
  if (first && first.known && first.eventType !== 'sessionStart') {
    issues.push({
      code: 'schema.violation', pointer: '/0/eventType', rule: 'first event', expected: '"sessionStart"', actual: JSON.stringify(first.eventType),
      message: `A downloaded-content batch must start with sessionStart, but its first event is ${first.eventType}.`,
    });
  }
  if (kind === 'sessions') {
    const params = first?.params;
    if (params && params['media.downloaded'] !== true) {
      issues.push({
        code: 'schema.violation', pointer: '/0/params/media.downloaded', rule: 'downloaded flag', expected: 'true',
        actual: params['media.downloaded'] === undefined ? 'missing' : describeValue(params['media.downloaded']),
        message: 'A batch sent to the sessions endpoint (the deprecated downloaded-content form) needs params["media.downloaded"] = true on its sessionStart.',
      });
    }
  }
  return { events, issues, batch: true };
}

function batchViolations(doc: unknown): BodyIssue[] {
  if (validateDownloadedBatch(doc)) return [];
  return (validateDownloadedBatch.errors ?? []).map((err) => {
    const v = describeViolation(err, 'downloaded batch');
    return { code: 'schema.violation', pointer: v.pointer, message: v.message, rule: v.rule, expected: v.expected, actual: v.actual };
  });
}

function endpointIssues(event: TrackedEvent, kind: CallKind): BodyIssue[] {
  if (kind === 'events' && event.eventType === 'sessionStart') {
    return [{ code: 'endpoint.mismatch', pointer: '/eventType', message: 'sessionStart was sent to an events endpoint: it starts a session only on …/api/v1/sessions, so this one is not counted.' }];
  }
  if (kind === 'sessions' && event.eventType !== 'sessionStart') {
    return [{ code: 'endpoint.mismatch', pointer: '/eventType', message: `${event.eventType} was sent to the sessions endpoint, which accepts only sessionStart; send it to …/api/v1/sessions/<sid>/events.` }];
  }
  return [];
}

function trackedEvent(doc: unknown, pointer: string): TrackedEvent {
  const o = isRecord(doc) ? doc : {};
  const playerTime = isRecord(o.playerTime) ? o.playerTime : {};
  const type = typeof o.eventType === 'string' ? o.eventType : '';
  return {
    eventType: type,
    known: isEventType(type),
    playhead: finiteOrNull(playerTime.playhead),
    ts: finiteOrNull(playerTime.ts),
    params: isRecord(o.params) ? o.params : null,
    qoe: isRecord(o.qoeData) ? o.qoeData : null,
    pointer,
  };
}

function toFinding(issue: BodyIssue, at: { exchange: number; sid: string | null; time: number | null }): Finding {
  const { code, message, pointer, fix, rule, expected, actual } = issue;
  const f = makeFinding(code, at, message, { pointer: pointer || '/', rule, expected, actual });
  return fix ? clipFinding({ ...f, fix }) : f;
}

function label(kind: CallKind, events: TrackedEvent[], ex: Exchange): string {
  if (kind === 'schema') return `schema ${ex.url.split('/').pop() ?? ''}`;
  if (kind === 'downloaded' || events.length > 1) return `downloaded ×${events.length}`;
  return events[0]?.eventType || (kind === 'sessions' ? 'sessionStart?' : '(no event)');
}

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
