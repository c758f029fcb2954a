/**
 * An event the server turned down (400, 404, 410, 5xx) changes nothing in Adobe's state: Adobe
 * dropped it. An adStart and adComplete answered 400 are not counted as an ad started and
 * completed, a ping answered 500 is not a ping counted, a chapter whose chapterStart was refused
 * was never started; the player's own rules (its ping cadence, its sequence) are still judged.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SID, T0 } from '../helpers/har-builder.ts';
import { adBreakParams, adParams, analyseEntries, chapterParams, SessionBuilder } from '../helpers/session-scenarios.ts';

const BAD_REQUEST = { status: 400, responseBody: '{"message":"invalid body"}' };

/** A pre-roll of one 6-second ad, then 20 s of content; `adStatus` answers the adStart and adComplete. */
function prerollSession(adStatus: number) {
  const b = new SessionBuilder(SID, T0);
  b.open({ 'media.length': 60 });
  b.send('adBreakStart', 0, 1000, { params: adBreakParams(1, 0) });
  const o = adStatus === 204 ? {} : { status: adStatus, responseBody: '{"message":"invalid body"}' };
  b.send('adStart', 0, 1005, { params: adParams('soda-6s', 6, 1) }, o);
  for (let t = 2005; t < 7005; t += 1000) b.send('ping', 0, t);
  b.send('adComplete', 0, 7005, {}, o);
  b.send('adBreakComplete', 0, 7010);
  b.send('play', 0, 7015);
  b.send('ping', 10, 17015);
  b.send('sessionComplete', 20, 27015);
  return analyseEntries(b.entries).sessions[0]!;
}

describe('a rejected event does not change what Adobe counts', () => {
  test('adStart and adComplete answered 400: no ad started, none completed, no ad time', () => {
    const s = prerollSession(400);
    assert.equal(s.metrics.counts.adsStarted, 0);
    assert.equal(s.metrics.counts.adsCompleted, 0);
    assert.equal(s.metrics.adMs, 0);
    assert.equal(s.metrics.counts.adBreaks, 1, 'the accepted adBreakStart still counts');
  });

  test('the same ad answered 204: one started, one completed, its time as ad', () => {
    const s = prerollSession(204);
    assert.equal(s.metrics.counts.adsStarted, 1);
    assert.equal(s.metrics.counts.adsCompleted, 1);
    assert.equal(s.metrics.adMs, 6000);
  });

  test('a ping answered 500 is not counted; the events count leaves it out too', () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    b.send('ping', 10, 11000);
    b.send('ping', 20, 21000, {}, { status: 500 });
    b.send('ping', 30, 31000);
    b.send('sessionComplete', 35, 36000);
    const s = analyseEntries(b.entries).sessions[0]!;
    assert.equal(s.metrics.counts.pings, 2);
    assert.equal(s.metrics.counts.events, 5, 'sessionStart, play, two pings, sessionComplete');
  });

  test('a chapterStart answered 400 starts no chapter (its chapterComplete then closes none)', () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    b.send('chapterStart', 0, 1005, { params: chapterParams(1, 0, 60) }, BAD_REQUEST);
    b.send('ping', 10, 11000);
    const complete = b.send('chapterComplete', 15, 16000);
    b.send('sessionComplete', 15, 16005);
    const r = analyseEntries(b.entries);
    const s = r.sessions[0]!;
    assert.equal(s.metrics.counts.chaptersStarted, 0);
    assert.deepEqual(s.metrics.chapters, []);
    const orphan = r.findings.filter((f) => f.code === 'chapter.orphan-end');
    assert.deepEqual(orphan.map((f) => f.exchange), [complete], 'Adobe sees a chapterComplete with no chapter open');
  });

  test('the player is still judged on what it sent: a refused event is not a missing one for the ping cadence', () => {
    const b = new SessionBuilder(SID, T0);
    b.open();
    b.send('play', 0, 1000);
    for (let t = 11000; t <= 51000; t += 10000) b.send('ping', (t - 1000) / 1000, t, {}, t === 31000 ? BAD_REQUEST : {});
    b.send('sessionComplete', 50, 51005);
    const r = analyseEntries(b.entries);
    assert.ok(!r.findings.some((f) => f.code === 'ping.late'), r.findings.map((f) => f.code).join(', '));
    assert.equal(r.sessions[0]!.metrics.counts.pings, 4);
  });
});
