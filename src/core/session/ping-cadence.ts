/**
 * The main-content ping interval a session is judged by. Adobe's default is 10 s; the Edge SDKs
 * (the AEP Edge Media mobile extensions and the Web SDK's streamingMedia component) accept a
 * mainPingInterval of 10 to 50 s, so a Media Edge session may keep another interval by design.
 * Such a session is judged by the interval it keeps itself, read from its first pings, unless the
 * settings pin one (README, "Decisions": the cadence per session).
 */
import { MAIN_PING_RANGE_S, type Settings } from './settings.ts';

export const DEFAULT_MAIN_PING_MS = 10_000;

/** Where the interval came from: Adobe's default, the session's own pings, or the settings. */
export type CadenceSource = 'default' | 'inferred' | 'setting';

export interface PingCadence {
  mainMs: number;
  source: CadenceSource;
}

export const DEFAULT_CADENCE: Readonly<PingCadence> = Object.freeze({ mainMs: DEFAULT_MAIN_PING_MS, source: 'default' });

/** How a session's client keeps its ping timer, as its protocol adapter says. */
export interface PingClient {
  /** The client may keep a main interval other than 10 s (10 to 50 s). */
  cadenceMayVary: boolean;
  /** The client restarts its ping timer after every call (the Web SDK), not only at playback states. */
  restartsOnEveryCall: boolean;
}

/** Adobe's classic timer: 10 s, restarted at playback states and ad boundaries (the Media Collection SDKs). */
export const FIXED_TIMER_CLIENT: Readonly<PingClient> = Object.freeze({ cadenceMayVary: false, restartsOnEveryCall: false });
/** The AEP Edge Media mobile extensions: a main interval of 10 to 50 s, restarted at playback states. */
export const EDGE_SDK_CLIENT: Readonly<PingClient> = Object.freeze({ cadenceMayVary: true, restartsOnEveryCall: false });
/** The Web SDK's streamingMedia component: 10 to 50 s, restarted after every media call's reply. */
export const WEB_SDK_CLIENT: Readonly<PingClient> = Object.freeze({ cadenceMayVary: true, restartsOnEveryCall: true });

/** How many intervals the inference reads, and how far into the session it looks for them. */
const SAMPLES = 3;
export const CADENCE_WINDOW = 200;

/** The session's events as the inference reads them, in session order. */
export interface CadenceEvents {
  length: number;
  type(i: number): string;
  time(i: number): number;
  /** When the event's call left (ms since epoch, NaN when unknown) and how long its reply took (ms, null when unknown). */
  sendTime(i: number): number;
  durationMs(i: number): number | null;
}

/** The longest wait for a reply (or for the session's start) the Web SDK's timer is taken to include. */
const MAX_WAIT_MS = 10_000;

/**
 * When a client that restarts its timer after every call (the Web SDK) restarts it after an event
 * at `time`: once the call's reply is in. The Web SDK holds calls made before the session start's
 * reply until it comes, so the call may leave after the event's time; both waits count, up to 10 s
 * each (a hung call or a skewed clock does not stretch the timer further).
 */
export function timerRestart(time: number, sendTime: number, durationMs: number | null): number {
  const held = Number.isFinite(sendTime) && sendTime > time ? Math.min(sendTime - time, MAX_WAIT_MS) : 0;
  const reply = typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs > 0 ? Math.min(durationMs, MAX_WAIT_MS) : 0;
  return time + held + reply;
}

export interface CadenceReading {
  /** The inferred interval (ms), or null when the first pings do not show a steady one in range. */
  mainMs: number | null;
  /** Whether more events could still change the reading (fewer samples than needed, window not full). */
  settled: boolean;
  /** Session position of the last event the reading depends on (an insertion at or before it may change it). */
  horizon: number;
}

/** Events at which every Adobe client restarts its ping timer: a ping right after one measures the interval. */
const TIMER_RESETS = new Set(['ping', 'play', 'pauseStart', 'bufferStart']);

