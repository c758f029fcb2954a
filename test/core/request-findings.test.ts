import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readHar } from '../../src/core/har/read-har.ts';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { mediaCollection } from '../../src/core/protocol/media-collection/adapter.ts';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { CATALOGUE, type FindingCode } from '../../src/core/findings/catalogue.ts';
import {
  entry, ev, eventEntry, HOST, SID, SID2, sessionsEntry, sessionStartBody, T0, validBodies,
} from '../helpers/har-builder.ts';
import { brokenRequests, cleanVod } from '../helpers/scenarios.ts';
import {
  analyseEntries, codesOf, downloadedEntry, expectFinding, expectNoFinding, requestFindings, SPEC_SEVERITY, withCode,
} from '../helpers/more-builders.ts';

const B = validBodies();
/** Request-level findings only: the session-sequence rules are tested elsewhere. */
const findingsOf = (entries: unknown[]) => requestFindings(analyseEntries(entries).findings);
const SCHEMA_CODES: FindingCode[] = ['schema.violation', 'schema.unknown-event-type', 'endpoint.mismatch', 'metadata.misplaced', 'qoe.misplaced', 'error.no-details'];

describe('catalogue and spec agree on severities (HTTP replies, Bodies)', () => {
  test('every code of the two sections is in the catalogue with the spec severity', () => {
    for (const [code, severity] of Object.entries(SPEC_SEVERITY)) {
      assert.equal(CATALOGUE[code as FindingCode].severity, severity, code);
    }
  });
});

describe('clean recordings', () => {
  test('the clean VOD scenario yields zero findings', () => {
    const analysis = analyseEntries(cleanVod(SID));
    assert.deepEqual(analysis.findings, []);
    assert.equal(analysis.calls.length, cleanVod(SID).length);
    assert.equal(analysis.ignored, 0);
    assert.equal(analysis.calls[0]!.sid, SID);
    assert.equal(analysis.calls[0]!.opensSession, true);
  });

  test('the shipped vod-clean.har fixture yields zero findings', () => {
    const text = readFileSync(new URL('../fixtures/vod-clean.har', import.meta.url), 'utf8');
    assert.deepEqual(analyse(readHar(text, 'vod-clean.har').exchanges).findings, []);
  });

  test('unrelated traffic is counted as ignored, never as findings', () => {
    const analysis = analyseEntries([
      entry('https://www.example.com/index.html', null, { method: 'GET', rawBody: null, status: 200 }),
      entry('https://h.example/b/ss/rsid/1/JS', 'x', { status: 500 }),
      eventEntry(SID, B.play),
    ]);
    assert.equal(analysis.ignored, 2);
    assert.equal(analysis.calls.length, 1);
    assert.deepEqual(requestFindings(analysis.findings), []);
  });
});

