/**
 * Heartbeat cadence, as Adobe's SDKs keep it: main content every 10 s (also while paused or
 * buffering) unless the session keeps another interval of 10 to 50 s that its client allows (the
 * Edge SDKs' mainPingInterval: see ping-cadence.ts), ad breaks per the ad ping cadence setting,
 * downloaded content every 50 s in every context. The SDKs restart their ping timer at every
 * playback-state event (play, pauseStart, bufferStart) and at ad boundaries (adBreakStart,
 * adStart, adBreakComplete), and the Web SDK after every media call's reply, so the reference
 * point restarts there too (README, "Decisions": the SDKs over Adobe's "every 10 s whatever
 * happens").
 */
import { describeCadence, timerRestart } from '../ping-cadence.ts';
import { adPingIntervalMs, SETTING_NAMES } from '../settings.ts';
import type { SessionState } from '../session-state.ts';
import { duration, type StepContext } from '../step-context.ts';
import { IDLE_TIMEOUT_MS } from './timing.ts';

/** Downloaded (offline) content: Adobe's SDKs ping every 50 s and post the session as one batch. */
export const DOWNLOADED_PING_INTERVAL_MS = 50000;

function expectedInterval(c: StepContext, s: SessionState): number {
  if (s.downloaded) return DOWNLOADED_PING_INTERVAL_MS;
  return s.pingContext === 'ad' ? adPingIntervalMs(c.settings) : c.cadence.mainMs;
}


/**
 * What a late ping costs, in proportion to the gap. Pings keep a session alive and tell Adobe how
 * playback progresses; Adobe closes a session only after 10 minutes without any event at all
 * (session.idle-timeout, judged before this rule, which then stays silent). So a 30-s gap costs
 * progress updates, not the session; a silence past half the timeout is also said to be close to it.
 */
export function lateConsequence(gapMs: number, silenceMs: number): string {
  const progress = `Adobe learns how playback progresses from pings, so it had no progress update for ${duration(gapMs)}`;
  if (silenceMs >= IDLE_TIMEOUT_MS / 2) {
    return `${progress}, and the ${duration(silenceMs)} without any event came close to the 10 minutes after which Adobe closes the session`;
  }
  return `${progress}; the session stays open (Adobe closes one only after 10 minutes without any event)`;
}

/** Runs before the event's own transition: judges the gap since the last ping. */
export function checkPings(c: StepContext): void {
  const { s, e } = c;
  if (s.pingRef === null || s.closed) return;
  const expected = expectedInterval(c, s);
  const gap = e.time - s.pingRef;
  const isPing = e.event.eventType === 'ping';
  const late = gap > expected + c.settings.pingToleranceMs;
  if (late && !s.lateReported && !s.lateStreak) {
    const inAd = s.pingContext === 'ad' && !s.downloaded;
    const where = s.downloaded ? 'in downloaded content' : inAd ? 'in an ad break' : 'in main content';
    const setting = inAd ? `${SETTING_NAMES.adPingCadence} ${c.settings.adPingCadence}, ` : '';
    const every = s.downloaded || inAd ? `${expected / 1000} s` : describeCadence(c.cadence);
    const reference = s.lastPing !== null && s.lastPing >= s.pingRef ? 'previous ping'
      : c.client.restartsOnEveryCall ? 'reply to the previous call (the Web SDK restarts its timer after every call)' : 'last reference point (playback state or ad boundary)';
    c.emit('ping.late',
      `${isPing ? 'This ping comes' : `At this ${e.event.eventType}, the last ping was`} ${duration(gap)} after the ${reference} ${where}, where one is expected every ${every} (setting: ${setting}${SETTING_NAMES.pingToleranceMs} ${c.settings.pingToleranceMs / 1000} s): ${lateConsequence(gap, s.prev ? e.time - s.prev.time : gap)}. Reported once per streak of late gaps.`,
      { setting: inAd ? 'adPingCadence' : !s.downloaded && c.cadence.source === 'setting' ? 'mainPingIntervalS' : 'pingToleranceMs' });
  }
  if (late) {
    s.lateReported = true;
    s.lateStreak = true;
  }
  if (!isPing) return;
  if (!late) s.lateStreak = false;
  const sincePing = s.lastPing !== null && s.lastPing >= s.pingRef ? e.time - s.lastPing : null;
  const earlyLimit = s.pingContext === 'ad' && !s.downloaded && c.settings.adPingCadence !== '10' ? 0 : expected / 2;
  if (sincePing !== null && sincePing < earlyLimit) {
    if (!s.earlyStreak) {
      s.earlyStreak = true;
      c.emit('ping.early',
        `Pings come every ${duration(sincePing)} ${s.pingContext === 'ad' ? 'in this ad break' : 'in main content'}, where the cadence is ${s.pingContext === 'ad' || s.downloaded ? `${expected / 1000} s` : describeCadence(c.cadence)}${s.pingContext === 'ad' && !s.downloaded ? ` (setting: ${SETTING_NAMES.adPingCadence} ${c.settings.adPingCadence})` : ''}: extra calls cost bandwidth and server load. Reported once per streak.`,
        s.pingContext === 'ad' && !s.downloaded ? { setting: 'adPingCadence' } : {});
    }
  } else if (sincePing !== null) {
    s.earlyStreak = false;
  }
  s.lastPing = e.time;
  s.pingRef = e.time;
  s.lateReported = false;
}

/** Restart the ping reference in a new context (after the event's transition). */
export function restartPings(c: StepContext, context: 'main' | 'ad' | null): void {
  const { s, e } = c;
  if (context === null) {
    s.pingRef = null;
    return;
  }
  s.pingContext = context;
  s.pingRef = e.time;
  s.lateReported = false;
  s.earlyStreak = false;
}

/**
 * The Web SDK restarts its ping timer when the reply to any media call arrives (not only at
 * playback states and ad boundaries): after this event, the next ping is due one interval after
 * the call's reply (timerRestart). Runs after the event's transition.
 */
export function restartAfterCall(c: StepContext): void {
  const { s, e } = c;
  if (s.pingRef === null || s.closed) return;
  s.pingRef = timerRestart(e.time, e.sendTime, e.call.exchange.durationMs);
  s.lateReported = false;
}
