/**
 * HTTP tests of the reference collector (`mci serve`, src/collector/): every status of the Media
 * Collection API (spec sections 1-4) driven over real HTTP with the global fetch, the /_mci admin
 * API, fault injection, hostile requests, the demo page, and the `mci serve` command itself.
 * The collector validates with the build-time generated validators and serves dist/demo, so run
 * `npm run build` first (`npm test` does).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { EVENT_TYPES } from '../../src/core/protocol/media-collection/event-types.ts';
import { ev, sessionStartBody, validBodies } from '../helpers/har-builder.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = join(ROOT, 'dist', 'demo');
const CLI = join(ROOT, 'dist', 'cli', 'mci.mjs');

assert.ok(existsSync(join(DEMO, 'index.html')), 'dist/demo is not built: run `npm run build` before these tests');
assert.ok(existsSync(join(ROOT, 'src', 'generated', 'media-collection-validators.js')), 'src/generated is missing: run `npm run build`');

const ORIGIN = 'https://player.example.com';
const SID_LOCATION = /^\/api\/v1\/sessions\/([0-9a-f]{64})$/;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Body = Record<string, unknown>;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

let tsCounter = Date.now();
/** A fresh, strictly increasing ts for each event (two events must never share a ts). */
const nextTs = () => ++tsCounter;

async function call(base: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(base + path, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** POSTs JSON (or `raw` text) the way a player does, with an Origin. */
function post(base: string, path: string, body: unknown, o: { raw?: string; origin?: string; signal?: AbortSignal } = {}): Promise<Reply> {
  return call(base, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: o.origin ?? ORIGIN },
    body: o.raw ?? JSON.stringify(body),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}

/** Starts a session; returns the reply and the sid from Location (asserting the 201). */
async function startSession(base: string, prefix = '', body: Body = sessionStartBody(nextTs())): Promise<{ reply: Reply; sid: string; location: string }> {
  const reply = await post(base, `${prefix}/api/v1/sessions`, body);
  assert.equal(reply.status, 201, `sessionStart answered ${reply.status}: ${reply.text}`);
  const location = reply.headers.get('location') ?? '';
  const sid = location.split('/').pop() ?? '';
  return { reply, sid, location };
}

function sendEvent(base: string, sid: string, body: unknown, o: { raw?: string; prefix?: string } = {}): Promise<Reply> {
  return post(base, `${o.prefix ?? ''}/api/v1/sessions/${sid}/events`, body, o);
}

/** The `{"message": …}` of an error reply, asserting its shape. */
function messageOf(reply: Reply): string {
  assert.match(reply.headers.get('content-type') ?? '', /^application\/json/, `error reply is not JSON: ${reply.headers.get('content-type')}`);
  const parsed = JSON.parse(reply.text) as unknown;
  assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), `error body is not an object: ${reply.text}`);
  const message = (parsed as { message?: unknown }).message;
  assert.equal(typeof message, 'string', `error body has no string message: ${reply.text}`);
  assert.ok((message as string).length > 0, 'empty error message');
  return message as string;
}

interface AdminEvent {
  eventType: string | null;
  playhead: number | null;
  ts: number | null;
  status: number;
  receivedAt: number;
  body: unknown;
}

interface AdminSession {
  sid: string;
  closed: string | null;
  events: AdminEvent[];
}

async function listSessions(base: string): Promise<AdminSession[]> {
  const reply = await call(base, '/_mci/sessions');
  assert.equal(reply.status, 200);
  assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
  const doc = JSON.parse(reply.text) as { sessions: AdminSession[] };
  assert.ok(Array.isArray(doc.sessions), 'GET /_mci/sessions has a sessions array');
  return doc.sessions;
}

async function getSession(base: string, sid: string): Promise<AdminSession> {
  const reply = await call(base, `/_mci/sessions/${sid}`);
  assert.equal(reply.status, 200, `GET /_mci/sessions/${sid} answered ${reply.status}`);
  return JSON.parse(reply.text) as AdminSession;
}

const summary = (s: AdminSession) => s.events.map((e) => [e.eventType, e.playhead, e.ts, e.status]);

/** A GET with the path sent byte for byte (fetch would normalise `..` away). */
function rawGet(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes `text` on a raw TCP connection, waits a little, then destroys the socket. */
async function writeAndDrop(port: number, text: string, waitMs = 100): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {}); // the server may drop us first; that is fine
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(text);
  await sleep(waitMs);
  socket.destroy();
  await sleep(50);
}

/** The server still works: a session start gets its 201. */
async function assertStillServing(base: string): Promise<void> {
  const { reply } = await startSession(base);
  assert.equal(reply.status, 201);
}

let collector: Collector;
let base: string;