describe('HTTP replies', () => {
  test('http.bad-request: 400 shows the server\'s {"message"} verbatim', () => {
    const findings = findingsOf([eventEntry(SID, B.play, { status: 400, responseBody: '{"message":"Invalid value for media.length: \\"600\\""}' })]);
    const f = expectFinding(findings, 'http.bad-request');
    assert.ok(f.message.includes('Invalid value for media.length: "600"'), f.message);
    assert.ok(!f.message.includes('{"message"'), 'the JSON wrapper is not shown');
    assert.equal(f.exchange, 0);
    assert.equal(f.sid, SID);
    assert.equal(findings.length, 1);
  });

  test('http.bad-request: 400 without a body, and with a plain-text body', () => {
    expectFinding(findingsOf([sessionsEntry(sessionStartBody(), null, { status: 400 })]), 'http.bad-request');
    const f = expectFinding(findingsOf([eventEntry(SID, B.play, { status: 400, responseBody: 'Bad Request: body too large' })]), 'http.bad-request');
    assert.match(f.message, /Bad Request: body too large/);
  });

  test('http.bad-request: a 400 on the downloaded endpoint', () => {
    const f = expectFinding(findingsOf([downloadedEntry([sessionStartBody()], { status: 400, responseBody: '{"message":"batch rejected"}' })]), 'http.bad-request');
    assert.match(f.message, /batch rejected/);
  });

  test('no http.* finding on the expected statuses', () => {
    const findings = findingsOf([
      sessionsEntry(sessionStartBody(), SID),
      eventEntry(SID, B.play, { at: 10 }),
      downloadedEntry([sessionStartBody(T0, { 'media.downloaded': true }), B.sessionEnd], { at: 20 }),
      entry(`${HOST}/api/v1/schemas/play`, null, { method: 'GET', rawBody: null, status: 200, at: 30 }),
    ]);
    assert.deepEqual(findings, []);
  });

  test('http.session-not-found: 404 on an events call', () => {
    const findings = findingsOf([eventEntry(SID, B.play, { status: 404 })]);
    const f = expectFinding(findings, 'http.session-not-found');
    assert.equal(f.sid, SID);
    expectNoFinding(findings, 'http.unexpected-status');
  });

  test('a 404 on the sessions endpoint is not session-not-found (no sid there) but an unexpected status', () => {
    const findings = findingsOf([sessionsEntry(sessionStartBody(), null, { status: 404 })]);
    expectNoFinding(findings, 'http.session-not-found');
    expectFinding(findings, 'http.unexpected-status');
    expectNoFinding(findings, 'session.no-location');
  });

  test('http.session-gone: 410 on an events call', () => {
    const findings = findingsOf([eventEntry(SID, B.ping, { status: 410 })]);
    expectFinding(findings, 'http.session-gone');
    expectNoFinding(findings, 'http.session-not-found');
    expectNoFinding(findings, 'http.unexpected-status');
    expectNoFinding(findingsOf([eventEntry(SID, B.ping)]), 'http.session-gone');
  });

  test('http.server-error: 500 and 503, on sessions and events calls', () => {
    expectFinding(findingsOf([eventEntry(SID, B.ping, { status: 500 })]), 'http.server-error');
    const f = expectFinding(findingsOf([sessionsEntry(sessionStartBody(), null, { status: 503 })]), 'http.server-error');
    assert.match(f.message, /503/);
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), SID)]), 'http.server-error');
  });

  test('http.failed: status 0 with Chrome\'s _error shows the reason', () => {
    const f = expectFinding(findingsOf([eventEntry(SID, B.ping, { status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' })]), 'http.failed');
    assert.match(f.message, /net::ERR_BLOCKED_BY_CLIENT/);
    assert.match(f.message, /blocked/i);
  });

  test('http.failed: status 0 without _error (Firefox, aborted)', () => {
    const findings = findingsOf([eventEntry(SID, B.ping, { status: 0 })]);
    expectFinding(findings, 'http.failed');
    expectNoFinding(findings, 'http.unexpected-status');
    const aborted = expectFinding(findingsOf([eventEntry(SID, B.ping, { status: 0, error: 'net::ERR_ABORTED' })]), 'http.failed');
    assert.match(aborted.message, /net::ERR_ABORTED/);
    assert.doesNotMatch(aborted.message, /blocked by the browser or an extension/);
  });

  test('http.failed on a sessions call: no session.no-location on top (there was no 201)', () => {
    const findings = findingsOf([sessionsEntry(sessionStartBody(), null, { status: 0 })]);
    expectFinding(findings, 'http.failed');
    expectNoFinding(findings, 'session.no-location');
    expectNoFinding(findingsOf([eventEntry(SID, B.ping)]), 'http.failed');
  });

  test('http.unexpected-status: 200 instead of 204 on an events call', () => {
    const f = expectFinding(findingsOf([eventEntry(SID, B.play, { status: 200 })]), 'http.unexpected-status');
    assert.match(f.message, /200/);
    assert.match(f.message, /204/);
  });

  test('http.unexpected-status: 200 instead of 201 on a sessions call, and a 302 redirect', () => {
    const f = expectFinding(findingsOf([sessionsEntry(sessionStartBody(), SID, { status: 200 })]), 'http.unexpected-status');
    assert.match(f.message, /201/);
    const redirect = expectFinding(findingsOf([eventEntry(SID, B.play, { status: 302, responseHeaders: [{ name: 'Location', value: 'https://other.example/' }] })]), 'http.unexpected-status');
    assert.match(redirect.message, /302/);
  });

  test('no http.unexpected-status for 201 sessions, 204 events, 201 downloaded, 200 schema', () => {
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), SID)]), 'http.unexpected-status');
    expectNoFinding(findingsOf([eventEntry(SID, B.play)]), 'http.unexpected-status');
    expectNoFinding(findingsOf([downloadedEntry([sessionStartBody()])]), 'http.unexpected-status');
    expectNoFinding(findingsOf([entry(`${HOST}/api/v1/schemas/ping`, null, { method: 'GET', rawBody: null, status: 200 })]), 'http.unexpected-status');
  });
});

