/**
 * What is known of a session's start (`startStatus`), and the one name every view gives it: a sid
 * Adobe answered 404 to, whose start the recording never saw because it never existed, is
 * "unknown to Adobe", not "start not captured", not "playing", and not open at the end.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyser } from '../../src/core/analysis/analyser.ts';
import { readHar } from '../../src/core/har/read-har.ts';
import { UNTITLED, untitledName } from '../../src/core/session/start-status.ts';
import { ev, eventEntry, har, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { SessionBuilder, type Entry } from '../helpers/session-scenarios.ts';
import { cleanVod } from '../helpers/scenarios.ts';

function analysed(entries: Entry[]) {
  const a = new Analyser().addAll(readHar(JSON.stringify(har(entries)), 'test.har').exchanges);
  return { result: a.result(), timeline: (sid: string) => a.timeline(sid) };
}

/** Pings on a sid the recording has no start for, every one answered `status`. */
function pingsOnly(sid: string, status: number): Entry[] {
  return [1, 2, 3].map((n) => eventEntry(sid, ev('ping', 10 * n, T0 + 10_000 * n), { at: 10_000 * n + 20, status, responseBody: status === 404 ? '{"message":"session not found"}' : '' }));
}

describe('startStatus: captured, not captured, unknown to Adobe', () => {
  test('a sid Adobe answered 404 to, without its start: unknown to Adobe, not playing, no session.open-at-end', () => {
    const { result, timeline } = analysed(pingsOnly(SID, 404));
    const s = result.sessions[0]!;
    assert.equal(s.startStatus, 'unknown-to-adobe');
    assert.equal(s.startCaptured, false);
    assert.equal(untitledName(s), 'sid unknown to Adobe (404)');
    assert.notEqual(s.state.playback, 'playing');
    assert.equal(s.state.playback, 'not-started');
    const codes = result.findings.map((f) => f.code);
    assert.ok(codes.includes('http.session-not-found'), codes.join(', '));
    assert.ok(!codes.includes('session.open-at-end'), codes.join(', '));
    assert.ok(!codes.includes('session.unknown'), codes.join(', '));
    // Nothing of it reached Adobe: no event counted, no time estimated, nothing drawn as playing.
    assert.equal(s.metrics.counts.events, 0);
    assert.equal(s.metrics.counts.pings, 0);
    assert.equal(s.metrics.mainContentMs, 0);
    assert.deepEqual(timeline(SID)?.playback, []);
    assert.equal(timeline(SID)?.marks.length, 3, 'its calls are still marks on the timeline');
  });

  test('the same pings answered 204: start not captured, playing, open at the end', () => {
    const s = analysed(pingsOnly(SID, 204)).result.sessions[0]!;
    assert.equal(s.startStatus, 'not-captured');
    assert.equal(untitledName(s), 'start not captured');
    assert.equal(s.state.playback, 'playing');
    const codes = s.findings.map((f) => f.code);
    assert.ok(codes.includes('session.unknown') && codes.includes('session.open-at-end'), codes.join(', '));
    assert.equal(s.metrics.counts.pings, 3);
  });

  test('a session with its start: captured (and a completed one is not open at the end)', () => {
    const s = analysed(cleanVod(SID)).result.sessions[0]!;
    assert.equal(s.startStatus, 'captured');
    assert.equal(untitledName(s), 'no media.id');
    assert.ok(!s.findings.some((f) => f.code === 'session.open-at-end'));
  });

  test('a session with its start whose later calls get 404 stays captured, and open at the end when not closed', () => {
    const b = new SessionBuilder(SID2);
    b.open();
    b.send('play', 0, 1000);
    b.send('ping', 10, 11000, {}, { status: 404 });
    const s = analysed(b.entries).result.sessions[0]!;
    assert.equal(s.startStatus, 'captured');
    assert.ok(s.findings.some((f) => f.code === 'session.open-at-end'));
  });

  test('a report read from an older file without startStatus is named from startCaptured', () => {
    assert.equal(untitledName({ startCaptured: true }), UNTITLED.captured);
    assert.equal(untitledName({ startCaptured: false }), UNTITLED['not-captured']);
  });
});