/**
 * The main interval a session keeps, read from its first intervals: the gap from a ping or a
 * playback state (for the Web SDK, any call) to the ping right after it, outside ad breaks: every
 * client restarts its timer there and pings one interval later (the Web SDK once the call's reply
 * is in: timerRestart). Of the first three such gaps,
 * two that agree within `toleranceMs` make the reading (their mean, rounded to whole seconds, if
 * within 10 to 50 s); anything else reads as null, and Adobe's default applies. One odd gap (a
 * lost ping, an app clock that did not restart) does not move the reading; a steady one does.
 */
export function readCadence(events: CadenceEvents, client: PingClient, toleranceMs: number): CadenceReading {
  const length = events.length;
  const gaps: number[] = [];
  let inBreak = false;
  let lastSample = -1;
  let endedAt = -1;
  const end = Math.min(length, CADENCE_WINDOW);
  let prevType = '';
  let prevRef = 0;
  for (let i = 0; i < end && gaps.length < SAMPLES; i++) {
    const type = events.type(i);
    const time = events.time(i);
    if (type === 'sessionComplete' || type === 'sessionEnd') {
      endedAt = i;
      break;
    }
    if (type === 'ping' && i > 0 && (client.restartsOnEveryCall || TIMER_RESETS.has(prevType)) && !inBreak) {
      gaps.push(time - prevRef);
      lastSample = i;
    }
    if (type === 'adBreakStart') inBreak = true;
    else if (type === 'adBreakComplete') inBreak = false;
    prevType = type;
    prevRef = client.restartsOnEveryCall ? timerRestart(time, events.sendTime(i), events.durationMs(i)) : time;
  }
  // Settled: no event placed after `horizon` can change the reading.
  const horizon = gaps.length >= SAMPLES ? lastSample : endedAt >= 0 ? endedAt : length >= CADENCE_WINDOW ? CADENCE_WINDOW - 1 : Number.MAX_SAFE_INTEGER;
  return { mainMs: steadyInterval(gaps, toleranceMs), settled: horizon !== Number.MAX_SAFE_INTEGER, horizon };
}

function steadyInterval(gaps: readonly number[], toleranceMs: number): number | null {
  let best: number | null = null;
  for (let i = 0; i < gaps.length; i++) {
    for (let j = i + 1; j < gaps.length; j++) {
      const a = gaps[i] as number;
      const b = gaps[j] as number;
      if (Math.abs(a - b) > toleranceMs) continue;
      const seconds = Math.round((a + b) / 2000);
      // Two pairs that agree on different intervals: the smaller one (the stricter reading) wins.
      if (best === null || seconds * 1000 < best) best = seconds * 1000;
    }
  }
  return best !== null && best >= MAIN_PING_RANGE_S.min * 1000 && best <= MAIN_PING_RANGE_S.max * 1000 ? best : null;
}

/** The cadence a session is judged by, from the settings, its client and what its pings read. */
export function cadenceOf(settings: Settings, client: PingClient, reading: CadenceReading | null): PingCadence {
  if (settings.mainPingIntervalS !== null) return { mainMs: settings.mainPingIntervalS * 1000, source: 'setting' };
  if (!client.cadenceMayVary || !reading || reading.mainMs === null || reading.mainMs === DEFAULT_MAIN_PING_MS) return DEFAULT_CADENCE;
  return { mainMs: reading.mainMs, source: 'inferred' };
}

export function sameCadence(a: PingCadence, b: PingCadence): boolean {
  return a.mainMs === b.mainMs && a.source === b.source;
}

/** How a finding or a summary names the cadence: "10 s", "15 s (the session's own)", "20 s (setting…)". */
export function describeCadence(c: PingCadence): string {
  const s = `${c.mainMs / 1000} s`;
  if (c.source === 'inferred') return `${s} (the interval this session keeps, read from its first pings; Adobe's default is 10 s)`;
  if (c.source === 'setting') return `${s} (setting: main ping interval)`;
  return s;
}
