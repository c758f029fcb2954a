/**
 * The browser glue, with a fake `browser.devtools.network`: what DevTools reports (live, and
 * back-filled from getHAR) reaches the store once each, reply bodies are read whatever shape
 * getContent() answers in, other traffic is only counted, and navigations are marked.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { startCapture, type HarRequest, type NetworkSource } from '../../extension/capture/capture.ts';
import { ReportMatcher, requestKey } from '../../extension/capture/report-matcher.ts';
import { normaliseContent, requestContent } from '../../extension/capture/request-content.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { entry, eventEntry, ev, SID, T0 } from '../helpers/har-builder.ts';

/** A stand-in for browser.devtools.network that the test drives by hand. */
class FakeNetwork implements NetworkSource {
  private finished: ((req: HarRequest) => void)[] = [];
  private navigatedListeners: ((url: string) => void)[] = [];
  harCalls = 0;
  private resolveHar: (har: { entries?: HarRequest[] }) => void = () => undefined;
  private rejectHar: (e: Error) => void = () => undefined;
  private readonly har = new Promise<{ entries?: HarRequest[] }>((resolve, reject) => {
    this.resolveHar = resolve;
    this.rejectHar = reject;
  });

  onRequestFinished(listener: (req: HarRequest) => void): void {
    this.finished.push(listener);
  }

  getHAR(): Promise<{ entries?: HarRequest[] }> {
    this.harCalls++;
    return this.har;
  }

  onNavigated(listener: (url: string) => void): void {
    this.navigatedListeners.push(listener);
  }

  /** DevTools reports a finished request. */
  finish(req: HarRequest): void {
    for (const l of this.finished) l(req);
  }

  navigate(url: string): void {
    for (const l of this.navigatedListeners) l(url);
  }

  answerHar(entries: HarRequest[]): void {
    this.resolveHar({ entries });
  }

  failHar(): void {
    this.rejectHar(new Error('getHAR is not available'));
  }
}

function fixtureEntries(name: string): HarRequest[] {
  const doc = JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as { log: { entries: HarRequest[] } };
  return doc.log.entries;
}

/** A fresh copy, as DevTools hands a new object for each report. */
function copy(e: HarRequest): HarRequest {
  return structuredClone(e);
}

/** An entry as onRequestFinished gives it: no reply body in the HAR, a getContent() to ask for it. */
function withContent(e: HarRequest, getContent: () => unknown): HarRequest {
  const c = copy(e);
  const response = c.response as { content: Record<string, unknown> };
  delete response.content.text;
  delete response.content.encoding;
  return { ...c, getContent };
}