before(async () => {
  collector = await startCollector({ idleTimeoutS: 600, stallTimeoutS: 1800, demoDir: DEMO });
  base = collector.url;
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/, 'the collector listens on loopback');
});

after(async () => {
  await collector?.close();
});

describe('POST …/api/v1/sessions', () => {
  test('a valid sessionStart answers 201, empty body, Location /api/v1/sessions/<64 hex>, and CORS headers', async () => {
    const { reply, location, sid } = await startSession(base);
    assert.match(location, SID_LOCATION);
    assert.equal(sid.length, 64);
    assert.equal(reply.text, '', '201 has an empty body');
    assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN, 'Allow-Origin echoes the Origin');
    assert.match(reply.headers.get('access-control-expose-headers') ?? '', /(^|,\s*)Location(\s*,|$)/i, 'Location is exposed to browsers');
  });

  test('each session gets its own sid, and the session is listed by /_mci', async () => {
    const a = await startSession(base);
    const b = await startSession(base);
    assert.notEqual(a.sid, b.sid);
    const sids = (await listSessions(base)).map((s) => s.sid);
    assert.ok(sids.includes(a.sid) && sids.includes(b.sid));
  });

  test('Allow-Origin echoes whichever Origin is sent', async () => {
    const reply = await post(base, '/api/v1/sessions', sessionStartBody(nextTs()), { origin: 'http://localhost:8080' });
    assert.equal(reply.status, 201);
    assert.equal(reply.headers.get('access-control-allow-origin'), 'http://localhost:8080');
  });

  test('an OPTIONS preflight answers 204 with Allow-Methods (POST) and Allow-Headers (Content-Type)', async () => {
    for (const path of ['/api/v1/sessions', '/api/v1/sessions/0123/events', '/collect/api/v1/sessions']) {
      const reply = await call(base, path, {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      assert.equal(reply.status, 204, `preflight of ${path}`);
      assert.equal(reply.text, '');
      assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
      const methods = (reply.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim().toUpperCase());
      assert.ok(methods.includes('POST'), `Allow-Methods: ${methods.join(', ')}`);
      const allowed = (reply.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
      assert.ok(allowed.includes('content-type'), `Allow-Headers: ${allowed.join(', ')}`);
    }
  });

  test('with a path prefix, Location keeps the prefix and the events endpoint works under it', async () => {
    const { reply, location, sid } = await startSession(base, '/collect');
    assert.match(location, /^\/collect\/api\/v1\/sessions\/[0-9a-f]{64}$/);
    assert.match(location.replace(/^\/collect/, ''), SID_LOCATION);
    assert.equal(reply.headers.get('access-control-expose-headers'), 'Location');
    const ev1 = await post(base, `${location}/events`, ev('play', 0, nextTs()));
    assert.equal(ev1.status, 204);
    assert.equal((await getSession(base, sid)).events.length, 2);
  });

  test('a sessionStart with a bad body answers 400 with a message, and creates no session', async () => {
    const before = (await listSessions(base)).length;
    const noParams = sessionStartBody(nextTs());
    delete noParams.params;
    const noMediaId = sessionStartBody(nextTs());
    delete (noMediaId.params as Body)['media.id'];
    const cases: [string, string, RegExp][] = [
      ['media.id missing', JSON.stringify(noMediaId), /media\.id/],
      ['media.length as a string', JSON.stringify(sessionStartBody(nextTs(), { 'media.length': '600' })), /media\.length/],
      ['no params', JSON.stringify(noParams), /params/],
      ['not JSON', '{"eventType": "sessionStart",', /JSON/],
      ['empty body', '', /empty|JSON/i],
      ['a play sent to the sessions endpoint', JSON.stringify(ev('play', 0, nextTs())), /sessions endpoint|sessionStart/],
    ];
    for (const [why, raw, explains] of cases) {
      const reply = await post(base, '/api/v1/sessions', null, { raw });
      assert.equal(reply.status, 400, `${why}: ${reply.status} ${reply.text}`);
      assert.equal(reply.headers.get('location'), null, `${why}: no Location on a 400`);
      assert.match(messageOf(reply), explains, `${why}: the message explains it`);
      assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN, `${why}: CORS on the 400 too`);
    }
    assert.equal((await listSessions(base)).length, before, 'no session was created');
  });
});

describe('POST …/api/v1/sessions/<sid>/events', () => {
  let sid: string;
  before(async () => {
    ({ sid } = await startSession(base));
  });

  test('every valid event type but sessionStart/sessionEnd answers 204 with CORS headers', async () => {
    const bodies = validBodies(nextTs());
    for (const type of EVENT_TYPES) {
      if (type === 'sessionStart' || type === 'sessionEnd') continue;
      const body = { ...bodies[type], playerTime: { playhead: (bodies[type]?.playerTime as Body).playhead, ts: nextTs() } };
      const reply = await sendEvent(base, sid, body);
      assert.equal(reply.status, 204, `${type}: ${reply.status} ${reply.text}`);
      assert.equal(reply.text, '');
      assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
    }
  });

  test('an adStart with media.ad.length as a string answers 400 naming media.ad.length', async () => {
    const body = structuredClone(validBodies(nextTs()).adStart) as Body;
    (body.params as Body)['media.ad.length'] = '15';
    const reply = await sendEvent(base, sid, body);
    assert.equal(reply.status, 400);
    const message = messageOf(reply);
    assert.match(message, /media\.ad\.length/);
    assert.match(message, /number/);
    assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
  });

  test('a ping with params answers 400 saying ping must not carry params', async () => {
    const reply = await sendEvent(base, sid, ev('ping', 10, nextTs(), { params: { 'media.id': 'x' } }));
    assert.equal(reply.status, 400);
    const message = messageOf(reply);
    assert.match(message, /params/);
    assert.match(message, /ping/);
  });

  test('an unknown eventType "pause" answers 400 naming it (and pointing to pauseStart)', async () => {
    const reply = await sendEvent(base, sid, ev('pause', 12, nextTs()));
    assert.equal(reply.status, 400);
    const message = messageOf(reply);
    assert.match(message, /pause/);
    assert.match(message, /pauseStart/);
  });

  test('a body that is not JSON answers 400 saying so', async () => {
    const reply = await sendEvent(base, sid, null, { raw: '{"eventType": "play", playerTime' });
    assert.equal(reply.status, 400);
    assert.match(messageOf(reply), /JSON/);
  });

  test('other schema failures answer 400: missing playerTime, unknown top-level key, a sessionStart on the events endpoint', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['missing playerTime', { eventType: 'play' }, /playerTime/],
      ['unknown top-level key', { ...ev('play', 1, nextTs()), extra: 1 }, /extra/],
      ['playhead as a string', { playerTime: { playhead: '1', ts: nextTs() }, eventType: 'play' }, /playhead/],
      ['sessionStart on the events endpoint', sessionStartBody(nextTs()), /sessionStart/],
      ['a JSON array', [ev('play', 1, nextTs())], /./],
    ];
    for (const [why, body, explains] of cases) {
      const reply = await sendEvent(base, sid, body);
      assert.equal(reply.status, 400, `${why}: ${reply.status} ${reply.text}`);
      assert.match(messageOf(reply), explains, why);
    }
  });

  test('a session stays open after 400s: the next valid event answers 204', async () => {
    const reply = await sendEvent(base, sid, ev('play', 20, nextTs()));
    assert.equal(reply.status, 204);
  });

  test('an unknown sid answers 404 with a message (and CORS headers)', async () => {
    for (const unknown of ['f'.repeat(64), 'not-a-sid']) {
      const reply = await sendEvent(base, unknown, ev('play', 0, nextTs()));
      assert.equal(reply.status, 404, `sid ${unknown}`);
      messageOf(reply);
      assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
    }
  });
});

