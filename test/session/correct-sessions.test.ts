/**
 * Correct sessions yield no finding of severity warning or error; their estimated metrics match a
 * hand computation (spec section 5); sessions recorded together are analysed independently.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { SID, SID2, T0 } from '../helpers/har-builder.ts';
import { cleanVod } from '../helpers/scenarios.ts';
import {
  abandonDuringMidroll, abandonDuringPreroll, adBreakParams, adParams, analyseEntries, SessionBuilder, brokenSequence, idleThen410, interleave, liveStream,
  notRestarted404, restartAfter404, secondOfDay, SID3, SID4, SID5, vodWithAds, type Entry,
} from '../helpers/session-scenarios.ts';

const serious = (findings: readonly Finding[]) => findings.filter((f) => f.severity !== 'info');
const describeAll = (findings: readonly Finding[]) => JSON.stringify(findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`), null, 1);

function assertNoSerious(r: AnalysisResult): void {
  assert.deepEqual(serious(r.findings), [], `unexpected warnings/errors: ${describeAll(serious(r.findings))}`);
}

function assertNoFindings(r: AnalysisResult): void {
  assert.deepEqual(r.findings, [], `unexpected findings: ${describeAll(r.findings)}`);
}

function sessionOf(r: AnalysisResult, sid: string) {
  const s = r.sessions.find((x) => x.sid === sid);
  assert.ok(s, `no session ${sid}`);
  return s;
}

describe('a completed VOD with pre-roll and mid-roll pods, pause, buffering and chapters', () => {
  test('cleanVod (ad pings every second) has no finding at all, with the default settings and with ad ping cadence 1', () => {
    assertNoFindings(analyseEntries(cleanVod(SID)));
    assertNoFindings(analyseEntries(cleanVod(SID), { adPingCadence: '1' }));
  });

  const cases: [string, number, Settings['adPingCadence']][] = [
    ['ad pings every second, cadence either', 1000, 'either'],
    ['ad pings every second, cadence 1', 1000, '1'],
    ['ad pings every 10 s, cadence 10', 10000, '10'],
    ['ad pings every 10 s, cadence either', 10000, 'either'],
  ];
  for (const [name, every, cadence] of cases) {
    test(`vodWithAds, ${name}: no finding at all`, () => {
      const r = analyseEntries(vodWithAds(SID, T0, every), { adPingCadence: cadence });
      assertNoFindings(r);
      assert.equal(r.sessions.length, 1);
      const s = sessionOf(r, SID);
      assert.equal(s.startCaptured, true);
      assert.equal(s.state.completed, true);
      assert.equal(s.state.inAdBreak, false);
      assert.equal(s.state.chapter, null);
      assert.deepEqual(s.state.activeStates, []);
    });
  }

  test('the same VOD with 10 s ad pings under cadence 1 is flagged (the settings matter)', () => {
    const r = analyseEntries(vodWithAds(SID, T0, 10000), { adPingCadence: '1' });
    assert.ok(r.findings.some((f) => f.code === 'ping.late' && f.setting === 'adPingCadence'), describeAll(r.findings));
  });

  for (const every of [1000, 10000]) {
    test(`estimated metrics match a hand computation (ad pings every ${every / 1000} s)`, () => {
      const m = sessionOf(analyseEntries(vodWithAds(SID, T0, every)), SID).metrics;
      // Times from the timeline in vodWithAds (ms after the start):
      // ads: pre-roll 1000→16000 (15 s) and 16500→26500 (10 s), mid-roll 132020→152020 (20 s).
      const adMs = 15000 + 10000 + 20000;
      // main content playing: 28000→63000, 83000→95000, 99000→132000 (chapter 1),
      // 132000→132010 (after chapter 1, before the mid-roll), 152030→191600 (after the mid-roll).
      const mainMs = (63000 - 28000) + (95000 - 83000) + (132000 - 99000) + 10 + (191600 - 152030);
      assert.equal(mainMs, 119580);
      assert.equal(m.estimated, true);
      assert.equal(m.mainContentMs, mainMs);
      assert.equal(m.adMs, adMs);
      assert.equal(m.orphanAdCreditedToMainMs, 0);
      assert.equal(m.pausedMs, 83000 - 63000);
      assert.equal(m.bufferingMs, 99000 - 95000);
      // Chapter time is main content played inside the chapter.
      assert.deepEqual(m.chapters, [
        { index: 1, name: 'Act 1', playedMs: (63000 - 28000) + (95000 - 83000) + (132000 - 99000), end: 'completed' },
        { index: 2, name: 'Act 2', playedMs: 191500 - 152040, end: 'completed' },
      ]);
      assert.deepEqual(m.playerStatesMs, { fullscreen: 180040 - 160040 });
      assert.equal(m.start, T0);
      assert.equal(m.end, T0 + 191600);
      assert.equal(m.durationMs, 191600);
      // pings: main 38000…128000 (10) and 162030…182030 (3); ad pings per ad, strictly inside the ad.
      const adPings = every === 1000 ? 14 + 9 + 19 : 1 + 0 + 1;
      const pings = 13 + adPings;
      // other events: sessionStart, 2 × (adBreakStart, adBreakComplete), 3 × (adStart, adComplete),
      // 2 × (chapterStart, chapterComplete), 3 play, pauseStart, bufferStart, bitrateChange,
      // stateStart, stateEnd, sessionComplete.
      const others = 1 + 4 + 6 + 4 + 3 + 1 + 1 + 1 + 2 + 1;
      assert.deepEqual(m.counts, {
        events: others + pings, pings, adBreaks: 2, adsStarted: 3, adsCompleted: 3, adsSkipped: 0,
        chaptersStarted: 2, chaptersCompleted: 2, chaptersSkipped: 0, errors: 0, bitrateChanges: 1,
      });
    });
  }
});

describe('a pre-roll during which the player buffers (bufferStart, then play when the ad resumes)', () => {
  function bufferingInPreroll(): Entry[] {
    const b = new SessionBuilder(SID);
    b.open();
    b.send('adBreakStart', 0, 500, adBreakParams(0, 0));
    b.send('adStart', 0, 1000, adParams('pre', 15, 1));
    b.send('bufferStart', 0, 1200);
    b.send('play', 0, 1400);
    b.send('ping', 0, 11000);
    b.send('adComplete', 0, 16000);
    b.send('adBreakComplete', 0, 16010);
    b.send('play', 0, 16500); // main content starts here
    b.send('ping', 10, 26500);
    b.send('sessionEnd', 12, 28500);
    return b.entries;
  }

  test('no finding at all', () => {
    assertNoFindings(analyseEntries(bufferingInPreroll()));
  });

  test('buffering counts as buffering, and main content starts only at the content\'s first play', () => {
    const m = sessionOf(analyseEntries(bufferingInPreroll()), SID).metrics;
    assert.equal(m.bufferingMs, 1400 - 1200);
    assert.equal(m.adMs, (16000 - 1000) - (1400 - 1200));
    // Between adBreakComplete (16010) and the content's play (16500) nothing plays.
    assert.equal(m.mainContentMs, 28500 - 16500);
  });
});

describe('a viewer abandoning mid-ad with sessionEnd', () => {
  test('during the pre-roll: no finding at all (no ad.break-unclosed, the session is closed)', () => {
    const r = analyseEntries(abandonDuringPreroll(SID));
    assertNoFindings(r);
    const s = sessionOf(r, SID);
    assert.equal(s.state.closed, 'sessionEnd');
    assert.equal(s.metrics.adMs, 7500 - 1000);
    assert.equal(s.metrics.mainContentMs, 0);
    assert.equal(s.metrics.counts.adsStarted, 1);
    assert.equal(s.metrics.counts.adsCompleted, 0);
  });

  test('during the second ad of a mid-roll: no finding at all', () => {
    const r = analyseEntries(abandonDuringMidroll(SID));
    assertNoFindings(r);
    const s = sessionOf(r, SID);
    assert.equal(s.state.closed, 'sessionEnd');
    assert.equal(s.metrics.mainContentMs, 31000 - 1000);
    assert.equal(s.metrics.adMs, (46010 - 31010) + (50020 - 46020));
    assert.equal(s.metrics.counts.adsStarted, 2);
    assert.equal(s.metrics.counts.adsCompleted, 1);
  });
});

describe('a two-hour live stream, still playing when the recording ends', () => {
  const entries = liveStream(SID);
  const r = analyseEntries(entries);

  test('the only finding is session.open-at-end (info) at the last exchange; no stalled playhead, no beyond-length', () => {
    assertNoSerious(r);
    assert.deepEqual(r.findings.map((f) => [f.code, f.severity, f.exchange, f.sid]),
      [['session.open-at-end', 'info', entries.length - 1, SID]], describeAll(r.findings));
  });

  test('the playhead is the second of the day and moves; metrics add up', () => {
    const s = sessionOf(r, SID);
    assert.equal(s.media.contentType, 'live');
    assert.equal(secondOfDay(T0), 36000);
    assert.equal(s.state.playback, 'playing');
    assert.equal(s.state.closed, null);
    // play at 1000; break 3601000→3631030 with ads 3601010→3616010 and 3616020→3631020;
    // last ping at 3641030 + 355 × 10000 = 7191030.
    assert.equal(s.metrics.mainContentMs, (3601000 - 1000) + (7191030 - 3631030));
    assert.equal(s.metrics.adMs, 30000);
    assert.equal(s.metrics.durationMs, 7191030);
    assert.equal(s.metrics.counts.pings, 359 + 28 + 356);
    assert.ok(s.metrics.counts.events > 700);
  });
});

describe('a 404 followed by a proper restart', () => {
  const { entries, failed, restart } = restartAfter404(SID, SID2);
  const r = analyseEntries(entries);

  test('http.session-not-found on the 404 call and no other warning or error; no session.not-restarted', () => {
    assert.deepEqual(serious(r.findings).map((f) => [f.code, f.severity, f.exchange, f.sid]),
      [['http.session-not-found', 'error', failed, SID]], describeAll(r.findings));
    assert.ok(!r.findings.some((f) => f.code === 'session.not-restarted'));
  });

  test('the new session (new sid, same player) is clean and carries the rest of the playback', () => {
    const s = sessionOf(r, SID2);
    assert.deepEqual(s.findings, []);
    assert.deepEqual(r.findings.filter((f) => f.sid === SID2), []);
    assert.equal(s.calls[0], restart);
    assert.equal(s.media.playerName, 'demo-player');
    assert.equal(s.state.completed, true);
    assert.equal(s.metrics.mainContentMs, 91300 - 41300);
  });

  test('contrast: without the restart the same 404 gives session.not-restarted', () => {
    const alone = analyseEntries(entries.slice(0, restart));
    const f = alone.findings.filter((x) => x.code === 'session.not-restarted');
    assert.deepEqual(f.map((x) => [x.exchange, x.sid, x.severity]), [[failed, SID, 'warning']]);
  });
});

describe('an idle session closed by the back end (410), then restarted', () => {
  const { entries, gone, restart } = idleThen410(SID, SID2);
  const r = analyseEntries(entries);

  test('session.idle-timeout and http.session-gone at the play that got the 410, nothing else serious', () => {
    const got = serious(r.findings).map((f) => [f.code, f.severity, f.exchange, f.sid]).sort();
    assert.deepEqual(got, [
      ['http.session-gone', 'error', gone, SID],
      ['session.idle-timeout', 'error', gone, SID],
    ], describeAll(r.findings));
  });

  test('the first session is closed by the idle timeout, the new one is clean', () => {
    assert.equal(sessionOf(r, SID).state.closed, 'idle-timeout');
    const s2 = sessionOf(r, SID2);
    assert.equal(s2.calls[0], restart);
    assert.deepEqual(s2.findings, []);
    assert.deepEqual(r.findings.filter((f) => f.sid === SID2), []);
    assert.equal(s2.state.completed, true);
  });
});

describe('a correct session recorded from its middle (the sessions call was not captured)', () => {
  const entries = vodWithAds(SID);
  const bodyOf = (e: Entry) => JSON.parse((e.request as { postData: { text: string } }).postData.text) as { eventType: string; params?: Record<string, unknown> };
  const find = (pred: (b: ReturnType<typeof bodyOf>) => boolean) => entries.findIndex((e) => pred(bodyOf(e)));
  const adStartOf = (id: string) => find((b) => b.eventType === 'adStart' && b.params?.['media.ad.id'] === id);
  const cuts: [string, number][] = [
    ['just after the pre-roll adBreakStart', adStartOf('preroll-1')],
    ['during the pings of the second pre-roll ad', adStartOf('preroll-2') + 3],
    ['in chapter 1, while paused', find((b) => b.eventType === 'pauseStart') + 1],
    ['in chapter 1, after the buffering', find((b) => b.eventType === 'bufferStart') + 2],
    ['during the mid-roll ad', adStartOf('midroll-1') + 5],
  ];
  for (const [where, cut] of cuts) {
    test(`recording starts ${where}: session.unknown (info) at the first exchange, no warning or error`, () => {
      assert.ok(cut > 1);
      const r = analyseEntries(entries.slice(cut));
      assertNoSerious(r);
      const unknown = r.findings.filter((f) => f.code === 'session.unknown');
      assert.deepEqual(unknown.map((f) => [f.exchange, f.sid, f.severity]), [[0, SID, 'info']]);
      assert.equal(sessionOf(r, SID).startCaptured, false);
    });
  }
});

/* ---------------------------------------------------------------------------------------------- */