describe('session.no-location', () => {
  const loc = (value: string) => ({ name: 'Location', value });
  const expose = { name: 'Access-Control-Expose-Headers', value: 'Location' };

  test('a 201 without a Location header', () => {
    const analysis = analyseEntries([sessionsEntry(sessionStartBody(), null)]);
    const f = expectFinding(requestFindings(analysis.findings), 'session.no-location');
    assert.equal(f.sid, null);
    assert.match(f.message, /Location/);
    assert.equal(analysis.calls[0]!.opensSession, false);
  });

  test('a 201 whose Location cannot be parsed into a sid', () => {
    for (const value of ['/whatever/123', '', '/api/v1/sessions/', 'not a url at all']) {
      const findings = findingsOf([sessionsEntry(sessionStartBody(), null, { responseHeaders: [loc(value), expose] })]);
      const f = expectFinding(findings, 'session.no-location');
      if (value) assert.ok(f.message.includes(JSON.stringify(value)), `${f.message} shows ${value}`);
    }
  });

  test('a cross-origin 201 without Access-Control-Expose-Headers: Location', () => {
    const analysis = analyseEntries([sessionsEntry(sessionStartBody(), null, { responseHeaders: [loc(`/api/v1/sessions/${SID}`)] })]);
    const f = expectFinding(requestFindings(analysis.findings), 'session.no-location');
    assert.match(f.message, /Access-Control-Expose-Headers/);
  });

  test('a cross-origin 201 exposing other headers only', () => {
    const headers = [loc(`/api/v1/sessions/${SID}`), { name: 'Access-Control-Expose-Headers', value: 'X-Request-Id, Content-Length' }];
    expectFinding(findingsOf([sessionsEntry(sessionStartBody(), null, { responseHeaders: headers })]), 'session.no-location');
  });

  test('correct cases: relative or absolute Location, exposed (any case, in a list, or *); same origin needs no expose', () => {
    const good: { name: string; value: string }[][] = [
      [loc(`/api/v1/sessions/${SID}`), expose],
      [loc(`${HOST}/api/v1/sessions/${SID}`), expose],
      [{ name: 'location', value: `/api/v1/sessions/${SID}` }, { name: 'access-control-expose-headers', value: 'X-Foo, location' }],
      [loc(`/api/v1/sessions/${SID}`), { name: 'Access-Control-Expose-Headers', value: '*' }],
    ];
    for (const headers of good) {
      const analysis = analyseEntries([sessionsEntry(sessionStartBody(), null, { responseHeaders: headers })]);
      assert.deepEqual(requestFindings(analysis.findings), [], JSON.stringify(headers));
      assert.equal(analysis.calls[0]!.sid, SID);
      assert.equal(analysis.calls[0]!.opensSession, true);
    }
    const sameOrigin = analyseEntries([sessionsEntry(sessionStartBody(), null, {
      host: 'https://player.example.com', responseHeaders: [loc(`/api/v1/sessions/${SID}`)],
    })]);
    assert.deepEqual(requestFindings(sameOrigin.findings), []);
  });

  test('not on a failed sessions call (400, 500): no 201, no Location expected', () => {
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), null, { status: 400 })]), 'session.no-location');
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), null, { status: 500 })]), 'session.no-location');
  });
});

