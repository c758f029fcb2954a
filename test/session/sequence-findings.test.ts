/**
 * Every code of the "Session sequence" section of the findings catalogue: a session that produces
 * it at the right exchange, with the catalogue's severity and the session's sid, and a minimally
 * different correct session that does not.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import { CATALOGUE, type FindingCode } from '../../src/core/findings/catalogue.ts';
import type { Finding, Severity } from '../../src/core/findings/finding.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { ev, eventEntry, SID, SID2, T0 } from '../helpers/har-builder.ts';
import {
  abandonDuringMidroll, abandonDuringPreroll, adBreakParams, adParams, analyseEntries, chapterParams, liveStream,
  moveEntry, round3, secondOfDay, SessionBuilder, stateParams, type Entry,
} from '../helpers/session-scenarios.ts';

/** Severities as written in the spec (findings.md, "Session sequence"), copied on purpose. */
const SPEC_SEVERITY: Record<string, Severity> = {
  'ad.orphan-start': 'error',
  'ad.orphan-end': 'warning',
  'ad.break-nested': 'error',
  'ad.break-unclosed': 'warning',
  'ad.overlap': 'warning',
  'ad.event-before-ad': 'warning',
  'ad.play-before-preroll': 'warning',
  'chapter.overlap': 'warning',
  'chapter.orphan-end': 'warning',
  'state.orphan-end': 'warning',
  'state.limit': 'warning',
  'session.unknown': 'info',
  'session.after-end': 'error',
  'session.idle-timeout': 'error',
  'session.stalled-playhead': 'warning',
  'session.too-long': 'warning',
  'session.open-at-end': 'info',
  'ping.late': 'warning',
  'ping.early': 'info',
  'ts.duplicate': 'warning',
  'ts.out-of-order': 'warning',
  'ts.not-milliseconds': 'error',
  'ts.clock-skew': 'info',
  'playhead.backwards': 'info',
  'playhead.moves-in-ad': 'warning',
  'playhead.beyond-length': 'warning',
  'playhead.not-seconds': 'warning',
};