/** Waits until the condition holds (capture is asynchronous), or fails after `ms`. */
async function waitFor(condition: () => boolean, what: string, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Lets every pending capture step run (no condition to wait for: used to show nothing more happens). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const NOT_FOUND = '{"message":"session not found: café ☕"}';
/** An events call answered 404 with a message body (the body the panel shows in Response). */
const notFound = (at: number) => eventEntry(SID, ev('ping', 10, T0 + at), { at, status: 404, responseBody: NOT_FOUND });

function otherEntries(): HarRequest[] {
  return [
    entry('https://cdn.example.com/video/master.m3u8', null, { method: 'GET', rawBody: null, status: 200, responseBody: '#EXTM3U' }),
    entry('https://cdn.example.com/video/seg-1.ts', null, { method: 'GET', rawBody: null, status: 200, at: 50 }),
    entry('https://example.hb-api.omtrdc.net/api/v1/sessions', null, { method: 'OPTIONS', rawBody: null, status: 204, at: 60 }),
  ];
}

describe('startCapture: live and back-filled requests', () => {
  test('two identical requests reported live are two rows: a double send is never hidden', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store);
    const entries = fixtureEntries('broken-sequence.har');
    for (const e of entries) net.finish(copy(e));
    // The player sends the first five calls again, byte for byte, in the same millisecond.
    for (const e of entries.slice(0, 5)) net.finish(copy(e));
    await waitFor(() => store.allExchanges().length >= entries.length + 5, 'every report');
    await settle();
    assert.equal(store.allExchanges().length, entries.length + 5);
  });

  test('Firefox-like whole-millisecond times: quick calls with the same start and duration are all kept', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    const done = startCapture(net, store);
    // Three pings sent in the same millisecond, each answered within it (time 0), bodies differ.
    const same = [10, 11, 12].map((playhead) => {
      const e = eventEntry(SID, ev('ping', playhead, T0 + 10_000), { at: 10_000 });
      return { ...e, time: 0 } as HarRequest;
    });
    assert.equal(new Set(same.map((e) => `${String(e.startedDateTime)}|${String(e.time)}`)).size, 1, 'same start and duration');
    for (const e of same) net.finish(copy(e));
    // getHAR() then reports the same three again; none is added twice.
    net.answerHar(same.map(copy));
    await done;
    await settle();
    assert.equal(store.allExchanges().length, 3);
  });

  test('requests reported live and again by getHAR() are kept once; the back-fill is counted', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    const done = startCapture(net, store);
    assert.equal(net.harCalls, 1, 'capture asks DevTools for what it already has');
    const entries = fixtureEntries('vod-clean.har');
    // Some requests finish while getHAR() is still pending; getHAR() then returns every request so far.
    for (const e of entries.slice(30)) net.finish(copy(e));
    net.answerHar(entries.map(copy));
    await done;
    assert.equal(store.get().backfilled, entries.length);
    assert.equal(store.analysis().calls.length, entries.length, 'each request once');
    // What the back-fill brought is analysed like live traffic: vod-clean.har is a correct session.
    assert.deepEqual(store.analysis().findings, []);
    assert.equal(store.analysis().sessions[0]?.media.name, 'Big Buck Bunny');
  });

  test('back-fill of other traffic counts it, and getHAR() failing leaves live capture working', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    const done = startCapture(net, store);
    net.failHar();
    await done;
    assert.equal(store.get().backfilled, 0);
    for (const e of fixtureEntries('broken-requests.har')) net.finish(copy(e));
    await waitFor(() => store.analysis().calls.length === 8, 'the live calls');

    const net2 = new FakeNetwork();
    const store2 = new PanelStore();
    const done2 = startCapture(net2, store2);
    net2.answerHar([...otherEntries(), ...fixtureEntries('broken-requests.har')]);
    await done2;
    assert.equal(store2.get().backfilled, otherEntries().length + 8);
    assert.equal(store2.get().otherRequests, otherEntries().length);
    assert.equal(store2.analysis().calls.length, 8);
  });

  test('two different requests with the same URL are both kept', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store);
    const a = eventEntry(SID, ev('ping', 10, T0 + 10_000), { at: 10_000 });
    const b = eventEntry(SID, ev('ping', 20, T0 + 20_000), { at: 20_000 });
    const key = (e: Record<string, unknown>) => requestKey(entryToExchange(e, 0));
    assert.notEqual(key(a), key(b));
    assert.equal(key(a), key(copy(a)));
    net.finish(a);
    net.finish(b);
    await waitFor(() => store.analysis().calls.length === 2, 'both pings');
  });
});

