/**
 * GET /_mci/sessions under a big store (src/collector/sessions-json.ts): streamed in chunks with
 * backpressure, never one string of the whole store. Before, it built that string: up to 9.4 s
 * with every other call waiting, then 500 "Invalid string length" for good once the store passed
 * V8's longest string (about 512 MiB). The stores here are filled through collector.store
 * directly (the HTTP path is covered elsewhere); the listing is read over HTTP.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { sessionStartBody } from '../helpers/har-builder.ts';
import { send } from './raw-http.ts';

const MB = 1024 * 1024;
const collectors: Collector[] = [];
after(async () => {
  await Promise.all(collectors.map((c) => c.close()));
});

/** A JSON body of about `bytes` (one string shared by every record that holds it: the store counts it each time). */
const bodyOf = (bytes: number) => JSON.stringify({ eventType: 'sessionStart', customMetadata: { pad: 'x'.repeat(bytes - 60) } });

interface Streamed {
  status: number;
  bytes: number;
  head: string;
  tail: string;
  /** How many times `"sid":` appears. */
  sessions: number;
}

const SID = Buffer.from('"sid":');

/** GETs a path and reads the reply as it comes, keeping only counts (or the whole text when `keep`). */
function stream(port: number, path: string, keep = false): Promise<Streamed & { text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const out = { status: res.statusCode ?? 0, bytes: 0, head: '', tail: '', sessions: 0, text: '' };
      const kept: Buffer[] = [];
      let carry = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        out.bytes += chunk.length;
        if (out.head.length < 200) out.head += chunk.subarray(0, 200).toString('latin1');
        if (keep) kept.push(chunk);
        // '"sid":' split across two chunks is found in the carried end of the first.
        const window = carry.length ? Buffer.concat([carry, chunk.subarray(0, SID.length)]) : Buffer.alloc(0);
        if (window.includes(SID)) out.sessions++;
        for (let at = chunk.indexOf(SID); at >= 0; at = chunk.indexOf(SID, at + 1)) out.sessions++;
        carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - SID.length + 1)));
        out.tail = (out.tail + chunk.subarray(Math.max(0, chunk.length - 200)).toString('latin1')).slice(-200);
      });
      res.on('end', () => {
        if (keep) out.text = Buffer.concat(kept).toString('utf8');
        resolve(out);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /_mci/sessions under a big store', () => {
  test('520 MiB of stored bodies (past V8\'s longest string) list whole: 200, streamed; other calls are answered meanwhile', async (t) => {
    const c = await startCollector({ maxBodyBytes: 600 * MB });
    collectors.push(c);
    const body = bodyOf(MB);
    for (let i = 0; i < 520; i++) c.store.create(`big-${i}`, { eventType: 'sessionStart', playhead: 0, ts: i, bodyText: body });
    const small = JSON.stringify(sessionStartBody(1));
    for (let i = 0; i < 5000; i++) {
      const s = c.store.create(`s-${i}`, { eventType: 'sessionStart', playhead: 0, ts: i, bodyText: small });
      for (let j = 1; j < 5; j++) c.store.accept(s, { eventType: 'ping', playhead: j * 10, ts: i + j, bodyText: '{"eventType":"ping"}' });
    }
    assert.ok(c.store.stats().held.bodyBytes >= 520 * MB);

    let listing = true;
    const listed = stream(c.port, '/_mci/sessions?limit=10000').finally(() => (listing = false));
    // Other clients, while the listing streams: the old collector made them wait for its whole string.
    const latencies: number[] = [];
    while (listing) {
      const started = performance.now();
      const start = await send(c.port, 'POST', '/api/v1/sessions', { 'Content-Type': 'application/json' }, JSON.stringify(sessionStartBody(Date.now())));
      const one = await send(c.port, 'GET', '/_mci/sessions/s-1');
      latencies.push(performance.now() - started);
      assert.deepEqual([start.status, one.status], [201, 200]);
    }
    const r = await listed;
    assert.equal(r.status, 200, r.head);
    assert.ok(r.bytes > 520 * MB, `${(r.bytes / MB).toFixed(0)} MiB streamed`);
    assert.equal(r.sessions, 5520, 'every session is in it');
    assert.match(r.head, /^\{"total":5520,"offset":0,"limit":10000,"next":null,/);
    assert.ok(r.tail.endsWith('"body":{"eventType":"ping"}}]}]}'), r.tail.slice(-60));
    assert.ok(latencies.length >= 3, `only ${latencies.length} calls were answered during the listing`);
    const worst = Math.max(...latencies);
    t.diagnostic(`${(r.bytes / MB).toFixed(0)} MiB listed; ${latencies.length} start-and-read pairs answered meanwhile, the slowest in ${worst.toFixed(0)} ms`);
    assert.ok(worst < 1000, `a session start and a session read took up to ${worst.toFixed(0)} ms while the listing streamed`);
  });

  test('a page of a store at its body cap: the same JSON as before, with what was dropped to make room', async () => {
    const c = await startCollector();
    collectors.push(c);
    const big = bodyOf(MB);
    for (let i = 0; i < 70; i++) c.store.create(`big-${i}`, { eventType: 'sessionStart', playhead: 0, ts: i, bodyText: big });
    const small = JSON.stringify(sessionStartBody(1));
    for (let i = 0; i < 12_000; i++) {
      const s = c.store.create(`s-${i}`, { eventType: 'sessionStart', playhead: 0, ts: i, bodyText: small });
      c.store.accept(s, { eventType: 'ping', playhead: 10, ts: i + 1, bodyText: null });
    }
    const r = await stream(c.port, '/_mci/sessions?limit=10000', true);
    assert.equal(r.status, 200);
    const doc = JSON.parse(r.text) as {
      total: number; next: number; held: { bodyBytes: number }; limits: { bodyBytes: number }; dropped: { bodies: number };
      sessions: { sid: string; closed: unknown; eventsDropped: number; events: { eventType: string; status: number; body: unknown; bodyDropped?: boolean }[] }[];
    };
    assert.equal(doc.sessions.length, 10_000);
    assert.equal(doc.next, 10_000);
    assert.equal(doc.total, 12_070);
    assert.equal(doc.limits.bodyBytes, 64 * MB);
    assert.ok(doc.held.bodyBytes <= 64 * MB);
    assert.ok(doc.dropped.bodies >= 6, 'the oldest bodies went to make room');
    assert.equal(doc.sessions[0]?.events[0]?.bodyDropped, true);
    assert.equal(doc.sessions[0]?.events[0]?.body, null);
    const last = doc.sessions[9_999];
    assert.deepEqual(last?.events.map((e) => [e.eventType, e.status, e.body]), [['sessionStart', 201, JSON.parse(small)], ['ping', 204, null]]);
    assert.equal(last?.closed, null);
    assert.equal(last?.eventsDropped, 0);
  });

  test('a client that goes away mid-listing: the stream stops, the collector goes on', async () => {
    const c = await startCollector({ maxBodyBytes: 200 * MB });
    collectors.push(c);
    const body = bodyOf(MB);
    for (let i = 0; i < 150; i++) c.store.create(`big-${i}`, { eventType: 'sessionStart', playhead: 0, ts: i, bodyText: body });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: c.port, path: '/_mci/sessions?limit=10000', agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
      req.end();
    });
    // The collector goes on: the next listing is answered whole.
    const next = await send(c.port, 'GET', '/_mci/sessions?limit=1');
    assert.equal(next.status, 200);
    assert.equal((JSON.parse(next.text) as { total: number }).total, 150);
  });
});
