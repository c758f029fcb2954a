/**
 * /_mci/sessions as a sequence of JSON chunks (for streamChunks): the store may hold tens of
 * megabytes of bodies, and one string of it all stalled the server for seconds, then failed for
 * good ("Invalid string length"). Each stored body is JSON text already (checked on arrival), so
 * it is written as it came, not parsed and stringified again. The generic writer in
 * src/core/json/json-chunks.ts is not used: it walks values, and here the bodies are text.
 */
import type { StoreStats, StoredEvent, StoredSession } from './session-store.ts';

const CHUNK = 64 * 1024;

/** Collects pieces and hands them out about CHUNK characters at a time. */
class Pieces {
  private parts: string[] = [];
  private size = 0;

  add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
  }

  /** The pieces joined once they make a chunk, else null. */
  full(): string | null {
    return this.size >= CHUNK ? this.take() : null;
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }
}

export interface PageSummary {
  total: number;
  offset: number;
  limit: number;
  /** The offset of the next page, or null on the last. */
  next: number | null;
  stats: StoreStats;
  limits: Record<string, number>;
}

/** `{"total":…,"offset":…,"limit":…,"next":…,"held":…,"limits":…,"dropped":…,"freed":…,"sessions":[…]}`. */
export function* pageChunks(summary: PageSummary, sessions: readonly StoredSession[]): Generator<string, void, undefined> {
  const { stats, ...rest } = summary;
  const head = JSON.stringify({ total: rest.total, offset: rest.offset, limit: rest.limit, next: rest.next, held: stats.held, limits: rest.limits, dropped: stats.dropped, freed: stats.freed });
  const p = new Pieces();
  p.add(`${head.slice(0, -1)},"sessions":[`);
  for (let i = 0; i < sessions.length; i++) {
    if (i > 0) p.add(',');
    yield* sessionPieces(p, sessions[i] as StoredSession);
  }
  p.add(']}');
  yield p.take();
}

/** One session as its own document (GET /_mci/sessions/<sid>). */
export function* sessionChunks(s: StoredSession): Generator<string, void, undefined> {
  const p = new Pieces();
  yield* sessionPieces(p, s);
  yield p.take();
}

function* sessionPieces(p: Pieces, s: StoredSession): Generator<string, void, undefined> {
  const head = JSON.stringify({
    sid: s.sid, protocol: s.protocol, startedWith: s.startedWith, hint: s.hint, createdAt: s.createdAt, lastEventAt: s.lastEventAt,
    lastPlayhead: s.lastPlayhead, lastMoveAt: s.lastMoveAt, closed: s.closed, closedAt: s.closedAt, eventsDropped: s.eventsDropped,
  });
  p.add(`${head.slice(0, -1)},"events":[`);
  // A copy of the list: events may be added or trimmed while the reply waits for the socket.
  const events = s.events.slice();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StoredEvent;
    const fields = JSON.stringify({ receivedAt: e.receivedAt, status: e.status, eventType: e.eventType, playhead: e.playhead, ts: e.ts });
    p.add(`${i > 0 ? ',' : ''}${fields.slice(0, -1)},"body":`);
    const body = e.bodyText ?? 'null';
    if (body.length >= CHUNK) {
      // A big body goes out as it is, not copied into a chunk.
      yield p.take();
      yield body;
    } else {
      p.add(body);
    }
    p.add(e.bodyDropped ? ',"bodyDropped":true}' : '}');
    const chunk = p.full();
    if (chunk) yield chunk;
  }
  p.add(']}');
}