describe('closed sessions answer 410', () => {
  test('after sessionEnd: 204 for the sessionEnd, then 410 for every later event', async () => {
    const { sid } = await startSession(base);
    assert.equal((await sendEvent(base, sid, ev('play', 0, nextTs()))).status, 204);
    assert.equal((await sendEvent(base, sid, ev('sessionEnd', 5, nextTs()))).status, 204);
    for (const type of ['play', 'ping', 'sessionEnd']) {
      const reply = await sendEvent(base, sid, ev(type, 5, nextTs()));
      assert.equal(reply.status, 410, `${type} after sessionEnd`);
      messageOf(reply);
      assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
    }
    const s = await getSession(base, sid);
    assert.equal(s.closed, 'sessionEnd');
  });

  test('sessionComplete does not close the session', async () => {
    const { sid } = await startSession(base);
    assert.equal((await sendEvent(base, sid, ev('sessionComplete', 600, nextTs()))).status, 204);
    assert.equal((await sendEvent(base, sid, ev('ping', 600, nextTs()))).status, 204);
  });

  describe('idle timeout (idleTimeoutS: 0.6)', () => {
    let idle: Collector;
    before(async () => {
      idle = await startCollector({ idleTimeoutS: 0.6, stallTimeoutS: 1800, demoDir: DEMO });
    });
    after(async () => {
      await idle?.close();
    });

    test('events closer together than the timeout keep the session open', async () => {
      const { sid } = await startSession(idle.url);
      for (let i = 1; i <= 4; i++) {
        await sleep(120);
        const reply = await sendEvent(idle.url, sid, ev('ping', i * 10, nextTs()));
        assert.equal(reply.status, 204, `ping ${i}, ${i * 120} ms after the start`);
      }
    });

    test('an event after more than the idle timeout without activity answers 410, recorded as idle-timeout', async () => {
      const { sid } = await startSession(idle.url);
      assert.equal((await sendEvent(idle.url, sid, ev('play', 0, nextTs()))).status, 204);
      await sleep(900);
      const reply = await sendEvent(idle.url, sid, ev('ping', 10, nextTs()));
      assert.equal(reply.status, 410);
      messageOf(reply);
      const s = await getSession(idle.url, sid);
      assert.equal(s.closed, 'idle-timeout');
      assert.deepEqual(s.events.map((e) => e.status), [201, 204, 410]);
      // Closed for good: activity does not reopen it.
      assert.equal((await sendEvent(idle.url, sid, ev('play', 10, nextTs()))).status, 410);
    });
  });

  describe('stalled-playhead timeout (stallTimeoutS: 0.6)', () => {
    let stall: Collector;
    before(async () => {
      stall = await startCollector({ idleTimeoutS: 60, stallTimeoutS: 0.6, demoDir: DEMO });
    });
    after(async () => {
      await stall?.close();
    });

    test('pings whose playhead moves keep the session open past the stall window', async () => {
      const { sid } = await startSession(stall.url);
      for (let i = 1; i <= 6; i++) {
        await sleep(150);
        const reply = await sendEvent(stall.url, sid, ev('ping', i * 10, nextTs()));
        assert.equal(reply.status, 204, `moving ping ${i} (${i * 150} ms)`);
      }
    });

    test('pings with the same playhead are accepted within the window, and one after it answers 410', async () => {
      const { sid } = await startSession(stall.url);
      const moved = Date.now();
      assert.equal((await sendEvent(stall.url, sid, ev('ping', 10, nextTs()))).status, 204, 'playhead 0 -> 10 moves');
      for (let i = 1; i <= 3; i++) {
        await sleep(100);
        const reply = await sendEvent(stall.url, sid, ev('ping', 10, nextTs()));
        assert.equal(reply.status, 204, `same-playhead ping ${i} within the window`);
      }
      await sleep(Math.max(0, moved + 900 - Date.now()));
      const reply = await sendEvent(stall.url, sid, ev('ping', 10, nextTs()));
      assert.equal(reply.status, 410, 'ping after the stall window');
      messageOf(reply);
      const s = await getSession(stall.url, sid);
      assert.equal(s.closed, 'stalled-playhead');
      assert.equal(s.events.at(-1)?.status, 410);
    });
  });
});

