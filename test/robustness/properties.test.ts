/**
 * Property-based robustness of the engine (fast-check): arbitrary exchanges (any method; URLs that
 * are sometimes Media Collection paths with arbitrary sids; any status, 0 included; bodies that are
 * valid events, mutated events, arbitrary JSON, arbitrary text with lone surrogates, or missing;
 * arbitrary headers) never make the Analyser throw; every exchange is accounted for exactly once
 * with its raw body intact; the result does not depend on arrival order or on reading it midway;
 * and a JSON report of the exchanges reads back losslessly (NaN startedAt included) to the same
 * findings. HAR entries of any shape are read without throwing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, Analyser, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange, Header } from '../../src/core/exchange.ts';
import { entryToExchange, HarError } from '../../src/core/har/read-har.ts';
import { readRecording } from '../../src/core/report/read-recording.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { HOST, SID, SID2, T0, validBodies } from '../helpers/har-builder.ts';

const NOW = new Date('2026-11-03T12:00:00.000Z');
const RUNS = 200;

// ------------------------------------------------------------------ arbitraries

type Kind = 'sessions' | 'events' | 'downloaded' | 'schema' | 'other';

/** An exchange before it gets its index, with what the generator meant it to be. */
interface Generated {
  exchange: Omit<Exchange, 'index'>;
  kind: Kind;
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);

/** Sids that stay one path segment (no "/", "?" or "#"), from a small pool so sessions get several calls. */
const sidArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(SID, SID2, '__proto__', 'constructor') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((s) => !/[/?#%]/.test(s)) },
  { weight: 1, arbitrary: fc.constantFrom('%5F%5Fproto%5F%5F', '%E0%A4%A', '%ZZ', 'a%2Fb') },
);

const hostArb = fc.constantFrom(HOST, 'https://media.example.com/collect', 'http://127.0.0.1:8080', '');
const tailArb = fc.constantFrom('', '', '', '/', '?a=1', '#frag', '?x=/api/v1/sessions');

const urlArb: fc.Arbitrary<{ url: string; kind: Kind; sid: string | null }> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(hostArb, tailArb).map(([h, t]) => ({ url: `${h}/api/v1/sessions${t}`, kind: 'sessions' as Kind, sid: null })) },
  { weight: 8, arbitrary: fc.tuple(hostArb, sidArb, tailArb).map(([h, sid, t]) => ({ url: `${h}/api/v1/sessions/${sid}/events${t}`, kind: 'events' as Kind, sid })) },
  { weight: 1, arbitrary: fc.tuple(hostArb, tailArb).map(([h, t]) => ({ url: `${h}/api/v1/downloaded${t}`, kind: 'downloaded' as Kind, sid: null })) },
  { weight: 1, arbitrary: fc.tuple(hostArb, fc.constantFrom('play', '__proto__', 'x')).map(([h, t]) => ({ url: `${h}/api/v1/schemas/${t}`, kind: 'schema' as Kind, sid: null })) },
  { weight: 2, arbitrary: fc.oneof(fc.webUrl(), anyText).map((url) => ({ url, kind: 'other' as Kind, sid: null })) },
);

const methodArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant('POST') },
  { weight: 2, arbitrary: fc.constantFrom('GET', 'OPTIONS', 'HEAD', 'PUT', 'post', '') },
  { weight: 1, arbitrary: anyText },
);

const statusArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 200, 201, 204, 204, 400, 404, 410, 500, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }) },
);

const EVENT_TYPES = Object.keys(validBodies());

/** A valid body of a random type with random times. */
const validBodyArb = fc.tuple(fc.constantFrom(...EVENT_TYPES), fc.integer({ min: 0, max: 600 }), fc.oneof(fc.integer({ min: -5000, max: 3_600_000 }), fc.integer({ min: 0, max: 3 })))
  .map(([type, playhead, dt]) => {
    const body = structuredClone(validBodies()[type]) as Record<string, unknown>;
    body.playerTime = { playhead, ts: T0 + dt };
    return body;
  });

interface Mutation {
  op: 'remove' | 'add' | 'retype';
  node: number;
  key: number;
  name: string;
  value: unknown;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('remove', 'add', 'retype'),
  node: fc.nat(),
  key: fc.nat(),
  name: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'params', 'eventType', 'media.id', 'playerTime', 'ts'), anyText),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, -1, 1e308, -0, '', 'sessionStart', true)),
}) as fc.Arbitrary<Mutation>;

/** Every object of a JSON value (the value itself first). */
function objectsOf(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (v && typeof v === 'object') {
    if (!Array.isArray(v)) out.push(v as Record<string, unknown>);
    for (const child of Object.values(v)) objectsOf(child, out);
  }
  return out;
}

