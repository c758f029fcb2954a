/** What the reference collector remembers: each session's events and whether it is closed. */
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
  body: unknown;
}

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
  events: StoredEvent[];
}

export interface Timeouts {
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

const MEDIA_COLLECTION: SessionOrigin = { protocol: 'media-collection', startedWith: 'sessions' };
const DAY_MS = 24 * 60 * 60 * 1000;

export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(private readonly timeouts: Timeouts, private readonly now: () => number = Date.now) {}

  /** A new session with its start event (answered 201 for Media Collection, 200 for Media Edge). */
  create(sid: string, first: Omit<StoredEvent, 'receivedAt' | 'status'>, origin: SessionOrigin = MEDIA_COLLECTION): StoredSession {
    const t = this.now();
    const session: StoredSession = {
      sid, protocol: origin.protocol, startedWith: origin.startedWith, hint: origin.hint ?? null,
      createdAt: t, lastEventAt: t, lastPlayhead: first.playhead, lastMoveAt: t, closed: null,
      events: [{ ...first, receivedAt: t, status: origin.protocol === 'media-edge' ? 200 : 201 }],
    };
    this.sessions.set(sid, session);
    return session;
  }

  get(sid: string): StoredSession | undefined {
    const s = this.sessions.get(sid);
    if (s) this.expire(s);
    return s;
  }

  /** Closes the session if a timeout passed since its last activity (checked lazily, on access). */
  private expire(s: StoredSession): void {
    if (s.closed) return;
    const t = this.now();
    if (s.protocol === 'media-edge' && t - s.createdAt > (this.timeouts.edgeMaxAgeMs ?? DAY_MS)) s.closed = '24-hours';
    else if (t - s.lastEventAt > this.timeouts.idleMs) s.closed = 'idle-timeout';
    else if (t - s.lastMoveAt > this.timeouts.stallMs) s.closed = 'stalled-playhead';
  }

  /** Records an event the collector accepted (204) and applies its effect on the session. */
  accept(s: StoredSession, e: Omit<StoredEvent, 'receivedAt' | 'status'>): void {
    const t = this.now();
    s.events.push({ ...e, receivedAt: t, status: 204 });
    s.lastEventAt = t;
    if (e.playhead !== null && e.playhead !== s.lastPlayhead) {
      s.lastPlayhead = e.playhead;
      s.lastMoveAt = t;
    }
    if (e.eventType === 'sessionEnd') s.closed = 'sessionEnd';
  }

  /** Records an event the collector rejected (400, 410), so tests see everything it received. */
  reject(s: StoredSession, e: Omit<StoredEvent, 'receivedAt' | 'status'>, status: number): void {
    s.events.push({ ...e, receivedAt: this.now(), status });
  }

  list(): StoredSession[] {
    return [...this.sessions.values()].map((s) => {
      this.expire(s);
      return s;
    });
  }

  clear(): void {
    this.sessions.clear();
  }
}
