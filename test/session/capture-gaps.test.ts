/**
 * capture.gap: what the recording shows the capture lost is named as a gap, never as a player
 * failure (capture-gaps.ts). Each sign produces it; a recording without the sign does not.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyser, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import { captureContextFrom } from '../../src/core/analysis/capture-gaps.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { CUT_OFF_BY_NAVIGATION } from '../../src/core/exchange.ts';
import { ev, eventEntry, sessionsEntry, sessionStartBody, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { analyseEntries, toExchanges, type Entry } from '../helpers/session-scenarios.ts';
import { edgeCall, edgeEvent, edgeStart, sessionDetails } from '../helpers/edge-builder.ts';

const codes = (r: AnalysisResult, sid?: string) => r.findings.filter((f) => sid === undefined || f.sid === sid).map((f) => f.code);
const describeAll = (findings: readonly Finding[]) => findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`).join('\n');

/** A short session of SID from `at` ms: start (answered as `start` says), play, two pings, sessionEnd. */
function session(at: number, start: { status: number; location: boolean }, sid = SID): Entry[] {
  return [
    sessionsEntry(sessionStartBody(T0 + at), start.location ? sid : null, { at: at + 10, status: start.status, ...(start.status === 0 ? { error: 'net::ERR_ABORTED' } : {}) }),
    eventEntry(sid, ev('play', 0, T0 + at + 200), { at: at + 210 }),
    eventEntry(sid, ev('ping', 10, T0 + at + 10_200), { at: at + 10_210 }),
    eventEntry(sid, ev('ping', 20, T0 + at + 20_200), { at: at + 20_210 }),
    eventEntry(sid, ev('sessionEnd', 21, T0 + at + 21_000), { at: at + 21_010 }),
  ];
}

describe('a session start recorded without a reply, although its session went on', () => {
  test('Media Collection: one capture.gap at the start, on the session; no http.failed, no session.unknown', () => {
    const r = analyseEntries(session(0, { status: 0, location: false }));
    assert.deepEqual(codes(r), ['capture.gap'], describeAll(r.findings));
    const gap = r.findings[0]!;
    assert.equal(gap.exchange, 0);
    assert.equal(gap.sid, SID, 'the gap belongs to the session it opened');
    assert.equal(gap.severity, 'info');
    assert.match(gap.message, /the player got the reply, the capture lost it/);
    assert.match(gap.message, /Capture without loss/);
    assert.deepEqual(r.sessions[0]!.findings.map((f) => f.code), ['capture.gap'], 'the session lists the gap, not session.unknown');
  });

  test('a start that really failed (nothing followed it) stays http.failed', () => {
    const r = analyseEntries(session(0, { status: 0, location: false }).slice(0, 1));
    assert.deepEqual(codes(r), ['http.failed']);
  });

  test('a start answered 201: no gap', () => {
    const r = analyseEntries(session(0, { status: 201, location: true }));
    assert.deepEqual(r.findings.filter((f) => f.severity !== 'info'), []);
    assert.ok(!codes(r).includes('capture.gap'));
  });

  test('two failed starts and two sessions: each session takes the nearest start before it', () => {
    const a = session(0, { status: 0, location: false }, SID);
    const b = session(30_000, { status: 0, location: false }, SID2);
    const r = analyseEntries([...a, ...b]);
    const gaps = r.findings.filter((f) => f.code === 'capture.gap');
    assert.deepEqual(gaps.map((f) => [f.exchange, f.sid]), [[0, SID], [5, SID2]]);
    assert.ok(!codes(r).includes('http.failed'));
  });

  test('Media Edge (the Web SDK\'s interact start): the same', () => {
    const start = edgeStart('web-sdk', edgeEvent('sessionStart', 0, 0, sessionDetails(), null), { at: 10, status: 0, responseBody: undefined, error: 'NS_BINDING_ABORTED' });
    const events = [1, 11, 21].map((s, i) => edgeCall('web-sdk', i === 0 ? 'play' : 'ping', edgeEvent(i === 0 ? 'play' : 'ping', s, s * 1000), { at: s * 1000 + 10 }));
    const r = analyseEntries([start, ...events]);
    assert.deepEqual(codes(r).filter((c) => c !== 'session.open-at-end'), ['capture.gap'], describeAll(r.findings));
  });

  test('the result does not depend on arrival order', () => {
    const exchanges = toExchanges(session(0, { status: 0, location: false }));
    const forward = new Analyser().addAll(exchanges).result();
    const backward = new Analyser().addAll([...exchanges].reverse()).result();
    assert.deepEqual(backward.findings, forward.findings);
  });
});