describe('POST …/api/v1/downloaded', () => {
  const batch = (): Body[] => [
    sessionStartBody(nextTs()), ev('play', 0, nextTs()), ev('ping', 10, nextTs()), ev('pauseStart', 12, nextTs()), ev('sessionEnd', 30, nextTs()),
  ];

  test('a valid batch (an array starting with sessionStart) answers 201', async () => {
    const reply = await post(base, '/api/v1/downloaded', batch());
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
  });

  test('an invalid batch answers 400 with a message', async () => {
    const badItem = batch();
    badItem[2] = ev('ping', 10, nextTs(), { params: { x: 1 } });
    const cases: [string, unknown, RegExp][] = [
      ['first event is not sessionStart', batch().slice(1), /sessionStart/],
      ['one item fails its schema', badItem, /\/2\/params|params/],
      ['not an array', sessionStartBody(nextTs()), /./],
      ['empty array', [], /./],
    ];
    for (const [why, body, explains] of cases) {
      const reply = await post(base, '/api/v1/downloaded', body);
      assert.equal(reply.status, 400, `${why}: ${reply.status} ${reply.text}`);
      assert.match(messageOf(reply), explains, why);
    }
    const notJson = await post(base, '/api/v1/downloaded', null, { raw: '[{"eventType":' });
    assert.equal(notJson.status, 400);
    messageOf(notJson);
  });

  test('the deprecated form (a batch on /api/v1/sessions with media.downloaded) answers 201 with a Location', async () => {
    const items = batch();
    items[0] = sessionStartBody(nextTs(), { 'media.downloaded': true });
    const { location, sid } = await startSession(base, '', items as unknown as Body);
    assert.match(location, SID_LOCATION);
    assert.deepEqual((await getSession(base, sid)).events.map((e) => e.eventType), items.map((i) => i.eventType));
  });
});

