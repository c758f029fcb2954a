/**
 * The hostile corpus: recordings built to break a HAR reader and an analyser. Each case says what
 * it exercises, how to build its input (generated on demand: the big ones are never committed),
 * and what must happen to it. Read by test/hostile/engine.test.ts (every case through the engine)
 * and test/hostile/cli.test.ts (the cases marked `cli`, through the built CLI).
 *
 * What must happen is one of:
 *  - `analysed`: the recording is read and analysed; every Media Collection exchange listed in
 *    `calls` is in the analysis exactly once, with its raw request body exactly as given, and the
 *    findings listed in `findings` are among the analysis's codes;
 *  - `refused`: reading throws a HarError or ReportError whose one-line message names the file and
 *    matches `message`;
 *  - `either`: one of the two (a file the tool may reasonably read or refuse), never a crash.
 * Whatever the outcome: no TypeError or RangeError, no change to Object.prototype, and done within
 * `seconds` (a generous safety net, not a benchmark).
 */
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { FindingCode } from '../../src/core/findings/catalogue.ts';
import { ev, eventEntry, har, HOST, SID, SID2, sessionStartBody, sessionsEntry, T0, validBodies, entry } from '../helpers/har-builder.ts';
import { cleanVod } from '../helpers/scenarios.ts';

export const MB = 1024 * 1024;
/** Nesting depth of the deep-JSON cases. */
export const DEPTH = 100_000;

export interface ExpectedCall {
  /** Exchange index (position in the recording). */
  index: number;
  /** The raw request body the exchange must keep, character for character (null: none captured). */
  requestBody: string | null;
}

export interface CaseInput {
  /** The recording as text (handed to readRecording as is: may hold lone surrogates). */
  text?: string;
  /** Or as bytes: written to disk and read back as UTF-8, as the CLI does. */
  bytes?: Uint8Array;
  /** Number of entries (exchanges) of a readable recording. */
  entries?: number;
  /** Every Media Collection exchange of the recording, with its raw body. */
  calls?: ExpectedCall[];
}

export type Outcome =
  | { kind: 'analysed'; findings?: FindingCode[] }
  | { kind: 'refused'; error: 'HarError' | 'ReportError'; message: RegExp }
  | { kind: 'either' };

export interface CaseContext {
  exchanges: readonly Exchange[];
  analysis: AnalysisResult;
}

export interface HostileCase {
  name: string;
  /** What the case exercises, and why it is hostile. */
  about: string;
  /** The name the file is read under (and written to disk under, by the CLI test). */
  fileName: string;
  build(): CaseInput;
  outcome: Outcome;
  /** Upper bound for reading, analysing and rendering the case in the engine. */
  seconds: number;
  /** Part of the CLI selection (test/hostile/cli.test.ts). */
  cli?: boolean;
  /** Its data holds markup: the HTML report must hold none of it as markup. */
  markup?: boolean;
  /** Its data holds terminal control sequences: the CLI text output must hold none. */
  controls?: boolean;
  /** More checks on a readable case (throws an AssertionError when one fails). */
  verify?(r: CaseContext): void;
}

type Entry = Record<string, unknown>;

// ------------------------------------------------------------------ helpers

const EVENTS_URL = `${HOST}/api/v1/sessions/${SID}/events`;
const SESSIONS_URL = `${HOST}/api/v1/sessions`;
const SID3 = 'c'.repeat(56) + '00000003';

/** HAR text of builder entries (compact: the big cases stay as small as they can). */
export function harText(entries: readonly unknown[]): string {
  return JSON.stringify(har([...entries]));
}

function postText(e: unknown): string | null {
  const postData = (e as { request?: { postData?: { text?: unknown } } }).request?.postData;
  return typeof postData?.text === 'string' ? postData.text : null;
}

/** The expected calls: the entries at `indexes` are Media Collection calls with these bodies. */
function callsAt(entries: readonly unknown[], indexes: readonly number[]): ExpectedCall[] {
  return indexes.map((index) => ({ index, requestBody: postText(entries[index]) }));
}

function allCalls(entries: readonly unknown[]): ExpectedCall[] {
  return callsAt(entries, entries.map((_, i) => i));
}

function harInput(entries: readonly unknown[], mcIndexes?: readonly number[]): CaseInput {
  return { text: harText(entries), entries: entries.length, calls: mcIndexes ? callsAt(entries, mcIndexes) : allCalls(entries) };
}

/** `[[[…]]]`, `depth` levels. */
export function deepArray(depth = DEPTH): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** `{"a":{"a":…1…}}`, `depth` levels. */
export function deepObject(depth = DEPTH): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** An event body as raw text, `rest` being the members after playerTime. */
function rawEvent(rest: string, playerTime = `{"playhead":0,"ts":${T0}}`): string {
  return `{"playerTime":${playerTime},${rest}}`;
}

/** sessionStart params as JSON text without the closing brace, to append raw members to. */
function sessionStartWith(rawParams: string, extra = ''): string {
  const body = JSON.stringify(sessionStartBody());
  return body.replace('"params":{', `"params":{${rawParams},`).replace(/}$/, `${extra}}`);
}

/** Parses JSON text: own "__proto__" keys stay own keys (an object literal would set the prototype). */
const own = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function base64(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? utf8(bytes) : bytes).toString('base64');
}

function fail(message: string): never {
  throw new Error(message);
}

function check(ok: unknown, message: string): void {
  if (!ok) fail(message);
}

function callAt(r: CaseContext, index: number) {
  return r.analysis.calls.find((c) => c.exchange.index === index) ?? fail(`no call for exchange ${index}`);
}

/** Every finding of the case says something short: no finding copies a huge value whole. */
function findingsStayShort(r: CaseContext, max = 2000): void {
  for (const f of r.analysis.findings) {
    for (const k of ['message', 'fix', 'pointer', 'expected', 'actual'] as const) {
      const v = f[k];
      check(v === undefined || v.length <= max, `${f.code} ${k} is ${v?.length} characters long (at most ${max} expected)`);
    }
  }
}

// ------------------------------------------------------------------ big bodies

const bigCases: HostileCase[] = [
  {
    name: 'body-20mb-json-string-param',
    about: 'a sessionStart whose media.name is a 20 MB string: valid JSON, kept whole',
    fileName: 'big-json-body.har',
    seconds: 60,
    cli: true,
    build() {
      const entries = [
        sessionsEntry(sessionStartBody(T0, { 'media.name': 'n'.repeat(20 * MB) }), SID),
        eventEntry(SID, ev('sessionEnd', 0, T0 + 1000), { at: 1000 }),
      ];
      return harInput(entries);
    },
    outcome: { kind: 'analysed' },
    verify(r) {
      const name = callAt(r, 0).events[0]?.params?.['media.name'];
      check(typeof name === 'string' && name.length === 20 * MB && /^n+$/.test(name), 'media.name of the sessionStart is not the 20 MB string');
      check(r.analysis.sessions[0]?.media.name?.length === 20 * MB, 'the session report does not hold the 20 MB media.name');
      check(!r.analysis.findings.some((f) => f.code === 'schema.violation'), 'a valid sessionStart got a schema violation');
      findingsStayShort(r);
    },
  },
  {
    name: 'body-20mb-not-json',
    about: 'a 20 MB events body that is not JSON (and a 20 MB error reply): body.not-json, the body kept whole',
    fileName: 'big-text-body.har',
    seconds: 60,
    cli: true,
    build() {
      const body = `{"playerTime":${'x'.repeat(20 * MB)}`;
      const entries = [eventEntry(SID, null, { rawBody: body, status: 400, responseBody: `<html>${'e'.repeat(20 * MB)}</html>` })];
      return harInput(entries);
    },
    outcome: { kind: 'analysed', findings: ['body.not-json', 'http.bad-request'] },
    verify(r) {
      check(r.exchanges[0]?.responseBody?.length === 20 * MB + 13, 'the 20 MB reply was not kept whole');
      findingsStayShort(r);
    },
  },
];

