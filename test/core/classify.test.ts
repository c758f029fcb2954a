import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, pathOf, sidFromLocation } from '../../src/core/protocol/media-collection/classify.ts';
import { mediaCollection } from '../../src/core/protocol/media-collection/adapter.ts';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { entry, ev, SID, T0 } from '../helpers/har-builder.ts';

const HOSTS = [
  'https://example.hb-api.omtrdc.net',
  'https://media.example.com/collect',
  'http://localhost:8080/a/b/c',
  'https://10.0.0.7',
];

describe('classify: the four routes, on any host and under any path prefix', () => {
  for (const base of HOSTS) {
    test(`sessions, events, downloaded and schema under ${base}`, () => {
      assert.deepEqual(classify('POST', `${base}/api/v1/sessions`), { kind: 'sessions', sid: null, schemaType: null });
      assert.deepEqual(classify('POST', `${base}/api/v1/sessions/${SID}/events`), { kind: 'events', sid: SID, schemaType: null });
      assert.deepEqual(classify('POST', `${base}/api/v1/downloaded`), { kind: 'downloaded', sid: null, schemaType: null });
      assert.deepEqual(classify('GET', `${base}/api/v1/schemas/adStart`), { kind: 'schema', sid: null, schemaType: 'adStart' });
    });
  }

  test('the first-party example of the spec', () => {
    assert.equal(classify('POST', 'https://media.example.com/collect/api/v1/sessions')?.kind, 'sessions');
  });

  test('query strings and fragments do not matter', () => {
    assert.equal(classify('POST', 'https://h.example/api/v1/sessions?debug=1&x=/y')?.kind, 'sessions');
    assert.equal(classify('POST', 'https://h.example/api/v1/sessions#top')?.kind, 'sessions');
    assert.deepEqual(classify('POST', 'https://h.example/api/v1/sessions/abc123/events?cb=17'), { kind: 'events', sid: 'abc123', schemaType: null });
    assert.equal(classify('POST', 'https://h.example/api/v1/downloaded?v=2')?.kind, 'downloaded');
    assert.deepEqual(classify('GET', 'https://h.example/api/v1/schemas/play?format=json'), { kind: 'schema', sid: null, schemaType: 'play' });
  });

  test('a trailing slash is accepted', () => {
    assert.equal(classify('POST', 'https://h.example/api/v1/sessions/')?.kind, 'sessions');
    assert.deepEqual(classify('POST', 'https://h.example/api/v1/sessions/abc/events/'), { kind: 'events', sid: 'abc', schemaType: null });
    assert.equal(classify('POST', 'https://h.example/api/v1/downloaded/')?.kind, 'downloaded');
    assert.equal(classify('GET', 'https://h.example/api/v1/schemas/ping/')?.schemaType, 'ping');
  });

  test('a percent-encoded sid is decoded; a badly encoded one is kept as sent', () => {
    assert.equal(classify('POST', 'https://h.example/api/v1/sessions/a%20b/events')?.sid, 'a b');
    assert.equal(classify('POST', 'https://h.example/api/v1/sessions/a%E0%A4%A/events')?.sid, 'a%E0%A4%A');
  });

  test('any sid format is accepted, not only 64 hex characters', () => {
    for (const sid of ['1', 'ABC-def_123', 'x'.repeat(300)]) {
      assert.equal(classify('POST', `https://h.example/api/v1/sessions/${sid}/events`)?.sid, sid);
    }
  });

  test('relative URLs are classified by their path', () => {
    assert.equal(classify('POST', '/api/v1/sessions')?.kind, 'sessions');
    assert.equal(classify('POST', '/prefix/api/v1/sessions/s1/events')?.sid, 's1');
  });
});