describe('session.not-restarted', () => {
  const start = (sid: string, at: number, player = 'demo-player') =>
    sessionsEntry(sessionStartBody(T0 + at, { 'media.playerName': player }), sid, { at });

  test('404 with no later sessions call: produced, pointing at the 404', () => {
    const findings = findingsOf([start(SID, 0), eventEntry(SID, B.play, { at: 1000 }), eventEntry(SID, B.ping, { status: 404, at: 11000 })]);
    expectFinding(findings, 'http.session-not-found');
    const f = expectFinding(findings, 'session.not-restarted');
    assert.equal(f.exchange, 2);
    assert.equal(f.sid, SID);
    assert.match(f.message, /404/);
  });

  test('404 followed by a new sessions call from the same player: not produced', () => {
    const findings = findingsOf([start(SID, 0), eventEntry(SID, B.ping, { status: 404, at: 10000 }), start(SID2, 10500), eventEntry(SID2, B.play, { at: 11000 })]);
    expectFinding(findings, 'http.session-not-found');
    expectNoFinding(findings, 'session.not-restarted');
  });

  test('410 with no later sessions call: produced; with one: not produced', () => {
    const gone = findingsOf([start(SID, 0), eventEntry(SID, B.ping, { status: 410, at: 10000 })]);
    expectFinding(gone, 'http.session-gone');
    assert.match(expectFinding(gone, 'session.not-restarted').message, /410/);
    const restarted = findingsOf([start(SID, 0), eventEntry(SID, B.ping, { status: 410, at: 10000 }), start(SID2, 10100)]);
    expectNoFinding(restarted, 'session.not-restarted');
  });

  test('a sessions call before the 404 does not count as a restart', () => {
    const findings = findingsOf([start(SID2, 0), start(SID, 100), eventEntry(SID, B.ping, { status: 404, at: 10000 })]);
    expectFinding(findings, 'session.not-restarted');
  });

  test('a new session from another player does not count as a restart', () => {
    const findings = findingsOf([start(SID, 0), eventEntry(SID, B.ping, { status: 404, at: 10000 }), start(SID2, 10500, 'other-player')]);
    expectFinding(findings, 'session.not-restarted');
  });

  test('several 404s on one sid give one session.not-restarted', () => {
    const findings = findingsOf([start(SID, 0), eventEntry(SID, B.ping, { status: 404, at: 10000 }), eventEntry(SID, B.ping, { status: 404, at: 20000 })]);
    expectFinding(findings, 'http.session-not-found', 2);
    expectFinding(findings, 'session.not-restarted', 1);
  });

  test('a 404 on a sid whose start was not recorded, with no later sessions call', () => {
    expectFinding(findingsOf([eventEntry(SID, B.ping, { status: 404 })]), 'session.not-restarted');
  });

  test('no 404/410: never produced', () => {
    expectNoFinding(findingsOf([start(SID, 0), eventEntry(SID, B.ping, { status: 500, at: 10000 })]), 'session.not-restarted');
  });
});

describe('body.unavailable', () => {
  test('no postData: info, and no schema finding on top', () => {
    const findings = findingsOf([eventEntry(SID, null, { rawBody: null })]);
    const f = expectFinding(findings, 'body.unavailable');
    assert.equal(f.sid, SID);
    for (const code of [...SCHEMA_CODES, 'body.not-json' as FindingCode]) expectNoFinding(findings, code);
    assert.deepEqual(codesOf(findings), ['body.unavailable']);
  });

  test('a sendBeacon call (resourceType ping) says so, and is not validated', () => {
    const findings = findingsOf([eventEntry(SID, null, { rawBody: null, resourceType: 'ping' })]);
    const f = expectFinding(findings, 'body.unavailable');
    assert.match(f.message, /sendBeacon/);
    assert.deepEqual(codesOf(findings), ['body.unavailable']);
  });

  test('a sessions call without a body: body.unavailable only, no endpoint.mismatch', () => {
    const findings = findingsOf([sessionsEntry(null, SID, { rawBody: null })]);
    assert.deepEqual(codesOf(findings), ['body.unavailable']);
  });

  test('a body that is present (even "{}") is not body.unavailable', () => {
    expectNoFinding(findingsOf([eventEntry(SID, B.play)]), 'body.unavailable');
    expectNoFinding(findingsOf([eventEntry(SID, {})]), 'body.unavailable');
  });
});

describe('body.not-json', () => {
  test('a truncated body: error, says where parsing failed, no schema findings', () => {
    const findings = findingsOf([eventEntry(SID, null, { rawBody: '{"playerTime":{"playhead":20,"ts":' })]);
    const f = expectFinding(findings, 'body.not-json');
    assert.match(f.message, /end of (JSON )?input|line \d+, column \d+/i);
    for (const code of SCHEMA_CODES) expectNoFinding(findings, code);
  });

  test('a syntax error in the middle of a multi-line body: the message gives line and column', () => {
    const raw = '{\n  "playerTime": {"playhead": 1, "ts": 1793613600000},\n  "eventType": \'ping\'\n}';
    const f = expectFinding(findingsOf([eventEntry(SID, null, { rawBody: raw })]), 'body.not-json');
    assert.match(f.message, /line 3/);
    assert.match(f.message, /column 16/);
  });

  test('a form-encoded body, an empty body', () => {
    expectFinding(findingsOf([eventEntry(SID, null, { rawBody: 'eventType=ping&playhead=1' })]), 'body.not-json');
    const empty = expectFinding(findingsOf([eventEntry(SID, null, { rawBody: '' })]), 'body.not-json');
    assert.match(empty.message, /empty/);
  });

  test('valid JSON is not body.not-json', () => {
    expectNoFinding(findingsOf([eventEntry(SID, null, { rawBody: ` ${JSON.stringify(B.play)}\n` })]), 'body.not-json');
  });
});