// ------------------------------------------------------------------ deep nesting

const deepCases: HostileCase[] = [
  {
    name: 'deep-body-array',
    about: `an events body nested ${DEPTH} levels deep ([[[…]]])`,
    fileName: 'deep-array.har',
    seconds: 30,
    cli: true,
    build: () => harInput([eventEntry(SID, null, { rawBody: deepArray() })]),
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type'] },
    verify: (r) => findingsStayShort(r),
  },
  {
    name: 'deep-body-object-on-every-endpoint',
    about: `bodies nested ${DEPTH} levels deep ({"a":{"a":…}}) on the sessions, events and downloaded endpoints`,
    fileName: 'deep-object.har',
    seconds: 30,
    build: () => harInput([
      sessionsEntry(null, SID, { rawBody: deepObject() }),
      eventEntry(SID, null, { rawBody: deepObject() }),
      entry(`${HOST}/api/v1/downloaded`, null, { status: 201, rawBody: deepObject() }),
      entry(`${HOST}/api/v1/downloaded`, null, { status: 201, rawBody: deepArray() }),
    ]),
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'schema.violation'] },
    verify: (r) => findingsStayShort(r),
  },
  {
    name: 'deep-custom-metadata-and-params-values',
    about: `customMetadata and params values nested ${DEPTH} levels deep, on sessionStart, play, adStart and chapterStart`,
    fileName: 'deep-values.har',
    seconds: 30,
    build: () => harInput([
      sessionsEntry(null, SID, { rawBody: sessionStartWith(`"media.show":${deepObject()}`, `,"customMetadata":{"deep":${deepArray()},"deeper":${deepObject()}}`).replace('"customMetadata":{"show":"Open Movies"},', '') }),
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":"play","params":{"x":${deepArray()}},"qoeData":{"media.qoe.bitrate":${deepObject()}}`) }),
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":"adStart","params":{"media.ad.id":${deepArray()},"media.ad.length":${deepObject()},"media.ad.podPosition":0,"media.ad.playerName":"p"},"customMetadata":{"k":${deepObject()}}`) }),
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":"chapterStart","params":{"media.chapter.index":${deepArray()},"media.chapter.offset":0,"media.chapter.length":1}`) }),
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":"stateStart","params":{"media.state.name":${deepObject()}}`) }),
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":"play"`, `{"playhead":${deepArray()},"ts":${deepObject()}}`) }),
    ]),
    outcome: { kind: 'analysed', findings: ['schema.violation'] },
    verify(r) {
      for (const c of r.analysis.calls) check(c.findings.some((f) => f.code === 'schema.violation'), `exchange ${c.exchange.index}: its deep value is not reported as a schema violation`);
      findingsStayShort(r);
    },
  },
  {
    name: 'deep-event-type-value',
    about: `an eventType that is an array or object nested ${DEPTH} levels deep, alone and inside a downloaded batch`,
    fileName: 'deep-event-type.har',
    seconds: 30,
    cli: true,
    build: () => harInput([
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":${deepArray()}`) }),
      eventEntry(SID, null, { rawBody: rawEvent(`"eventType":${deepObject()}`) }),
      entry(`${HOST}/api/v1/downloaded`, null, { status: 201, rawBody: `[${rawEvent(`"eventType":${deepArray()}`)}]` }),
    ]),
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type'] },
    verify(r) {
      for (const c of r.analysis.calls) check(c.findings.some((f) => f.code === 'schema.unknown-event-type'), `exchange ${c.exchange.index}: its eventType is not reported`);
      findingsStayShort(r);
    },
  },
  {
    name: 'deep-downloaded-flag-in-batch',
    about: `a deprecated downloaded batch on the sessions endpoint whose params["media.downloaded"] is nested ${DEPTH} levels deep`,
    fileName: 'deep-downloaded-flag.har',
    seconds: 30,
    cli: true,
    build: () => harInput([
      sessionsEntry(null, SID, { rawBody: `[${sessionStartWith(`"media.downloaded":${deepArray()}`)},${JSON.stringify(ev('sessionEnd', 0, T0 + 1))}]` }),
    ]),
    outcome: { kind: 'analysed', findings: ['schema.violation'] },
    verify: (r) => findingsStayShort(r),
  },
  {
    name: 'deep-har-structure',
    about: `a HAR whose unknown fields, one entry and one header are nested ${DEPTH} levels deep`,
    fileName: 'deep-har.har',
    seconds: 30,
    build() {
      const play = JSON.stringify(ev('play', 0, T0));
      const text = `{"log":{"version":"1.2","_deep":${deepObject()},"creator":${deepArray()},"entries":[${deepArray()},` +
        `{"_initiator":${deepObject()},"startedDateTime":"2026-11-02T10:00:00.000Z","request":{"method":"POST","url":${JSON.stringify(EVENTS_URL)},` +
        `"headers":[{"name":"x-deep","value":${deepArray()}},${deepObject()}],"postData":{"mimeType":"application/json","text":${JSON.stringify(play)}}},` +
        `"response":{"status":204,"headers":${deepArray()},"content":${deepObject()}}}]}}`;
      return { text, entries: 2, calls: [{ index: 1, requestBody: play }] };
    },
    outcome: { kind: 'analysed' },
  },
];

// ------------------------------------------------------------------ prototype keys