describe('startCapture: reply bodies from getContent()', () => {
  const shapes: { name: string; answer: () => unknown; expected: string | null }[] = [
    { name: '[body, "base64"] (polyfill in Chrome, binary-safe)', answer: () => Promise.resolve([b64(NOT_FOUND), 'base64']), expected: NOT_FOUND },
    { name: '[body, "application/json"] (Firefox: the second item is a MIME type)', answer: () => Promise.resolve([NOT_FOUND, 'application/json']), expected: NOT_FOUND },
    { name: '[body, ""] (polyfill in Chrome, text)', answer: () => Promise.resolve([NOT_FOUND, '']), expected: NOT_FOUND },
    { name: '{content, encoding: "base64"} (recent Chrome without the polyfill)', answer: () => Promise.resolve({ content: b64(NOT_FOUND), encoding: 'base64' }), expected: NOT_FOUND },
    { name: '{content} without encoding', answer: () => Promise.resolve({ content: NOT_FOUND }), expected: NOT_FOUND },
    { name: 'a plain string', answer: () => Promise.resolve(NOT_FOUND), expected: NOT_FOUND },
    { name: 'a value, not a promise', answer: () => [NOT_FOUND, 'application/json'], expected: NOT_FOUND },
    { name: 'a getContent() that throws', answer: () => { throw new Error('no content'); }, expected: null },
    { name: 'a getContent() that rejects', answer: () => Promise.reject(new Error('no content')), expected: null },
    { name: 'nothing usable (null)', answer: () => Promise.resolve(null), expected: null },
  ];

  for (const shape of shapes) {
    test(`reply body from ${shape.name}`, async () => {
      const net = new FakeNetwork();
      const store = new PanelStore();
      void startCapture(net, store);
      let asked = 0;
      net.finish(withContent(notFound(30_000), () => { asked++; return shape.answer(); }));
      await waitFor(() => store.allExchanges().length === 1, 'the call');
      assert.equal(asked, 1);
      const ex = store.allExchanges()[0];
      assert.equal(ex?.responseBody, shape.expected);
      assert.equal(ex?.status, 404);
      // The request is analysed whether or not its reply body could be read.
      assert.ok(store.analysis().findings.some((f) => f.code === 'http.session-not-found'));
    });
  }

  test('a getContent() that never answers gives up: the request is kept, without a reply body', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store);
    const started = Date.now();
    net.finish(withContent(notFound(30_000), () => new Promise(() => undefined)));
    // A quick request behind it is not held up.
    net.finish(withContent(eventEntry(SID, ev('ping', 40, T0 + 40_000), { at: 40_000 }), () => Promise.resolve(['', ''])));
    await waitFor(() => store.allExchanges().length === 1, 'the quick request');
    assert.equal(store.allExchanges()[0]?.status, 204);
    await waitFor(() => store.allExchanges().length === 2, 'the request whose body never comes', 10_000);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1000, `waits a while for the body before giving up (gave up after ${elapsed} ms)`);
    const stuck = store.allExchanges().find((ex) => ex.status === 404);
    assert.equal(stuck?.responseBody, null);
  });

  test('a reply body already in the entry is used as is; getContent() is not called', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store);
    let asked = 0;
    net.finish({ ...notFound(30_000), getContent: () => { asked++; return Promise.resolve(['other', '']); } });
    await waitFor(() => store.allExchanges().length === 1, 'the call');
    assert.equal(asked, 0);
    assert.equal(store.allExchanges()[0]?.responseBody, NOT_FOUND);
  });

  test('requests that are not Media Collection calls are counted, and their content is never fetched', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store);
    let asked = 0;
    const others = otherEntries().map((e) => withContent(e, () => { asked++; return Promise.resolve(['x', '']); }));
    for (const e of others) net.finish(e);
    net.finish(withContent(notFound(30_000), () => Promise.resolve([NOT_FOUND, ''])));
    await waitFor(() => store.get().otherRequests === others.length && store.allExchanges().length === 1, 'the other requests and the call');
    await settle();
    assert.equal(asked, 0, 'getContent() is only called for Media Collection calls');
    assert.equal(store.get().otherRequests, others.length);
    assert.equal(store.analysis().calls.length, 1);
  });

  test('a custom endpoint (a first-party proxy) is recognised, so its content is fetched', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore({ settings: { customEndpoints: ['https://t.example.com/mc'] } });
    void startCapture(net, store);
    let asked = 0;
    const proxied = entry(`https://t.example.com/mc/sessions/${SID}/events`, ev('ping', 10, T0 + 10_000), { at: 10_000, status: 404 });
    net.finish(withContent(proxied, () => { asked++; return Promise.resolve([NOT_FOUND, 'application/json']); }));
    await waitFor(() => store.allExchanges().length === 1, 'the proxied call');
    assert.equal(asked, 1);
    assert.equal(store.allExchanges()[0]?.responseBody, NOT_FOUND);
  });
});

describe('startCapture: navigations', () => {
  test('a navigation\'s marker takes the start DevTools\' log gives its page (the event comes after the new page\'s first calls)', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store, { now: () => T0 + 9000 });
    net.answerHar([]);
    await settle();
    (net as unknown as { getHAR(): Promise<unknown> }).getHAR = () => Promise.resolve({ entries: [], pages: [{ startedDateTime: new Date(T0 + 8200).toISOString() }] });
    net.navigate('https://player.example.com/watch/2');
    await waitFor(() => store.get().navigations[0]?.time === T0 + 8200, 'the page\'s start');
  });

  test('a navigation adds a marker at the time it happened; capture goes on', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    let clock = T0 + 5000;
    void startCapture(net, store, { now: () => clock });
    const entries = fixtureEntries('broken-sequence.har');
    for (const e of entries.slice(0, 6)) net.finish(copy(e));
    await waitFor(() => store.analysis().calls.length === 6, 'the first calls');
    net.navigate('https://player.example.com/watch/2');
    clock += 1000;
    net.navigate('https://player.example.com/watch/3');
    for (const e of entries.slice(6)) net.finish(copy(e));
    // A request seen live before the navigation and reported again by getHAR() is still a duplicate.
    net.answerHar([copy(entries[0] as HarRequest)]);
    await waitFor(() => store.analysis().calls.length === entries.length, 'the other calls');
    await settle();
    assert.equal(store.analysis().calls.length, entries.length);
    // Lossy: only the DevTools network API captured (no webRequest capture) when they happened.
    assert.deepEqual(store.get().navigations, [
      { afterCount: 6, time: T0 + 5000, url: 'https://player.example.com/watch/2', lossy: true },
      { afterCount: 6, time: T0 + 6000, url: 'https://player.example.com/watch/3', lossy: true },
    ]);
  });

  test('with preserve log off a navigation clears what was captured', async () => {
    const net = new FakeNetwork();
    const store = new PanelStore();
    void startCapture(net, store, { now: () => T0 });
    store.setPreserveLog(false);
    for (const e of fixtureEntries('broken-sequence.har')) net.finish(copy(e));
    await waitFor(() => store.analysis().calls.length > 0, 'the calls');
    await settle();
    net.navigate('https://player.example.com/watch/2');
    assert.equal(store.analysis().calls.length, 0);
    assert.deepEqual(store.get().navigations, []);
    assert.match(store.get().notice ?? '', /watch\/2/);
    for (const e of fixtureEntries('vod-clean.har')) net.finish(copy(e));
    await waitFor(() => store.analysis().calls.length === 48, 'the new page\'s calls');
  });
});

