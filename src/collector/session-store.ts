/**
 * What the reference collector remembers: each session's events and whether it is closed, within
 * bounded memory. A closed session (sessionEnd, or a timeout seen on access or by sweep()) is kept
 * for a grace period, so /_mci/sessions still shows it and late events get 410, then freed; caps
 * on sessions, event records and body bytes hold whatever the traffic, each drop counted.
 */
import { BodyBudget } from './body-budget.ts';
import type { Limits } from './options.ts';

export type CloseReason = 'sessionEnd' | 'idle-timeout' | 'stalled-playhead' | '24-hours';

/** Which API started the session. */
export type SessionProtocol = 'media-collection' | 'media-edge';

/**
 * The call that started it: Media Collection's `POST …/api/v1/sessions`, Media Edge's
 * `POST …/va/v1/sessionStart` (mobile, Roku, direct API users), or the Web SDK's `POST …/v1/interact`.
 */
export type StartCall = 'sessions' | 'sessionStart' | 'interact';

export interface StoredEvent {
  receivedAt: number;
  /** The status the collector answered. */
  status: number;
  eventType: string | null;
  playhead: number | null;
  ts: number | null;
  /**
   * The body as received, kept only when it is JSON (/_mci/sessions writes it as it is: a string
   * weighs its length, a parsed body several times that); null when not JSON or dropped.
   */
  bodyText: string | null;
  /** Its UTF-8 size while the body budget counts it. */
  bodyBytes: number;
  /** The body was dropped to keep the stored bodies under their budget (oldest first). */
  bodyDropped: boolean;
  /** The body parsed, on each read, for in-process users (tests); null when not JSON or dropped. */
  readonly body: unknown;
}

/** A stored event; `body` is a getter on the prototype, so it costs no memory per event. */
class Stored implements StoredEvent {
  bodyBytes = 0;
  bodyDropped = false;

  constructor(
    readonly receivedAt: number,
    readonly status: number,
    readonly eventType: string | null,
    readonly playhead: number | null,
    readonly ts: number | null,
    public bodyText: string | null,
  ) {}

  get body(): unknown {
    return this.bodyText === null ? null : JSON.parse(this.bodyText);
  }
}

/** What a route hands the store for one event. */
export type EventRecord = Pick<StoredEvent, 'eventType' | 'playhead' | 'ts' | 'bodyText'>;

export interface StoredSession {
  sid: string;
  protocol: SessionProtocol;
  startedWith: StartCall;
  /** Media Edge: the location hint in the start call's path (`/ee/or2/…`), if any. */
  hint: string | null;
  createdAt: number;
  lastEventAt: number;
  lastPlayhead: number | null;
  lastMoveAt: number;
  closed: CloseReason | null;
  /** When the collector saw it closed: it is freed a grace period later. */
  closedAt: number | null;
  /** Event records not kept (over the per-session cap): the oldest after the start. */
  eventsDropped: number;
  events: StoredEvent[];
}

export interface SessionTimeouts {
  idleMs: number;
  stallMs: number;
  /**
   * Media Edge sessions close this long after their start (Adobe: 410 past 24 hours). Media
   * Collection sessions keep the collector's documented behaviour (idle and stalled playhead only).
   */
  edgeMaxAgeMs?: number;
}

export interface SessionOrigin {
  protocol: SessionProtocol;
  startedWith: StartCall;
  hint?: string | null;
}

export interface StoreStats {
  held: { sessions: number; open: number; closed: number; events: number; bodies: number; bodyBytes: number };
  /** Freed after their grace: the normal end of a session. */
  freed: number;
  /** Taken away by a cap before their time. */
  dropped: { sessions: number; openSessions: number; events: number; bodies: number; bodyBytes: number };
}

const MEDIA_COLLECTION: SessionOrigin = { protocol: 'media-collection', startedWith: 'sessions' };
const DAY_MS = 24 * 60 * 60 * 1000;
const UNLIMITED: Limits = { closedGraceMs: Infinity, maxSessions: Infinity, maxEvents: Infinity, maxEventsPerSession: Infinity, maxBodyBytes: Infinity };

export class SessionStore {
  /** Every session held, in creation order (the listing's order). */
  private readonly sessions = new Map<string, StoredSession>();
  /** Open sessions, least recently active first (an accepted event moves one to the end). */
  private readonly open = new Map<string, StoredSession>();
  /** Closed sessions in the order they closed: the grace ends first at the front. */
  private readonly closing = new Map<string, StoredSession>();
  private readonly bodies: BodyBudget;
  private events = 0;
  private freed = 0;
  private readonly dropped = { sessions: 0, openSessions: 0, events: 0 };

  constructor(private readonly timeouts: SessionTimeouts, private readonly limits: Limits = UNLIMITED, private readonly now: () => number = Date.now) {
    this.bodies = new BodyBudget(limits.maxBodyBytes);
  }

  /** A new session with its start event (answered 201 for Media Collection, 200 for Media Edge). */
  create(sid: string, first: EventRecord, origin: SessionOrigin = MEDIA_COLLECTION): StoredSession {
    const t = this.now();
    const session: StoredSession = {
      sid, protocol: origin.protocol, startedWith: origin.startedWith, hint: origin.hint ?? null,
      createdAt: t, lastEventAt: t, lastPlayhead: first.playhead, lastMoveAt: t, closed: null, closedAt: null,
      eventsDropped: 0, events: [],
    };
    this.sessions.set(sid, session);
    this.open.set(sid, session);
    this.push(session, first, origin.protocol === 'media-edge' ? 200 : 201, t);
    return session;
  }