/** __proto__, constructor and prototype in every place a HAR and a body can hold a key or a string. */
function protoHar(): CaseInput {
  const pollute = '{"polluted":"yes","toString":"x","isAdmin":true}';
  const protoBody = `{"__proto__":${pollute},"constructor":{"prototype":${pollute}},"prototype":${pollute},` +
    `"playerTime":{"playhead":0,"ts":${T0},"__proto__":${pollute}},"eventType":"__proto__",` +
    `"params":{"__proto__":${pollute},"constructor":"c","prototype":"p","media.id":"__proto__"},` +
    `"customMetadata":{"__proto__":"x","constructor":"y","prototype":"z"},"qoeData":{"__proto__":{"media.qoe.bitrate":1}}}`;
  const bodies = [
    protoBody,
    protoBody.replace('"eventType":"__proto__"', '"eventType":"constructor"'),
    protoBody.replace('"eventType":"__proto__"', '"eventType":"prototype"'),
    sessionStartWith('"__proto__":{"media.id":"from-proto"},"constructor":"c"', ',"customMetadata":{"__proto__":"x","constructor":"y","prototype":"z"}')
      .replace('"customMetadata":{"show":"Open Movies"},', '')
      .replace('"media.playerName":"demo-player"', '"media.playerName":"__proto__"'),
    JSON.stringify(ev('stateStart', 1, T0 + 1000, { params: { 'media.state.name': '__proto__' } })),
    JSON.stringify(ev('stateStart', 1, T0 + 2000, { params: { 'media.state.name': 'constructor' } })),
    JSON.stringify(ev('stateStart', 1, T0 + 3000, { params: { 'media.state.name': 'hasOwnProperty' } })),
    JSON.stringify(ev('stateEnd', 1, T0 + 9000, { params: { 'media.state.name': '__proto__' } })),
    JSON.stringify(ev('statesUpdate', 1, T0 + 10000, { params: { statesEnd: [{ 'media.state.name': 'constructor' }, { 'media.state.name': 'valueOf' }] } })),
  ];
  const url = (sid: string) => `${HOST}/api/v1/sessions/${sid}/events`;
  const urls = [url('__proto__'), url('constructor'), url('prototype'), SESSIONS_URL, url('__proto__'), url('__proto__'), url('__proto__'), url('__proto__'), url('%5F%5Fproto%5F%5F')];
  const entries = bodies.map((body, i) => {
    const e = own(`{"__proto__":${pollute},"constructor":${pollute},"prototype":${pollute}}`);
    e.startedDateTime = new Date(T0 + i * 1000 + 20).toISOString();
    e.request = {
      ...own(`{"__proto__":${pollute},"constructor":"c"}`),
      method: 'POST',
      url: urls[i],
      headers: [
        own(`{"name":"__proto__","value":"constructor","__proto__":${pollute}}`),
        own(`{"name":"constructor","value":"prototype"}`),
        own(`{"name":"Origin","value":"https://player.example.com","constructor":{"prototype":${pollute}}}`),
        own(`{"__proto__":{"name":"from-proto","value":"v"}}`),
      ],
      postData: { ...own(`{"__proto__":{"text":"from-proto"},"constructor":"c"}`), mimeType: 'application/json', text: body },
    };
    e.response = {
      ...own(`{"__proto__":${pollute},"prototype":"p"}`),
      status: i === 3 ? 201 : 204,
      statusText: '__proto__',
      headers: i === 3
        ? [{ name: 'Location', value: '/api/v1/sessions/__proto__' }, { name: 'Access-Control-Expose-Headers', value: 'Location' }, own(`{"name":"__proto__","value":"__proto__"}`)]
        : [own(`{"name":"__proto__","value":"__proto__"}`)],
      content: own(`{"__proto__":{"text":"from-proto"},"constructor":"c","mimeType":"application/json"}`),
    };
    e._resourceType = '__proto__';
    return e;
  });
  const doc = own(`{"__proto__":${pollute},"constructor":{"prototype":${pollute}}}`);
  doc.log = { ...own(`{"__proto__":${pollute},"prototype":${pollute}}`), version: '1.2', creator: own(`{"name":"__proto__","version":"constructor","__proto__":${pollute}}`), entries };
  return { text: JSON.stringify(doc), entries: entries.length, calls: bodies.map((requestBody, index) => ({ index, requestBody })) };
}

const protoCases: HostileCase[] = [
  {
    name: 'proto-keys-everywhere',
    about: '__proto__, constructor and prototype as keys of the HAR document, log, entries, requests, replies, headers, bodies, params, customMetadata and qoeData; as eventType values, sids in URLs and in Location, player and state names',
    fileName: 'proto.har',
    seconds: 20,
    cli: true,
    build: protoHar,
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'schema.violation'] },
    verify(r) {
      const sids = r.analysis.sessions.map((s) => s.sid).sort();
      check(JSON.stringify(sids) === JSON.stringify(['__proto__', 'constructor', 'prototype']), `sessions: ${JSON.stringify(sids)}`);
      const proto = r.analysis.sessions.find((s) => s.sid === '__proto__') ?? fail('no __proto__ session');
      check(proto.startCaptured, 'the __proto__ session opened by a 201 with Location /api/v1/sessions/__proto__ is not marked as captured');
      check(proto.media.id === 'vod-123' && proto.media.playerName === '__proto__', `media of the __proto__ session: ${JSON.stringify(proto.media)}`);
      check(proto.calls.length === 7, `the __proto__ session has ${proto.calls.length} calls, 7 expected (the sessions call, 5 events on /sessions/__proto__/events and 1 on its %-encoded form)`);
      const states = proto.metrics.playerStatesMs;
      check(Object.getPrototypeOf(states) === Object.prototype, 'playerStatesMs lost its prototype');
      check(Object.hasOwn(states, '__proto__') && states['__proto__'] === 8000, `playerStatesMs["__proto__"] should be an own 8000 ms: ${JSON.stringify(Object.entries(states))}`);
      check(proto.state.activeStates.join(',') === 'hasOwnProperty', `active states: ${proto.state.activeStates.join(',')}`);
    },
  },
  {
    name: 'proto-keys-in-json-report',
    about: 'a JSON report of ours with __proto__ and constructor keys in its document, settings, exchanges and headers',
    fileName: 'proto.mci.json',
    seconds: 20,
    build() {
      const pollute = '{"polluted":"yes","pingToleranceMs":-1,"adPingCadence":"bogus"}';
      const body = JSON.stringify(ev('play', 0, T0));
      const ex = (index: number, url: string, requestBody: string | null) => ({
        ...own(`{"__proto__":${pollute},"constructor":${pollute}}`),
        index, method: 'POST', url, requestBody, status: 204, statusText: '', responseBody: null, startedAt: T0 + index, durationMs: 1,
        resourceType: null, failure: null,
        requestHeaders: [own(`{"name":"__proto__","value":"x","__proto__":${pollute}}`)],
        responseHeaders: [own(`{"__proto__":{"name":"n","value":"v"}}`)],
      });
      const doc = {
        ...own(`{"__proto__":${pollute}}`),
        format: 'media-collection-inspector-report',
        formatVersion: 1,
        settings: own(`{"__proto__":${pollute},"constructor":${pollute}}`),
        exchanges: [ex(0, EVENTS_URL, body), ex(1, 'https://example.com/__proto__', null), ex(2, `${HOST}/api/v1/sessions/__proto__/events`, body)],
      };
      return { text: JSON.stringify(doc), entries: 3, calls: [{ index: 0, requestBody: body }, { index: 2, requestBody: body }] };
    },
    outcome: { kind: 'analysed' },
    verify(r) {
      const s = r.analysis.settings;
      check(s.pingToleranceMs === 2000 && s.adPingCadence === 'either', `settings taken from a __proto__ key: ${JSON.stringify(s)}`);
      check(r.exchanges[0]?.requestHeaders[0]?.name === '__proto__', 'the header named __proto__ was lost');
    },
  },
];

// ------------------------------------------------------------------ unicode and bytes

/** A recording whose bodies, URL, headers and strings hold lone surrogates, as `\uD800` escapes in its JSON. */
function surrogateEntries(): Entry[] {
  const bodies = [
    rawEvent('"eventType":"\\ud800","customMetadata":{"\\udc00":"\\ud800x"}'),
    rawEvent('"eventType":"play","params":{"media.name":"\\udfff\\ud800"}'),
    sessionStartWith('"media.show":"a\\ud83d"', ',"customMetadata":{"k":"\\ude00b"}').replace('"customMetadata":{"show":"Open Movies"},', ''),
    JSON.stringify(ev('stateStart', 1, T0 + 1, { params: { 'media.state.name': '\ud800' } })),
    '"\\ud800',
    '\ud800\udc00\udc00\ud800',
  ];
  return [
    eventEntry(SID, null, { rawBody: bodies[0] ?? '' }),
    eventEntry('\ud800', null, { rawBody: bodies[1] ?? '' }),
    sessionsEntry(null, '\udc00sid', { rawBody: bodies[2] ?? '', responseHeaders: [{ name: 'Location', value: '/api/v1/sessions/\udc00sid' }, { name: '\ud800', value: '\udfff' }] }),
    eventEntry('\udc00sid', null, { rawBody: bodies[3] ?? '', status: 500, responseBody: '{"message":"\ud800"}' }),
    eventEntry('%ED%A0%80', null, { rawBody: bodies[4] ?? '' }),
    eventEntry(SID2, null, { rawBody: bodies[5] ?? '', status: 400, responseBody: '\udfff' }),
  ];
}

