/**
 * Synthetic, realistic recordings for the benchmarks: many concurrent sessions with the real mix
 * of event types (from synthetic.ts), interleaved in time as a soak test records them, one
 * session in ten broken on purpose (an orphan adStart, a duplicated ts, a 404 at the end).
 * Entries are Chrome-style HAR objects, as JSON.parse makes them from a HAR file.
 */
import { sessionBodies, sid } from './synthetic.ts';

const HOST = 'https://bench.hb-api.omtrdc.net';
const START = Date.parse('2026-11-02T08:00:00.000Z');

export type HarEntry = Record<string, unknown>;

export function harEntries(totalEvents: number, eventsPerSession = 1000): HarEntry[] {
  const sessions = Math.max(1, Math.ceil(totalEvents / eventsPerSession));
  const all: { ts: number; entry: HarEntry }[] = [];
  for (let s = 0; s < sessions; s++) {
    const id = sid(s + 1);
    const count = Math.min(eventsPerSession, totalEvents - s * eventsPerSession);
    const bodies = sessionBodies(count, START + s * 997);
    const broken = s % 10 === 9;
    bodies.forEach((body, i) => {
      if (broken && body.eventType === 'adBreakStart' && i < 300) return; // orphan adStart follows
      if (broken && i === 50) body.playerTime.ts = (bodies[49]?.playerTime.ts ?? body.playerTime.ts); // duplicated ts
      const last = i === bodies.length - 1;
      all.push({ ts: body.playerTime.ts, entry: entry(id, body, broken && last ? 404 : undefined) });
    });
  }
  all.sort((a, b) => a.ts - b.ts);
  // As a HAR file reads: each entry through JSON text, so that its strings are flat, as
  // JSON.parse makes them. Built strings are ropes that the engine's first string search would
  // flatten, and the copy would be counted (in time and memory) as the analysis's.
  return all.map((x) => JSON.parse(JSON.stringify(x.entry)) as HarEntry);
}

function entry(id: string, body: { eventType: string; playerTime: { ts: number } }, status?: number): HarEntry {
  const opening = body.eventType === 'sessionStart';
  const text = JSON.stringify(body);
  return {
    startedDateTime: new Date(body.playerTime.ts + 15).toISOString(),
    time: 31.5,
    _resourceType: 'fetch',
    request: {
      method: 'POST',
      url: opening ? `${HOST}/api/v1/sessions` : `${HOST}/api/v1/sessions/${id}/events`,
      httpVersion: 'HTTP/2',
      headers: [{ name: 'content-type', value: 'application/json' }, { name: 'origin', value: 'https://player.bench' }],
      queryString: [], cookies: [], headersSize: -1, bodySize: text.length,
      postData: { mimeType: 'application/json', text },
    },
    response: {
      status: status ?? (opening ? 201 : 204), statusText: '', httpVersion: 'HTTP/2',
      headers: opening ? [{ name: 'location', value: `/api/v1/sessions/${id}` }, { name: 'access-control-expose-headers', value: 'Location' }] : [],
      cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0,
    },
    cache: {},
    timings: { send: 0.1, wait: 30, receive: 1.4 },
  };
}

export function harText(entries: HarEntry[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'mci bench', version: '1' }, pages: [], entries } });
}
