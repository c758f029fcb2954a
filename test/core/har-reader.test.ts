import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { entryToExchange, HarError, parseHar, readHar } from '../../src/core/har/read-har.ts';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { entry, eventEntry, ev, har, HOST, SID, T0, validBodies } from '../helpers/har-builder.ts';
import { cleanVod } from '../helpers/scenarios.ts';
import { base64, charlesEntry, firefoxEntry, requestFindings } from '../helpers/more-builders.ts';

const EVENTS_URL = `${HOST}/api/v1/sessions/${SID}/events`;

function harText(entries: unknown[], creator?: unknown): string {
  const doc = har(entries);
  if (creator !== undefined) doc.log.creator = creator;
  return JSON.stringify(doc);
}

/** Runs fn, expects a HarError, returns its message. */
function harErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof HarError, `expected a HarError, got ${String(e)}`);
    assert.equal(e.name, 'HarError');
    return e.message;
  }
  assert.fail('expected a HarError, nothing was thrown');
}

describe('readHar: Chrome-style recordings', () => {
  test('reads method, url, headers, body, status, times, resource type and creator', () => {
    const body = ev('play', 0, T0 + 5);
    const text = harText([eventEntry(SID, body, { at: 1500, resourceType: 'xhr' })]);
    const { creator, exchanges } = readHar(text, 'chrome.har');
    assert.equal(creator, 'WebInspector 537.36');
    assert.equal(exchanges.length, 1);
    const ex = exchanges[0]!;
    assert.equal(ex.index, 0);
    assert.equal(ex.method, 'POST');
    assert.equal(ex.url, EVENTS_URL);
    assert.equal(ex.requestBody, JSON.stringify(body));
    assert.deepEqual(JSON.parse(ex.requestBody!), body);
    assert.equal(ex.status, 204);
    assert.equal(ex.startedAt, T0 + 1500);
    assert.equal(ex.durationMs, 35.2);
    assert.equal(ex.resourceType, 'xhr');
    assert.equal(ex.failure, null);
    assert.deepEqual(ex.requestHeaders.find((h) => h.name === 'Origin'), { name: 'Origin', value: 'https://player.example.com' });
  });

  test('a blocked request keeps Chrome\'s _error as the failure reason and status 0', () => {
    const text = harText([eventEntry(SID, ev('ping', 10, T0), { status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })]);
    const ex = readHar(text, 'chrome.har').exchanges[0]!;
    assert.equal(ex.status, 0);
    assert.equal(ex.failure, 'net::ERR_BLOCKED_BY_CLIENT');
  });

  test('sendBeacon entries keep resource type "ping"', () => {
    const text = harText([eventEntry(SID, ev('sessionEnd', 30, T0), { resourceType: 'ping' })]);
    assert.equal(readHar(text, 'chrome.har').exchanges[0]!.resourceType, 'ping');
  });

  test('exchanges keep recording order and indexes', () => {
    const entries = cleanVod(SID);
    const { exchanges } = readHar(harText(entries), 'vod.har');
    assert.equal(exchanges.length, entries.length);
    exchanges.forEach((ex, i) => assert.equal(ex.index, i));
    assert.match(exchanges[0]!.url, /\/api\/v1\/sessions$/);
    assert.equal(exchanges[0]!.status, 201);
  });

  test('response headers and a JSON error body come through as text', () => {
    const text = harText([eventEntry(SID, ev('play', 0, T0), {
      status: 400, responseBody: '{"message":"bad body"}', responseHeaders: [{ name: 'X-Test', value: '1' }],
    })]);
    const ex = readHar(text, 'chrome.har').exchanges[0]!;
    assert.equal(ex.responseBody, '{"message":"bad body"}');
    assert.deepEqual(ex.responseHeaders, [{ name: 'X-Test', value: '1' }]);
  });
});

describe('readHar: Firefox-style recordings', () => {
  test('no _resourceType gives resourceType null; postData text wins over (empty) params', () => {
    const body = JSON.stringify(ev('play', 0, T0));
    const text = harText([firefoxEntry(EVENTS_URL, body, 204)], { name: 'Firefox', version: '130.0' });
    const { creator, exchanges } = readHar(text, 'firefox.har');
    assert.equal(creator, 'Firefox 130.0');
    const ex = exchanges[0]!;
    assert.equal(ex.resourceType, null);
    assert.equal(ex.requestBody, body);
    assert.equal(ex.status, 204);
    assert.equal(ex.startedAt, T0, 'an ISO time with a +00:00 offset is parsed');
    assert.equal(ex.failure, null);
  });

  test('postData with both params and text: the text is the body', () => {
    const body = JSON.stringify(ev('ping', 10, T0));
    const e = firefoxEntry(EVENTS_URL, body, 204);
    (e.request as { postData: Record<string, unknown> }).postData.params = [{ name: 'ignored', value: 'x' }];
    assert.equal(entryToExchange(e, 0).requestBody, body);
  });

  test('postData with params only (a form post) becomes a urlencoded body', () => {
    const e = firefoxEntry(EVENTS_URL, null, 204);
    (e.request as Record<string, unknown>).postData = {
      mimeType: 'application/x-www-form-urlencoded',
      params: [{ name: 'event type', value: 'play&go' }, { name: 'b', value: '2' }, 'not a param'],
    };
    assert.equal(entryToExchange(e, 0).requestBody, 'event%20type=play%26go&b=2');
  });

  test('a Firefox entry without a reply (status 0, no _error) gets a generic failure reason', () => {
    const ex = entryToExchange(firefoxEntry(EVENTS_URL, '{}', 0), 3);
    assert.equal(ex.index, 3);
    assert.equal(ex.status, 0);
    assert.equal(typeof ex.failure, 'string');
    assert.ok(ex.failure!.length > 0);
  });
});