/** A readable HAR (as bytes) whose strings hold invalid UTF-8: bare continuation bytes, cut sequences, surrogates, overlongs. */
const BAD_UTF8 = [
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(0xc3),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
  Uint8Array.of(0x80, 0xbf),
  Uint8Array.of(0xe2, 0x82),
];

function invalidUtf8Har(): CaseInput {
  const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(b);
  // Each body is JSON text whose strings hold invalid bytes; inside the HAR it is a JSON string.
  const bodyBytes = [
    concat('{"playerTime":{"playhead":0,"ts":', String(T0), '},"eventType":"pl', BAD_UTF8[0] as Uint8Array, 'ay"}'),
    concat('{"playerTime":{"playhead":0,"ts":', String(T0), '},"eventType":"play","customMetadata":{"k', BAD_UTF8[2] as Uint8Array, '":"', BAD_UTF8[1] as Uint8Array, '"}}'),
    concat(...BAD_UTF8, 'not json'),
    concat('{"playerTime":{"playhead":0,"ts":', String(T0), '},"eventType":"sessionStart","params":{"media.name":"', BAD_UTF8[3] as Uint8Array, BAD_UTF8[4] as Uint8Array, '"}}'),
  ];
  const urls = [
    concat(HOST, '/api/v1/sessions/', SID, '/events'),
    concat(HOST, '/api/v1/sessions/', BAD_UTF8[5] as Uint8Array, '/events'),
    concat(HOST, '/api/v1/sessions/', BAD_UTF8[6] as Uint8Array, '/events'),
    concat(HOST, '/api/v1/sessions'),
  ];
  const parts: (Uint8Array | string)[] = ['{"log":{"version":"1.2","creator":{"name":"', BAD_UTF8[0] as Uint8Array, '","version":"1"},"entries":['];
  bodyBytes.forEach((body, i) => {
    // The body bytes hold '"' (JSON of the event): escape them for the HAR string; invalid bytes are left raw.
    const escaped: (Uint8Array | string)[] = [];
    let start = 0;
    for (let k = 0; k < body.length; k++) {
      if (body[k] === 0x22) {
        escaped.push(body.slice(start, k), '\\"');
        start = k + 1;
      }
    }
    escaped.push(body.slice(start));
    parts.push(
      i ? ',' : '',
      `{"startedDateTime":"${new Date(T0 + i).toISOString()}","request":{"method":"POST","url":"`, urls[i] as Uint8Array, '",',
      '"headers":[{"name":"X-', BAD_UTF8[2] as Uint8Array, '","value":"', BAD_UTF8[0] as Uint8Array, '"}],',
      '"postData":{"mimeType":"application/json","text":"', ...escaped, '"}},',
      '"response":{"status":', i === 3 ? '201' : '204', ',"statusText":"', BAD_UTF8[6] as Uint8Array, '","headers":[',
      i === 3 ? '{"name":"Location","value":"/api/v1/sessions/s' : '', i === 3 ? BAD_UTF8[4] as Uint8Array : '', i === 3 ? '"}' : '',
      '],"content":{"text":"', BAD_UTF8[1] as Uint8Array, '"}}}',
    );
  });
  parts.push(']}}');
  return { bytes: concat(...parts), entries: 4, calls: bodyBytes.map((b, index) => ({ index, requestBody: decode(b) })) };
}

const unicodeCases: HostileCase[] = [
  {
    name: 'lone-surrogates-as-json-escapes',
    about: 'lone UTF-16 surrogates written as \\uD800-style escapes in bodies, URLs, sids, headers and replies',
    fileName: 'surrogates-escaped.har',
    seconds: 20,
    build() {
      const entries = surrogateEntries();
      const text = harText(entries);
      if (!text.includes('\\ud800')) fail('JSON.stringify did not escape the lone surrogates');
      return { text, entries: entries.length, calls: allCalls(entries) };
    },
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'body.not-json'] },
    verify(r) {
      check(r.analysis.sessions.some((s) => s.sid === '\ud800'), 'the session with a lone-surrogate sid is missing');
    },
  },
  {
    name: 'lone-surrogates-raw',
    about: 'the same recording with the lone surrogates raw in the text (as a browser hands it over)',
    fileName: 'surrogates-raw.har',
    seconds: 20,
    cli: false,
    build() {
      const entries = surrogateEntries();
      // Only the HAR's own escapes (preceded by an even number of backslashes); the bodies' escapes stay.
      const text = harText(entries).replace(/(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/g, (_, lead: string, hex: string) => lead + String.fromCharCode(parseInt(hex, 16)));
      if (!text.includes('\ud800') || !text.includes('\udc00')) fail('the lone surrogates are not raw');
      JSON.parse(text);
      return { text, entries: entries.length, calls: allCalls(entries) };
    },
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'body.not-json'] },
  },
  {
    name: 'invalid-utf8-inside-strings',
    about: 'a HAR file on disk whose strings (bodies, URLs, headers, creator, replies) hold invalid UTF-8 bytes',
    fileName: 'invalid-utf8.har',
    seconds: 20,
    cli: true,
    build: invalidUtf8Har,
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'body.not-json'] },
    verify(r) {
      check(r.exchanges.every((e) => !e.requestBody || e.requestBody.includes('\ufffd')), 'the invalid bytes were not read as U+FFFD');
    },
  },
  {
    name: 'invalid-utf8-outside-strings',
    about: 'a HAR file on disk with stray invalid bytes between JSON tokens',
    fileName: 'invalid-utf8-structure.har',
    seconds: 10,
    cli: true,
    build: () => ({ bytes: concat('{"log":', Uint8Array.of(0xff, 0xfe), '{"version":"1.2","entries":[]}}') }),
    outcome: { kind: 'refused', error: 'HarError', message: /not valid JSON/ },
  },
  {
    name: 'utf8-byte-order-mark',
    about: 'a HAR file on disk starting with a UTF-8 byte order mark (as some Windows tools write it)',
    fileName: 'bom.har',
    seconds: 10,
    cli: true,
    build() {
      const entries = [eventEntry(SID, ev('play', 0, T0))];
      return { bytes: concat(Uint8Array.of(0xef, 0xbb, 0xbf), harText(entries)), entries: 1, calls: allCalls(entries) };
    },
    outcome: { kind: 'either' },
  },
  {
    name: 'truncated-inside-utf8-character',
    about: 'a HAR file on disk cut in the middle of a multi-byte UTF-8 character',
    fileName: 'truncated-utf8.har',
    seconds: 10,
    cli: true,
    build() {
      const bytes = utf8(harText([eventEntry(SID, ev('play', 0, T0, { customMetadata: { emoji: '😀😀😀' } }))]));
      const at = bytes.indexOf(0xf0) + 2;
      return { bytes: bytes.slice(0, at) };
    },
    outcome: { kind: 'refused', error: 'HarError', message: /truncated/ },
  },
];

// ------------------------------------------------------------------ binary and base64

const BINARY = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
const BINARY_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

