/**
 * Checks one event body on its own, as the server would and a little more: schema, known wrong
 * event names, misplaced metadata and QoE keys, missing error details.
 */
import { pointerSegment } from '../../json/pointer.ts';
import { isRecord } from '../../har/read-har.ts';
import { isEventType, METADATA_EVENT_TYPES, suggestEventType, type EventType } from './event-types.ts';
import { describeValue, describeViolation } from './describe-violation.ts';
import { validateEnvelope, validatorFor } from './validators.ts';
import type { ValidationError } from './validator-types.ts';
import type { BodyIssue } from './body-issue.ts';
import { describeInvisibleFields, findInvisibleFields } from '../../text/invisible-fields.ts';

/** The error-detail keys some 2026 pages put in params; we accept only the qoeData form. */
const PARAMS_ERROR_KEYS = new Map([
  ['media.errorid', 'media.qoe.errorID'],
  ['media.errorsource', 'media.qoe.errorSource'],
]);

/**
 * Issues found in one event object. `prefix` is the JSON pointer of the event inside the body
 * ("" for a single event, "/3" for the fourth event of a batch).
 */
/** Shared by every event without params (most of them): no map per event. */
const NO_KEYS: ReadonlyMap<string, string> = new Map();

export function checkEvent(event: unknown, prefix: string): BodyIssue[] {
  const issues: BodyIssue[] = [];
  const type = isRecord(event) ? event.eventType : undefined;
  if (!isEventType(type)) {
    issues.push(isRecord(event) ? unknownEventType(type, prefix) : {
      code: 'schema.unknown-event-type',
      pointer: `${prefix}/eventType`,
      message: `The body is ${describeValue(event)}, not an event object, so it names no eventType.`,
    });
    // Still check the rest of the envelope (playerTime, qoeData…), minus the eventType itself.
    validateEnvelope(event);
    for (const err of validateEnvelope.errors ?? []) {
      if (err.instancePath === '/eventType' || (err.keyword === 'required' && err.params.missingProperty === 'eventType')) continue;
      issues.push(violation(err, typeof type === 'string' ? type : 'the', prefix));
    }
    invisibleCharacters(event, prefix, issues);
    return issues;
  }
  const body = event as Record<string, unknown>;
  const params = isRecord(body.params) ? body.params : null;
  const misplacedQoe = params ? misplacedQoeKeys(params, type) : NO_KEYS;

  const validate = validatorFor(type);
  if (!validate(event)) {
    for (const err of validate.errors ?? []) {
      if (err.keyword === 'propertyNames') continue; // its "pattern" error says the same, better
      const isMisplacedQoe = err.keyword === 'additionalProperties' && err.instancePath === '/params' &&
        misplacedQoe.has(String(err.params.additionalProperty));
      if (isMisplacedQoe) continue; // reported as qoe.misplaced below, not twice
      issues.push(violation(err, type, prefix));
    }
  }
  for (const [key, target] of misplacedQoe) {
    issues.push({
      code: 'qoe.misplaced',
      pointer: `${prefix}/params/${key}`,
      message: `params["${key}"] is QoE data: Adobe reads it from qoeData["${target}"], so this value is not reported.`,
      fix: `Send it as qoeData["${target}"] instead of in params.`,
    });
  }
  if (body.customMetadata !== undefined && !METADATA_EVENT_TYPES.has(type)) {
    issues.push({
      code: 'metadata.misplaced',
      pointer: `${prefix}/customMetadata`,
      message: `customMetadata on a ${type} event is not used: Adobe reads custom metadata only on sessionStart, adStart and chapterStart.`,
    });
  }
  const reserved = isRecord(body.customMetadata) ? Object.keys(body.customMetadata).filter(isReservedKey) : [];
  if (reserved.length > 0) {
    const shown = reserved.slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
    issues.push({
      code: 'metadata.reserved-key',
      pointer: `${prefix}/customMetadata/${pointerSegment(reserved[0] as string)}`,
      message: `customMetadata key${reserved.length > 1 ? 's' : ''} ${shown}${reserved.length > 5 ? ` and ${reserved.length - 5} more` : ''} start${reserved.length > 1 ? '' : 's'} with "media." or "a.", which Adobe reserves for its own variables: such a key may clash with a standard one in reports.`,
    });
  }
  if (type === 'error') {
    const qoe = isRecord(body.qoeData) ? body.qoeData : null;
    const hasParamsForm = [...misplacedQoe.keys()].some((k) => PARAMS_ERROR_KEYS.has(k.toLowerCase()));
    if (!(qoe && typeof qoe['media.qoe.errorID'] === 'string') && !hasParamsForm) {
      issues.push({
        code: 'error.no-details',
        pointer: `${prefix}/qoeData`,
        message: 'This error event carries no qoeData["media.qoe.errorID"]: reports will count an error without saying which.',
      });
    }
  }
  invisibleCharacters(event, prefix, issues);
  return issues;
}

/** One issue for the event when strings Adobe reads hold bidi or invisible control characters. */
function invisibleCharacters(event: unknown, prefix: string, issues: BodyIssue[]): void {
  const found = findInvisibleFields(event, prefix);
  if (found) issues.push({ code: 'body.invisible-characters', pointer: found.fields[0]?.pointer ?? prefix, message: describeInvisibleFields(found) });
}

/** params keys that belong in qoeData, with the qoeData key they should be. */
function misplacedQoeKeys(params: Record<string, unknown>, type: EventType): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of Object.keys(params)) {
    if (key.startsWith('media.qoe.')) out.set(key, key);
    else if (type === 'error') {
      const target = PARAMS_ERROR_KEYS.get(key.toLowerCase());
      if (target) out.set(key, target);
    }
  }
  return out;
}

function unknownEventType(type: unknown, prefix: string): BodyIssue {
  const pointer = `${prefix}/eventType`;
  if (type === undefined) {
    return { code: 'schema.unknown-event-type', pointer, message: 'The body has no eventType, so the server cannot tell what happened.' };
  }
  if (typeof type !== 'string') {
    return { code: 'schema.unknown-event-type', pointer, message: `eventType must be a string naming one of the 20 event types, but it is ${describeValue(type)}.` };
  }
  const suggestion = suggestEventType(type);
  const shown = JSON.stringify(type.length > 60 ? `${type.slice(0, 60)}…` : type);
  return {
    code: 'schema.unknown-event-type',
    pointer,
    message: `eventType ${shown} is not an event of the Media Collection API${suggestion ? `; send ${suggestion} instead` : ''}.`,
    ...(suggestion ? { fix: `Send ${suggestion} instead of ${shown}.` } : {}),
  };
}

function violation(err: ValidationError, eventType: string, prefix: string): BodyIssue {
  const v = describeViolation({ ...err, instancePath: prefix + err.instancePath }, eventType);
  return { code: 'schema.violation', pointer: v.pointer, message: v.message, rule: v.rule, expected: v.expected, actual: v.actual };
}

/** Adobe reserves these prefixes for its own metadata (spec section 2). */
function isReservedKey(key: string): boolean {
  return key.startsWith('media.') || key.startsWith('a.');
}
