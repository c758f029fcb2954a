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

/** Events after which every Adobe client's ping timer starts again (a ping that follows one measures the interval). */
const TIMER_RESETS = new Set(['ping', 'play', 'pauseStart', 'bufferStart']);
/** How many intervals the inference reads, and how far into the session it looks for them. */
const SAMPLES = 3;
export const CADENCE_WINDOW = 200;

/** The session's events as the inference reads them, in session order. */
export interface CadenceEvents {
  length: number;
  type(i: number): string;
  time(i: number): number;
}

export interface CadenceReading {
  /** The inferred interval (ms), or null when the first pings do not show a steady one in range. */
  mainMs: number | null;
  /** Whether more events could still change the reading (fewer samples than needed, window not full). */
  settled: boolean;
  /** Session position of the last event the reading depends on (an insertion at or before it may change it). */
  horizon: number;
}

/**
 * The main interval a session keeps, read from its first intervals: the time from a timer reset
 * (a ping or playback state; for a client that restarts its timer after every call, any call) to
 * the ping right after it, outside ad breaks. Three such intervals that agree within `toleranceMs`
 * (two when the session has only two), rounded to whole seconds and within 10 to 50 s, make the
 * reading; anything else reads as null (Adobe's default applies).
 */
export function readCadence(events: CadenceEvents, client: PingClient, toleranceMs: number): CadenceReading {
  const length = events.length;
  const gaps: number[] = [];
  let inBreak = false;
  let lastSample = -1;
  let endedAt = -1;
  const end = Math.min(length, CADENCE_WINDOW);
  let prevType = '';
  let prevTime = 0;
  for (let i = 0; i < end && gaps.length < SAMPLES; i++) {
    const type = events.type(i);
    const time = events.time(i);
    if (type === 'sessionComplete' || type === 'sessionEnd') {
      endedAt = i;
      break;
    }
    if (type === 'ping' && i > 0 && !inBreak && (client.restartsOnEveryCall || TIMER_RESETS.has(prevType))) {
      gaps.push(time - prevTime);
      lastSample = i;
    }
    if (type === 'adBreakStart') inBreak = true;
    else if (type === 'adBreakComplete') inBreak = false;
    prevType = type;
    prevTime = time;
  }
  // Settled: no event placed after `horizon` can change the reading.
  const horizon = gaps.length >= SAMPLES ? lastSample : endedAt >= 0 ? endedAt : length >= CADENCE_WINDOW ? CADENCE_WINDOW - 1 : Number.MAX_SAFE_INTEGER;
  return { mainMs: steadyInterval(gaps, toleranceMs), settled: horizon !== Number.MAX_SAFE_INTEGER, horizon };
}

function steadyInterval(gaps: readonly number[], toleranceMs: number): number | null {
  if (gaps.length < 2) return null;
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  if (sorted.some((g) => Math.abs(g - median) > toleranceMs)) return null;
  const seconds = Math.round(median / 1000);
  return seconds >= MAIN_PING_RANGE_S.min && seconds <= MAIN_PING_RANGE_S.max ? seconds * 1000 : null;
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