function base64Entries(): { entries: Entry[]; calls: ExpectedCall[] } {
  const play = JSON.stringify(ev('play', 0, T0 + 1));
  const ping = JSON.stringify(ev('ping', 10, T0 + 10000));
  const mk = (url: string, postData: unknown, response: Record<string, unknown>, i: number): Entry => ({
    startedDateTime: new Date(T0 + i * 10).toISOString(),
    request: { method: 'POST', url, headers: [{ name: 'Content-Type', value: 'application/json' }], ...(postData === undefined ? {} : { postData }) },
    response: { status: 204, headers: [], ...response },
  });
  const entries = [
    // Charles: request and reply as base64
    mk(SESSIONS_URL, { mimeType: 'application/json', encoding: 'base64', text: base64(JSON.stringify(sessionStartBody())) },
      { status: 201, headers: [{ name: 'Location', value: `/api/v1/sessions/${SID}` }], content: { encoding: 'base64', text: base64('') } }, 0),
    // base64 with line breaks and no padding, and an `_encoding` field
    mk(EVENTS_URL, { _encoding: 'base64', text: base64(play).replace(/=+$/, '').replace(/(.{8})/g, '$1\r\n') }, {}, 1),
    // a 400 whose {"message": …} reply is base64: the finding shows the decoded message
    mk(EVENTS_URL, { encoding: 'base64', text: base64(ping) }, { status: 400, content: { mimeType: 'application/json', encoding: 'base64', text: base64('{"message":"ping rejected: ünïcödé"}') } }, 2),
    // not base64 at all, though it says so: kept as it is
    mk(EVENTS_URL, { encoding: 'base64', text: '!!! not base64 ***' }, { content: { encoding: 'base64', text: '%%%' } }, 3),
    // binary bytes (not UTF-8) as base64, in the request and the reply
    mk(EVENTS_URL, { encoding: 'base64', text: base64(BINARY_BYTES) }, { status: 500, content: { encoding: 'base64', text: base64(BINARY_BYTES) } }, 4),
    // an unknown encoding: the text is kept as it is
    mk(EVENTS_URL, { encoding: 'gzip', text: base64(play) }, {}, 5),
    // binary text in a plain (not encoded) body and reply
    mk(EVENTS_URL, { text: BINARY }, { content: { text: BINARY } }, 6),
  ];
  const decoded = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);
  const calls: ExpectedCall[] = [
    { index: 0, requestBody: JSON.stringify(sessionStartBody()) },
    { index: 1, requestBody: play },
    { index: 2, requestBody: ping },
    { index: 3, requestBody: '!!! not base64 ***' },
    { index: 4, requestBody: decoded(BINARY_BYTES) },
    { index: 5, requestBody: base64(play) },
    { index: 6, requestBody: BINARY },
  ];
  return { entries, calls };
}

const binaryCases: HostileCase[] = [
  {
    name: 'binary-and-base64-bodies',
    about: 'request bodies with an encoding field (base64 with line breaks, no padding, invalid, binary, unknown encodings) and base64 replies',
    fileName: 'base64.har',
    seconds: 20,
    cli: true,
    build() {
      const { entries, calls } = base64Entries();
      return { text: harText(entries), entries: entries.length, calls };
    },
    outcome: { kind: 'analysed', findings: ['body.not-json', 'http.bad-request', 'http.server-error'] },
    verify(r) {
      const bad = r.analysis.findings.find((f) => f.code === 'http.bad-request') ?? fail('no http.bad-request');
      check(bad.message.includes('ping rejected: ünïcödé'), `the base64 reply was not decoded into the finding: ${bad.message}`);
      check(r.exchanges[4]?.responseBody === new TextDecoder().decode(BINARY_BYTES), 'the binary base64 reply was not decoded as UTF-8 with replacement characters');
      check(r.exchanges[3]?.responseBody === '%%%', 'a reply that is not base64 was not kept as it is');
      check(r.exchanges[6]?.responseBody === BINARY, 'the binary reply text was not kept as it is');
      check(r.analysis.sessions.length === 1 && r.analysis.sessions[0]?.startCaptured === true, 'the base64 sessionStart did not open the session');
    },
  },
];

// ------------------------------------------------------------------ numbers