describe('GET …/api/v1/schemas/<eventType>', () => {
  test('every event type answers 200 with a self-contained JSON Schema whose eventType is a const', async () => {
    const bodies = validBodies(nextTs());
    for (const type of EVENT_TYPES) {
      const reply = await call(base, `/api/v1/schemas/${type}`, { headers: { Origin: ORIGIN } });
      assert.equal(reply.status, 200, type);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
      const schema = JSON.parse(reply.text) as { properties?: Record<string, { const?: unknown }> };
      assert.equal(schema.properties?.eventType?.const, type, `${type}: properties.eventType.const`);
      assert.ok(!reply.text.includes('mci:common'), `${type}: a reference to mci:common is left`);
      for (const m of reply.text.matchAll(/"\$ref":"([^"]*)"/g)) {
        assert.ok(m[1]?.startsWith('#/'), `${type}: $ref ${m[1]} is not local`);
      }
      // Self-contained: it compiles alone and judges bodies.
      const ajv = new Ajv({ strict: false });
      const validate = ajv.compile(schema);
      assert.equal(validate(bodies[type]), true, `${type}: the valid body fails the published schema: ${JSON.stringify(validate.errors)}`);
      assert.equal(validate({ ...bodies[type], unexpected: 1 }), false, `${type}: an unknown key passes`);
      assert.equal(validate({ ...bodies[type], eventType: 'pause' }), false, `${type}: a wrong eventType passes`);
      assert.equal(reply.headers.get('access-control-allow-origin'), ORIGIN);
    }
  });

  test('the published adStart schema rejects media.ad.length as a string', async () => {
    const schema = JSON.parse((await call(base, '/api/v1/schemas/adStart')).text) as object;
    const body = structuredClone(validBodies(nextTs()).adStart) as Body;
    (body.params as Body)['media.ad.length'] = '15';
    assert.equal(new Ajv({ strict: false }).compile(schema)(body), false);
  });

  test('the schema endpoint works under a path prefix too', async () => {
    const reply = await call(base, '/collect/api/v1/schemas/ping');
    assert.equal(reply.status, 200);
    assert.equal((JSON.parse(reply.text) as { properties: { eventType: { const: string } } }).properties.eventType.const, 'ping');
  });

  test('an unknown event type answers 404 with a message', async () => {
    for (const type of ['pause', 'seekStart', 'SESSIONSTART', '__proto__', 'constructor']) {
      const reply = await call(base, `/api/v1/schemas/${type}`);
      assert.equal(reply.status, 404, type);
      messageOf(reply);
    }
  });
});

describe('/_mci/sessions (what the collector received)', () => {
  test('lists every session with its events (eventType, playhead, ts, status), rejected ones included', async () => {
    assert.equal((await call(base, '/_mci/sessions', { method: 'DELETE' })).status, 204);
    assert.deepEqual(await listSessions(base), []);

    const t = [nextTs(), nextTs(), nextTs(), nextTs(), nextTs(), nextTs()] as const;
    const a = await startSession(base, '', sessionStartBody(t[0]));
    assert.equal((await sendEvent(base, a.sid, ev('play', 0, t[1]))).status, 204);
    assert.equal((await sendEvent(base, a.sid, ev('ping', 10, t[2], { params: { x: 1 } }))).status, 400);
    assert.equal((await sendEvent(base, a.sid, null, { raw: 'not json' })).status, 400);
    assert.equal((await sendEvent(base, a.sid, ev('sessionEnd', 12, t[3]))).status, 204);
    assert.equal((await sendEvent(base, a.sid, ev('play', 12, t[4]))).status, 410);
    const b = await startSession(base, '', sessionStartBody(t[5]));

    const sessions = await listSessions(base);
    assert.deepEqual(sessions.map((s) => s.sid).sort(), [a.sid, b.sid].sort());
    const sa = sessions.find((s) => s.sid === a.sid) as AdminSession;
    assert.deepEqual(summary(sa), [
      ['sessionStart', 0, t[0], 201],
      ['play', 0, t[1], 204],
      ['ping', 10, t[2], 400],
      [null, null, null, 400],
      ['sessionEnd', 12, t[3], 204],
      ['play', 12, t[4], 410],
    ]);
    assert.equal(sa.closed, 'sessionEnd');
    const sb = sessions.find((s) => s.sid === b.sid) as AdminSession;
    assert.deepEqual(summary(sb), [['sessionStart', 0, t[5], 201]]);
    assert.equal(sb.closed, null);

    const one = await getSession(base, a.sid);
    assert.equal(one.sid, a.sid);
    assert.deepEqual(summary(one), summary(sa));
  });

  test('GET /_mci/sessions/<unknown sid> answers 404', async () => {
    const reply = await call(base, `/_mci/sessions/${'e'.repeat(64)}`);
    assert.equal(reply.status, 404);
    messageOf(reply);
  });

  test('DELETE /_mci/sessions clears everything: the list is empty and old sids answer 404', async () => {
    const { sid } = await startSession(base);
    assert.ok((await listSessions(base)).length > 0);
    const reply = await call(base, '/_mci/sessions', { method: 'DELETE' });
    assert.equal(reply.status, 204);
    assert.deepEqual(await listSessions(base), []);
    assert.equal((await call(base, `/_mci/sessions/${sid}`)).status, 404);
    assert.equal((await sendEvent(base, sid, ev('play', 0, nextTs()))).status, 404);
  });
});

