/**
 * The background's webRequest capture (extension/background/), driven with webRequest details as
 * the browsers pass them: only the watched tabs' media calls, assembled from their events into
 * exchanges (body, status, headers, reply body through a filter), and the permissions it asks for.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebCapture, bodyOf, type CapturedExchange, type ReplyFilter, type RequestDetails } from '../../extension/background/web-capture.ts';
import { WatchedTabs, type ToDevtools } from '../../extension/background/watched-tabs.ts';
import { ADOBE_ORIGINS, apiPermissions, isGranted, originOf, originsFor } from '../../extension/consent/capture-permissions.ts';

const enc = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;
const URL_START = 'https://x.hb-api.omtrdc.net/api/v1/sessions';

function details(requestId: string, extra: Partial<RequestDetails> = {}): RequestDetails {
  return { requestId, tabId: 7, method: 'POST', url: URL_START, timeStamp: 1000, type: 'xmlhttprequest', ...extra };
}

/** A stream filter the test feeds by hand, recording what reaches the page. */
class FakeFilter implements ReplyFilter {
  ondata: ((event: { data: ArrayBuffer }) => void) | null = null;
  onstop: (() => void) | null = null;
  onerror: (() => void) | null = null;
  written: ArrayBuffer[] = [];
  closed = false;
  write(data: ArrayBuffer): void { this.written.push(data); }
  close(): void { this.closed = true; }
  disconnect(): void { this.closed = true; }
}

function setUp(o: { watched?: boolean; filter?: boolean } = {}) {
  const out: { tabId: number; ex: CapturedExchange }[] = [];
  const filters: FakeFilter[] = [];
  const timers: (() => void)[] = [];
  const capture = new WebCapture({
    wants: (tabId) => (o.watched ?? true) && tabId === 7,
    emit: (tabId, ex) => out.push({ tabId, ex }),
    filterReply: o.filter ? () => {
      const f = new FakeFilter();
      filters.push(f);
      return f;
    } : undefined,
    setTimer: (fn) => timers.push(fn),
  });
  return { capture, out, filters, timers };
}

describe('WebCapture', () => {
  test('a session start followed from its body to its 201 and Location', () => {
    const { capture, out } = setUp();
    capture.beforeRequest(details('1', { requestBody: { raw: [{ bytes: enc('{"eventType":"sessionStart"}') }] } }));
    capture.sendHeaders(details('1', { requestHeaders: [{ name: 'Content-Type', value: 'application/json' }] }));
    capture.headersReceived(details('1', { statusCode: 201, statusLine: 'HTTP/1.1 201 Created', responseHeaders: [{ name: 'Location', value: '/api/v1/sessions/abc' }] }));
    capture.completed(details('1', { statusCode: 201, timeStamp: 1042 }));
    assert.equal(out.length, 1);
    const ex = out[0]!.ex;
    assert.equal(ex.requestBody, '{"eventType":"sessionStart"}');
    assert.equal(ex.status, 201);
    assert.equal(ex.statusText, 'Created');
    assert.deepEqual(ex.responseHeaders, [{ name: 'Location', value: '/api/v1/sessions/abc' }]);
    assert.deepEqual(ex.requestHeaders, [{ name: 'Content-Type', value: 'application/json' }]);
    assert.equal(ex.startedAt, 1000);
    assert.equal(ex.durationMs, 42);
    assert.deepEqual(ex.capturedBy, ['webRequest']);
    assert.equal(capture.inFlight, 0);
  });

  test('requests of tabs nobody watches, and other traffic, are not followed at all', () => {
    const { capture, out } = setUp({ watched: false });
    capture.beforeRequest(details('1'));
    capture.completed(details('1', { statusCode: 204 }));
    assert.equal(out.length, 0);
    assert.equal(capture.inFlight, 0);
    const other = setUp();
    other.capture.beforeRequest(details('2', { tabId: 3 }));
    other.capture.beforeRequest(details('3', { tabId: -1 }));
    assert.equal(other.capture.inFlight, 0);
  });

  test('no reply (a blocker, a navigation): status 0 with the browser\'s reason', () => {
    const { capture, out } = setUp();
    capture.beforeRequest(details('1'));
    capture.failed(details('1', { error: 'NS_ERROR_ABORT', timeStamp: 1100 }));
    assert.equal(out[0]?.ex.status, 0);
    assert.equal(out[0]?.ex.failure, 'NS_ERROR_ABORT');
  });

  test('Firefox: the reply streams through unchanged and is kept (an Edge session start\'s handle)', () => {
    const { capture, out, filters } = setUp({ filter: true });
    capture.beforeRequest(details('1', { url: 'https://edge.adobedc.net/ee/v1/interact?configId=x' }));
    const f = filters[0]!;
    const part1 = enc('{"handle":[{"type":"media-analytics:new-');
    const part2 = enc('session","payload":[{"sessionId":"abc"}]}]}');
    f.ondata?.({ data: part1 });
    f.ondata?.({ data: part2 });
    capture.completed(details('1', { statusCode: 200 }));
    assert.equal(out.length, 0, 'waits for the end of the stream');
    f.onstop?.();
    assert.equal(f.closed, true);
    assert.deepEqual(f.written, [part1, part2], 'the page gets every byte');
    assert.equal(out[0]?.ex.responseBody, '{"handle":[{"type":"media-analytics:new-session","payload":[{"sessionId":"abc"}]}]}');
  });

  test('a reply stream that never ends does not hold the call forever', () => {
    const { capture, out, filters, timers } = setUp({ filter: true });
    capture.beforeRequest(details('1'));
    filters[0]!.ondata?.({ data: enc('{"partial"') });
    capture.completed(details('1', { statusCode: 200 }));
    assert.equal(out.length, 0);
    timers.forEach((t) => t());
    assert.equal(out.length, 1);
    assert.equal(out[0]?.ex.responseBody, '{"partial"');
  });

  test('request bodies: raw bytes as UTF-8 (several parts), a form re-encoded, none', () => {
    assert.equal(bodyOf({ raw: [{ bytes: enc('{"a":"caf') }, { bytes: enc('é ☕"}') }] }), '{"a":"café ☕"}');
    assert.equal(bodyOf({ formData: { a: ['1', '2'], 'b c': ['x&y'] } }), 'a=1&a=2&b%20c=x%26y');
    assert.equal(bodyOf(null), null);
    assert.equal(bodyOf({ error: 'Unknown error' }), null);
  });
});