describe('readHar: Charles-style recordings (base64 bodies)', () => {
  test('base64 request and response bodies are decoded, UTF-8 included', () => {
    const body = JSON.stringify(ev('error', 3, T0, { qoeData: { 'media.qoe.errorID': 'décodage' } }));
    const reply = '{"message":"événement refusé"}';
    const text = harText([charlesEntry(EVENTS_URL, body, 400, reply)], { name: 'Charles Proxy', version: '4.6.4' });
    const { creator, exchanges } = readHar(text, 'charles.har');
    assert.equal(creator, 'Charles Proxy 4.6.4');
    const ex = exchanges[0]!;
    assert.equal(ex.requestBody, body);
    assert.equal(ex.responseBody, reply);
    assert.equal(ex.status, 400);
    assert.equal(ex.resourceType, null);
  });

  test('a decoded Charles body is validated like any other (400 message shown)', () => {
    const body = JSON.stringify(ev('play', 0, T0));
    const text = harText([charlesEntry(EVENTS_URL, body, 400, '{"message":"Invalid event"}')]);
    const findings = requestFindings(analyse(readHar(text, 'charles.har').exchanges).findings);
    assert.deepEqual(findings.map((f) => f.code), ['http.bad-request']);
    assert.match(findings[0]!.message, /Invalid event/);
  });

  test('text without an encoding field is not base64-decoded', () => {
    const plain = base64('{"a":1}');
    const e = entry(EVENTS_URL, null, { rawBody: plain });
    assert.equal(entryToExchange(e, 0).requestBody, plain);
  });
});

describe('readHar: missing bodies and odd entries', () => {
  test('an entry without postData has requestBody null (not "")', () => {
    const ex = readHar(harText([eventEntry(SID, null, { rawBody: null })]), 'x.har').exchanges[0]!;
    assert.equal(ex.requestBody, null);
  });

  test('a postData without text or params has requestBody null', () => {
    const e = entry(EVENTS_URL, null, { rawBody: null });
    (e.request as Record<string, unknown>).postData = { mimeType: 'application/json' };
    assert.equal(entryToExchange(e, 0).requestBody, null);
  });

  test('a response without content text has responseBody null', () => {
    const ex = entryToExchange(eventEntry(SID, validBodies().play), 0);
    assert.equal(ex.responseBody, null);
  });

  test('an entry with only request method/url and a status: every optional field has a safe default', () => {
    const ex = entryToExchange({ request: { method: 'post', url: EVENTS_URL }, response: { status: 204 } }, 7);
    assert.deepEqual(ex, {
      index: 7,
      method: 'POST',
      url: EVENTS_URL,
      requestHeaders: [],
      requestBody: null,
      status: 204,
      statusText: '',
      responseHeaders: [],
      responseBody: null,
      startedAt: Number.NaN,
      durationMs: null,
      resourceType: null,
      failure: null,
    });
  });

  test('entries that are not objects, or have fields of the wrong type, never throw', () => {
    const odd: unknown[] = [
      null, undefined, 42, 'entry', [], true, {},
      { request: null, response: 'x' },
      { request: { method: 5, url: ['x'], headers: 'h', postData: 'body' }, response: { status: '204', headers: [null, 1, { name: 'A' }], content: 'x' } },
      { request: { headers: [{ name: 1, value: 2 }] }, response: { status: Number.NaN } },
      { startedDateTime: 'not a date', time: -1, _resourceType: 7, response: { status: 204, _error: 42 } },
      { time: 'slow', response: { status: Infinity } },
    ];
    odd.forEach((e, i) => {
      const ex = entryToExchange(e, i);
      assert.equal(ex.index, i);
      assert.equal(typeof ex.method, 'string');
      assert.equal(typeof ex.url, 'string');
      assert.ok(Number.isFinite(ex.status), `status of entry ${i} is finite`);
      assert.ok(Array.isArray(ex.requestHeaders) && Array.isArray(ex.responseHeaders));
      for (const h of [...ex.requestHeaders, ...ex.responseHeaders]) {
        assert.equal(typeof h.name, 'string');
        assert.equal(typeof h.value, 'string');
      }
      assert.ok(ex.durationMs === null || ex.durationMs >= 0);
      assert.ok(ex.resourceType === null || typeof ex.resourceType === 'string');
    });
    const ex = entryToExchange(odd[10], 10);
    assert.ok(Number.isNaN(ex.startedAt));
    assert.equal(ex.durationMs, null);
    assert.equal(ex.resourceType, null);
    const headers = entryToExchange(odd[8], 8).responseHeaders;
    assert.deepEqual(headers, [{ name: 'A', value: '' }]);
  });

  test('a HAR of odd entries reads and analyses without throwing, ignoring them', () => {
    const text = JSON.stringify({ log: { entries: [null, 1, 'x', [], {}, { request: {} }] } });
    const { creator, exchanges } = readHar(text, 'odd.har');
    assert.equal(creator, null);
    assert.equal(exchanges.length, 6);
    const analysis = analyse(exchanges);
    assert.equal(analysis.calls.length, 0);
    assert.equal(analysis.ignored, 6);
    assert.deepEqual(analysis.findings, []);
  });

  test('an empty entries list is a valid (empty) recording', () => {
    assert.deepEqual(readHar('{"log":{"entries":[]}}', 'empty-log.har'), { creator: null, exchanges: [] });
  });

  test('surrounding whitespace is fine', () => {
    assert.equal(readHar(`\n  ${harText([eventEntry(SID, ev('play', 0, T0))])}\n\n`, 'ws.har').exchanges.length, 1);
  });
});