  get(sid: string): StoredSession | undefined {
    const s = this.sessions.get(sid);
    if (s) this.check(s);
    return s;
  }

  /** Records an event the collector accepted (204) and applies its effect on the session. */
  accept(s: StoredSession, e: EventRecord): void {
    const t = this.now();
    s.lastEventAt = t;
    if (e.playhead !== null && e.playhead !== s.lastPlayhead) {
      s.lastPlayhead = e.playhead;
      s.lastMoveAt = t;
    }
    if (!s.closed && this.open.delete(s.sid)) this.open.set(s.sid, s); // now the most recently active
    if (e.eventType === 'sessionEnd') this.close(s, 'sessionEnd');
    this.push(s, e, 204, t);
  }

  /** Records an event the collector rejected (400, 410), so tests see everything it received. */
  reject(s: StoredSession, e: EventRecord, status: number): void {
    this.push(s, e, status, this.now());
  }

  /** Every session held (at most maxSessions), in creation order, each checked for a timeout as on access. */
  list(): StoredSession[] {
    return this.page(0, Infinity).sessions;
  }

  /** A page of sessions in creation order, each checked for a timeout as on access. */
  page(offset: number, limit: number): { sessions: StoredSession[]; total: number } {
    const out: StoredSession[] = [];
    let i = 0;
    for (const s of this.sessions.values()) {
      if (out.length >= limit) break;
      if (i++ >= offset) out.push(s);
    }
    for (const s of out) this.check(s);
    return { sessions: out, total: this.sessions.size };
  }

  /**
   * Closes the open sessions silent past the idle timeout and frees the closed ones past their
   * grace. Both maps are in time order, so it stops at the first that is not due: its cost is
   * what it frees, however many sessions are held.
   */
  sweep(): void {
    const t = this.now();
    for (const s of this.open.values()) {
      if (t - s.lastEventAt <= this.timeouts.idleMs) break;
      this.check(s);
    }
    for (const s of this.closing.values()) {
      if (t - (s.closedAt ?? t) < this.limits.closedGraceMs) break;
      this.free(s);
      this.freed++;
    }
  }

  stats(): StoreStats {
    return {
      held: { sessions: this.sessions.size, open: this.open.size, closed: this.closing.size, events: this.events, bodies: this.bodies.held, bodyBytes: this.bodies.bytes },
      freed: this.freed,
      dropped: { ...this.dropped, bodies: this.bodies.dropped, bodyBytes: this.bodies.droppedBytes },
    };
  }

  clear(): void {
    this.sessions.clear();
    this.open.clear();
    this.closing.clear();
    this.bodies.clear();
    this.events = 0;
    this.freed = 0;
    Object.assign(this.dropped, { sessions: 0, openSessions: 0, events: 0 });
  }

  /** Closes the session if a timeout passed (checked on access and by sweep()). */
  private check(s: StoredSession): void {
    if (s.closed) return;
    const t = this.now();
    if (s.protocol === 'media-edge' && t - s.createdAt > (this.timeouts.edgeMaxAgeMs ?? DAY_MS)) this.close(s, '24-hours');
    else if (t - s.lastEventAt > this.timeouts.idleMs) this.close(s, 'idle-timeout');
    else if (t - s.lastMoveAt > this.timeouts.stallMs) this.close(s, 'stalled-playhead');
  }

  private close(s: StoredSession, reason: CloseReason): void {
    s.closed = reason;
    s.closedAt = this.now();
    this.open.delete(s.sid);
    this.closing.set(s.sid, s);
  }

  private push(s: StoredSession, e: EventRecord, status: number, t: number): void {
    const record = new Stored(t, status, e.eventType, e.playhead, e.ts, e.bodyText);
    s.events.push(record);
    this.events++;
    this.bodies.add(record);
    const max = this.limits.maxEventsPerSession;
    if (s.events.length > max) {
      // A tenth of the cap at once (the start stays): one splice per many events, not per event.
      const n = Math.min(s.events.length - 2, Math.max(s.events.length - max, Math.floor(max / 10)));
      for (const old of s.events.splice(1, n)) this.bodies.release(old);
      this.events -= n;
      s.eventsDropped += n;
      this.dropped.events += n;
    }
    this.enforce(s);
  }

  /** Over a cap: the oldest closed session goes first, then the least recently active open one. */
  private enforce(keep: StoredSession): void {
    while (this.sessions.size > this.limits.maxSessions || this.events > this.limits.maxEvents) {
      const victim = firstOtherThan(this.closing, keep) ?? firstOtherThan(this.open, keep);
      if (!victim) return;
      if (!victim.closed) this.dropped.openSessions++;
      this.dropped.sessions++;
      this.free(victim);
    }
  }

  private free(s: StoredSession): void {
    this.sessions.delete(s.sid);
    this.open.delete(s.sid);
    this.closing.delete(s.sid);
    for (const e of s.events) this.bodies.release(e);
    this.events -= s.events.length;
  }
}

function firstOtherThan(m: Map<string, StoredSession>, keep: StoredSession): StoredSession | undefined {
  for (const s of m.values()) if (s !== keep) return s;
  return undefined;
}