/** Removes, adds or retypes keys anywhere in a body (own data properties, "__proto__" included). */
function mutate(body: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  for (const m of mutations) {
    const nodes = objectsOf(body);
    const node = nodes[m.node % nodes.length] as Record<string, unknown>;
    const keys = Object.keys(node);
    const key = keys.length ? (keys[m.key % keys.length] as string) : m.name;
    if (m.op === 'remove') delete node[key];
    else Object.defineProperty(node, m.op === 'add' ? m.name : key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
  }
  return body;
}

const bodyArb: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 5, arbitrary: validBodyArb.map((b) => JSON.stringify(b)) },
  { weight: 4, arbitrary: fc.tuple(validBodyArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([b, m]) => JSON.stringify(mutate(b, m))) },
  { weight: 1, arbitrary: fc.array(validBodyArb, { maxLength: 4 }).map((list) => JSON.stringify(list)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constant(null) },
);

const headerArb = (sid: string | null): fc.Arbitrary<Header> => fc.oneof(
  fc.tuple(fc.constantFrom('Location', 'location', 'LOCATION'), fc.constantFrom(`/api/v1/sessions/${sid ?? SID}`, `https://x.example/api/v2/sessions/${SID2}/`, '/api/v1/sessions/', '', 'javascript:x')),
  fc.tuple(fc.constantFrom('Access-Control-Expose-Headers', 'Origin', 'Content-Type'), fc.constantFrom('Location', '*', 'https://player.example.com', 'null', '')),
  fc.tuple(anyText, anyText),
).map(([name, value]) => ({ name, value }));

/** A sessions call that opens a session: mostly a sessionStart answered 201 with the sid in Location. */
const openingArb = fc.tuple(sidArb, validBodyArb, fc.integer({ min: -5000, max: 600_000 })).map(([sid, body, dt]) => {
  const start = structuredClone(validBodies().sessionStart) as Record<string, unknown>;
  start.playerTime = body.playerTime;
  return {
    requestBody: JSON.stringify(start),
    status: 201,
    responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${sid}` }, { name: 'Access-Control-Expose-Headers', value: 'Location' }],
    startedAt: T0 + dt,
  };
});

const SEND_TIME = fc.oneof(fc.integer({ min: T0 - 60_000, max: T0 + 3_600_000 }), fc.integer({ min: T0, max: T0 + 5 }));

const generatedArb: fc.Arbitrary<Generated> = urlArb.chain(({ url, kind, sid }) => fc.record({
  method: methodArb,
  requestHeaders: fc.array(headerArb(sid), { maxLength: 3 }),
  requestBody: bodyArb,
  status: statusArb,
  statusText: fc.oneof(fc.constant(''), anyText),
  responseHeaders: fc.array(headerArb(sid), { maxLength: 3 }),
  responseBody: fc.oneof(fc.constant(null), fc.constant('{"message":"bad"}'), anyText),
  // NaN: the recording did not say when; a narrow range makes equal send times common.
  startedAt: fc.oneof(fc.constant(Number.NaN), SEND_TIME),
  durationMs: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e6, noNaN: true }).map((d) => (d === 0 ? 0 : d))),
  resourceType: fc.oneof(fc.constant(null), fc.constantFrom('fetch', 'xhr', 'ping'), anyText),
  failure: fc.oneof(fc.constant(null), fc.constantFrom('net::ERR_BLOCKED_BY_CLIENT', 'net::ERR_ABORTED'), anyText),
  opening: kind === 'sessions' ? fc.option(openingArb, { freq: 3 }) : fc.constant(null),
}).map(({ opening, ...rest }) => ({ exchange: { url, ...rest, ...(opening ?? {}) }, kind })));

interface Recorded {
  exchanges: Exchange[];
  kinds: Kind[];
}

/** A recording: exchanges numbered 0…n-1, with what each was meant to be. */
const recordingArb: fc.Arbitrary<Recorded> = fc.array(generatedArb, { maxLength: 24 }).map((list) => ({
  exchanges: list.map((g, index): Exchange => ({ index, ...g.exchange })),
  kinds: list.map((g) => g.kind),
}));

/** The same, every send time known (as DevTools always knows it). */
const timedRecordingArb: fc.Arbitrary<Recorded> = fc.tuple(recordingArb, fc.array(SEND_TIME, { minLength: 24, maxLength: 24 })).map(([rec, times]) => ({
  kinds: rec.kinds,
  exchanges: rec.exchanges.map((e, i) => (Number.isFinite(e.startedAt) ? e : { ...e, startedAt: times[i] as number })),
}));

/** A recording with its exchanges in another arrival order, and after which arrivals the result is read midway. */
const shuffledArb = (arb: fc.Arbitrary<Recorded>) => arb.chain((rec) => fc.tuple(
  fc.constant(rec),
  fc.shuffledSubarray(rec.exchanges, { minLength: rec.exchanges.length, maxLength: rec.exchanges.length }),
  fc.array(fc.nat({ max: 30 }), { maxLength: 4 }),
));

// ------------------------------------------------------------------ helpers

function accountsForEverything(exchanges: readonly Exchange[], kinds: readonly Kind[], r: AnalysisResult): void {
  assert.equal(r.calls.length + r.ignored, exchanges.length, 'calls + ignored = exchanges');
  const indexes = r.calls.map((c) => c.exchange.index);
  assert.equal(new Set(indexes).size, indexes.length, 'an exchange is in calls twice');
  assert.deepEqual([...indexes].sort((a, b) => a - b), indexes, 'calls are in recording order');
  for (const call of r.calls) {
    const original = exchanges[call.exchange.index];
    assert.equal(call.exchange, original, `call ${call.exchange.index} is not the exchange given`);
    assert.equal(call.exchange.requestBody, original?.requestBody, 'raw body changed');
  }
  const inCalls = new Set(indexes);
  exchanges.forEach((e, i) => {
    // A Media Collection path is a call whatever its body or reply, unless it is a CORS preflight or HEAD.
    if (kinds[i] !== 'other' && e.method !== 'OPTIONS' && e.method !== 'HEAD') {
      assert.ok(inCalls.has(e.index), `exchange ${i} (${kinds[i]} ${JSON.stringify(e.url)}) is missing from calls`);
    }
  });
  for (const f of r.findings) {
    assert.ok(inCalls.has(f.exchange), `${f.code} points at exchange ${f.exchange}, which is no call`);
    assert.ok(f.time === null || Number.isFinite(f.time), `${f.code} (exchange ${f.exchange}) has time ${String(f.time)}: a finding's time is a number or null`);
  }
}

function sameResult(actual: AnalysisResult, expected: AnalysisResult, what: string): void {
  assert.deepEqual(actual.calls.map((c) => c.exchange.index), expected.calls.map((c) => c.exchange.index), `${what}: calls`);
  assert.deepEqual(actual.calls, expected.calls, `${what}: calls (by index)`);
  assert.equal(actual.ignored, expected.ignored, `${what}: ignored`);
  assert.deepEqual(actual.findings, expected.findings, `${what}: findings`);
  assert.deepEqual(actual.sessions, expected.sessions, `${what}: sessions`);
}

/** Runs a property (seed printed on failure; MCI_PROPERTY_SEED replays one); `examples` run first. */
function check<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, numRuns = RUNS, examples: T[] = []): void {
  fc.assert(fc.property(arb, predicate), {
    numRuns,
    seed: Number(process.env.MCI_PROPERTY_SEED ?? Date.now() % 2 ** 31),
    examples: examples.map((e) => [e] as [T]),
  });
}

