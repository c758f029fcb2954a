/** Rules about time: closed sessions, timeouts, and `ts` values that cannot be right. */
import { SETTING_NAMES } from '../settings.ts';
import { MAX_MS_TS } from '../seq-entry.ts';
import { duration, type StepContext } from '../step-context.ts';
import { inRestartPrelude, type SessionState } from '../session-state.ts';

export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const STALLED_TIMEOUT_MS = 30 * 60 * 1000;
export const MAX_SESSION_MS = 24 * 60 * 60 * 1000;
/** Adobe's SDKs end a session (sessionEnd) after 30 minutes without playing, and restart it on play. */
export const SDK_IDLE_CLOSE_MS = 30 * 60 * 1000;

const PLAYBACK_STATES = new Set(['play', 'pauseStart', 'bufferStart']);
/** Events after which Adobe's SDKs send the playback state at the same millisecond. */
const FLUSHED_AFTER = new Set(['adStart', 'adBreakComplete', 'sessionStart']);
/** What a restarted session sends again at its sessionStart's millisecond. */
const RESENT_AT_START = new Set(['chapterStart', 'adBreakStart', 'adStart', 'stateStart', 'statesUpdate', ...PLAYBACK_STATES]);

/**
 * Two events at one millisecond that Adobe's SDKs send by design: the playback state flushed
 * right after adStart, adBreakComplete or sessionStart, and a restart's re-sent chapter, ad break,
 * ad and states at its sessionStart's ts (README, "Decisions").
 */
function sdkSameMillisecond(s: SessionState, type: string, ts: number): boolean {
  if (!s.prev) return false;
  if (PLAYBACK_STATES.has(type) && FLUSHED_AFTER.has(s.prev.type)) return true;
  return inRestartPrelude(s, ts) && RESENT_AT_START.has(type);
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

  if (e.tsUsable && s.prev?.ts === e.event.ts && !sdkSameMillisecond(s, e.event.eventType, e.event.ts as number)) {
    c.emit('ts.duplicate',
      `This ${e.event.eventType} has the same ts (${e.event.ts}) as the ${s.prev.type} before it: Adobe may drop or misorder one of them; keep events of a session at least 1 ms apart.`,
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