describe('a session whose start is missing although the recording was running', () => {
  const other = session(0, { status: 201, location: true }, SID2);
  const late = (at: number) => session(at, { status: 201, location: true }, SID).slice(1); // its start not recorded

  test('it begins 40 s into the recording: capture.gap instead of session.unknown', () => {
    const r = analyseEntries([...other, ...late(40_000)]);
    assert.deepEqual(codes(r, SID), ['capture.gap'], describeAll(r.findings));
    assert.match(r.findings.find((f) => f.sid === SID)!.message, /the capture lost the sessionStart/);
  });

  test('it was already playing when the recording began (first call within 15 s): session.unknown', () => {
    const r = analyseEntries([...other, ...late(3000)]);
    assert.deepEqual(codes(r, SID), ['session.unknown']);
  });
});

describe('a navigation while a session was sending, in a capture that loses calls there', () => {
  /** A session whose last calls before the navigation at +12 s are captured and the rest are not. */
  const cut = session(0, { status: 201, location: true }).slice(0, 3);
  const pages = (navigation: number) => ({ browsers: [{ name: 'Firefox', version: '153.0' }], pages: [
    { url: 'http://localhost/a', title: null, startedDateTime: new Date(T0 - 1000).toISOString() },
    { url: 'http://localhost/b', title: null, startedDateTime: new Date(T0 + navigation).toISOString() },
  ] });

  function analyse(entries: Entry[], from: ReturnType<typeof pages> | null, capturedBy?: ('devtools' | 'webRequest')[]) {
    const exchanges = toExchanges(entries).map((e) => (capturedBy ? { ...e, capturedBy } : e));
    const a = new Analyser().addAll(exchanges);
    a.setCaptureContext(captureContextFrom(from, exchanges));
    return a.result();
  }

  test('capture.gap at its last call before the navigation, and no session.open-at-end', () => {
    const r = analyse(cut, pages(12_000));
    assert.deepEqual(codes(r), ['capture.gap'], describeAll(r.findings));
    assert.equal(r.findings[0]!.exchange, 2);
    assert.match(r.findings[0]!.message, /stops here, unclosed, just before the page navigated/);
  });

  test('no navigation, or a session ended before it, or a capture with the webRequest capture on: no gap', () => {
    assert.deepEqual(codes(analyse(cut, null)), ['session.open-at-end']);
    assert.deepEqual(codes(analyse(session(0, { status: 201, location: true }), pages(21_500))), []);
    assert.deepEqual(codes(analyse(cut, pages(12_000), ['devtools', 'webRequest'])), ['session.open-at-end']);
  });

  test('a call without a reply sent just before the navigation: capture.gap, not http.failed', () => {
    const entries = session(0, { status: 201, location: true }).slice(0, 3);
    entries.push(eventEntry(SID, ev('bitrateChange', 12, T0 + 11_900, { qoeData: { 'media.qoe.bitrate': 2_000_000 } }), { at: 11_910, status: 0, error: 'NS_BINDING_ABORTED' }));
    const r = analyse(entries, pages(12_000));
    assert.deepEqual(codes(r), ['capture.gap'], describeAll(r.findings));
    assert.equal(r.findings[0]!.exchange, 3);
    assert.match(r.findings[0]!.message, /whether it reached Adobe is unknown/);
    assert.deepEqual(codes(analyse(entries, null)), ['http.failed', 'session.open-at-end'], 'without the navigation it is a failure');
  });

  test('a call the panel saw still waiting when the page navigated was really cut off: http.failed stays', () => {
    const entries = session(0, { status: 201, location: true }).slice(0, 3);
    entries.push(eventEntry(SID, ev('bitrateChange', 12, T0 + 11_000, { qoeData: { 'media.qoe.bitrate': 2_000_000 } }), { at: 11_010, status: 0, error: CUT_OFF_BY_NAVIGATION }));
    const r = analyse(entries, pages(12_000));
    assert.ok(codes(r).includes('http.failed'), describeAll(r.findings));
  });

  test('a session whose capture stops just after a navigation (Firefox loses a new page\'s first calls): a gap', () => {
    const r = analyse(cut, pages(10_000));
    assert.deepEqual(codes(r), ['capture.gap'], describeAll(r.findings));
    assert.match(r.findings[0]!.message, /just after the page navigated/);
  });

  test('a session that goes on long after a navigation is no gap (nothing shows a loss)', () => {
    const r = analyse(session(0, { status: 201, location: true }).slice(0, 4), pages(11_000));
    assert.deepEqual(codes(r), ['session.open-at-end']);
  });

  test('a navigation long after the session\'s last call: no gap', () => {
    assert.deepEqual(codes(analyse(cut, pages(60_000))), ['session.open-at-end']);
  });
});

