/**
 * Slow and broken requests get an HTTP answer and never lock other clients out
 * (src/collector/http-helpers.ts readBody, client-errors.ts): a body that goes silent answers 408
 * after bodyTimeoutS, one that trickles 408 at requestTimeoutS, headers that never end 408 at
 * headersTimeoutS, headers over Node's limit 431, malformed HTTP 400; meanwhile other clients are
 * served at once. A "hang" fault still hangs past every timeout (its request arrived whole).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { sessionStartBody } from '../helpers/har-builder.ts';
import { jsonBodyOf, rawExchange, send, statusOf } from './raw-http.ts';

let collector: Collector;
let port: number;
let ts = Date.now();

before(async () => {
  collector = await startCollector({ bodyTimeoutS: 0.5, requestTimeoutS: 3, headersTimeoutS: 1 });
  port = collector.port;
});
after(async () => {
  await collector?.close();
});

const head = (path: string, length: number, type = 'application/json') => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`;

/** A session start by a well-behaved client: its status and how long it took. */
async function timedStart(): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const r = await send(port, 'POST', '/api/v1/sessions', { 'Content-Type': 'application/json' }, JSON.stringify(sessionStartBody(++ts)));
  return { status: r.status, ms: performance.now() - started };
}

describe('slow request bodies', () => {
  test('a body that goes silent answers 408 with a message after bodyTimeoutS, and the connection is closed', async () => {
    for (const [path, type] of [['/api/v1/sessions', 'application/json'], ['/ee/va/v1/sessionStart?configId=x', 'text/plain'], ['/_mci/faults', 'application/json']]) {
      const r = await rawExchange(port, [`${head(path as string, 1000, type)}{"eventType":`], { waitMs: 3000 });
      assert.equal(statusOf(r.text), 408, `${path}: ${r.text}`);
      assert.match(String((jsonBodyOf(r.text) as { message?: string; detail?: string }).message ?? (jsonBodyOf(r.text) as { detail?: string }).detail), /nothing for 0.5 s/);
      assert.ok(r.closedByServer, `${path}: the server closed the connection`);
      assert.ok(r.ms >= 450 && r.ms < 2000, `${path}: after ${r.ms.toFixed(0)} ms`);
    }
  });

  test('hundreds of silent or trickling bodies at once: each answers 408, and other clients are served meanwhile', async () => {
    const slow = [
      ...Array.from({ length: 200 }, () => rawExchange(port, [`${head('/api/v1/sessions', 100_000)}{`], { waitMs: 8000 })),
      // One byte every 200 ms never goes silent for 0.5 s: the whole request's limit (3 s) ends it.
      ...Array.from({ length: 100 }, () => rawExchange(port, [`${head('/api/v1/sessions', 100_000)}{`, ...Array.from({ length: 40 }, () => ' ')], { gapMs: 200, waitMs: 8000 })),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const others = [];
    for (let i = 0; i < 10; i++) others.push(await timedStart());
    for (const o of others) assert.equal(o.status, 201);
    const slowest = Math.max(...others.map((o) => o.ms));
    assert.ok(slowest < 1000, `a well-behaved client waited ${slowest.toFixed(0)} ms`);
    const results = await Promise.all(slow);
    const silent = results.slice(0, 200);
    const trickling = results.slice(200);
    assert.deepEqual([...new Set(silent.map((r) => statusOf(r.text)))], [408], 'every silent body');
    assert.deepEqual([...new Set(trickling.map((r) => statusOf(r.text)))], [408], 'every trickling body');
    assert.ok(trickling.every((r) => r.ms >= 2500 && r.closedByServer), `the trickling ones at the request limit: ${Math.min(...trickling.map((r) => r.ms)).toFixed(0)} ms at the earliest`);
    assert.equal((await timedStart()).status, 201);
  });

  test('headers that never end answer 408 after headersTimeoutS', async () => {
    const r = await rawExchange(port, [`POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: a`], { waitMs: 4000 });
    assert.equal(statusOf(r.text), 408, r.text);
    assert.ok(r.closedByServer);
    assert.ok(r.ms >= 900 && r.ms < 3000, `after ${r.ms.toFixed(0)} ms`);
  });

  test('a "hang" fault still hangs past every timeout: its request arrived whole', async () => {
    const body = JSON.stringify(sessionStartBody(++ts));
    const r = await rawExchange(port, [`${head('/api/v1/sessions?fault=hang', Buffer.byteLength(body))}${body}`], { waitMs: 3600 });
    assert.equal(r.text, '', 'no answer at all');
    assert.equal(r.closedByServer, false, 'the connection stayed open until the client gave up');
  });
});

describe('broken requests get a 4xx answer, not a dropped connection', () => {
  test('headers over Node\'s limit (16 KiB) answer 431 with a message', async () => {
    const r = await rawExchange(port, [`GET /_mci/sessions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    assert.equal(statusOf(r.text), 431, r.text.slice(0, 200));
    assert.match((jsonBodyOf(r.text) as { message: string }).message, /headers/);
    assert.ok(r.closedByServer);
  });

  test('many headers (a cookie jar) over the limit answer 431 too', async () => {
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'v'.repeat(60)}\r\n`).join('');
    const r = await rawExchange(port, [`POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${many}\r\n`]);
    assert.equal(statusOf(r.text), 431, r.text.slice(0, 200));
  });

  for (const [why, text] of [
    ['not HTTP at all', 'THIS IS NOT HTTP\r\n\r\n'],
    ['a negative Content-Length', `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n`],
    ['two different Content-Lengths', `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`],
    ['Content-Length and chunked together', `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['a bad chunk size', `POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`],
    ['a space in a header name', `GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n`],
    ['no Host on HTTP/1.1', `GET /_mci/sessions HTTP/1.1\r\n\r\n`],
  ] as const) {
    test(`malformed HTTP answers 400: ${why}`, async () => {
      const r = await rawExchange(port, [text]);
      assert.equal(statusOf(r.text), 400, `${why}: ${JSON.stringify(r.text.slice(0, 200))}`);
      assert.ok(r.closedByServer);
      assert.equal((await timedStart()).status, 201, 'the collector keeps serving');
    });
  }

  test('an error after a keep-alive connection\'s first answer is answered too, not dropped', async () => {
    const ok = `GET /_mci/sessions?limit=1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`;
    const r = await rawExchange(port, [ok, 'NOT HTTP\r\n\r\n'], { gapMs: 200 });
    const statuses = [...r.text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    assert.deepEqual(statuses, [200, 400]);
  });
});