describe('schema.unknown-event-type', () => {
  const unknown = (eventType: unknown) => {
    const body: Record<string, unknown> = { playerTime: { playhead: 1, ts: T0 } };
    if (eventType !== undefined) body.eventType = eventType;
    const findings = findingsOf([eventEntry(SID, body)]);
    const f = expectFinding(findings, 'schema.unknown-event-type');
    assert.equal(f.pointer, '/eventType');
    // The rest of the envelope is valid, so nothing else is reported.
    assert.deepEqual(codesOf(findings), ['schema.unknown-event-type']);
    return f;
  };

  test('missing eventType', () => {
    assert.match(unknown(undefined).message, /no eventType/);
  });

  test('"pause" suggests pauseStart', () => {
    const f = unknown('pause');
    assert.match(f.message, /"pause"/);
    assert.match(f.message, /pauseStart/);
    assert.match(f.fix, /pauseStart/);
  });

  test('"resume" and "bufferComplete" suggest play', () => {
    for (const name of ['resume', 'bufferComplete']) {
      const f = unknown(name);
      assert.match(f.message, /send play\b/, f.message);
      assert.match(f.fix, /\bplay\b/);
    }
  });

  test('"seekStart" suggests pauseStart, "seekComplete" play', () => {
    assert.match(unknown('seekStart').message, /send pauseStart/);
    assert.match(unknown('seekComplete').message, /send play/);
  });

  test('a known name in the wrong letter case suggests the right spelling', () => {
    assert.match(unknown('PauseStart').message, /send pauseStart/);
    assert.match(unknown('PAUSE').message, /send pauseStart/);
  });

  test('a total unknown gets no suggestion, and the catalogue fix', () => {
    const f = unknown('fooBar');
    assert.match(f.message, /"fooBar"/);
    assert.doesNotMatch(f.message, /instead/);
    assert.equal(f.fix, CATALOGUE['schema.unknown-event-type'].fix);
  });

  test('an eventType that is not a string', () => {
    assert.match(unknown(7).message, /string/);
    unknown(null);
    unknown({ type: 'play' });
  });

  test('the envelope of an unknown event is still checked', () => {
    const findings = findingsOf([eventEntry(SID, { eventType: 'pause', playerTime: { playhead: '12', ts: T0 } })]);
    expectFinding(findings, 'schema.unknown-event-type');
    const v = expectFinding(findings, 'schema.violation');
    assert.equal(v.pointer, '/playerTime/playhead');
    assert.equal(v.rule, 'type');
  });

  test('each of the 20 types is known', () => {
    for (const body of Object.values(B)) expectNoFinding(findingsOf([eventEntry(SID, body)]), 'schema.unknown-event-type');
  });
});

describe('schema.violation through the whole pipeline', () => {
  test('one finding per violation with pointer, rule, expected, actual, and the event time', () => {
    const body = ev('adBreakStart', 0, T0 + 7, { params: { 'media.ad.podIndex': '0', 'media.ad.podSecond': -1 } });
    const findings = findingsOf([eventEntry(SID, body, { at: 50 })]);
    const violations = withCode(findings, 'schema.violation');
    assert.equal(violations.length, 2);
    expectFinding(findings, 'schema.violation', 2);
    const byPointer = Object.fromEntries(violations.map((v) => [v.pointer, v]));
    assert.equal(byPointer['/params/media.ad.podIndex']?.rule, 'type');
    assert.equal(byPointer['/params/media.ad.podIndex']?.expected, 'an integer');
    assert.equal(byPointer['/params/media.ad.podIndex']?.actual, 'the string "0"');
    assert.equal(byPointer['/params/media.ad.podSecond']?.rule, 'minimum');
    assert.equal(byPointer['/params/media.ad.podSecond']?.actual, 'the number -1');
    for (const v of violations) {
      assert.equal(v.time, T0 + 7, 'the time of a body finding is the event ts');
      assert.equal(v.sid, SID);
      assert.equal(v.exchange, 0);
    }
  });

  test('a valid body has none', () => {
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), SID)]), 'schema.violation');
  });
});