/** Arrival order must not matter: the result equals that of the exchanges added in recording order. */
function orderIndependent([{ exchanges }, shuffled, peeks]: [Recorded, Exchange[], number[]]): void {
  const inOrder = analyse(exchanges);
  const analyser = new Analyser();
  shuffled.forEach((e, i) => {
    analyser.add(e);
    if (peeks.includes(i)) analyser.result();
  });
  sameResult(analyser.result(), inOrder, 'shuffled');
}

/** A player that sent its sessionStart twice and got the same sid back twice (or a recording that holds it twice). */
function sessionStartedTwice(): [Recorded, Exchange[], number[]] {
  const opening = (index: number, startedAt: number): Exchange => ({
    index, method: 'POST', url: `${HOST}/api/v1/sessions`, requestHeaders: [],
    requestBody: JSON.stringify(validBodies().sessionStart), status: 201, statusText: '',
    responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${SID}` }], responseBody: null,
    startedAt, durationMs: 30, resourceType: 'fetch', failure: null,
  });
  const exchanges = [opening(0, T0 + 20), opening(1, T0 + 25)];
  return [{ exchanges, kinds: ['sessions', 'sessions'] }, [exchanges[1] as Exchange, exchanges[0] as Exchange], []];
}

// ------------------------------------------------------------------ properties

describe('the Analyser on arbitrary exchanges', () => {
  test('never throws, and accounts for every exchange exactly once with its raw body intact', () => {
    check(recordingArb, ({ exchanges, kinds }) => {
      const analyser = new Analyser();
      for (const e of exchanges) analyser.add(e);
      accountsForEverything(exchanges, kinds, analyser.result());
    }, 200);
  });

  test('adding an exchange again (same index) changes nothing', () => {
    check(recordingArb, ({ exchanges }) => {
      const once = analyse(exchanges);
      const twice = new Analyser().addAll(exchanges).addAll([...exchanges].reverse()).result();
      sameResult(twice, once, 'added twice');
    });
  });

  test('the result does not depend on arrival order, nor on reading it midway', () => {
    check(shuffledArb(recordingArb), orderIndependent);
  });

  test('the result does not depend on arrival order when every send time is known', () => {
    check(shuffledArb(timedRecordingArb), orderIndependent, RUNS, [sessionStartedTwice()]);
  });

  test('a JSON report reads back to deep-equal exchanges (NaN startedAt included) and the same findings', () => {
    check(recordingArb, ({ exchanges }) => {
      const analysis = analyse(exchanges);
      const json = renderReport('json', exchanges, {}, 'arbitrary.har', NOW);
      const back = readRecording(json, 'arbitrary.mci.json');
      assert.equal(back.kind, 'report');
      assert.deepEqual(back.exchanges, exchanges, 'exchanges after the round trip');
      const again = analyse(back.exchanges, back.settings ?? {});
      sameResult(again, analysis, 'after the round trip');
      const doc = JSON.parse(json) as { findings: unknown };
      assert.deepEqual(doc.findings, JSON.parse(JSON.stringify(analysis.findings)), 'the report stores the findings');
    });
  });
});

describe('the HAR reader on entries of any shape', () => {
  const field = fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyText);
  const entryArb = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({
      startedDateTime: fc.oneof(field, fc.constant(new Date(T0).toISOString())),
      time: field,
      _resourceType: field,
      _startedAtUnknown: field,
      request: fc.oneof(field, fc.record({
        method: fc.oneof(field, methodArb),
        url: fc.oneof(field, urlArb.map((u) => u.url)),
        headers: fc.oneof(field, fc.array(fc.oneof(field, fc.record({ name: field, value: field }, { requiredKeys: [] })))),
        postData: fc.oneof(field, fc.record({ text: fc.oneof(field, bodyArb), encoding: fc.oneof(field, fc.constant('base64')), params: field }, { requiredKeys: [] })),
      }, { requiredKeys: [] })),
      response: fc.oneof(field, fc.record({
        status: fc.oneof(field, statusArb),
        statusText: field,
        headers: fc.oneof(field, fc.array(fc.record({ name: field, value: field }, { requiredKeys: [] }))),
        content: fc.oneof(field, fc.record({ text: field, encoding: fc.oneof(field, fc.constant('base64')) }, { requiredKeys: [] })),
        _error: field,
      }, { requiredKeys: [] })),
    }, { requiredKeys: [] }),
  );

  test('entryToExchange never throws and always gives a well-typed exchange', () => {
    check(fc.oneof(entryArb, fc.anything()), (entry) => {
      const e = entryToExchange(entry, 3);
      assert.equal(e.index, 3);
      assert.equal(typeof e.method, 'string');
      assert.equal(typeof e.url, 'string');
      assert.ok(e.requestBody === null || typeof e.requestBody === 'string');
      assert.ok(Number.isFinite(e.status), `status ${e.status}`);
      assert.ok(Array.isArray(e.requestHeaders) && e.requestHeaders.every((h) => typeof h.name === 'string' && typeof h.value === 'string'));
      assert.ok(Array.isArray(e.responseHeaders) && e.responseHeaders.every((h) => typeof h.name === 'string' && typeof h.value === 'string'));
      assert.equal(typeof e.startedAt, 'number');
      assert.ok(e.durationMs === null || (Number.isFinite(e.durationMs) && e.durationMs >= 0));
    }, 200);
  });

  test('a HAR of such entries is read (one exchange per entry) and analysed without throwing', () => {
    check(fc.array(entryArb, { maxLength: 12 }), (entries) => {
      const text = JSON.stringify({ log: { version: '1.2', entries } });
      const rec = readRecording(text, 'arbitrary.har');
      assert.equal(rec.kind, 'har');
      assert.equal(rec.exchanges.length, entries.length);
      const r = analyse(rec.exchanges);
      assert.equal(r.calls.length + r.ignored, entries.length);
      for (const f of r.findings) assert.ok(f.time === null || Number.isFinite(f.time), `${f.code} has time ${String(f.time)}`);
    });
  });

  test('any text is read as a recording or refused with a HarError naming the file', () => {
    const textArb = fc.oneof(
      anyText,
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.tuple(fc.array(entryArb, { maxLength: 4 }), fc.nat()).map(([entries, cut]) => {
        const t = JSON.stringify({ log: { entries } });
        return t.slice(0, cut % (t.length + 1));
      }),
    );
    check(textArb, (text) => {
      try {
        readRecording(text, 'any.har');
      } catch (e) {
        assert.ok(e instanceof HarError || (e as Error).name === 'ReportError', `not a HarError: ${String(e)}`);
        assert.ok((e as Error).message.startsWith('any.har: '), (e as Error).message);
      }
    }, 200);
  });
});
