/**
 * What the core's finding messages say about sizes: a few-ms inversion is said in ms (never
 * "0.0 s"), and a late ping's stated consequence matches its gap (a 30-s gap does not close a
 * session; Adobe closes one only after 10 minutes without any event).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import { duration } from '../../src/core/session/step-context.ts';
import { SID, T0 } from '../helpers/har-builder.ts';
import { analyseEntries, SessionBuilder } from '../helpers/session-scenarios.ts';

const messages = (r: AnalysisResult, code: string) => r.findings.filter((f) => f.code === code).map((f) => f.message);

describe('durations in messages', () => {
  test('under 0.1 s in ms; zero, tenths, minutes as before', () => {
    assert.equal(duration(3), '3 ms');
    assert.equal(duration(99), '99 ms');
    assert.equal(duration(0.4), '<1 ms');
    assert.equal(duration(0), '0.0 s');
    assert.equal(duration(100), '0.1 s');
    assert.equal(duration(30_000), '30.0 s');
    assert.equal(duration(250_000), '4 min 10 s');
  });

  /** A bufferStart, then a play sent after it whose ts is `backMs` earlier. */
  function inversion(backMs: number) {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    b.send('bufferStart', 4, 5000);
    const late = b.send('play', 4, 5010, {}, { ts: T0 + 5000 - backMs });
    b.send('sessionComplete', 5, 6000);
    return { r: analyseEntries(b.entries), late };
  }

  test('ts.out-of-order by 5 ms says "5 ms earlier", not "0.0 s"', () => {
    const { r, late } = inversion(5);
    const found = r.findings.filter((f) => f.code === 'ts.out-of-order');
    assert.deepEqual(found.map((f) => f.exchange), [late]);
    assert.match(found[0]!.message, /its ts is 5 ms earlier/);
    assert.doesNotMatch(found[0]!.message, /0\.0 s/);
  });

  test('a session whose events are in order has no ts.out-of-order', () => {
    const { r } = inversion(-5);
    assert.deepEqual(messages(r, 'ts.out-of-order'), []);
  });
});

describe('ping.late: the consequence matches the gap', () => {
  /** Main content with pings every 10 s, except one gap of `gapS` seconds (playing, no other event). */
  function withGap(gapS: number) {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    let t = 11_000;
    for (; t <= 31_000; t += 10_000) b.send('ping', (t - 1000) / 1000, t);
    t += (gapS - 10) * 1000;
    for (let n = 0; n < 3; n++, t += 10_000) b.send('ping', (t - 1000) / 1000, t);
    b.send('sessionComplete', (t - 1000) / 1000, t);
    return analyseEntries(b.entries);
  }

  test('a 30-s gap: no progress update for 30 s, and the session stays open (no "close the session")', () => {
    const [message, ...more] = messages(withGap(30), 'ping.late');
    assert.equal(more.length, 0);
    assert.match(message!, /30\.0 s after the previous ping/);
    assert.match(message!, /no progress update for 30\.0 s; the session stays open/);
    assert.doesNotMatch(message!, /may .*close the session|closes the session/);
  });

  test('a 7-minute silence: said to come close to the 10-minute idle close, not to have closed it', () => {
    const r = withGap(7 * 60);
    const [message] = messages(r, 'ping.late');
    assert.match(message!, /7 min 0 s without any event came close to the 10 minutes after which Adobe closes the session/);
    assert.deepEqual(messages(r, 'session.idle-timeout'), []);
  });

  test('an 11-minute silence is session.idle-timeout (the session is closed), and no ping.late claims less', () => {
    const r = withGap(11 * 60);
    assert.equal(messages(r, 'session.idle-timeout').length, 1);
    assert.deepEqual(messages(r, 'ping.late'), []);
  });

  test('pings every 10 s: no ping.late', () => {
    assert.deepEqual(messages(withGap(10), 'ping.late'), []);
  });
});