describe('endpoint.mismatch', () => {
  test('sessionStart sent to the events endpoint', () => {
    const findings = findingsOf([eventEntry(SID, sessionStartBody())]);
    const f = expectFinding(findings, 'endpoint.mismatch');
    assert.equal(f.pointer, '/eventType');
    assert.match(f.message, /sessionStart/);
    expectNoFinding(findings, 'schema.violation');
  });

  test('play sent to the sessions endpoint', () => {
    const findings = findingsOf([sessionsEntry(B.play, SID)]);
    const f = expectFinding(findings, 'endpoint.mismatch');
    assert.match(f.message, /play/);
  });

  test('every non-sessionStart type on the sessions endpoint is a mismatch', () => {
    for (const [type, body] of Object.entries(B)) {
      const findings = findingsOf([sessionsEntry(body, SID)]);
      if (type === 'sessionStart') expectNoFinding(findings, 'endpoint.mismatch');
      else expectFinding(findings, 'endpoint.mismatch');
    }
  });

  test('correct endpoints: no mismatch; an unknown type is not also a mismatch', () => {
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), SID)]), 'endpoint.mismatch');
    expectNoFinding(findingsOf([eventEntry(SID, B.play)]), 'endpoint.mismatch');
    const unknown = findingsOf([sessionsEntry(ev('pause', 0, T0), SID)]);
    expectFinding(unknown, 'schema.unknown-event-type');
    expectNoFinding(unknown, 'endpoint.mismatch');
  });
});

describe('metadata.misplaced', () => {
  test('customMetadata on play: a warning at /customMetadata, not a schema error', () => {
    const findings = findingsOf([eventEntry(SID, ev('play', 0, T0, { customMetadata: { campaign: 'x' } }))]);
    const f = expectFinding(findings, 'metadata.misplaced');
    assert.equal(f.pointer, '/customMetadata');
    assert.match(f.message, /play/);
    assert.deepEqual(codesOf(findings), ['metadata.misplaced']);
  });

  test('customMetadata on sessionStart, adStart, chapterStart: none', () => {
    const md = { customMetadata: { campaign: 'x' } };
    expectNoFinding(findingsOf([sessionsEntry(sessionStartBody(), SID)]), 'metadata.misplaced');
    expectNoFinding(findingsOf([eventEntry(SID, { ...B.adStart, ...md })]), 'metadata.misplaced');
    expectNoFinding(findingsOf([eventEntry(SID, { ...B.chapterStart, ...md })]), 'metadata.misplaced');
    assert.deepEqual(findingsOf([eventEntry(SID, { ...B.chapterStart, ...md })]), []);
  });

  test('customMetadata on every other type: a warning', () => {
    for (const [type, body] of Object.entries(B)) {
      if (['sessionStart', 'adStart', 'chapterStart'].includes(type)) continue;
      expectFinding(findingsOf([eventEntry(SID, { ...body, customMetadata: { a: 'b' } })]), 'metadata.misplaced');
    }
  });
});

