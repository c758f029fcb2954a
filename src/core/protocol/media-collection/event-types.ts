/** The 20 event types of the Media Collection API (spec section 3). */
export const EVENT_TYPES = [
  'sessionStart', 'play', 'ping', 'bitrateChange', 'bufferStart', 'pauseStart',
  'adBreakStart', 'adStart', 'adComplete', 'adSkip', 'adBreakComplete',
  'chapterStart', 'chapterComplete', 'chapterSkip', 'error',
  'stateStart', 'stateEnd', 'statesUpdate', 'sessionComplete', 'sessionEnd',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

const KNOWN = new Set<string>(EVENT_TYPES);

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && KNOWN.has(value);
}

/** Event types that may carry `customMetadata`. */
export const METADATA_EVENT_TYPES: ReadonlySet<EventType> = new Set(['sessionStart', 'adStart', 'chapterStart']);

/**
 * Names players send by mistake (Media SDK, heartbeat or guesswork), with what this API expects.
 * Keys are lower-case; lookup is case-insensitive.
 */
const WRONG_NAMES = new Map<string, string>(Object.entries({
  pause: 'pauseStart',
  pausestop: 'play',
  resume: 'play',
  start: 'play (or sessionStart on the sessions endpoint)',
  bufferstop: 'play',
  buffercomplete: 'play',
  bufferend: 'play',
  seekstart: 'pauseStart (this API has no seek events: pause at seek start)',
  seekcomplete: 'play (this API has no seek events: play when the seek completes)',
  seekend: 'play (this API has no seek events: play when the seek completes)',
  heartbeat: 'ping',
  adbreakend: 'adBreakComplete',
  adend: 'adComplete',
  adskipped: 'adSkip',
  chapterend: 'chapterComplete',
  chapterskipped: 'chapterSkip',
  statestop: 'stateEnd',
  sessionstop: 'sessionEnd',
  end: 'sessionEnd',
  complete: 'sessionComplete',
  bitratechanged: 'bitrateChange',
  qoeupdate: 'bitrateChange (QoE values travel in qoeData on any event)',
}));

const BY_LOWER_CASE = new Map(EVENT_TYPES.map((t) => [t.toLowerCase(), t]));

/** What to send instead of an unknown `eventType`, or null when we have no suggestion. */
export function suggestEventType(name: string): string | null {
  const lower = name.toLowerCase();
  return BY_LOWER_CASE.get(lower) ?? WRONG_NAMES.get(lower) ?? null;
}