describe('Firefox\'s DevTools also drop a new page\'s first calls', () => {
  const pages = (browser: string, navigation: number) => ({ browsers: [{ name: browser, version: '1' }], pages: [
    { url: null, title: null, startedDateTime: new Date(T0 - 60_000).toISOString() },
    { url: null, title: null, startedDateTime: new Date(T0 + navigation).toISOString() },
  ] });
  function analyse(entries: Entry[], browser: string, navigation: number) {
    const before = [eventEntry(SID2, ev('ping', 10, T0 - 30_000), { at: -30_000 })];
    const exchanges = toExchanges([...before, ...entries]);
    const a = new Analyser().addAll(exchanges);
    a.setCaptureContext(captureContextFrom(pages(browser, navigation), exchanges));
    return a.result();
  }

  test('a session that began right after a navigation in Firefox: a gap at its first call; in Chromium none', () => {
    const whole = session(0, { status: 201, location: true });
    const ff = analyse(whole, 'Firefox', -400);
    assert.deepEqual(codes(ff, SID), ['capture.gap'], describeAll(ff.findings));
    assert.match(ff.findings.find((f) => f.sid === SID)!.message, /began as the page navigated/);
    assert.deepEqual(codes(analyse(whole, 'Chrome', -400), SID), []);
  });

  test('a call without a reply in a new page\'s first moments in Firefox: a gap, not http.failed', () => {
    const entries = session(0, { status: 201, location: true });
    entries[1] = eventEntry(SID, ev('play', 0, T0 + 500), { at: 510, status: 0 });
    const ff = analyse(entries, 'Firefox', -1500);
    assert.ok(!codes(ff).includes('http.failed'), describeAll(ff.findings));
    assert.ok(codes(analyse(entries, 'Chrome', -1500)).includes('http.failed'), 'Chromium does not lose them 2 s on');
  });
});

describe('the capture context a recording implies', () => {
  test('pages after the first request are navigations; a browser is needed; webRequest-captured calls near one make it lossless', () => {
    const ex = [{ startedAt: T0, capturedBy: undefined }, { startedAt: T0 + 10_000, capturedBy: undefined }];
    const from = (browsers: { name: string; version: string }[]) => ({ browsers, pages: [
      { url: null, title: null, startedDateTime: new Date(T0 - 500).toISOString() },
      { url: null, title: null, startedDateTime: new Date(T0 + 11_000).toISOString() },
    ] });
    assert.deepEqual(captureContextFrom(from([{ name: 'Firefox', version: '153' }]), ex), { navigations: [T0 + 11_000], lossyAtNavigation: true, lossyAfterMs: 3000 });
    assert.equal(captureContextFrom(from([{ name: 'Chrome', version: '156' }]), ex).lossyAfterMs, 1000);
    assert.equal(captureContextFrom(from([]), ex).lossyAtNavigation, false);
    assert.equal(captureContextFrom(from([{ name: 'Chrome', version: '156' }]), [ex[0]!, { startedAt: T0 + 10_000, capturedBy: ['webRequest'] }]).lossyAtNavigation, false);
  });
});