describe('normaliseContent and requestContent', () => {
  test('every shape getContent() may answer with', () => {
    const text = '{"message":"naïve ☕ 日本"}';
    assert.equal(normaliseContent([b64(text), 'base64']), text, 'base64 is decoded as UTF-8');
    assert.equal(normaliseContent([text, 'application/json']), text, 'a MIME type is not an encoding');
    assert.equal(normaliseContent([text, '']), text);
    assert.equal(normaliseContent([text]), text);
    assert.equal(normaliseContent({ content: b64(text), encoding: 'base64' }), text);
    assert.equal(normaliseContent({ content: text, encoding: '' }), text);
    assert.equal(normaliseContent({ content: text }), text);
    assert.equal(normaliseContent(text), text);
    assert.equal(normaliseContent(['', 'base64']), '', 'an empty body is an empty string, not "none"');
    assert.equal(normaliseContent(''), '');
  });

  test('nothing usable gives null', () => {
    for (const raw of [null, undefined, 42, true, [], [null, 'base64'], [42, ''], {}, { content: null }, { content: 42, encoding: 'base64' }, { encoding: 'base64' }]) {
      assert.equal(normaliseContent(raw), null, JSON.stringify(raw) ?? String(raw));
    }
  });

  test('base64 with line breaks is decoded; text that is not base64 is kept', () => {
    const long = 'x'.repeat(200);
    const wrapped = b64(long).replace(/(.{76})/g, '$1\n');
    assert.equal(normaliseContent([wrapped, 'base64']), long);
    assert.equal(normaliseContent(['not base64 at all!', 'base64']), 'not base64 at all!');
  });

  test('requestContent: a throwing or rejecting getContent() gives null', async () => {
    assert.equal(await requestContent({ getContent: () => { throw new Error('gone'); } }), null);
    assert.equal(await requestContent({ getContent: () => Promise.reject(new Error('gone')) }), null);
    assert.equal(await requestContent({ getContent: () => Promise.resolve(['aGk=', 'base64']) }), 'hi');
  });
});

describe('ReportMatcher', () => {
  test('live reports are never matched with each other: two alike are two requests', () => {
    const m = new ReportMatcher();
    assert.equal(m.live('k'), true);
    assert.equal(m.live('k'), true);
    assert.deepEqual(m.snapshot(['k', 'k']), [], 'a snapshot listing both adds nothing');
    assert.deepEqual(m.snapshot(['k', 'x', 'k', 'k']), [1, 3], 'a third k in the log is a third request; x is new');
    assert.equal(m.live('k'), false, 'the live report of the third k, which the snapshot brought');
    assert.equal(m.live('k'), true, 'a fourth');
  });

  test('a snapshot taken before the live report: the live report adds nothing', () => {
    const m = new ReportMatcher();
    assert.deepEqual(m.snapshot(['a', 'b']), [0, 1]);
    assert.deepEqual(m.snapshot(['a', 'b']), [], 'the same log again adds nothing');
    assert.equal(m.live('b'), false);
    assert.equal(m.live('a'), false);
    assert.equal(m.live('a'), true, 'another a, sent again');
  });

  test('restored requests are not added again by a snapshot; clear forgets everything', () => {
    const m = new ReportMatcher();
    m.restored('r');
    assert.deepEqual(m.snapshot(['r', 's']), [1]);
    m.clear();
    assert.deepEqual(m.snapshot(['r']), [0]);
  });

  test('the key tells bodies apart, and only bodies that differ', () => {
    const base = { startedAt: T0, method: 'POST', url: 'https://x/api/v1/sessions/a/events', durationMs: 0 };
    const a = requestKey({ ...base, requestBody: '{"playhead":10}' });
    assert.equal(a, requestKey({ ...base, requestBody: '{"playhead":10}' }));
    assert.notEqual(a, requestKey({ ...base, requestBody: '{"playhead":11}' }));
    assert.notEqual(a, requestKey({ ...base, requestBody: null }));
    assert.notEqual(requestKey({ ...base, requestBody: '' }), requestKey({ ...base, requestBody: null }));
  });
});