describe('fault injection', () => {
  // As the CLI or a test harness does: no Origin (/_mci refuses other origins, admin-guard.ts).
  const setFault = (spec: unknown, raw?: string) => call(base, '/_mci/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: raw ?? JSON.stringify(spec) });
  after(async () => {
    await call(base, '/_mci/faults', { method: 'DELETE' });
  });

  test('{"mode":"500","count":2}: the next 2 API calls answer 500, the third is normal; admin calls are not affected', async () => {
    const { sid } = await startSession(base);
    const set = await setFault({ mode: '500', count: 2 });
    assert.equal(set.status, 200);
    assert.deepEqual(JSON.parse(set.text), { pending: 2 });
    assert.equal((await call(base, '/_mci/sessions')).status, 200, 'an admin call does not take a fault');

    const first = await post(base, '/api/v1/sessions', sessionStartBody(nextTs()));
    assert.equal(first.status, 500);
    messageOf(first);
    assert.equal(first.headers.get('location'), null);
    const second = await sendEvent(base, sid, ev('play', 0, nextTs()));
    assert.equal(second.status, 500);
    messageOf(second);
    const third = await sendEvent(base, sid, ev('play', 0, nextTs()));
    assert.equal(third.status, 204, 'the third call is normal');
    await assertStillServing(base);
  });

  test('{"mode":"hang","count":1}: the next call never answers (the client times out), the one after works', async () => {
    assert.equal((await setFault({ mode: 'hang', count: 1 })).status, 200);
    const started = Date.now();
    await assert.rejects(
      post(base, '/api/v1/sessions', sessionStartBody(nextTs()), { signal: AbortSignal.timeout(300) }),
      (err: Error) => err.name === 'TimeoutError' || err.name === 'AbortError',
    );
    assert.ok(Date.now() - started >= 250, 'it hung until the client gave up');
    await assertStillServing(base);
  });

  test('?fault=abort on a URL drops the connection (fetch rejects); the next call works', async () => {
    await assert.rejects(post(base, '/api/v1/sessions?fault=abort', sessionStartBody(nextTs())), TypeError);
    const { sid } = await startSession(base);
    await assert.rejects(post(base, `/api/v1/sessions/${sid}/events?fault=abort`, ev('play', 0, nextTs())), TypeError);
    assert.equal((await getSession(base, sid)).events.length, 1, 'the dropped event was not recorded');
    assert.equal((await sendEvent(base, sid, ev('play', 0, nextTs()))).status, 204);
  });

  test('?fault=500 on a URL answers 500 once, without using the queue', async () => {
    const reply = await post(base, '/api/v1/sessions?fault=500', sessionStartBody(nextTs()));
    assert.equal(reply.status, 500);
    await assertStillServing(base);
  });

  test('{"mode":"abort"} without count drops exactly one connection', async () => {
    const set = await setFault({ mode: 'abort' });
    assert.equal(set.status, 200);
    assert.deepEqual(JSON.parse(set.text), { pending: 1 });
    await assert.rejects(post(base, '/api/v1/sessions', sessionStartBody(nextTs())), TypeError);
    await assertStillServing(base);
  });

  test('invalid fault specs answer 400 and queue nothing', async () => {
    const cases: [string, unknown, string?][] = [
      ['unknown mode', { mode: 'boom', count: 1 }],
      ['mode as a number', { mode: 500, count: 1 }],
      ['no mode', { count: 1 }],
      ['count 0', { mode: '500', count: 0 }],
      ['negative count', { mode: '500', count: -1 }],
      ['fractional count', { mode: '500', count: 1.5 }],
      ['count not a number', { mode: '500', count: 'many' }],
      ['huge count', { mode: '500', count: 1e9 }],
      ['not JSON', null, '{mode: 500'],
      ['empty body', null, ''],
      ['null', null, 'null'],
      ['an array', [{ mode: '500' }]],
    ];
    for (const [why, spec, raw] of cases) {
      const reply = await setFault(spec, raw);
      assert.equal(reply.status, 400, `${why}: ${reply.status} ${reply.text}`);
      messageOf(reply);
    }
    // Nothing was queued: the next API calls are normal.
    await assertStillServing(base);
    await assertStillServing(base);
  });

  test('DELETE /_mci/faults drops pending faults', async () => {
    assert.equal((await setFault({ mode: '500', count: 3 })).status, 200);
    assert.equal((await call(base, '/_mci/faults', { method: 'DELETE' })).status, 204);
    await assertStillServing(base);
  });
});

describe('bad requests get the right 4xx and never crash the collector', () => {
  test('a body over 1 MiB answers 413 (sessions and events)', async () => {
    const big = JSON.stringify({ ...sessionStartBody(nextTs()), customMetadata: { pad: 'x'.repeat(1024 * 1024 + 10) } });
    const reply = await post(base, '/api/v1/sessions', null, { raw: big });
    assert.equal(reply.status, 413);
    messageOf(reply);
    const { sid } = await startSession(base);
    const onEvents = await sendEvent(base, sid, null, { raw: 'y'.repeat(2 * 1024 * 1024) });
    assert.equal(onEvents.status, 413);
    assert.equal((await sendEvent(base, sid, ev('play', 0, nextTs()))).status, 204, 'the session is still usable');
  });

  test('a body of exactly 1 MiB is not refused as too large', async () => {
    const body = sessionStartBody(nextTs());
    const text = JSON.stringify({ ...body, customMetadata: { pad: '' } });
    const padded = JSON.stringify({ ...body, customMetadata: { pad: 'x'.repeat(1024 * 1024 - Buffer.byteLength(text)) } });
    assert.equal(Buffer.byteLength(padded), 1024 * 1024);
    const reply = await post(base, '/api/v1/sessions', null, { raw: padded });
    assert.equal(reply.status, 201, `${reply.status} ${reply.text.slice(0, 200)}`);
  });

  test('GET on the sessions and events endpoints answers 405 with Allow: POST', async () => {
    for (const path of ['/api/v1/sessions', `/api/v1/sessions/${'a'.repeat(64)}/events`, '/api/v1/downloaded']) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const reply = await call(base, path, { method });
        assert.equal(reply.status, 405, `${method} ${path}`);
        assert.match(reply.headers.get('allow') ?? '', /\bPOST\b/, `${method} ${path}: Allow`);
        messageOf(reply);
      }
    }
  });

  test('POST on a schema answers 405 with Allow: GET', async () => {
    const reply = await post(base, '/api/v1/schemas/play', {});
    assert.equal(reply.status, 405);
    assert.match(reply.headers.get('allow') ?? '', /\bGET\b/);
  });

  test('GET on an unknown path answers 404', async () => {
    for (const path of ['/nope', '/nope.html', '/api/v2/sessions', '/api/v1/session', '/_mci/nope', '/_mci/sessions/a/b', '/api/v1/sessions/abc/events/extra']) {
      const reply = await call(base, path);
      assert.equal(reply.status, 404, `GET ${path}: ${reply.status}`);
      messageOf(reply);
    }
  });

  test('POST on an unknown path (a misspelt endpoint) answers 404, not 405', async () => {
    for (const path of ['/api/v1/sesions', '/api/v1/sessions/abc/event', '/nope']) {
      const reply = await post(base, path, sessionStartBody(nextTs()));
      assert.equal(reply.status, 404, `POST ${path}: ${reply.status} ${reply.text}`);
    }
  });

  for (const [method, path] of [
    ['GET', '/%E0%A4%A'],
    ['POST', '/api/v1/sessions/%E0%A4%A/events'],
    ['POST', '/api/v1/sessions/%/events'],
    ['GET', '/api/v1/schemas/%E0%A4%A'],
    ['GET', '/_mci/sessions/%E0%A4%A'],
  ] as const) {
    test(`malformed percent-encoding answers 400, not 500: ${method} ${path}`, async () => {
      const reply = await call(base, path, method === 'POST'
        ? { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ev('play', 0, nextTs())) }
        : { method });
      assert.equal(reply.status, 400, `${method} ${path}: ${reply.status} ${reply.text}`);
      messageOf(reply);
      await assertStillServing(base);
    });
  }

  test('a request with a lying Content-Length, dropped mid-body, creates nothing; the collector keeps answering', async () => {
    const before = (await listSessions(base)).length;
    const partial = JSON.stringify(sessionStartBody(nextTs())).slice(0, 40);
    await writeAndDrop(collector.port,
      `POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n${partial}`);
    assert.equal((await listSessions(base)).length, before, 'no session from a truncated body');
    await assertStillServing(base);
  });

  test('an event dropped mid-body is not recorded, and the session still accepts events', async () => {
    const { sid } = await startSession(base);
    await writeAndDrop(collector.port,
      `POST /api/v1/sessions/${sid}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{"playerTime":{"playhead":1,`);
    assert.equal((await getSession(base, sid)).events.length, 1, 'only the sessionStart');
    assert.equal((await sendEvent(base, sid, ev('play', 0, nextTs()))).status, 204);
  });

  test('a complete body behind a too-short Content-Length, garbage and half-sent headers do not crash it', async () => {
    const body = JSON.stringify(sessionStartBody(nextTs()));
    await writeAndDrop(collector.port,
      `POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n${body}`);
    await writeAndDrop(collector.port, 'THIS IS NOT HTTP\r\n\r\n');
    await writeAndDrop(collector.port, 'POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le');
    await writeAndDrop(collector.port, `POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n`);
    await assertStillServing(base);
  });
});