describe('classify: requests that are not Media Collection calls', () => {
  test('CORS preflights (OPTIONS) are ignored on every route, and HEAD too', () => {
    for (const url of [
      'https://h.example/api/v1/sessions',
      `https://h.example/api/v1/sessions/${SID}/events`,
      'https://h.example/api/v1/downloaded',
      'https://h.example/api/v1/schemas/play',
    ]) {
      assert.equal(classify('OPTIONS', url), null, url);
      assert.equal(classify('HEAD', url), null, url);
    }
  });

  test('an OPTIONS preflight in a HAR (any letter case) is not inspected by the adapter', () => {
    const preflight = entryToExchange(entry(`https://h.example/api/v1/sessions/${SID}/events`, null, { method: 'options', rawBody: null, status: 204 }), 0);
    assert.equal(preflight.method, 'OPTIONS');
    assert.equal(mediaCollection.inspect(preflight), null);
    const real = entryToExchange(entry(`https://h.example/api/v1/sessions/${SID}/events`, ev('play', 0, T0)), 1);
    assert.equal(mediaCollection.inspect(real)?.kind, 'events');
  });

  test('unrelated URLs give null', () => {
    for (const url of [
      'https://h.example/',
      'https://h.example/api/v1/session',
      'https://h.example/api/v1/sessionsX',
      'https://h.example/api/v2/sessions',
      'https://h.example/notapi/v1/sessions',
      'https://h.example/api/v1/sessions/abc',
      'https://h.example/api/v1/sessions/abc/event',
      'https://h.example/api/v1/sessions/abc/events/extra',
      'https://h.example/api/v1/sessions//events',
      'https://h.example/api/v1/schemas',
      'https://h.example/api/v1/downloaded/abc',
      'https://h.example/track?next=/api/v1/sessions',
      'https://h.example/collect?u=https://x/api/v1/sessions/abc/events',
      'https://h.example/b/ss/rsid/1/JS-2.22.0/s123',
      'https://edge.adobedc.net/ee/va/v1/sessionStart?configId=abc',
      'https://example.hb.omtrdc.net/?s:event:type=start',
      '',
    ]) {
      assert.equal(classify('POST', url), null, url);
    }
  });

  test('garbage input gives null, never throws', () => {
    for (const url of ['http://[::1', 'http://exa mple.com/api/v1/sessions%', '\u0000', '::::', 'javascript:alert(1)']) {
      assert.doesNotThrow(() => classify('POST', url));
    }
    assert.equal(classify('POST', 'http://[::1'), null);
    assert.equal(pathOf('http://[::1'), null);
  });
});

describe('sidFromLocation', () => {
  test('relative Location, as the API sends it', () => {
    assert.equal(sidFromLocation(`/api/v1/sessions/${SID}`), SID);
  });

  test('absolute Location, on any host and prefix', () => {
    assert.equal(sidFromLocation(`https://example.hb-api.omtrdc.net/api/v1/sessions/${SID}`), SID);
    assert.equal(sidFromLocation('https://media.example.com/collect/api/v1/sessions/s-1'), 's-1');
  });

  test('other API versions match, as clients match ^/api/(.*)/sessions/(.*)', () => {
    assert.equal(sidFromLocation('/api/v2/sessions/abc'), 'abc');
  });

  test('trailing slash, query, fragment and surrounding spaces', () => {
    assert.equal(sidFromLocation('/api/v1/sessions/abc/'), 'abc');
    assert.equal(sidFromLocation('/api/v1/sessions/abc?x=1'), 'abc');
    assert.equal(sidFromLocation('/api/v1/sessions/abc#f'), 'abc');
    assert.equal(sidFromLocation('  /api/v1/sessions/abc  '), 'abc');
  });

  test('percent-encoded sid is decoded', () => {
    assert.equal(sidFromLocation('/api/v1/sessions/a%2Bb'), 'a+b');
  });

  test('missing or unusable values give null', () => {
    for (const location of [
      null, '', '   ', 'garbage', '/api/v1/sessions', '/api/v1/sessions/', '/sessions/abc',
      '/api/v1/sessions/abc/events', '/api/v1/other/abc', 'http://[::1', '/api//sessions',
    ]) {
      assert.equal(sidFromLocation(location), null, String(location));
    }
  });
});
