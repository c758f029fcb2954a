/**
 * The collector's options and their defaults. The limits keep its memory bounded whatever the
 * traffic (it must run for days at full load): every figure here is documented in the README's
 * "`mci serve`" section, which says what happens when each is reached.
 */
export interface CollectorOptions {
  port?: number;
  idleTimeoutS?: number;
  stallTimeoutS?: number;
  /** Media Edge sessions answer 410 this long after their start (default 24 hours, as Adobe's). */
  edgeMaxAgeS?: number;
  /** Folder of the built demo player (dist/demo); without it, / answers 404. */
  demoDir?: string | null;
  /**
   * A closed session (sessionEnd, idle, stalled playhead, 24 hours) is kept this long, so that
   * /_mci/sessions still shows it and late events get 410, then freed (later events get 404).
   */
  closedGraceS?: number;
  /** Sessions held at most: past it the oldest closed one goes, else the least recently active open one. */
  maxSessions?: number;
  /** Event records held at most, all sessions together (each is ~200 bytes without its body). */
  maxEvents?: number;
  /** Event records of one session at most: past it its oldest (after the start) are dropped, counted. */
  maxEventsPerSession?: number;
  /** Stored bodies' bytes (UTF-8) at most, all sessions together: past it the oldest bodies are dropped, counted. */
  maxBodyBytes?: number;
  /** A request body that sends nothing for this long answers 408. */
  bodyTimeoutS?: number;
  /** A whole request (headers and body) must arrive within this (Node's requestTimeout): else 408. */
  requestTimeoutS?: number;
  /** The request's headers must arrive within this (Node's headersTimeout): else 408. */
  headersTimeoutS?: number;
}

export interface Limits {
  closedGraceMs: number;
  maxSessions: number;
  maxEvents: number;
  maxEventsPerSession: number;
  maxBodyBytes: number;
}

export interface Timeouts {
  idleMs: number;
  stallMs: number;
  edgeMaxAgeMs: number;
  bodyMs: number;
  requestMs: number;
  headersMs: number;
}

export const DEFAULTS = {
  idleTimeoutS: 600,
  stallTimeoutS: 1800,
  edgeMaxAgeS: 24 * 60 * 60,
  closedGraceS: 60,
  maxSessions: 20_000,
  maxEvents: 200_000,
  maxEventsPerSession: 10_000,
  maxBodyBytes: 64 * 1024 * 1024,
  bodyTimeoutS: 5,
  requestTimeoutS: 30,
  headersTimeoutS: 10,
} as const;

function positive(name: string, v: number | undefined, fallback: number, min = 0): number {
  const n = v ?? fallback;
  if (!Number.isFinite(n) || n < min) throw new RangeError(`${name} must be a number ≥ ${min}, not ${String(v)}`);
  return n;
}

export function limitsOf(o: CollectorOptions): Limits {
  return {
    closedGraceMs: positive('closedGraceS', o.closedGraceS, DEFAULTS.closedGraceS) * 1000,
    maxSessions: Math.floor(positive('maxSessions', o.maxSessions, DEFAULTS.maxSessions, 1)),
    maxEvents: Math.floor(positive('maxEvents', o.maxEvents, DEFAULTS.maxEvents, 1)),
    // At least 2: a session keeps its start event and the latest one.
    maxEventsPerSession: Math.floor(positive('maxEventsPerSession', o.maxEventsPerSession, DEFAULTS.maxEventsPerSession, 2)),
    maxBodyBytes: Math.floor(positive('maxBodyBytes', o.maxBodyBytes, DEFAULTS.maxBodyBytes)),
  };
}

export function timeoutsOf(o: CollectorOptions): Timeouts {
  const requestMs = positive('requestTimeoutS', o.requestTimeoutS, DEFAULTS.requestTimeoutS, 0.001) * 1000;
  return {
    idleMs: positive('idleTimeoutS', o.idleTimeoutS, DEFAULTS.idleTimeoutS) * 1000,
    stallMs: positive('stallTimeoutS', o.stallTimeoutS, DEFAULTS.stallTimeoutS) * 1000,
    edgeMaxAgeMs: positive('edgeMaxAgeS', o.edgeMaxAgeS, DEFAULTS.edgeMaxAgeS) * 1000,
    bodyMs: positive('bodyTimeoutS', o.bodyTimeoutS, DEFAULTS.bodyTimeoutS, 0.001) * 1000,
    requestMs,
    // Node refuses a headersTimeout longer than the requestTimeout.
    headersMs: Math.min(requestMs, positive('headersTimeoutS', o.headersTimeoutS, DEFAULTS.headersTimeoutS, 0.001) * 1000),
  };
}