describe('the demo page', () => {
  test('/ serves text/html with a Content-Security-Policy header', async () => {
    const reply = await call(base, '/');
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('content-type') ?? '', /^text\/html/);
    const csp = reply.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src/, `CSP: ${csp}`);
    assert.equal(reply.text, readFileSync(join(DEMO, 'index.html'), 'utf8'));
  });

  test('/media/demo.webm serves the video as video/webm', async () => {
    const res = await fetch(`${base}/media/demo.webm`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'video/webm');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.length, statSync(join(DEMO, 'media', 'demo.webm')).size);
    assert.ok(bytes.length > 0);
  });

  test('path traversal answers 404 and never leaks a file outside dist/demo', async () => {
    const secret = readFileSync(join(ROOT, 'package.json'), 'utf8');
    assert.ok(secret.includes('"media-collection-inspector"'));
    for (const path of [
      '/../package.json', '/%2e%2e/package.json', '/../../package.json', '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json', '/media/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json', '/%2fetc%2fpasswd.json',
    ]) {
      const reply = await rawGet(collector.port, path);
      assert.equal(reply.status, 404, `${path}: ${reply.status}`);
      assert.ok(!reply.body.includes('"media-collection-inspector"'), `${path} leaked package.json`);
    }
  });

  test('without a demo folder, / answers 404', async () => {
    const bare = await startCollector({ demoDir: null });
    try {
      assert.equal((await call(bare.url, '/')).status, 404);
    } finally {
      await bare.close();
    }
  });
});