/** Rewrites the exchange numbers of a finding (field and "#N" in the message) through `map`. */
function remapFinding(f: Finding, map: readonly number[]): Finding {
  const to = (n: number) => {
    const m = map[n];
    assert.ok(m !== undefined && m >= 0, `no mapping for exchange ${n}`);
    return m;
  };
  return { ...f, exchange: to(f.exchange), message: f.message.replace(/#(\d+)/g, (_, n: string) => `#${to(Number(n))}`) };
}

/** Each recording analysed alone gives the same findings and session reports as inside the merge. */
function assertIndependent(lists: Entry[][], settings: Partial<Settings> = {}): AnalysisResult {
  const merged = interleave(...lists);
  // The merge really interleaves: the lists' exchanges alternate in the merged recording.
  const owner = merged.entries.map((_, i) => merged.indexOf.findIndex((ix) => ix.includes(i)));
  const switches = owner.filter((o, i) => i > 0 && o !== owner[i - 1]).length;
  assert.ok(switches >= lists.length * 3, `the lists are hardly interleaved (${switches} switches)`);
  const together = analyseEntries(merged.entries, settings);
  const seenSids = new Set<string>();
  lists.forEach((list, l) => {
    const map = merged.indexOf[l] as number[];
    const alone = analyseEntries(list, settings);
    const mine = new Set(map);
    const expected = alone.findings.map((f) => remapFinding(f, map));
    const actual = together.findings.filter((f) => mine.has(f.exchange));
    const key = (f: Finding) => `${f.exchange} ${f.code} ${f.message} ${f.pointer ?? ''}`;
    assert.deepEqual([...actual].sort((a, b) => (key(a) < key(b) ? -1 : 1)), [...expected].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      `findings of recording ${l} differ when interleaved`);
    for (const s of alone.sessions) {
      seenSids.add(s.sid);
      const t = sessionOf(together, s.sid);
      assert.deepEqual(t.metrics, s.metrics, `metrics of ${s.sid}`);
      assert.deepEqual(t.state, s.state, `state of ${s.sid}`);
      assert.deepEqual(t.media, s.media, `media of ${s.sid}`);
      assert.equal(t.startCaptured, s.startCaptured);
      assert.deepEqual(t.calls, s.calls.map((i) => map[i]), `calls of ${s.sid}`);
      assert.deepEqual(t.findings, s.findings.map((f) => remapFinding(f, map)), `session findings of ${s.sid}`);
    }
  });
  assert.equal(together.sessions.length, seenSids.size);
  return together;
}

describe('interleaved concurrent sessions are analysed independently', () => {
  test('four correct sessions (two completed VODs, a live stream, an abandoned one) interleaved in time', () => {
    const together = assertIndependent([
      cleanVod(SID, T0),
      vodWithAds(SID2, T0 + 2500, 10000),
      liveStream(SID3, T0 + 4000, 0.1),
      abandonDuringMidroll(SID4, T0 + 1500),
    ]);
    assert.equal(together.sessions.length, 4);
    assert.deepEqual(serious(together.findings), [], describeAll(together.findings));
  });

  test('broken sessions and restarts interleaved: each keeps its own findings (a restart of one player does not count for another)', () => {
    const restart = restartAfter404(SID3, SID4, T0 + 300);
    const lost = notRestarted404(SID5, T0 + 900, 'player-b');
    const together = assertIndependent([
      brokenSequence(SID, T0, 'player-a'),
      vodWithAds(SID2, T0 + 700, 1000),
      restart.entries,
      lost.entries,
    ]);
    const notRestarted = together.findings.filter((f) => f.code === 'session.not-restarted');
    assert.deepEqual(notRestarted.map((f) => f.sid), [SID5]);
  });
});