describe('parseHar: files that are not usable HAR recordings', () => {
  const full = JSON.stringify(har(cleanVod(SID).slice(0, 3)), null, 2);

  /** Cut points, each a file that ends too early. */
  const cuts: { where: string; text: string }[] = [
    { where: 'inside a string', text: full.slice(0, full.indexOf('"POST"') + 3) },
    { where: 'right after a comma between entries', text: full.slice(0, full.indexOf('      },\n      {') + 8) },
    { where: 'right after an opening brace', text: full.slice(0, full.indexOf('"entries": [') + 12) + '\n    {' },
    { where: 'in the middle of a number', text: full.slice(0, full.indexOf('"status": 201') + 11) },
    { where: 'right after a complete value', text: full.slice(0, full.indexOf('"status": 201') + 13) },
    { where: 'only the final closing brace missing', text: full.slice(0, full.lastIndexOf('}')) },
    { where: 'after a key and its colon', text: full.slice(0, full.indexOf('"status":') + 9) },
  ];
  for (const { where, text } of cuts) {
    test(`a truncated file (cut ${where}) is reported as truncated, naming the file`, () => {
      assert.throws(() => JSON.parse(text), 'fixture sanity: the cut text is not valid JSON');
      const message = harErrorOf(() => parseHar(text, 'session-42.har'));
      assert.match(message, /session-42\.har/);
      assert.match(message, /truncated/i);
    });
  }

  test('a file that is complete but has garbage after the JSON is not called truncated', () => {
    const message = harErrorOf(() => parseHar(`${full}\n}`, 'extra.har'));
    assert.match(message, /extra\.har/);
    assert.doesNotMatch(message, /truncated/i);
    assert.match(message, /not valid JSON/);
  });

  test('an empty file, or whitespace only', () => {
    for (const text of ['', '   \n\t ']) {
      const message = harErrorOf(() => parseHar(text, 'blank.har'));
      assert.match(message, /blank\.har/);
      assert.match(message, /empty/);
    }
  });

  test('a file that is not JSON at all (an HTML page, a text)', () => {
    for (const text of ['<!DOCTYPE html><html></html>', 'hello', "{'log': {}}"]) {
      const message = harErrorOf(() => parseHar(text, 'page.html'));
      assert.match(message, /page\.html/);
      assert.match(message, /not a HAR recording/);
      assert.match(message, /not valid JSON/);
      assert.doesNotMatch(message, /truncated/i);
    }
  });

  test('JSON without a "log" object', () => {
    for (const text of ['{}', '[]', 'null', '42', '"log"', '{"log": []}', '{"log": null}', '{"entries": []}']) {
      const message = harErrorOf(() => parseHar(text, 'nolog.json'));
      assert.match(message, /nolog\.json/);
      assert.match(message, /"log"/);
    }
  });

  test('JSON with a log but without a log.entries list', () => {
    for (const text of ['{"log": {}}', '{"log": {"entries": {}}}', '{"log": {"entries": "x"}}', '{"log": {"version": "1.2", "pages": []}}']) {
      const message = harErrorOf(() => parseHar(text, 'noentries.har'));
      assert.match(message, /noentries\.har/);
      assert.match(message, /log\.entries/);
    }
  });

  test('readHar throws the same HarError as parseHar', () => {
    const message = harErrorOf(() => readHar('{"log": {}}', 'r.har'));
    assert.match(message, /r\.har/);
  });
});
