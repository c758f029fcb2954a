/** What the reference collector remembers: each session's events and whether it is closed. */
export type CloseReason = 'sessionEnd' | 'idle-timeout' | 'stalled-playhead';

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
}

export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(private readonly timeouts: Timeouts, private readonly now: () => number = Date.now) {}

  create(sid: string, first: Omit<StoredEvent, 'receivedAt' | 'status'>): StoredSession {
    const t = this.now();
    const session: StoredSession = {
      sid, createdAt: t, lastEventAt: t, lastPlayhead: first.playhead, lastMoveAt: t, closed: null,
      events: [{ ...first, receivedAt: t, status: 201 }],
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
    if (t - s.lastEventAt > this.timeouts.idleMs) s.closed = 'idle-timeout';
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