describe('qoe.misplaced', () => {
  test('params["media.qoe.bitrate"] on bitrateChange: warning, not also a schema.violation for that key', () => {
    const findings = findingsOf([eventEntry(SID, ev('bitrateChange', 12, T0, { params: { 'media.qoe.bitrate': 3000000 } }))]);
    const f = expectFinding(findings, 'qoe.misplaced');
    assert.equal(f.pointer, '/params/media.qoe.bitrate');
    assert.match(f.message, /qoeData/);
    assert.match(f.fix, /qoeData\["media\.qoe\.bitrate"\]/);
    assert.equal(withCode(findings, 'schema.violation').filter((v) => v.pointer?.includes('media.qoe.bitrate')).length, 0);
    assert.deepEqual(codesOf(findings), ['qoe.misplaced']);
  });

  test('a misplaced QoE key on sessionStart does not hide other violations', () => {
    const body = sessionStartBody(T0, { 'media.qoe.timeToStart': 900, 'media.lenght': 1 });
    const findings = findingsOf([sessionsEntry(body, SID)]);
    expectFinding(findings, 'qoe.misplaced');
    const v = expectFinding(findings, 'schema.violation');
    assert.equal(v.pointer, '/params/media.lenght');
  });

  test('error event with params["media.errorId"]: warning naming media.qoe.errorID, no error.no-details', () => {
    const findings = findingsOf([eventEntry(SID, ev('error', 30, T0, { params: { 'media.errorId': 'E42', 'media.errorSource': 'player' } }))]);
    const found = withCode(findings, 'qoe.misplaced');
    assert.equal(found.length, 2);
    expectFinding(findings, 'qoe.misplaced', 2);
    const byPointer = Object.fromEntries(found.map((f) => [f.pointer, f]));
    assert.match(byPointer['/params/media.errorId']?.message ?? '', /media\.qoe\.errorID/);
    assert.match(byPointer['/params/media.errorSource']?.message ?? '', /media\.qoe\.errorSource/);
    expectNoFinding(findings, 'error.no-details');
    expectNoFinding(findings, 'schema.violation');
  });

  test('QoE data in qoeData: none', () => {
    expectNoFinding(findingsOf([eventEntry(SID, B.bitrateChange)]), 'qoe.misplaced');
    expectNoFinding(findingsOf([eventEntry(SID, B.error)]), 'qoe.misplaced');
  });
});

describe('error.no-details', () => {
  test('an error event without qoeData errorID: info', () => {
    const findings = findingsOf([eventEntry(SID, ev('error', 30, T0))]);
    const f = expectFinding(findings, 'error.no-details');
    assert.equal(f.severity, 'info');
    assert.deepEqual(codesOf(findings), ['error.no-details']);
    expectFinding(findingsOf([eventEntry(SID, ev('error', 30, T0, { qoeData: { 'media.qoe.errorSource': 'player' } }))]), 'error.no-details');
  });

  test('with qoeData errorID: none', () => {
    expectNoFinding(findingsOf([eventEntry(SID, B.error)]), 'error.no-details');
    expectNoFinding(findingsOf([eventEntry(SID, ev('error', 30, T0, { qoeData: { 'media.qoe.errorID': 'E1' } }))]), 'error.no-details');
  });

  test('other event types never get it', () => {
    expectNoFinding(findingsOf([eventEntry(SID, B.play)]), 'error.no-details');
  });
});

describe('downloaded content', () => {
  const session = () => [
    sessionStartBody(T0, { 'media.downloaded': true }),
    ev('play', 0, T0 + 10),
    ev('ping', 10, T0 + 10010),
    ev('sessionEnd', 15, T0 + 15010),
  ];

  test('a valid batch on /api/v1/downloaded: no findings, one tracked event per element', () => {
    const analysis = analyseEntries([downloadedEntry(session())]);
    assert.deepEqual(requestFindings(analysis.findings), []);
    const call = analysis.calls[0]!;
    assert.equal(call.kind, 'downloaded');
    assert.deepEqual(call.events.map((e) => e.eventType), ['sessionStart', 'play', 'ping', 'sessionEnd']);
    assert.deepEqual(call.events.map((e) => e.pointer), ['/0', '/1', '/2', '/3']);
  });

  test('a batch whose first event is not sessionStart', () => {
    const findings = findingsOf([downloadedEntry(session().slice(1))]);
    const f = expectFinding(findings, 'schema.violation');
    assert.equal(f.pointer, '/0/eventType');
    assert.equal(f.expected, '"sessionStart"');
    assert.equal(f.actual, '"play"');
  });

  test('an empty batch', () => {
    const f = expectFinding(findingsOf([downloadedEntry([])]), 'schema.violation');
    assert.equal(f.rule, 'minItems');
  });

  test('violations inside a batch point into the batch (/index/...)', () => {
    const items = session();
    items[2] = ev('ping', 10, T0 + 10010, { params: {} });
    const findings = findingsOf([downloadedEntry(items)]);
    const f = expectFinding(findings, 'schema.violation');
    assert.equal(f.pointer, '/2/params');
    assert.match(f.message, /\/2\/params/);
    assert.equal(f.time, T0 + 10010, 'time of the element at fault');
  });

  test('a bad customMetadata key inside a batch: the message names the element', () => {
    const items = session();
    (items[0] as Record<string, unknown>).customMetadata = { 'show name': 'x' };
    const f = expectFinding(findingsOf([downloadedEntry(items)]), 'schema.violation');
    assert.equal(f.pointer, '/0/customMetadata/show name');
    assert.match(f.message, /\/0\/customMetadata/);
  });

  test('a non-object element: each problem reported once', () => {
    const items: unknown[] = session();
    items.splice(1, 0, 5);
    const findings = findingsOf([downloadedEntry(items)]);
    const keys = findings.map((f) => `${f.code} ${f.pointer} ${f.rule ?? ''}`);
    assert.deepEqual(keys, [...new Set(keys)], `duplicate findings: ${JSON.stringify(keys)}`);
    assert.ok(findings.some((f) => f.code === 'schema.violation' && f.pointer === '/1'));
  });

  test('a single event object (not a list) on the downloaded endpoint is rejected', () => {
    const findings = findingsOf([downloadedEntry(sessionStartBody(T0, { 'media.downloaded': true }))]);
    const f = expectFinding(findings, 'schema.violation');
    assert.equal(f.pointer, '/');
    assert.equal(f.rule, 'type');
  });

  test('the deprecated form: an array to /sessions with media.downloaded true is valid', () => {
    const analysis = analyseEntries([sessionsEntry(session(), SID)]);
    assert.deepEqual(requestFindings(analysis.findings), []);
    assert.equal(analysis.calls[0]!.events.length, 4);
  });

  test('the deprecated form without media.downloaded true', () => {
    const items = session();
    delete (items[0]!.params as Record<string, unknown>)['media.downloaded'];
    const f = expectFinding(findingsOf([sessionsEntry(items, SID)]), 'schema.violation');
    assert.equal(f.pointer, '/0/params/media.downloaded');
    assert.equal(f.actual, 'missing');
    const falseFlag = session();
    (falseFlag[0]!.params as Record<string, unknown>)['media.downloaded'] = false;
    const g = expectFinding(findingsOf([sessionsEntry(falseFlag, SID)]), 'schema.violation');
    assert.equal(g.actual, 'the boolean false', 'described like every other schema value');
  });
});

