/**
 * Drives many player sessions at a collector over loopback, with bounded concurrency and
 * keep-alive connections (node:http: fetch's own bookkeeping would be measured too), in a mix
 * like real traffic: clean sessions, starts with big custom metadata, abandoned sessions (left to
 * the idle timeout), rejected events and events after the end, whole sessions in one downloaded
 * batch, and Media Edge sessions. Used by the memory test here and by test/bench/collector-soak.ts.
 */
import { Agent, request } from 'node:http';
import { CONFIG_ID, edgeEvent, sessionDetails } from '../helpers/edge-builder.ts';
import { ev, sessionStartBody } from '../helpers/har-builder.ts';

export interface Reply {
  status: number;
  location: string | null;
  text: string;
}

/** A keep-alive HTTP client with at most `sockets` connections. */
export class LoadClient {
  private readonly agent: Agent;

  constructor(private readonly base: URL, sockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(path: string, body: string, contentType = 'application/json'): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: this.base.hostname, port: this.base.port, path, method: 'POST', agent: this.agent,
        headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: typeof res.headers.location === 'string' ? res.headers.location : null, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface LoadOptions {
  base: string;
  /** Sessions to run; or run until `deadline` (ms since the epoch), whichever comes first. */
  sessions: number;
  deadline?: number;
  concurrency: number;
  /** The custom metadata of one session in ten (default 64 KiB). */
  bigBytes?: number;
  /** The custom metadata of one session in a hundred (default 1 MB less the rest of the body). */
  hugeBytes?: number;
  /**
   * Fewer requests per session (a clean session as one downloaded batch, no play before the end),
   * for a short test that needs many sessions quickly; the same kinds of sessions otherwise.
   */
  compact?: boolean;
  /** Called after each session with the count done so far. */
  onSession?: (done: number) => void;
  /**
   * If given, each answered request's time (ms, from sending to the end of its reply) is pushed
   * here, for latency percentiles (the soak); two clock reads per request, nothing when absent.
   */
  latencies?: number[];
}

export interface LoadResult {
  sessions: number;
  requests: number;
  ms: number;
  /** How many replies had each status. */
  statuses: Record<number, number>;
  /** Requests that failed without an HTTP answer. */
  errors: number;
  /** Bytes of request bodies sent. */
  bytesSent: number;
}

const pad = (bytes: number) => 'x'.repeat(Math.max(0, bytes));

/** Runs the sessions; never throws for an HTTP status (they are counted), only counts network errors. */
export async function drive(o: LoadOptions): Promise<LoadResult> {
  const client = new LoadClient(new URL(o.base), o.concurrency);
  const result: LoadResult = { sessions: 0, requests: 0, ms: 0, statuses: {}, errors: 0, bytesSent: 0 };
  const big = pad(o.bigBytes ?? 64 * 1024);
  const huge = pad((o.hugeBytes ?? 1024 * 1024) - 1024);
  let next = 0;
  let ts = Date.now() * 10;
  const started = performance.now();

  const send = async (path: string, body: unknown, contentType?: string): Promise<Reply | null> => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    result.requests++;
    result.bytesSent += text.length;
    const sent = o.latencies ? performance.now() : 0;
    try {
      const r = await client.post(path, text, contentType);
      o.latencies?.push(performance.now() - sent);
      result.statuses[r.status] = (result.statuses[r.status] ?? 0) + 1;
      return r;
    } catch {
      result.errors++;
      return null;
    }
  };
  const sidOf = (r: Reply | null) => r?.location?.split('/').pop() ?? '';
  const events = (sid: string) => `/api/v1/sessions/${sid}/events`;

  async function session(i: number): Promise<void> {
    const kind = i % 100;
    if (kind >= 90) return edgeSession();
    if (kind >= 85 || (o.compact && kind < 60)) {
      await send('/api/v1/sessions', [sessionStartBody(++ts, { 'media.downloaded': true }), ev('play', 0, ++ts), ev('ping', 10, ++ts), ev('sessionEnd', 20, ++ts)]);
      return;
    }
    const metadata = kind === 69 ? huge : kind >= 60 ? big : null;
    const start = await send('/api/v1/sessions', { ...sessionStartBody(++ts), ...(metadata ? { customMetadata: { pad: metadata } } : {}) });
    const sid = sidOf(start);
    if (!sid) return;
    if (!o.compact) await send(events(sid), ev('play', 0, ++ts));
    if (kind >= 70 && kind < 80) return; // abandoned: the idle timeout closes it
    if (kind >= 80) await send(events(sid), ev('ping', 10, ++ts, { params: { 'media.id': 'x' } })); // 400
    else if (!o.compact) await send(events(sid), ev('ping', 10, ++ts));
    await send(events(sid), ev('sessionEnd', 12, ++ts));
    if (kind >= 80) await send(events(sid), ev('play', 12, ++ts)); // 410
  }

  async function edgeSession(): Promise<void> {
    const start = await send(`/ee/va/v1/sessionStart?configId=${CONFIG_ID}`, { events: [edgeEvent('sessionStart', 0, 0, sessionDetails(), null)] });
    let sid = '';
    try {
      const doc = JSON.parse(start?.text ?? '{}') as { handle?: { type: string; payload: { sessionId?: string }[] }[] };
      sid = doc.handle?.find((h) => h.type === 'media-analytics:new-session')?.payload[0]?.sessionId ?? '';
    } catch {
      return;
    }
    if (!sid) return;
    if (!o.compact) await send(`/ee/va/v1/play?configId=${CONFIG_ID}`, { events: [edgeEvent('play', 0, 1000, {}, sid)] }, 'text/plain;charset=UTF-8');
    await send(`/ee/va/v1/sessionEnd?configId=${CONFIG_ID}`, { events: [edgeEvent('sessionEnd', 1, 2000, {}, sid)] }, 'text/plain;charset=UTF-8');
  }

  const worker = async () => {
    while (next < o.sessions && (o.deadline === undefined || Date.now() < o.deadline)) {
      await session(next++);
      result.sessions++;
      o.onSession?.(result.sessions);
    }
  };
  try {
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    client.close();
  }
  result.ms = performance.now() - started;
  return result;
}