describe('mci serve', () => {
  let child: ChildProcess | null = null;
  after(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  test('prints "listening on http://127.0.0.1:PORT" first, serves there, honours --idle-timeout, and exits 0 on SIGTERM', async () => {
    assert.ok(existsSync(CLI), 'dist/cli/mci.mjs is not built');
    const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--idle-timeout', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      proc.once('exit', (code, signal) => resolve({ code, signal }));
    });
    let stdout = '';
    let stderr = '';
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no stdout line within 10 s (stderr: ${stderr})`)), 10_000);
      proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const nl = stdout.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, nl));
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`mci serve exited (${code}) before printing: ${stderr}`));
      });
    });
    const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine);
    assert.ok(m, `first stdout line: ${JSON.stringify(firstLine)}`);
    const url = m[1] as string;
    assert.ok(Number(m[2]) > 0 && Number(m[2]) < 65536, 'a real port');

    const { sid, location } = await startSession(url);
    assert.match(location, SID_LOCATION);
    assert.equal((await sendEvent(url, sid, ev('play', 0, nextTs()))).status, 204);
    const page = await call(url, '/');
    assert.equal(page.status, 200, 'the demo page is served');
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    await sleep(1300);
    assert.equal((await sendEvent(url, sid, ev('ping', 10, nextTs()))).status, 410, '--idle-timeout 1 closed the session');

    proc.kill('SIGTERM');
    const result = await Promise.race([exited, sleep(5000).then(() => null)]);
    assert.ok(result, 'mci serve did not exit within 5 s of SIGTERM');
    assert.deepEqual(result, { code: 0, signal: null }, `exit after SIGTERM (stderr: ${stderr})`);
    assert.equal(stderr, '');
  });

  for (const args of [['--port', 'x'], ['--idle-timeout', '-1'], ['--idle-timeout=-1'], ['--port', '70000'], ['--stall-timeout', '0'], ['--idle-timeout', 'soon']]) {
    test(`bad option ${args.join(' ')} exits 2 with one line on stderr`, () => {
      const run = spawnSync(process.execPath, [CLI, 'serve', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
      assert.equal(run.status, 2, `status ${run.status} signal ${run.signal}; stderr: ${run.stderr}`);
      assert.equal(run.stdout, '', 'nothing on stdout');
      assert.match(run.stderr, /^[^\n]+\n$/, `exactly one line on stderr: ${JSON.stringify(run.stderr)}`);
      assert.match(run.stderr, /^mci: /);
    });
  }
});