describe('the brokenRequests scenario', () => {
  test('every problem it was built with is reported, on the right exchange', () => {
    // Exchanges: 0 sessionStart (media.length "600"), 1 play, 2 ping with params, 3 "pause",
    // 4 truncated JSON, 5 ping answered 500, 6 ping blocked, 7 ping answered 404 (never restarted).
    const findings = findingsOf(brokenRequests(SID));
    const at = (i: number) => findings.filter((f) => f.exchange === i).map((f) => f.code).sort();
    assert.deepEqual(at(0), ['schema.violation']);
    assert.deepEqual(at(1), []);
    assert.deepEqual(at(2), ['qoe.misplaced', 'schema.violation']);
    assert.deepEqual(at(3), ['schema.unknown-event-type']);
    assert.deepEqual(at(4), ['body.not-json']);
    assert.deepEqual(at(5), ['http.server-error']);
    assert.deepEqual(at(6), ['http.failed']);
    assert.deepEqual(at(7), ['http.session-not-found', 'session.not-restarted']);
    assert.equal(withCode(findings, 'schema.violation').find((f) => f.exchange === 0)?.pointer, '/params/media.length');
    assert.equal(withCode(findings, 'schema.violation').find((f) => f.exchange === 2)?.pointer, '/params');
  });

  test('the shipped broken-requests.har fixture gives the same request findings', () => {
    const text = readFileSync(new URL('../fixtures/broken-requests.har', import.meta.url), 'utf8');
    const fromFile = requestFindings(analyse(readHar(text, 'broken-requests.har').exchanges).findings);
    const built = findingsOf(brokenRequests(SID2));
    assert.deepEqual(fromFile.map((f) => [f.exchange, f.code]).sort(), built.map((f) => [f.exchange, f.code]).sort());
  });
});

describe('the adapter directly', () => {
  test('inspect returns null for other traffic and a call for Media Collection traffic', () => {
    assert.equal(mediaCollection.inspect(entryToExchange(entry('https://x.example/other', {}), 0)), null);
    const call = mediaCollection.inspect(entryToExchange(eventEntry(SID, B.adStart), 4));
    assert.ok(call);
    assert.equal(call.kind, 'events');
    assert.equal(call.sid, SID);
    assert.equal(call.label, 'adStart');
    assert.equal(call.events[0]?.eventType, 'adStart');
    assert.equal(call.events[0]?.known, true);
    assert.deepEqual(call.findings, []);
  });
});