const numberCases: HostileCase[] = [
  {
    name: 'number-nan-and-infinity-literals',
    about: 'bodies with NaN, Infinity and -Infinity literals (not JSON): body.not-json, no crash',
    fileName: 'nan.har',
    seconds: 10,
    build: () => harInput([
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"play"', '{"playhead":NaN,"ts":1}') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"play"', '{"playhead":Infinity,"ts":-Infinity}') }),
      eventEntry(SID, null, { rawBody: 'NaN' }),
    ]),
    outcome: { kind: 'analysed', findings: ['body.not-json'] },
    verify(r) {
      check(r.analysis.calls.every((c) => c.findings.some((f) => f.code === 'body.not-json')), 'a NaN/Infinity body was not reported as body.not-json');
    },
  },
  {
    name: 'number-1e400',
    about: 'numbers that JSON.parse turns into ±Infinity (1e400, -1e400) in playhead, ts, media.length, pod, chapter and QoE fields: schema violations, no crash',
    fileName: 'overflow.har',
    seconds: 10,
    build: () => harInput([
      sessionsEntry(null, SID, { rawBody: JSON.stringify(sessionStartBody()).replace('"media.length":600', '"media.length":1e400') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"play"', '{"playhead":1e400,"ts":1e400}') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"ping"', `{"playhead":-1e400,"ts":${T0 + 10000}}`) }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"adBreakStart","params":{"media.ad.podIndex":1e400,"media.ad.podSecond":-1e400}') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"chapterStart","params":{"media.chapter.index":1e400,"media.chapter.offset":1e400,"media.chapter.length":-1e400}') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"bitrateChange","qoeData":{"media.qoe.bitrate":1e400,"media.qoe.droppedFrames":-1e400}') }),
      entry(`${HOST}/api/v1/downloaded`, null, { status: 201, rawBody: `[${JSON.stringify(sessionStartBody()).replace('"media.length":600', '"media.length":-1e400')}]` }),
    ]),
    outcome: { kind: 'analysed', findings: ['schema.violation'] },
    verify(r) {
      for (const c of r.analysis.calls) check(c.findings.some((f) => f.code === 'schema.violation'), `exchange ${c.exchange.index}: an infinite number is not a schema violation`);
    },
  },
  {
    name: 'number-negative-zero',
    about: '-0 as playhead, ts, media.length, pod index and exchange time fields',
    fileName: 'negative-zero.har',
    seconds: 10,
    build: () => harInput([
      sessionsEntry(null, SID, { rawBody: JSON.stringify(sessionStartBody()).replace('"media.length":600', '"media.length":-0').replace('"playhead":0', '"playhead":-0') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"adBreakStart","params":{"media.ad.podIndex":-0,"media.ad.podSecond":-0.0}', '{"playhead":-0,"ts":-0}') }),
      eventEntry(SID, null, { rawBody: rawEvent('"eventType":"adBreakComplete"', `{"playhead":-0E0,"ts":${T0}}`) }),
    ]),
    outcome: { kind: 'analysed' },
  },
  {
    name: 'number-huge-finite',
    about: 'finite numbers far outside the Date range as playerTime.ts (1e300, 9e15, Number.MAX_VALUE), also on calls outside any session',
    fileName: 'huge-ts.har',
    seconds: 10,
    cli: true,
    build: () => harInput([
      sessionsEntry(sessionStartBody(1e300), null, { status: 400, responseBody: '{"message":"bad"}' }),
      sessionsEntry(sessionStartBody(Number.MAX_VALUE), null, { status: 500 }),
      eventEntry(SID, ev('play', 0, 9e15)),
      eventEntry(SID, ev('ping', 10, 1e300)),
      entry(`${HOST}/api/v1/downloaded`, [sessionStartBody(9e15), ev('sessionEnd', 1, 1e300)], { status: 400 }),
    ]),
    outcome: { kind: 'analysed', findings: ['http.bad-request'] },
  },
];

// ------------------------------------------------------------------ sizes and counts

function megaStrings(): CaseInput {
  const s = (c: string) => c.repeat(MB);
  const bigSid = s('s');
  const entries = [
    sessionsEntry(sessionStartBody(T0, { 'media.name': s('n'), 'media.show': s('w') }), bigSid, { responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${bigSid}` }, { name: 'X-Big', value: s('h') }] }),
    eventEntry(bigSid, ev('stateStart', 0, T0 + 1, { params: { 'media.state.name': s('t') } })),
    eventEntry(bigSid, ev(s('e'), 0, T0 + 2)),
    eventEntry(bigSid, ev('adStart', 0, T0 + 3, {
      params: { 'media.ad.id': s('a'), 'media.ad.length': 1, 'media.ad.podPosition': 0, 'media.ad.playerName': s('p') },
      customMetadata: { [s('k')]: s('v') },
    })),
    eventEntry(bigSid, ev('error', 0, T0 + 4, { qoeData: { 'media.qoe.errorID': s('i') } }), { status: 400, responseBody: JSON.stringify({ message: s('m') }) }),
  ];
  return harInput(entries);
}

function manySessions(count: number): CaseInput {
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const sid = i.toString(16).padStart(64, '0');
    entries.push(sessionsEntry(sessionStartBody(T0 + i * 2), sid, { at: i * 2 + 1 }));
    entries.push(eventEntry(sid, ev('sessionEnd', 0, T0 + i * 2 + 1), { at: i * 2 + 2 }));
  }
  return harInput(entries);
}

const sizeCases: HostileCase[] = [
  {
    name: 'strings-1mb',
    about: '1 MB strings as params values, customMetadata key and value, eventType, QoE error id, sid (URL and Location), header value and error message',
    fileName: 'mega-strings.har',
    seconds: 30,
    cli: true,
    build: megaStrings,
    outcome: { kind: 'analysed', findings: ['schema.violation', 'schema.unknown-event-type', 'http.bad-request'] },
    verify(r) {
      const session = r.analysis.sessions[0] ?? fail('no session');
      check(r.analysis.sessions.length === 1 && session.sid.length === MB, 'the 1 MB sid was not kept whole');
      check(session.media.name?.length === MB, 'the 1 MB media.name was not kept whole');
      const ad = callAt(r, 3).events[0];
      check(ad?.params?.['media.ad.id'] === 'a'.repeat(MB), 'the 1 MB media.ad.id was not kept whole');
      check(callAt(r, 2).events[0]?.eventType.length === MB, 'the 1 MB eventType was not kept whole');
    },
  },
  {
    name: 'sessions-10000',
    about: '10 000 sessions (20 000 calls) in one recording',
    fileName: 'ten-thousand-sessions.har',
    seconds: 60,
    cli: true,
    build: () => manySessions(10_000),
    outcome: { kind: 'analysed' },
    verify(r) {
      check(r.analysis.sessions.length === 10_000, `${r.analysis.sessions.length} sessions, 10 000 expected`);
      check(r.analysis.sessions.every((s) => s.calls.length === 2 && s.state.closed === 'sessionEnd'), 'a session lost a call or its sessionEnd');
    },
  },
  {
    name: 'same-entry-twice',
    about: 'the same entry object twice in a row, and a whole session recorded twice: both copies are exchanges of their own',
    fileName: 'duplicates.har',
    seconds: 20,
    build() {
      const vod = cleanVod(SID);
      const first = vod[0] as Entry;
      const second = vod[1] as Entry;
      return harInput([first, first, second, second, ...vod, ...vod]);
    },
    outcome: { kind: 'analysed', findings: ['ts.duplicate'] },
    verify(r) {
      const session = r.analysis.sessions[0] ?? fail('no session');
      check(r.analysis.sessions.length === 1 && session.calls.length === r.exchanges.length, 'a duplicate was dropped from the session');
    },
  },
];

// ------------------------------------------------------------------ not a (whole) HAR

function truncatedCases(): HostileCase[] {
  const vod: Entry[] = cleanVod(SID).slice(0, 12);
  vod.push({
    ...eventEntry(SID, ev('play', 0, T0, { customMetadata: { emoji: 'x😀y' } }), { responseHeaders: [{ name: 'X-Control', value: 'a\u0001b' }] }),
    _wasPushed: true,
  });
  const full = `${JSON.stringify(har(vod), null, 1)}\n`;
  const points: [string, (t: string) => number][] = [
    ['after-first-brace', () => 1],
    ['inside-a-key', (t) => t.indexOf('"entries"') + 4],
    ['after-a-colon', (t) => t.indexOf('"entries":') + 10],
    ['inside-a-body-string', (t) => t.indexOf('playerTime') + 3],
    ['inside-a-unicode-escape', (t) => t.indexOf('"a\\u0001b"') + 5],
    ['between-surrogates', (t) => t.indexOf('😀') + 1],
    ['inside-a-number', (t) => t.indexOf('"status": ') + 12],
    ['inside-true', (t) => t.indexOf('"_wasPushed": true') + 16],
    ['at-half', (t) => Math.floor(t.length / 2)],
    ['before-the-last-brace', (t) => t.trimEnd().length - 1],
  ];
  return points.map(([where, at]) => ({
    name: `truncated-${where}`,
    about: `a HAR cut ${where.replace(/-/g, ' ')}`,
    fileName: `truncated-${where}.har`,
    seconds: 10,
    cli: where === 'inside-a-body-string',
    build() {
      const cut = at(full);
      if (cut <= 0 || cut >= full.trimEnd().length) fail(`bad cut point ${cut} for ${where}`);
      return { text: full.slice(0, cut) };
    },
    outcome: { kind: 'refused', error: 'HarError', message: /truncated/ },
  }));
}

function refused(name: string, about: string, text: string, message: RegExp, error: 'HarError' | 'ReportError' = 'HarError', cli = false): HostileCase {
  return { name, about, fileName: `${name}.har`, seconds: 10, cli, build: () => ({ text }), outcome: { kind: 'refused', error, message } };
}

const REPORT = '"format":"media-collection-inspector-report"';

const notHarCases: HostileCase[] = [
  refused('empty-file', 'an empty file', '', /empty/, 'HarError', true),
  refused('whitespace-only', 'a file of blanks and line breaks', ' \n\t\r\n ', /empty/),
  refused('not-json-text', 'plain text', 'hello, this is not a recording', /not valid JSON/, 'HarError', true),
  refused('not-json-html', 'an HTML page saved instead of the HAR', '<!doctype html><html><script>alert(1)</script></html>', /not valid JSON/),
  refused('not-json-nan', 'a lone NaN', 'NaN', /not valid JSON/),
  refused('not-json-single-quotes', 'JavaScript, not JSON', "{'log': {'entries': []}}", /not valid JSON/),
  refused('not-json-trailing-comma', 'a trailing comma', '{"log":{"entries":[],}}', /not valid JSON/),
  refused('not-json-two-documents', 'two JSON documents in one file', '{"log":{"entries":[]}}{"log":{"entries":[]}}', /not valid JSON/),
  refused('not-json-nul-bytes', 'NUL bytes', '\u0000\u0000{"log":{"entries":[]}}', /not valid JSON/),
  refused('not-har-null', 'JSON null', 'null', /not a HAR recording/, 'HarError', true),
  refused('not-har-array', 'a JSON list', '[{"log":{"entries":[]}}]', /not a HAR recording/),
  refused('not-har-number', 'a JSON number', '42', /not a HAR recording/),
  refused('not-har-string', 'a JSON string', '"{\\"log\\":{}}"', /not a HAR recording/),
  refused('not-har-empty-object', 'an empty object', '{}', /not a HAR recording/),
  refused('not-har-log-null', 'log is null', '{"log":null}', /not a HAR recording/),
  refused('not-har-log-array', 'log is a list', '{"log":[]}', /not a HAR recording/),
  refused('not-har-no-entries', 'log without entries', '{"log":{"version":"1.2"}}', /not a HAR recording/),
  refused('not-har-entries-object', 'entries is an object', '{"log":{"entries":{"0":{}}}}', /not a HAR recording/),
  refused('not-har-entries-string', 'entries is a string', '{"log":{"entries":"[]"}}', /not a HAR recording/),
  refused('report-without-version', 'our report marker without a format version', `{${REPORT}}`, /formatVersion/, 'ReportError'),
  refused('report-from-the-future', 'a report of a newer format version', `{${REPORT},"formatVersion":99,"exchanges":[]}`, /newer/, 'ReportError', true),
  refused('report-without-exchanges', 'a report whose exchanges are not a list', `{${REPORT},"formatVersion":1,"exchanges":{}}`, /exchanges/, 'ReportError'),
  refused('report-with-a-number-exchange', 'a report whose exchange is a number', `{${REPORT},"formatVersion":1,"exchanges":[5]}`, /exchange 0/, 'ReportError'),
];

/** Entries that omit every optional field, or hold the wrong types. */
function sparseEntries(): CaseInput {
  const play = JSON.stringify(ev('play', 0, T0));
  const entries: unknown[] = [
    {},
    null,
    5,
    'entry',
    [],
    { request: {} },
    { response: {} },
    { request: { url: EVENTS_URL } },
    { request: { url: EVENTS_URL, method: 'post', postData: {} } },
    { request: { url: SESSIONS_URL, postData: { params: [{ name: 'a b', value: 'c&d' }, 7, { name: 3 }] } }, response: { status: 201 } },
    { request: { url: EVENTS_URL, method: 'POST', postData: { text: play } }, response: { status: '204' } },
    { request: { url: EVENTS_URL, method: 7, headers: 'nope', postData: { text: 5 } }, response: { status: null, headers: {}, content: 'x' } },
    { request: { url: EVENTS_URL, method: 'POST', headers: [null, 1, 'h', { name: 1, value: 2 }, { name: ['n'], value: { v: 1 } }], postData: { text: play } },
      response: { status: 204.5, headers: [null, { name: 'Location' }], content: { text: 7 } } },
    { startedDateTime: 'yesterday', time: -5, request: { url: EVENTS_URL, method: 'POST', postData: { text: play } }, response: { status: Number.MAX_SAFE_INTEGER } },
    { startedDateTime: 12345, time: '35', _resourceType: 7, request: { url: EVENTS_URL, method: 'POST', postData: null }, response: { status: -1, _error: 5 } },
    { startedDateTime: '+275760-09-13T00:00:00.000Z', request: { url: `${EVENTS_URL}?a=1#f`, method: 'POST', postData: { text: '' } }, response: { status: 204 } },
    { request: { url: 42, method: 'POST', postData: { text: play } }, response: { status: 204 } },
    { request: { url: `${HOST}/api/v1/schemas/play`, method: 'GET' }, response: { status: 200, content: { text: '{}' } } },
    { request: { url: `${HOST}/api/v1/sessions/${SID2}/events`, method: 'OPTIONS' }, response: { status: 204 } },
    // A session whose only call has no body and no send time.
    { request: { url: `${HOST}/api/v1/sessions/${SID3}/events`, method: 'POST' }, response: { status: 204 } },
  ];
  const calls: ExpectedCall[] = [
    { index: 7, requestBody: null },
    { index: 8, requestBody: null },
    { index: 9, requestBody: 'a%20b=c%26d&3=' },
    { index: 10, requestBody: play },
    { index: 11, requestBody: null },
    { index: 12, requestBody: play },
    { index: 13, requestBody: play },
    { index: 14, requestBody: null },
    { index: 15, requestBody: '' },
    { index: 17, requestBody: null },
    { index: 19, requestBody: null },
  ];
  return { text: JSON.stringify({ log: { entries } }), entries: entries.length, calls };
}

const sparseCases: HostileCase[] = [
  {
    name: 'entries-missing-every-optional-field',
    about: 'entries that are {}, null, numbers, lists; requests without replies; replies without requests; statuses as strings, null, fractions; headers and bodies of the wrong types; unparseable dates',
    fileName: 'sparse.har',
    seconds: 10,
    cli: true,
    build: sparseEntries,
    outcome: { kind: 'analysed', findings: ['body.unavailable', 'http.failed'] },
    verify(r) {
      check(r.exchanges.length === 20, 'an entry was dropped');
      check(callAt(r, 12).exchange.requestHeaders.length === 2, 'the two header objects of entry 12 should be read (with empty names and values for the wrong types)');
    },
  },
  {
    name: 'report-with-odd-exchanges',
    about: 'a JSON report whose exchanges have negative, fractional, huge and repeated indexes and fields of the wrong types',
    fileName: 'odd.mci.json',
    seconds: 10,
    build() {
      const play = JSON.stringify(ev('play', 0, T0));
      const exchanges = [
        { index: -1, method: 'POST', url: EVENTS_URL, requestBody: play, status: 204 },
        { index: 0.5, method: 5, url: EVENTS_URL, requestBody: 5, status: '204', startedAt: 'now', durationMs: 'long', requestHeaders: 'h', responseHeaders: [null, 1, { name: 5 }] },
        { index: 1e300, url: SESSIONS_URL, requestBody: JSON.stringify(sessionStartBody()), status: 201, responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${SID}` }] },
        { index: 3, url: EVENTS_URL, requestBody: play },
        { index: 3, url: 'https://example.com/', requestBody: 'x' },
        {},
      ];
      const text = JSON.stringify({ format: 'media-collection-inspector-report', formatVersion: 1, settings: {}, exchanges });
      // Repeated indexes: the reader numbers the exchanges 0…n-1.
      return { text, entries: 6, calls: [{ index: 0, requestBody: play }, { index: 1, requestBody: null }, { index: 2, requestBody: exchanges[2]?.requestBody as string }, { index: 3, requestBody: play }] };
    },
    outcome: { kind: 'analysed' },
  },
  {
    name: 'report-with-malformed-settings',
    about: 'a JSON report whose settings have the wrong types (customEndpoints a number, tolerances strings): read with the defaults or refused with a ReportError, never a TypeError',
    fileName: 'bad-settings.mci.json',
    seconds: 10,
    cli: true,
    build() {
      const play = JSON.stringify(ev('play', 0, T0));
      const text = JSON.stringify({
        format: 'media-collection-inspector-report', formatVersion: 1,
        settings: { customEndpoints: 5, pingToleranceMs: 'soon', adPingCadence: 3 },
        exchanges: [{ index: 0, method: 'POST', url: EVENTS_URL, requestBody: play, status: 204 }],
      });
      return { text, entries: 1, calls: [{ index: 0, requestBody: play }] };
    },
    outcome: { kind: 'either' },
  },
];

// ------------------------------------------------------------------ markup and terminal controls

const XSS = ['<script>alert(1)</script>', '</style><script>alert(2)</script>', '"><img src=x onerror=alert(3)>', "'><svg onload=alert(4)>", 'javascript:alert(5)', '<!--', ']]><x>'];

function markupEntries(): CaseInput {
  const x = (i: number) => XSS[i % XSS.length] as string;
  const all = XSS.join(' ');
  const sid = encodeURIComponent('<script>alert(6)</script>');
  const decodedSid = '<script>alert(6)</script>';
  const startParams = {
    'media.id': x(0), 'media.name': x(1), 'media.playerName': x(2), 'media.channel': x(3), 'media.contentType': x(4),
    'media.show': all, 'visitor.marketingCloudUserId': 'javascript:alert(7)',
  };
  const entries: Entry[] = [
    sessionsEntry(sessionStartBody(T0, startParams), decodedSid, {
      responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${sid}` }, { name: x(0), value: x(1) }, { name: 'Access-Control-Expose-Headers', value: 'Location' }],
    }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev(x(0), 0, T0 + 1000, { customMetadata: { [x(2)]: x(3) } }), { at: 1000, resourceType: x(1) }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('adStart', 0, T0 + 2000, {
      params: { 'media.ad.id': x(0), 'media.ad.length': 15, 'media.ad.podPosition': 1, 'media.ad.playerName': x(1), 'media.ad.creativeURL': 'javascript:alert(8)' },
      customMetadata: { campaign: all },
    }), { at: 2000, status: 400, responseBody: JSON.stringify({ message: all }) }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('stateStart', 0, T0 + 3000, { params: { 'media.state.name': x(1) } }), { at: 3000, status: 500 }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('error', 0, T0 + 4000, { qoeData: { 'media.qoe.errorID': all, 'media.qoe.errorSource': x(2) } }), { at: 4000, status: 0, error: all }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, null, { at: 5000, rawBody: `${all} not json` }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('chapterStart', 0, T0 + 6000, { params: { 'media.chapter.index': 1, 'media.chapter.offset': 0, 'media.chapter.length': 9, 'media.chapter.friendlyName': all } }), { at: 6000 }),
    entry(`javascript:alert(9)//${x(0)}/api/v1/sessions/${encodeURIComponent(x(2))}/events`, ev('play', 0, T0 + 7000), { at: 7000, method: x(0) }),
    sessionsEntry(sessionStartBody(T0 + 8000), null, { at: 8000, status: 201, responseHeaders: [{ name: 'Location', value: `javascript:alert(10)//${x(1)}` }] }),
    entry(`${HOST}/${x(0)}`, { x: all }, { at: 9000 }),
  ];
  (entries[0] as { response: { statusText: string } }).response.statusText = x(1);
  const text = JSON.stringify({ log: { version: '1.2', creator: { name: x(0), version: x(1) }, pages: [{ title: x(2) }], entries } });
  return { text, entries: entries.length, calls: callsAt(entries, [0, 1, 2, 3, 4, 5, 6, 7, 8]) };
}

const CONTROLS = ['\u001b[2J\u001b[H', '\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007', '\u009b31m', 'a\rb', 'nul\u0000', '\u0007bell', 'del\u007f', '\u001b[1A\u001b[2K'];

function controlEntries(): CaseInput {
  const all = CONTROLS.join('|');
  const sid = encodeURIComponent(`sid${CONTROLS[0]}${CONTROLS[3]}`);
  const entries: Entry[] = [
    sessionsEntry(sessionStartBody(T0, { 'media.id': all, 'media.name': all, 'media.playerName': all, 'media.contentType': all }), null, {
      responseHeaders: [{ name: 'Location', value: `/api/v1/sessions/${sid}` }, { name: 'Access-Control-Expose-Headers', value: 'Location' }],
    }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev(`pause${CONTROLS[0]}`, 0, T0 + 1000), { at: 1000 }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('adStart', 0, T0 + 2000, { params: { 'media.ad.id': all, 'media.ad.length': 5, 'media.ad.podPosition': 0, 'media.ad.playerName': 'p' } }), { at: 2000, status: 400, responseBody: JSON.stringify({ message: all }) }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('stateStart', 0, T0 + 3000, { params: { 'media.state.name': all } }), { at: 3000, status: 0, error: all }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, ev('chapterStart', 0, T0 + 4000, { params: { 'media.chapter.index': 1, 'media.chapter.offset': 0, 'media.chapter.length': 9, 'media.chapter.friendlyName': all } }), { at: 4000 }),
    entry(`${HOST}/api/v1/sessions/${sid}/events`, null, { at: 5000, rawBody: `${all}` }),
  ];
  (entries[0] as { response: { statusText: string; status: number } }).response.statusText = all;
  (entries[3] as { response: { statusText: string } }).response.statusText = all;
  const text = JSON.stringify({ log: { version: '1.2', creator: { name: all, version: all }, entries } });
  return { text, entries: entries.length, calls: allCalls(entries) };
}

const markupCases: HostileCase[] = [
  {
    name: 'markup-in-every-string',
    about: '<script>, </style>, "><img onerror>, <svg onload>, javascript: URLs and comment openers in every string: URLs, sids, methods, headers, bodies, params, metadata, replies, failure reasons, the creator and the file name',
    fileName: '"><img src=x onerror=alert(0)>.har',
    seconds: 20,
    cli: true,
    markup: true,
    build: markupEntries,
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'http.bad-request', 'http.server-error', 'http.failed', 'body.not-json'] },
    verify(r) {
      check(r.analysis.sessions.some((s) => s.sid === '<script>alert(6)</script>'), 'the session with a markup sid is missing');
    },
  },
  {
    name: 'terminal-controls-in-every-string',
    about: 'ANSI/OSC escape sequences, C1 CSI, carriage returns, NUL, BEL and DEL in sids, media metadata, event types, replies, failure reasons and the creator',
    fileName: 'controls.har',
    seconds: 20,
    cli: true,
    controls: true,
    build: controlEntries,
    outcome: { kind: 'analysed', findings: ['schema.unknown-event-type', 'http.bad-request', 'http.failed'] },
  },
];