describe('WatchedTabs', () => {
  const port = () => {
    const got: ToDevtools[] = [];
    return { got, postMessage: (m: ToDevtools) => got.push(m) };
  };

  test('only media calls of a watched tab, under that panel\'s custom endpoints, go to its panels', () => {
    const tabs = new WatchedTabs();
    const a = port();
    tabs.watch(7, a, []);
    assert.equal(tabs.wants(7, 'POST', URL_START), true);
    assert.equal(tabs.wants(7, 'GET', 'https://cdn.example.com/video.m3u8'), false, 'not a media call');
    assert.equal(tabs.wants(8, 'POST', URL_START), false, 'another tab');
    assert.equal(tabs.wants(7, 'POST', 'https://first.example.com/mc/sessions'), false);
    tabs.setEndpoints(a, ['https://first.example.com/mc']);
    assert.equal(tabs.wants(7, 'POST', 'https://first.example.com/mc/sessions'), true, 'a custom endpoint');
    tabs.deliver(7, { method: 'POST' } as CapturedExchange);
    assert.equal(a.got.length, 1);
    assert.deepEqual(tabs.unwatch(a), [7], 'the tab is no longer watched');
    assert.equal(tabs.size, 0);
  });
});

describe('what "Capture without loss" asks for', () => {
  test('the API permissions per browser, Adobe\'s hosts and the custom endpoints\' hosts, no more', () => {
    assert.deepEqual(apiPermissions('firefox'), ['webRequest', 'webRequestBlocking', 'webRequestFilterResponse']);
    assert.deepEqual(apiPermissions('chromium'), ['webRequest']);
    assert.deepEqual(originsFor([]), [...ADOBE_ORIGINS]);
    assert.deepEqual(originsFor(['https://t.example.com:8443/mc', 'http://127.0.0.1:4000/api/v1', 'ftp://x', 'not a url']),
      [...ADOBE_ORIGINS, 'https://t.example.com/*', 'http://127.0.0.1/*']);
    assert.equal(originOf('http://[::1]:8080/x'), 'http://[::1]/*');
  });

  test('granted means the webRequest API and Adobe\'s hosts', async () => {
    const api = (permissions: string[], contains: boolean) => ({
      getAll: async () => ({ permissions, origins: [] }),
      contains: async () => contains,
    });
    assert.equal(await isGranted(api(['storage', 'webRequest'], true)), true);
    assert.equal(await isGranted(api(['storage'], true)), false);
    assert.equal(await isGranted(api(['webRequest'], false)), false);
    assert.equal(await isGranted({ getAll: async () => { throw new Error('no'); }, contains: async () => true }), false);
  });
});
