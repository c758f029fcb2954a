/**
 * Heartbeat cadence: main content every 10 s (also while paused or buffering), ad breaks per the
 * ad ping cadence setting. The reference restarts at each context switch (content start, ad break
 * start or end, ad start), since SDKs restart their ping timer there.
 */
import { adPingIntervalMs, SETTING_NAMES } from '../settings.ts';
import { duration, type StepContext } from '../step-context.ts';

export const MAIN_PING_INTERVAL_MS = 10000;

/** Runs before the event's own transition: judges the gap since the last ping. */
export function checkPings(c: StepContext): void {
  const { s, e } = c;
  if (s.pingRef === null || s.closed) return;
  const expected = s.pingContext === 'ad' ? adPingIntervalMs(c.settings) : MAIN_PING_INTERVAL_MS;
  const gap = e.time - s.pingRef;
  const isPing = e.event.eventType === 'ping';
  if (gap > expected + c.settings.pingToleranceMs && !s.lateReported) {
    s.lateReported = true;
    const where = s.pingContext === 'ad' ? 'in an ad break' : 'in main content';
    const setting = s.pingContext === 'ad' ? `${SETTING_NAMES.adPingCadence} ${c.settings.adPingCadence}, ` : '';
    c.emit('ping.late',
      `${isPing ? 'This ping comes' : `At this ${e.event.eventType}, the last ping was`} ${duration(gap)} after the ${s.lastPing !== null && s.lastPing >= s.pingRef ? 'previous ping' : 'start of this phase'} ${where}, where one is expected every ${expected / 1000} s (setting: ${setting}${SETTING_NAMES.pingToleranceMs} ${c.settings.pingToleranceMs / 1000} s): Adobe may count the gap as lost time or close the session.`,
      { setting: s.pingContext === 'ad' ? 'adPingCadence' : 'pingToleranceMs' });
  }
  if (!isPing) return;
  const sincePing = s.lastPing !== null && s.lastPing >= s.pingRef ? e.time - s.lastPing : null;
  const earlyLimit = s.pingContext === 'ad' && c.settings.adPingCadence !== '10' ? 0 : expected / 2;
  if (sincePing !== null && sincePing < earlyLimit) {
    if (!s.earlyStreak) {
      s.earlyStreak = true;
      c.emit('ping.early',
        `Pings come every ${duration(sincePing)} ${s.pingContext === 'ad' ? 'in this ad break' : 'in main content'}, where the cadence is ${expected / 1000} s${s.pingContext === 'ad' ? ` (setting: ${SETTING_NAMES.adPingCadence} ${c.settings.adPingCadence})` : ''}: extra calls cost bandwidth and server load. Reported once per streak.`,
        s.pingContext === 'ad' ? { setting: 'adPingCadence' } : {});
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