// ------------------------------------------------------------------ a clean control case

const controlCases: HostileCase[] = [
  {
    name: 'every-valid-event-type',
    about: 'a control: one valid body of each of the 20 event types (the invariants hold on ordinary input too)',
    fileName: 'valid.har',
    seconds: 10,
    build() {
      const bodies = Object.values(validBodies());
      const entries = bodies.map((b, i) => (i === 0 ? sessionsEntry(b, SID, { at: i }) : eventEntry(SID, { ...b, playerTime: { playhead: 0, ts: T0 + i * 1000 } }, { at: i * 1000 + 20 })));
      entries.push(entry('https://example.com/analytics.js', null, { method: 'GET', status: 200 }));
      return harInput(entries, bodies.map((_, i) => i));
    },
    outcome: { kind: 'analysed' },
  },
];

/** Every case of the corpus, in a stable order. */
export const CORPUS: readonly HostileCase[] = [
  ...controlCases,
  ...bigCases,
  ...deepCases,
  ...protoCases,
  ...unicodeCases,
  ...binaryCases,
  ...numberCases,
  ...sizeCases,
  ...truncatedCases(),
  ...notHarCases,
  ...sparseCases,
  ...markupCases,
];

export const MARKUP = XSS;
export const TERMINAL_CONTROLS = CONTROLS;
