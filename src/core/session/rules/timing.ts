/** Rules about time: closed sessions, timeouts, and `ts` values that cannot be right. */
import { SETTING_NAMES } from '../settings.ts';
import { MAX_MS_TS } from '../seq-entry.ts';
import { duration, type StepContext } from '../step-context.ts';
import type { SeqEntry } from '../seq-entry.ts';
import type { PrevEvent } from '../session-state.ts';

export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const STALLED_TIMEOUT_MS = 30 * 60 * 1000;
export const MAX_SESSION_MS = 24 * 60 * 60 * 1000;
/** Adobe's SDKs end a session (sessionEnd) after 30 minutes without playing, and restart it on play. */
export const SDK_IDLE_CLOSE_MS = 30 * 60 * 1000;

/** Events after which every Adobe client restarts its ping timer: no ping is due at their millisecond. */
const TIMER_RESETS = new Set(['sessionStart', 'play', 'pauseStart', 'bufferStart', 'adBreakStart', 'adStart', 'adBreakComplete', 'ping']);
/** Ad events that every client sends inside their break, never right after it closed. */
const INSIDE_A_BREAK = new Set(['adStart', 'adComplete', 'adSkip']);

/**
 * Why two events of a session at one millisecond are suspect, or null when the pair is one that
 * Adobe's SDKs send by design. The SDKs stamp each call with the time of the API call and do not
 * space them: closing cascades (adSkip, adBreakComplete, chapterSkip, sessionEnd under one ts),
 * the playback state flushed after adStart and adBreakComplete, a restart's re-sent events, and
 * any two calls an app makes back to back share a millisecond (README, "Decisions"). What no
 * client sends: the same event twice, anything after the session's close, a ping where every
 * client's timer has just restarted, an ad event after its break closed or an adBreakStart after
 * an adStart, and event types no client knows.
 */
export function suspectTie(prev: Readonly<PrevEvent>, e: SeqEntry): string | null {
  const type = e.event.eventType;
  const playhead = e.event.playhead ?? prev.playhead;
  if (type === prev.type && playhead === prev.playhead && sameJson(e.event.params, prev.params) && sameJson(e.event.qoe, prev.qoe)) {
    return `repeats the ${prev.type} before it (same ts, playhead and details): the player sent it twice, and Adobe counts it twice or drops one`;
  }
  if (prev.type === 'sessionEnd') return `follows the sessionEnd at the same millisecond, which no SDK sends`;
  if (prev.type === 'sessionComplete' && type !== 'sessionEnd') return `follows the sessionComplete at the same millisecond, where only sessionEnd may follow`;
  if (type === 'ping' && TIMER_RESETS.has(prev.type)) return `is a ping at the millisecond of a ${prev.type}, where every Adobe client restarts its ping timer: it does not come from the SDK's timer`;
  if (prev.type === 'adBreakComplete' && INSIDE_A_BREAK.has(type)) return `comes after its ad break closed at the same millisecond (reversed order: Adobe may count it outside the break)`;
  if (prev.type === 'adStart' && type === 'adBreakStart') return `opens a break after the adStart at the same millisecond (reversed order: the ad lands outside its break)`;
  if (!e.event.known || !prev.known) return `involves an event type no Adobe client sends`;
  return null;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

export function checkTiming(c: StepContext): void {
  const { s, e } = c;
  const ts = e.event.ts;

  if (ts !== null && !e.tsUsable) {
    const unit = ts >= MAX_MS_TS ? 'microseconds' : Number.isInteger(ts) ? 'seconds' : 'seconds (with a fraction)';
    c.emitOnce('ts.not-milliseconds',
      `playerTime.ts is ${ts}, which looks like ${unit}, not milliseconds since the epoch: Adobe places the event in the wrong time (or drops it) and every duration of the session is wrong. Later events with the same problem are not reported again.`,
      { pointer: `${e.event.pointer}/playerTime/ts` });
  }
  // A batch is posted after playback by design: its send time says nothing about the clock.
  if (e.tsUsable && !e.call.batch && Number.isFinite(e.sendTime) && Math.abs(e.time - e.sendTime) > c.settings.clockSkewToleranceMs) {
    const diff = e.time - e.sendTime;
    c.emitOnce('ts.clock-skew',
      `playerTime.ts is ${duration(Math.abs(diff))} ${diff > 0 ? 'ahead of' : 'behind'} the time the request was sent: the device clock is off, so Adobe's reports place the session at the wrong time (setting: ${SETTING_NAMES.clockSkewToleranceMs}). Reported once per session.`,
      { setting: 'clockSkewToleranceMs' });
  }

  const why = e.tsUsable && s.prev?.ts === e.event.ts ? suspectTie(s.prev, e) : null;
  if (why) {
    c.emit('ts.duplicate',
      `This ${e.event.eventType} has the same ts (${e.event.ts}) as the ${s.prev?.type} before it and ${why}. Keep the events of a session at least 1 ms apart, each sent once.`,
      { pointer: `${e.event.pointer}/playerTime/ts` });
  }

  if (s.closed === 'sessionEnd' && s.closedAt) {
    c.emit('session.after-end',
      `${e.event.eventType} was sent after sessionEnd (at #${s.closedAt.exchange}): the session is closed, so the back end drops it (410).`);
    return;
  }
  if (s.prev) {
    const gap = e.time - s.prev.time;
    if (gap > IDLE_TIMEOUT_MS && !s.closed) {
      c.emit('session.idle-timeout',
        `${duration(gap)} passed without any event (the back end closes a session after 10 minutes): this ${e.event.eventType} reaches a closed session and is lost, with everything after it.`);
      s.closed = 'idle-timeout';
      s.closedAt = { exchange: e.call.exchange.index, time: e.time };
    }
  }
  // The sessionEnd that closes a session at a boundary is what Adobe asks for, not a finding:
  // the SDKs send it at the first tick past 24 hours or 30 minutes idle (up to a second late).
  if (e.event.eventType === 'sessionEnd') return;
  if (s.startTime !== null && e.time - s.startTime > MAX_SESSION_MS) {
    c.emitOnce('session.too-long',
      `The session started ${duration(e.time - s.startTime)} ago and still sends events: SDKs restart a session after 24 hours, and the back end may split or drop what follows.`);
  }
  if (s.lastPlayheadMove !== null && e.time - s.lastPlayheadMove > STALLED_TIMEOUT_MS && !s.closed && !s.completed) {
    c.emitOnce('session.stalled-playhead',
      `The playhead has not moved for ${duration(e.time - s.lastPlayheadMove)}: the back end closes a session after 30 minutes without playhead movement, so what follows is lost.`);
    s.closed = 'stalled-playhead';
    s.closedAt = { exchange: e.call.exchange.index, time: e.time };
  }
}