const describeAll = (findings: readonly Finding[]) =>
  JSON.stringify(findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`), null, 1);

const withCode = (r: AnalysisResult, code: FindingCode) => r.findings.filter((f) => f.code === code);

/**
 * Asserts the findings with this code sit exactly at these exchanges (in time order), on `sid`,
 * with the catalogue's severity (or `severity` where the catalogue says otherwise for a case).
 */
function expectAt(r: AnalysisResult, code: FindingCode, exchanges: number[], o: { sid?: string; severity?: Severity } = {}): Finding[] {
  const found = withCode(r, code);
  assert.deepEqual(found.map((f) => f.exchange), exchanges, `${code} expected at ${JSON.stringify(exchanges)}; all findings: ${describeAll(r.findings)}`);
  for (const f of found) {
    assert.equal(f.sid, o.sid ?? SID, `${code}: sid`);
    assert.equal(f.severity, o.severity ?? CATALOGUE[code].severity, `${code}: severity`);
    assert.ok(f.message.trim().length > 0, `${code}: empty message`);
    assert.equal(f.fix, CATALOGUE[code].fix);
  }
  return found;
}

function expectNone(r: AnalysisResult, code: FindingCode): void {
  assert.deepEqual(withCode(r, code), [], `expected no ${code}; all findings: ${describeAll(r.findings)}`);
}

const run = (entries: Entry[], settings: Partial<Settings> = {}) => analyseEntries(entries, settings);

/** A VOD opened at 0 with play at 1000 (playhead 0); pings are up to each scenario. */
function vod(params: Record<string, unknown> = {}, sid = SID, start = T0): SessionBuilder {
  const b = new SessionBuilder(sid, start);
  b.open(params);
  b.send('play', 0, 1000);
  return b;
}

describe('catalogue', () => {
  test('every "Session sequence" code is in the catalogue with the spec severity and section', () => {
    for (const [code, severity] of Object.entries(SPEC_SEVERITY)) {
      const entry = CATALOGUE[code as FindingCode];
      assert.ok(entry, `${code} missing from the catalogue`);
      assert.equal(entry.severity, severity, code);
      assert.equal(entry.section, 'Session sequence', code);
    }
  });
});

/* --------------------------------------------------------------------------------------------- */
/* Ads                                                                                             */
/* --------------------------------------------------------------------------------------------- */

/** A 15 s ad at playhead 15, with or without the ad break around it. */
function orphanAd(withBreak: boolean) {
  const b = vod();
  b.send('ping', 10, 11000);
  if (withBreak) b.send('adBreakStart', 15, 15990, adBreakParams(1, 15));
  const adStart = b.send('adStart', 15, 16000, adParams('soda', 15, 1));
  b.send('ping', 15, 26000);
  b.send('adComplete', 15, 31000);
  if (withBreak) b.send('adBreakComplete', 15, 31010);
  b.send('ping', 20, 36000);
  b.send('sessionEnd', 24, 40000);
  return { entries: b.entries, adStart };
}

describe('ad.orphan-start', () => {
  test('adStart with no open break: error at the adStart, stating the seconds of ad counted as main content', () => {
    const { entries, adStart } = orphanAd(false);
    const r = run(entries);
    const [f] = expectAt(r, 'ad.orphan-start', [adStart]);
    // The ad ran from 16000 to its adComplete at 31000: 15 s credited to main content.
    assert.match(f!.message, /\b15(\.0)? s\b/);
    assert.match(f!.message, /main content/);
    const m = r.sessions[0]!.metrics;
    assert.equal(m.orphanAdCreditedToMainMs, 15000);
    assert.equal(m.mainContentMs, (16000 - 1000) + 15000 + (40000 - 31000));
    assert.equal(m.adMs, 0);
  });

  test('the same ad inside adBreakStart/adBreakComplete: no finding, the ad counts as ad time', () => {
    const r = run(orphanAd(true).entries);
    expectNone(r, 'ad.orphan-start');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
    const m = r.sessions[0]!.metrics;
    assert.equal(m.orphanAdCreditedToMainMs, 0);
    assert.equal(m.adMs, 31000 - 16000);
    assert.equal(m.mainContentMs, (15990 - 1000) + (40000 - 31010));
  });
});

describe('ad.orphan-end', () => {
  test('adComplete with no ad break open: warning at it', () => {
    const b = vod();
    b.send('ping', 10, 11000);
    const end = b.send('adComplete', 15, 16000);
    b.send('ping', 20, 21000);
    b.send('sessionEnd', 21, 22000);
    expectAt(run(b.entries), 'ad.orphan-end', [end]);
  });

  test('adSkip inside a break but with no ad open (the ad was already completed): warning at it', () => {
    const b = vod();
    b.send('adBreakStart', 10, 11000, adBreakParams(1, 10));
    b.send('adStart', 10, 11010, adParams('a', 5, 1));
    b.send('adComplete', 10, 16010);
    const skip = b.send('adSkip', 10, 16020);
    b.send('adBreakComplete', 10, 16030);
    b.send('sessionEnd', 12, 18000);
    expectAt(run(b.entries), 'ad.orphan-end', [skip]);
  });

  test('adComplete and adSkip of ads started inside a break: no finding', () => {
    const b = vod();
    b.send('adBreakStart', 10, 11000, adBreakParams(1, 10));
    b.send('adStart', 10, 11010, adParams('a', 5, 1));
    b.send('adComplete', 10, 16010);
    b.send('adStart', 10, 16020, adParams('b', 5, 2));
    b.send('adSkip', 10, 18000);
    b.send('adBreakComplete', 10, 18010);
    b.send('sessionEnd', 12, 20000);
    const r = run(b.entries);
    expectNone(r, 'ad.orphan-end');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
    assert.equal(r.sessions[0]!.metrics.counts.adsSkipped, 1);
  });
});

/** Two mid-roll pods at playhead 20, closed or not before the second one starts. */
function twoPods(closeFirst: boolean) {
  const b = vod();
  b.send('ping', 10, 11000);
  const first = b.send('adBreakStart', 20, 21000, adBreakParams(1, 20));
  b.send('adStart', 20, 21010, adParams('a', 15, 1));
  b.send('ping', 20, 31010);
  b.send('adComplete', 20, 36010);
  if (closeFirst) b.send('adBreakComplete', 20, 36015);
  const second = b.send('adBreakStart', 20, 36020, adBreakParams(2, 20));
  b.send('adStart', 20, 36030, adParams('b', 15, 1));
  b.send('ping', 20, 46030);
  b.send('adComplete', 20, 51030);
  b.send('adBreakComplete', 20, 51040);
  b.send('ping', 25, 56040);
  b.send('sessionEnd', 26, 57040);
  return { entries: b.entries, first, second };
}

describe('ad.break-nested', () => {
  test('adBreakStart while a break is open: error at the second adBreakStart', () => {
    const { entries, second } = twoPods(false);
    expectAt(run(entries), 'ad.break-nested', [second]);
  });

  test('the first pod closed before the second starts: no finding', () => {
    const r = run(twoPods(true).entries);
    expectNone(r, 'ad.break-nested');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

/** A post-roll at the end of a 30 s VOD, with or without its adBreakComplete, then sessionComplete. */
function postRoll(closed: boolean) {
  const b = vod({ 'media.length': 30 });
  b.send('ping', 10, 11000);
  b.send('ping', 20, 21000);
  const brk = b.send('adBreakStart', 30, 31000, adBreakParams(2, 30));
  b.send('adStart', 30, 31010, adParams('post', 10, 1));
  b.send('adComplete', 30, 41010);
  if (closed) b.send('adBreakComplete', 30, 41020);
  const complete = b.send('sessionComplete', 30, 41030);
  return { entries: b.entries, brk, complete };
}

/** A 10 s mid-roll at playhead 20 after which main content resumes, with or without adBreakComplete. */
function resumedWithoutComplete(closed: boolean) {
  const b = vod();
  b.send('ping', 10, 11000);
  const brk = b.send('adBreakStart', 20, 21000, adBreakParams(1, 20));
  b.send('adStart', 20, 21010, adParams('a', 10, 1));
  b.send('adComplete', 20, 31010);
  if (closed) b.send('adBreakComplete', 20, 31020);
  const resumed = b.send('ping', 30, 41020);
  b.send('ping', 40, 51020);
  b.send('sessionEnd', 42, 53020);
  return { entries: b.entries, brk, resumed };
}

describe('ad.break-unclosed', () => {
  test('at sessionComplete: warning pointing at the break that was never completed', () => {
    const { entries, brk } = postRoll(false);
    expectAt(run(entries), 'ad.break-unclosed', [brk]);
  });

  test('at a new adBreakStart: warning pointing at the first break', () => {
    const { entries, first } = twoPods(false);
    expectAt(run(entries), 'ad.break-unclosed', [first]);
  });

  test('when the playhead advances after the last ad (main content resumed): warning pointing at the break, once', () => {
    const { entries, brk } = resumedWithoutComplete(false);
    expectAt(run(entries), 'ad.break-unclosed', [brk]);
  });

  test('the same three sessions with adBreakComplete: no finding', () => {
    for (const entries of [postRoll(true).entries, twoPods(true).entries, resumedWithoutComplete(true).entries]) {
      const r = run(entries);
      expectNone(r, 'ad.break-unclosed');
      assert.deepEqual(r.findings, [], describeAll(r.findings));
    }
  });

  test('not at sessionEnd: abandoning mid-ad, or between the last adComplete and adBreakComplete, is legitimate', () => {
    expectNone(run(abandonDuringPreroll(SID)), 'ad.break-unclosed');
    expectNone(run(abandonDuringMidroll(SID)), 'ad.break-unclosed');
    const b = vod();
    b.send('adBreakStart', 10, 11000, adBreakParams(1, 10));
    b.send('adStart', 10, 11010, adParams('a', 5, 1));
    b.send('adComplete', 10, 16010);
    b.send('sessionEnd', 10, 16500);
    const r = run(b.entries);
    expectNone(r, 'ad.break-unclosed');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

/** Two ads in one pod; the first is completed or not before the second adStart. */
function twoAds(completeFirst: boolean) {
  const b = vod();
  b.send('ping', 10, 11000);
  b.send('adBreakStart', 20, 21000, adBreakParams(1, 20));
  b.send('adStart', 20, 21010, adParams('a', 15, 1));
  b.send('ping', 20, 31010);
  if (completeFirst) b.send('adComplete', 20, 36010);
  const second = b.send('adStart', 20, 36020, adParams('b', 15, 2));
  b.send('ping', 20, 46020);
  b.send('adComplete', 20, 51020);
  b.send('adBreakComplete', 20, 51030);
  b.send('ping', 25, 56030);
  b.send('sessionEnd', 26, 57030);
  return { entries: b.entries, second };
}

describe('ad.overlap', () => {
  test('adStart while the previous ad was neither completed nor skipped: warning at the second adStart', () => {
    const { entries, second } = twoAds(false);
    expectAt(run(entries), 'ad.overlap', [second]);
  });

  test('the first ad completed first: no finding', () => {
    const r = run(twoAds(true).entries);
    expectNone(r, 'ad.overlap');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

/** A pre-roll whose player buffers: before the first adStart (wrong) or inside the ad (fine). */
function bufferingPreroll(beforeAd: boolean) {
  const b = new SessionBuilder(SID);
  b.open();
  b.send('adBreakStart', 0, 500, adBreakParams(0, 0));
  let buffer = -1;
  let play = -1;
  if (beforeAd) {
    buffer = b.send('bufferStart', 0, 700);
    play = b.send('play', 0, 900);
  }
  b.send('adStart', 0, 1000, adParams('pre', 15, 1));
  if (!beforeAd) {
    buffer = b.send('bufferStart', 0, 1200);
    play = b.send('play', 0, 1400);
  }
  b.send('ping', 0, 11000);
  b.send('adComplete', 0, 16000);
  b.send('adBreakComplete', 0, 16010);
  b.send('play', 0, 16500);
  b.send('ping', 10, 26500);
  b.send('sessionEnd', 12, 28500);
  return { entries: b.entries, buffer, play };
}

describe('ad.event-before-ad', () => {
  test('bufferStart and play between adBreakStart and the first adStart: a warning at each', () => {
    const { entries, buffer, play } = bufferingPreroll(true);
    expectAt(run(entries), 'ad.event-before-ad', [buffer, play]);
  });

  test('the same events after the adStart: no finding', () => {
    const r = run(bufferingPreroll(false).entries);
    expectNone(r, 'ad.event-before-ad');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('a ping between adBreakStart and adStart is a heartbeat, not a playback event', () => {
    const b = new SessionBuilder(SID);
    b.open();
    b.send('adBreakStart', 0, 500, adBreakParams(0, 0));
    b.send('ping', 0, 900);
    b.send('adStart', 0, 1000, adParams('pre', 5, 1));
    b.send('adComplete', 0, 6000);
    b.send('adBreakComplete', 0, 6010);
    b.send('play', 0, 6500);
    b.send('sessionEnd', 3, 9500);
    expectNone(run(b.entries), 'ad.event-before-ad');
  });
});

/** A pre-roll, with or without a play sent before it. */
function preroll(playFirst: boolean) {
  const b = new SessionBuilder(SID);
  b.open();
  const early = playFirst ? b.send('play', 0, 200) : -1;
  b.send('adBreakStart', 0, 500, adBreakParams(0, 0));
  b.send('adStart', 0, 510, adParams('pre', 10, 1));
  b.send('adComplete', 0, 10510);
  b.send('adBreakComplete', 0, 10520);
  b.send('play', 0, 11000);
  b.send('ping', 10, 21000);
  b.send('sessionEnd', 14, 25000);
  return { entries: b.entries, early };
}

describe('ad.play-before-preroll', () => {
  test('play before the pre-roll break: warning at that play', () => {
    const { entries, early } = preroll(true);
    expectAt(run(entries), 'ad.play-before-preroll', [early]);
  });

  test('play only after the pre-roll: no finding', () => {
    const r = run(preroll(false).entries);
    expectNone(r, 'ad.play-before-preroll');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('a mid-roll after play is not a pre-roll', () => {
    expectNone(run(twoPods(true).entries), 'ad.play-before-preroll');
  });

  /** A live stream (playhead = second of the day) with a pre-roll, or a mid-roll after 10 minutes. */
  function livePreroll(playFirst: boolean, breakAfterMs = 500) {
    const ph = (t: number) => secondOfDay(T0 + t);
    const b = new SessionBuilder(SID);
    b.open({ 'media.contentType': 'live', 'media.length': 86400 }, { playhead: ph(0) });
    const early = playFirst ? b.send('play', ph(0), 200) : -1;
    if (playFirst) for (let t = 10200; t < breakAfterMs; t += 10000) b.send('ping', ph(t), t);
    const at = breakAfterMs;
    b.send('adBreakStart', ph(at), at, adBreakParams(0, 0));
    b.send('adStart', ph(at), at + 10, adParams('pre', 10, 1));
    b.send('adComplete', ph(at), at + 10010);
    b.send('adBreakComplete', ph(at), at + 10020);
    if (!playFirst || breakAfterMs <= 500) b.send('play', ph(at + 10500), at + 10500);
    b.send('ping', ph(at + 20500), at + 20500);
    b.send('sessionEnd', ph(at + 24500), at + 24500);
    return { entries: b.entries, early };
  }

  test('live stream: play sent before its pre-roll (the live playhead is the second of the day): warning at that play', () => {
    const { entries, early } = livePreroll(true);
    expectAt(run(entries), 'ad.play-before-preroll', [early]);
  });

  test('live stream: pre-roll without an early play, or a mid-roll after 10 minutes of play: no finding', () => {
    const r = run(livePreroll(false).entries);
    expectNone(r, 'ad.play-before-preroll');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
    const mid = run(livePreroll(true, 600200).entries);
    expectNone(mid, 'ad.play-before-preroll');
    assert.deepEqual(mid.findings, [], describeAll(mid.findings));
  });
});

/* --------------------------------------------------------------------------------------------- */
/* Chapters and player states                                                                      */
/* --------------------------------------------------------------------------------------------- */

function twoChapters(closeFirst: boolean) {
  const b = new SessionBuilder(SID);
  b.open();
  b.send('chapterStart', 0, 500, chapterParams(1, 0, 29));
  b.send('play', 0, 1000);
  b.send('ping', 10, 11000);
  b.send('ping', 20, 21000);
  if (closeFirst) b.send('chapterComplete', 29, 30000);
  const second = b.send('chapterStart', 29, 30010, chapterParams(2, 29, 30));
  b.send('ping', 30, 31000);
  b.send('chapterComplete', 39, 40000);
  b.send('sessionEnd', 39, 40010);
  return { entries: b.entries, second };
}

describe('chapter.overlap', () => {
  test('chapterStart while a chapter is open: warning at the second chapterStart', () => {
    const { entries, second } = twoChapters(false);
    expectAt(run(entries), 'chapter.overlap', [second]);
  });

  test('the first chapter completed first: no finding', () => {
    const r = run(twoChapters(true).entries);
    expectNone(r, 'chapter.overlap');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

describe('chapter.orphan-end', () => {
  test('chapterComplete with no chapter open, and a chapterSkip after the chapter was completed: a warning at each', () => {
    const b = vod();
    const lone = b.send('chapterComplete', 5, 6000);
    b.send('chapterStart', 5, 6010, chapterParams(1, 5, 10));
    b.send('ping', 10, 11000);
    b.send('chapterComplete', 15, 16000);
    const again = b.send('chapterSkip', 15, 16010);
    b.send('sessionEnd', 16, 17000);
    expectAt(run(b.entries), 'chapter.orphan-end', [lone, again]);
  });

  test('chapterComplete and chapterSkip each closing an open chapter: no finding', () => {
    const b = vod();
    b.send('chapterStart', 0, 1010, chapterParams(1, 0, 5));
    b.send('chapterComplete', 5, 6000);
    b.send('chapterStart', 5, 6010, chapterParams(2, 5, 20));
    b.send('ping', 10, 11000);
    b.send('chapterSkip', 15, 16000);
    b.send('sessionEnd', 16, 17000);
    const r = run(b.entries);
    expectNone(r, 'chapter.orphan-end');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

describe('state.orphan-end', () => {
  test('stateEnd of a state never started: warning at it', () => {
    const b = vod();
    const end = b.send('stateEnd', 5, 6000, stateParams('mute'));
    b.send('ping', 10, 11000);
    b.send('sessionEnd', 11, 12000);
    expectAt(run(b.entries), 'state.orphan-end', [end]);
  });

  test('statesUpdate whose statesEnd names a state that is not active: warning at it', () => {
    const b = vod();
    b.send('stateStart', 2, 3000, stateParams('fullscreen'));
    const upd = b.send('statesUpdate', 5, 6000, { params: { statesEnd: [{ 'media.state.name': 'mute' }], statesStart: [{ 'media.state.name': 'pictureInPicture' }] } });
    b.send('ping', 10, 11000);
    b.send('sessionEnd', 11, 12000);
    expectAt(run(b.entries), 'state.orphan-end', [upd]);
  });

  test('the same ends after the states were started (stateStart, statesUpdate statesStart): no finding', () => {
    const b = vod();
    b.send('stateStart', 1, 2000, stateParams('mute'));
    b.send('stateEnd', 5, 6000, stateParams('mute'));
    b.send('statesUpdate', 6, 7000, { params: { statesStart: [{ 'media.state.name': 'mute' }, { 'media.state.name': 'fullscreen' }] } });
    b.send('ping', 10, 11000);
    b.send('statesUpdate', 12, 13000, { params: { statesEnd: [{ 'media.state.name': 'mute' }], statesStart: [{ 'media.state.name': 'pictureInPicture' }] } });
    b.send('sessionEnd', 13, 14000);
    const r = run(b.entries);
    expectNone(r, 'state.orphan-end');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
    assert.deepEqual(r.sessions[0]!.metrics.playerStatesMs, { fullscreen: 7000, mute: 4000 + 6000, pictureInPicture: 1000 });
  });
});

/** `distinct` distinct player states, started one after the other (each ended before the next). */
function manyStates(distinct: number, viaUpdateFrom = Infinity) {
  const b = vod();
  const at: number[] = [];
  for (let i = 1; i <= distinct; i++) {
    const t = 1000 + i * 500;
    const name = `state_${i}`;
    at.push(i >= viaUpdateFrom
      ? b.send('statesUpdate', (t - 1000) / 1000, t, { params: { statesStart: [{ 'media.state.name': name }] } })
      : b.send('stateStart', (t - 1000) / 1000, t, stateParams(name)));
  }
  // the first state again: not a new distinct state
  b.send('stateStart', 9, 10000, stateParams('state_1'));
  b.send('ping', 10, 11000);
  b.send('sessionEnd', 11, 12000);
  return { entries: b.entries, at };
}

describe('state.limit', () => {
  test('an 11th distinct player state: warning at the event that starts it', () => {
    const { entries, at } = manyStates(11);
    expectAt(run(entries), 'state.limit', [at[10]!]);
  });

  test('the 11th distinct state started by a statesUpdate: warning at that statesUpdate', () => {
    const { entries, at } = manyStates(11, 10);
    expectAt(run(entries), 'state.limit', [at[10]!]);
  });

  test('10 distinct states (one of them started twice): no finding', () => {
    const r = run(manyStates(10).entries);
    expectNone(r, 'state.limit');
  });
});

/* --------------------------------------------------------------------------------------------- */
/* Session life                                                                                    */
/* --------------------------------------------------------------------------------------------- */

/** A VOD at playhead 300 to 330, with or without its sessions call in the recording. */
function midPlayback(withStart: boolean) {
  const b = new SessionBuilder(SID);
  if (withStart) {
    b.open({}, { playhead: 300 });
    b.send('play', 300, 1000);
  }
  const first = b.send('ping', 310, 11000);
  b.send('ping', 320, 21000);
  b.send('ping', 330, 31000);
  b.send('sessionEnd', 331, 32000);
  return { entries: b.entries, first };
}

describe('session.unknown', () => {
  test('events for a sid whose sessions call was not captured: info at the first event', () => {
    const { entries, first } = midPlayback(false);
    const r = run(entries);
    expectAt(r, 'session.unknown', [first]);
    assert.equal(r.sessions[0]!.startCaptured, false);
  });

  test('a sid Adobe answers 404 for is not a capture gap: http.session-not-found, and no session.unknown', () => {
    const lost = eventEntry(SID, ev('ping', 10, T0 + 10_000), { at: 10_000, status: 404 });
    const r = run([lost]);
    expectNone(r, 'session.unknown');
    assert.ok(r.findings.some((f) => f.code === 'http.session-not-found'));
  });

  test('the sessions call captured: no finding', () => {
    const r = run(midPlayback(true).entries);
    expectNone(r, 'session.unknown');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('the sessions call captured but listed late in the recording (slow reply): no session.unknown', () => {
    const entries = moveEntry(midPlayback(true).entries, 0, 3);
    const r = run(entries);
    expectNone(r, 'session.unknown');
    assert.equal(r.sessions[0]!.startCaptured, true);
  });
});

function endThenPing(pingAfterEnd: boolean) {
  const b = vod();
  b.send('ping', 10, 11000);
  b.send('sessionEnd', 14, 15000);
  const after = pingAfterEnd ? b.send('ping', 20, 21000, {}, { status: 410 }) : -1;
  return { entries: b.entries, after };
}

describe('session.after-end', () => {
  test('an event after sessionEnd on the same sid: error at that event', () => {
    const { entries, after } = endThenPing(true);
    expectAt(run(entries), 'session.after-end', [after]);
  });

  test('nothing after sessionEnd: no finding', () => {
    const r = run(endThenPing(false).entries);
    expectNone(r, 'session.after-end');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('the stray event\'s 410 is reported with its cause, and asks for no restart (the player ended the session itself), whatever the device clock', () => {
    for (const skewMs of [0, 6 * 60000, -6 * 60000]) {
      const b = new SessionBuilder(SID, T0, 20 - skewMs);
      b.open();
      b.send('play', 0, 1000);
      b.send('ping', 10, 11000);
      b.send('sessionEnd', 14, 15000);
      const stray = b.send('ping', 20, 21000, {}, { status: 410 });
      const r = run(b.entries);
      expectAt(r, 'session.after-end', [stray]);
      assert.deepEqual(r.findings.filter((f) => f.code === 'http.session-gone').map((f) => f.exchange), [stray]);
      assert.deepEqual(withCode(r, 'session.not-restarted'), [], `clock ${skewMs / 60000} min: ${describeAll(r.findings)}`);
    }
  });
});

/** Paused at 15 s; play again `gapMs` after the last event, with or without pings while paused. */
function pausedThenPlay(gapMs: number, pingWhilePaused: boolean) {
  const b = vod();
  b.send('ping', 10, 11000);
  b.send('pauseStart', 14, 15000);
  let last = 15000;
  if (pingWhilePaused) {
    for (let t = 21000; t < 15000 + gapMs; t += 10000) last = b.send('ping', 14, t) >= 0 ? t : last;
  }
  const resume = b.send('play', 14, 15000 + gapMs);
  b.send('ping', 20, 15000 + gapMs + 6000);
  b.send('sessionEnd', 21, 15000 + gapMs + 7000);
  return { entries: b.entries, resume, last };
}

describe('session.idle-timeout', () => {
  test('more than 10 minutes without any event: error at the event after the gap', () => {
    const { entries, resume } = pausedThenPlay(10 * 60000 + 1, false);
    expectAt(run(entries), 'session.idle-timeout', [resume]);
  });

  test('pings every 10 s while paused: no finding', () => {
    const r = run(pausedThenPlay(11 * 60000, true).entries);
    expectNone(r, 'session.idle-timeout');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('exactly 10 minutes is not more than 10 minutes', () => {
    expectNone(run(pausedThenPlay(10 * 60000, false).entries), 'session.idle-timeout');
  });
});

/** Paused at 25 s (playhead 24) with pings every 10 s; play again after `pauseMs`. */
function longPause(pauseMs: number) {
  const b = vod();
  b.send('ping', 10, 11000);
  b.send('ping', 20, 21000);
  b.send('pauseStart', 24, 25000);
  const pings = new Map<number, number>();
  for (let t = 31000; t < 25000 + pauseMs; t += 10000) pings.set(t, b.send('ping', 24, t));
  const resume = 25000 + pauseMs;
  b.send('play', 24, resume);
  // the ping timer keeps its 10 s grid across the pause
  let t = 31000 + Math.ceil((resume - 31000 + 1) / 10000) * 10000;
  for (; t < resume + 60000; t += 10000) b.send('ping', round3(24 + (t - resume) / 1000), t);
  b.send('sessionEnd', round3(24 + (t - 9000 - resume) / 1000), t - 9000);
  return { entries: b.entries, pings };
}

describe('session.stalled-playhead', () => {
  test('30 minutes without playhead movement: warning at the first event past 30 minutes', () => {
    const { entries, pings } = longPause(35 * 60000);
    // The playhead last moved at the pauseStart (25000, from 20 to 24); 25000 + 30 min = 1825000,
    // so the first event past it is the ping at 1831000.
    expectAt(run(entries), 'session.stalled-playhead', [pings.get(1831000)!]);
  });

  test('a 29-minute pause: no finding', () => {
    const r = run(longPause(29 * 60000).entries);
    expectNone(r, 'session.stalled-playhead');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

describe('session.too-long', () => {
  const hours = 24 + 2 / 60;
  test('a live session still sending events more than 24 hours after its start: warning at the first such event', () => {
    const entries = liveStream(SID, T0, hours);
    const first = entries.findIndex((e) => {
      const body = JSON.parse((e.request as { postData: { text: string } }).postData.text) as { playerTime: { ts: number } };
      return body.playerTime.ts - T0 > 24 * 3600000;
    });
    assert.ok(first > 0);
    expectAt(run(entries), 'session.too-long', [first]);
  });

  test('the same viewing restarted as a new session before 24 hours: no finding', () => {
    const restartAt = 24 * 3600000 - 60000;
    const first = liveStream(SID, T0, restartAt / 3600000);
    const b = new SessionBuilder(SID, T0);
    b.send('sessionEnd', Math.floor((T0 + restartAt + 5000) / 1000) % 86400, restartAt + 5000);
    const second = liveStream(SID2, T0 + restartAt + 6000, (hours * 3600000 - restartAt - 6000) / 3600000);
    const r = run([...first, ...b.entries, ...second]);
    expectNone(r, 'session.too-long');
    assert.equal(r.sessions.length, 2);
  });
});

describe('session.open-at-end', () => {
  function recording(end: 'none' | 'sessionComplete' | 'sessionEnd') {
    const b = vod({ 'media.length': 20 });
    b.send('ping', 10, 11000);
    const last = b.send('ping', 20, 21000);
    if (end !== 'none') b.send(end, 20, 21500);
    return { entries: b.entries, last };
  }

  test('the recording ends with the session neither completed nor ended: info at its last event', () => {
    const { entries, last } = recording('none');
    expectAt(run(entries), 'session.open-at-end', [last]);
  });

  test('completed (sessionComplete) or ended (sessionEnd): no finding', () => {
    for (const end of ['sessionComplete', 'sessionEnd'] as const) {
      const r = run(recording(end).entries);
      expectNone(r, 'session.open-at-end');
      assert.deepEqual(r.findings, [], describeAll(r.findings));
    }
  });
});

/* --------------------------------------------------------------------------------------------- */
/* Pings                                                                                           */
/* --------------------------------------------------------------------------------------------- */

/** Main content pings at 11 s, 21 s, then one `gapMs` later. */
function mainPings(gapMs: number) {
  const b = vod();
  b.send('ping', 10, 11000);
  b.send('ping', 20, 21000);
  const late = b.send('ping', 20 + gapMs / 1000, 21000 + gapMs);
  b.send('ping', 30 + gapMs / 1000, 31000 + gapMs);
  b.send('sessionEnd', 31 + gapMs / 1000, 32000 + gapMs);
  return { entries: b.entries, late };
}

/** A 30 s ad with ad pings every `everyMs`. */
function adPings(everyMs: number) {
  const b = vod();
  b.send('ping', 10, 11000);
  b.send('adBreakStart', 15, 16000, adBreakParams(1, 15));
  b.send('adStart', 15, 16010, adParams('long', 30, 1));
  const pings: number[] = [];
  for (let t = 16010 + everyMs; t < 46010; t += everyMs) pings.push(b.send('ping', 15, t));
  const complete = b.send('adComplete', 15, 46010);
  b.send('adBreakComplete', 15, 46020);
  b.send('ping', 20, 51020);
  b.send('sessionEnd', 22, 53020);
  return { entries: b.entries, pings, complete };
}

describe('ping.late', () => {
  test('main content: a 13 s gap between pings is late (10 s + 2 s tolerance): warning naming the tolerance setting', () => {
    const { entries, late } = mainPings(13000);
    const [f] = expectAt(run(entries), 'ping.late', [late]);
    assert.equal(f!.setting, 'pingToleranceMs');
    assert.match(f!.message, /ping tolerance/);
  });

  test('main content: a 12 s gap is within the tolerance; a 13 s gap with a 4 s tolerance too', () => {
    expectNone(run(mainPings(12000).entries), 'ping.late');
    expectNone(run(mainPings(13000).entries, { pingToleranceMs: 4000 }), 'ping.late');
  });

  test('main content: the first ping more than 12 s after play is late', () => {
    const b = vod();
    const late = b.send('ping', 14, 15000);
    b.send('sessionEnd', 15, 16000);
    expectAt(run(b.entries), 'ping.late', [late]);
  });

  test('ad break with 10 s ad pings: late under ad ping cadence 1 (warning naming the cadence setting), fine under 10 and either', () => {
    const { entries, pings } = adPings(10000);
    const r = run(entries, { adPingCadence: '1' });
    const late = withCode(r, 'ping.late');
    assert.ok(late.length >= 1, describeAll(r.findings));
    assert.equal(late[0]!.exchange, pings[0]);
    for (const f of late) {
      assert.equal(f.setting, 'adPingCadence');
      assert.match(f.message, /ad ping cadence 1/);
      assert.equal(f.severity, 'warning');
      assert.equal(f.sid, SID);
    }
    for (const cadence of ['10', 'either'] as const) {
      const ok = run(entries, { adPingCadence: cadence });
      expectNone(ok, 'ping.late');
      assert.deepEqual(ok.findings, [], describeAll(ok.findings));
    }
  });

  test('ad break with 1 s ad pings: no ping.late under any cadence', () => {
    const { entries } = adPings(1000);
    for (const cadence of ['1', '10', 'either'] as const) expectNone(run(entries, { adPingCadence: cadence }), 'ping.late');
  });

  test('ad break under cadence either: 15 s gaps in an ad are late, reported once for the streak (the ad ping; the adComplete 15 s after it continues the streak)', () => {
    const { entries, pings, complete } = adPings(15000);
    assert.equal(pings.length, 1);
    assert.ok(complete > pings[0]!);
    const found = expectAt(run(entries), 'ping.late', [pings[0]!]);
    for (const f of found) {
      assert.equal(f.setting, 'adPingCadence');
      assert.match(f.message, /once per streak/);
    }
  });

  test('ad break under cadence 1 with a 5 s tolerance: 5 s ad pings pass, 10 s ad pings do not', () => {
    expectNone(run(adPings(5000).entries, { adPingCadence: '1', pingToleranceMs: 5000 }), 'ping.late');
    assert.ok(withCode(run(adPings(10000).entries, { adPingCadence: '1', pingToleranceMs: 5000 }), 'ping.late').length > 0);
  });
});

describe('ping.early', () => {
  test('main content pinged every second: info once per streak, at the second ping of the streak', () => {
    const b = vod();
    const pings: number[] = [];
    for (let t = 2000; t <= 12000; t += 1000) pings.push(b.send('ping', (t - 1000) / 1000, t));
    b.send('sessionEnd', 12, 13000);
    expectAt(run(b.entries), 'ping.early', [pings[1]!]);
  });

  test('main content pinged every 10 s: no finding', () => {
    const r = run(mainPings(10000).entries);
    expectNone(r, 'ping.early');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('ad pings every second: info naming the cadence setting under cadence 10; nothing under 1 or either', () => {
    const { entries, pings } = adPings(1000);
    const [f] = expectAt(run(entries, { adPingCadence: '10' }), 'ping.early', [pings[1]!]);
    assert.equal(f!.setting, 'adPingCadence');
    for (const cadence of ['1', 'either'] as const) {
      const r = run(entries, { adPingCadence: cadence });
      expectNone(r, 'ping.early');
      assert.deepEqual(r.findings, [], describeAll(r.findings));
    }
  });
});

/* --------------------------------------------------------------------------------------------- */
/* ts                                                                                              */
/* --------------------------------------------------------------------------------------------- */

describe('ts.duplicate', () => {
  /** A VOD session whose events at `at` ms (after a ping at 11000) are `pair`, then pings and sessionEnd. */
  function tie(pair: [type: string, playhead: number, ms: number, rest?: Record<string, unknown>][]) {
    const b = vod();
    b.send('ping', 10, 11000);
    const at = pair.map(([type, playhead, ms, rest]) => b.send(type, playhead, ms, rest ?? {}, { at: b.sendAt(ms + 5) }));
    b.send('ping', 20, 21000);
    b.send('sessionEnd', 21, 22000);
    return { entries: b.entries, at };
  }
  const bitrate = { qoeData: { 'media.qoe.bitrate': 3000000 } };

  test('an event sent twice (same type, ts, playhead and details): warning at the second', () => {
    const { entries, at } = tie([['bitrateChange', 12, 13000, bitrate], ['bitrateChange', 12, 13000, bitrate]]);
    const [f] = expectAt(run(entries), 'ts.duplicate', [at[1]!]);
    assert.equal(f!.pointer, '/playerTime/ts');
    assert.match(f!.message, /sent it twice/);
  });

  test('1 ms apart: no finding', () => {
    const r = run(tie([['bitrateChange', 12, 13000, bitrate], ['bitrateChange', 12, 13001, bitrate]]).entries);
    expectNone(r, 'ts.duplicate');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('back-to-back calls at one millisecond, as Adobe\'s SDKs stamp them: no finding', () => {
    const states = (name: string) => ({ params: { statesStart: [{ 'media.state.name': name }] } });
    for (const pair of [
      [['ping', 12, 13000], ['bitrateChange', 12, 13000, bitrate]], // a tick's ping and an API call
      [['bitrateChange', 12, 13000, bitrate], ['ping', 12, 13000]], // the mobile SDK pings on the exit of any call
      [['statesUpdate', 12, 13000, states('mute')], ['statesUpdate', 12, 13000, states('fullscreen')]], // several statesUpdate
      [['error', 12, 13000, { qoeData: { 'media.qoe.errorID': 'E1', 'media.qoe.errorSource': 'player' } }], ['error', 12, 13000, { qoeData: { 'media.qoe.errorID': 'E2', 'media.qoe.errorSource': 'player' } }]],
      [['pauseStart', 12, 13000], ['play', 12, 13000]],
    ] as [string, number, number, Record<string, unknown>?][][]) {
      expectNone(run(tie(pair).entries), 'ts.duplicate');
    }
  });

  test('closing cascades under one ts (trackSessionEnd / trackComplete in an ad and a chapter): no finding', () => {
    for (const last of ['sessionEnd', 'sessionComplete']) {
      const b = vod();
      b.send('chapterStart', 0, 1500, chapterParams(1, 0, 300));
      b.send('ping', 10, 11000);
      b.send('adBreakStart', 15, 16000, adBreakParams(1, 15));
      b.send('adStart', 15, 16000, adParams('mid', 30, 1));
      b.send('play', 15, 16000);
      b.send('ping', 15, 26000);
      for (const type of ['adSkip', 'adBreakComplete', 'chapterSkip', last]) b.send(type, 15, 30000);
      const r = run(b.entries);
      assert.deepEqual(r.findings.filter((f) => f.severity !== 'info'), [], describeAll(r.findings));
    }
  });

  test('orders no SDK sends at one millisecond: each a warning at the second event', () => {
    const cases: { pair: [string, number, number, Record<string, unknown>?][]; why: RegExp }[] = [
      { pair: [['play', 12, 13000], ['ping', 12, 13000]], why: /restarts its ping timer/ },
      { pair: [['sessionComplete', 12, 13000], ['bitrateChange', 12, 13000, bitrate]], why: /only sessionEnd may follow/ },
      { pair: [['stateStart', 12, 13000, stateParams('mute')], ['noSuchEvent', 12, 13000]], why: /no Adobe client sends/ },
    ];
    for (const c of cases) {
      const { entries, at } = tie(c.pair);
      const found = withCode(run(entries), 'ts.duplicate');
      assert.deepEqual(found.map((f) => f.exchange), [at[1]], `${c.pair.map((p) => p[0]).join(' → ')}: ${describeAll(found)}`);
      assert.match(found[0]!.message, c.why);
    }
  });

  test('an ad event right after its break closed, or a break opened after its ad, at one millisecond', () => {
    const b = vod();
    b.send('ping', 10, 11000);
    b.send('adBreakStart', 12, 12000, adBreakParams(1, 12));
    b.send('adStart', 12, 12000, adParams('a', 5, 1));
    b.send('adBreakComplete', 12, 17000);
    const late = b.send('adComplete', 12, 17000); // reversed: the ad closed after its break
    b.send('adStart', 12, 18000, adParams('b', 5, 1));
    const reversed = b.send('adBreakStart', 12, 18000, adBreakParams(2, 12)); // reversed: break after its ad
    b.send('adComplete', 12, 23000);
    b.send('adBreakComplete', 12, 23001);
    b.send('sessionEnd', 12, 24000);
    expectAt(run(b.entries), 'ts.duplicate', [late, reversed]);
  });

  test('the same ts on two different sessions is no duplicate', () => {
    const a = vod({}, SID, T0);
    a.send('ping', 10, 11000);
    a.send('sessionEnd', 11, 12000);
    const b = vod({ 'media.playerName': 'other' }, SID2, T0);
    b.send('ping', 10, 11000);
    b.send('sessionEnd', 11, 12000);
    expectNone(run([...a.entries, ...b.entries]), 'ts.duplicate');
  });
});

describe('ts.out-of-order (judged in send order)', () => {
  /**
   * pauseStart (ts 15000) is sent at 15020; a bitrateChange with ts `bitrateTs` is sent at
   * `bitrateSentAt`. `harSwap` lists the two the other way round in the HAR file.
   */
  function scenario(bitrateTs: number, bitrateSentAt: number, harSwap = false) {
    const b = vod();
    b.send('ping', 10, 11000);
    b.send('pauseStart', 14, 15000);
    b.send('bitrateChange', 14, bitrateTs, { qoeData: { 'media.qoe.bitrate': 3000000 } }, { at: b.sendAt(bitrateSentAt - 20) });
    b.send('play', 14, 20000);
    b.send('ping', 15, 21000);
    b.send('sessionEnd', 16, 22000);
    const entries = harSwap ? moveEntry(b.entries, 4, 3) : b.entries;
    return { entries, bitrate: harSwap ? 3 : 4, pause: harSwap ? 4 : 3 };
  }

  test('sent after an event with a later ts, 0.5 s back: warning at the later-sent event', () => {
    const { entries, bitrate } = scenario(14500, 15040);
    const [f] = expectAt(run(entries), 'ts.out-of-order', [bitrate], { severity: 'warning' });
    assert.equal(f!.pointer, '/playerTime/ts');
  });

  test('exactly 1 s back is still a warning', () => {
    const { entries, bitrate } = scenario(14000, 15040);
    expectAt(run(entries), 'ts.out-of-order', [bitrate], { severity: 'warning' });
  });

  test('more than 1 s back: error', () => {
    const { entries, bitrate } = scenario(13900, 15040);
    expectAt(run(entries), 'ts.out-of-order', [bitrate], { severity: 'error' });
  });

  test('the same events sent in ts order: no finding', () => {
    const r = run(scenario(14500, 14520).entries);
    expectNone(r, 'ts.out-of-order');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('send order is the request time, not the position in the HAR file', () => {
    // Listed first in the HAR but sent second, with an earlier ts: out of order.
    const swapped = scenario(14500, 15040, true);
    expectAt(run(swapped.entries), 'ts.out-of-order', [swapped.bitrate], { severity: 'warning' });
    // Listed second in the HAR but sent first, with the earlier ts: in order.
    const inOrder = scenario(14500, 14520, true);
    assert.equal(inOrder.bitrate, 3);
    const r = run(inOrder.entries);
    expectNone(r, 'ts.out-of-order');
  });
});

describe('ts.not-milliseconds', () => {
  function badTs(ts: ((ms: number) => number) | null) {
    const b = vod();
    const abs = T0 + 11000;
    const bad = b.send('ping', 10, 11000, {}, ts ? { ts: ts(abs) } : {});
    b.send('ping', 20, 21000);
    b.send('sessionEnd', 21, 22000);
    return { entries: b.entries, bad };
  }

  test('ts in seconds: error at that event, pointing at playerTime/ts', () => {
    const { entries, bad } = badTs((ms) => Math.floor(ms / 1000));
    const [f] = expectAt(run(entries), 'ts.not-milliseconds', [bad]);
    assert.equal(f!.pointer, '/playerTime/ts');
    assert.match(f!.message, /seconds/);
  });

  test('ts in microseconds: error at that event', () => {
    const { entries, bad } = badTs((ms) => ms * 1000);
    const [f] = expectAt(run(entries), 'ts.not-milliseconds', [bad]);
    assert.match(f!.message, /microseconds/);
  });

  test('ts in milliseconds: no finding', () => {
    const r = run(badTs(null).entries);
    expectNone(r, 'ts.not-milliseconds');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('every ts in seconds: reported once, at the first event', () => {
    const b = new SessionBuilder(SID);
    b.open();
    const entries = b.entries;
    const body = JSON.parse((entries[0]!.request as { postData: { text: string } }).postData.text) as { playerTime: { ts: number } };
    body.playerTime.ts = Math.floor(T0 / 1000);
    (entries[0]!.request as { postData: { text: string } }).postData.text = JSON.stringify(body);
    b.send('play', 0, 1000, {}, { ts: Math.floor((T0 + 1000) / 1000) });
    b.send('ping', 10, 11000, {}, { ts: Math.floor((T0 + 11000) / 1000) });
    expectAt(run(entries), 'ts.not-milliseconds', [0]);
  });
});

describe('ts.clock-skew', () => {
  /** Every event's ts is `skewMs` ahead of (or behind, if negative) the time its request was sent. */
  function skewed(skewMs: number) {
    const b = new SessionBuilder(SID, T0, 20 - skewMs);
    b.open();
    b.send('play', 0, 1000);
    b.send('ping', 10, 11000);
    b.send('sessionEnd', 11, 12000);
    return b.entries;
  }

  test('ts 6 minutes ahead of the send time: info once, at the first event, naming the setting and the skew', () => {
    const [f] = expectAt(run(skewed(6 * 60000)), 'ts.clock-skew', [0]);
    assert.equal(f!.setting, 'clockSkewToleranceMs');
    // ts is 359.98 s ahead: "6 min 0 s" (or 5 min 59/60 s written properly), never "5 min 60 s".
    assert.match(f!.message, /\b(6 min( 0 s)?|5 min 59(\.\d+)? s)\b/);
    assert.doesNotMatch(f!.message, /\b60 s\b/);
    assert.match(f!.message, /ahead/);
  });

  test('ts 6 minutes behind the send time: info at the first event', () => {
    expectAt(run(skewed(-6 * 60000)), 'ts.clock-skew', [0]);
  });

  test('4 minutes ahead (default tolerance 5 min), or 6 minutes with a 7-minute tolerance: no finding', () => {
    const r = run(skewed(4 * 60000));
    expectNone(r, 'ts.clock-skew');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
    expectNone(run(skewed(6 * 60000), { clockSkewToleranceMs: 7 * 60000 }), 'ts.clock-skew');
  });

  test('a 6-minute skew with a 1-minute tolerance, and a 2-minute skew with it', () => {
    expectAt(run(skewed(2 * 60000), { clockSkewToleranceMs: 60000 }), 'ts.clock-skew', [0]);
  });
});

/* --------------------------------------------------------------------------------------------- */
/* Playhead                                                                                        */
/* --------------------------------------------------------------------------------------------- */

describe('playhead.backwards', () => {
  function seek(to: number) {
    const b = vod();
    b.send('ping', 10, 11000);
    b.send('ping', 20, 21000);
    const buffer = b.send('bufferStart', to, 23000);
    b.send('play', to, 24000);
    b.send('ping', to + 7, 31000);
    b.send('sessionEnd', to + 8, 32000);
    return { entries: b.entries, buffer };
  }

  test('a seek back from 20 to 5: info at the first event with the lower playhead', () => {
    const { entries, buffer } = seek(5);
    expectAt(run(entries), 'playhead.backwards', [buffer]);
  });

  test('no seek: no finding', () => {
    const r = run(seek(22).entries);
    expectNone(r, 'playhead.backwards');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

describe('playhead.moves-in-ad', () => {
  function midroll(movingPlayhead: boolean) {
    const b = vod();
    b.send('ping', 10, 11000);
    b.send('adBreakStart', 20, 21000, adBreakParams(1, 20));
    b.send('adStart', 20, 21010, adParams('a', 20, 1));
    const first = b.send('ping', movingPlayhead ? 30 : 20, 31010);
    b.send('adComplete', movingPlayhead ? 40 : 20, 41010);
    b.send('adBreakComplete', 20, 41020);
    b.send('ping', 25, 46020);
    b.send('sessionEnd', 26, 47020);
    return { entries: b.entries, first };
  }

  test('the playhead advances during an ad: warning once, at the first event where it moved', () => {
    const { entries, first } = midroll(true);
    expectAt(run(entries), 'playhead.moves-in-ad', [first]);
  });

  test('the playhead held at the break position: no finding', () => {
    const r = run(midroll(false).entries);
    expectNone(r, 'playhead.moves-in-ad');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });
});

describe('playhead.beyond-length', () => {
  function film(lengthS: number, contentType = 'vod') {
    const b = vod({ 'media.length': lengthS, 'media.contentType': contentType });
    b.send('ping', 10, 11000);
    b.send('ping', 20, 21000);
    b.send('ping', 30, 31000);
    const beyond = b.send('ping', 40, 41000);
    b.send('sessionComplete', 40, 41500);
    return { entries: b.entries, beyond };
  }

  test('VOD playhead 40 with media.length 30 (tolerance 2 s): warning once at the first event beyond, naming the setting', () => {
    const { entries, beyond } = film(30);
    const [f] = expectAt(run(entries), 'playhead.beyond-length', [beyond]);
    assert.equal(f!.setting, 'playheadToleranceS');
  });

  test('media.length 39 (40 is within the 2 s tolerance), or 30 with a 10 s tolerance: no finding', () => {
    const r = run(film(39).entries);
    expectNone(r, 'playhead.beyond-length');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
    expectNone(run(film(30).entries, { playheadToleranceS: 10 }), 'playhead.beyond-length');
  });

  test('live content is not checked against media.length', () => {
    expectNone(run(film(30, 'live').entries), 'playhead.beyond-length');
  });
});

describe('playhead.not-seconds', () => {
  function units(ms: boolean) {
    const b = vod({ 'media.length': 600 });
    const first = b.send('ping', ms ? 10000 : 10, 11000);
    b.send('ping', ms ? 20000 : 20, 21000);
    b.send('sessionEnd', ms ? 21000 : 21, 22000);
    return { entries: b.entries, first };
  }

  test('the playhead advances 1000 per second: warning once, at the first event showing it', () => {
    const { entries, first } = units(true);
    expectAt(run(entries), 'playhead.not-seconds', [first]);
  });

  test('the playhead in seconds: no finding', () => {
    const r = run(units(false).entries);
    expectNone(r, 'playhead.not-seconds');
    assert.deepEqual(r.findings, [], describeAll(r.findings));
  });

  test('a seek forward by an hour in a 2-hour film (one jump, then 1 s per second) is not milliseconds', () => {
    const b = vod({ 'media.length': 7200 });
    b.send('ping', 10, 11000);
    b.send('ping', 3605, 21000); // the viewer dragged the scrubber during this interval
    b.send('ping', 3615, 31000);
    b.send('ping', 3625, 41000);
    b.send('sessionEnd', 3626, 42000);
    expectNone(run(b.entries), 'playhead.not-seconds');
  });
});
