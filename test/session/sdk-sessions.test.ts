/**
 * Sessions as Adobe's own Media SDK (iOS/Android MediaCollection tracker) puts them on the wire,
 * made by the simulator in test/helpers/sdk-session.ts, in real-time and downloaded mode: the
 * rules accept them (no warning or error, every session followed) and still catch the mistakes
 * they exist for. Each run first checks the simulator itself against the SDK behaviour it encodes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { T0 } from '../helpers/har-builder.ts';
import { SdkSimulator, type BodyEdit, type Entry, type SdkEvent, type SdkOptions } from '../helpers/sdk-session.ts';
import { analyseEntries } from '../helpers/session-scenarios.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                          */
/* ---------------------------------------------------------------------------------------------- */

const describeAll = (findings: readonly Finding[]) =>
  findings.length === 0 ? '(none)' : findings.map((f) => `\n  ${f.severity} ${f.code} #${f.exchange}: ${f.message}`).join('');
const serious = (r: AnalysisResult) => r.findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
const withCode = (r: AnalysisResult, code: string) => r.findings.filter((f) => f.code === code);

function assertNoSerious(r: AnalysisResult): void {
  const bad = serious(r);
  assert.equal(bad.length, 0, `expected no warning or error, got ${bad.length}: ${describeAll(bad)}`);
}

function assertHas(r: AnalysisResult, code: string): Finding[] {
  const found = withCode(r, code);
  assert.ok(found.length > 0, `expected ${code}; the findings are: ${describeAll(r.findings)}`);
  return found;
}

function assertLacks(r: AnalysisResult, code: string): void {
  const found = withCode(r, code);
  assert.equal(found.length, 0, `expected no ${code}, got: ${describeAll(found)}`);
}

const bodyOf = (e: Entry): unknown => JSON.parse((e.request as { postData: { text: string } }).postData.text);
const sentAt = (e: Entry) => Date.parse(e.startedDateTime as string);

/** The exchange (entry index) of a real-time recording that carries the event with this ts and type. */
function exchangeOf(entries: readonly Entry[], eventType: string, ts: number): number {
  const i = entries.findIndex((e) => {
    const b = bodyOf(e) as SdkEvent;
    return b.eventType === eventType && b.playerTime.ts === ts;
  });
  assert.ok(i >= 0, `no ${eventType} at ts ${ts}`);
  return i;
}

/** Flushes the SDK sends in the same millisecond as the event before them. */
const FLUSHED_AFTER = new Set(['adStart', 'adBreakComplete']);
const STATE_EVENTS = new Set(['play', 'pauseStart', 'bufferStart']);
/** Events at which the SDK's ping timer restarts. */
const PING_RESTARTS = new Set(['play', 'pauseStart', 'bufferStart', 'adBreakStart', 'adStart', 'adBreakComplete']);

/**
 * Checks the simulator against the SDK behaviour it encodes, independently of the rules under
 * test: events in ts order and only the SDK's flushes or a restart's re-sends sharing a
 * millisecond; pings exactly on the cadence from the last reference point and never missing; the
 * playhead moving 1 s per second only in playing main content; nothing but the closing sessionEnd
 * past 24 hours; send times; every body valid for the project's schemas.
 */
function checkSimulator(sdk: SdkSimulator, o: SdkOptions, entries: readonly Entry[], r: AnalysisResult): void {
  const downloaded = o.mode === 'downloaded';
  const mainMs = o.mainPingMs ?? (downloaded ? 50_000 : 10_000);
  const adMs = downloaded ? mainMs : o.adPingMs ?? 10_000;
  const vodLength = (o.contentType ?? 'vod') === 'vod' ? o.mediaLength ?? 600 : Infinity;
  let total = 0;
  sdk.sessions.forEach((s, n) => {
    const events = s.sent.map((x) => x.body);
    total += events.length;
    const start = events[0] as SdkEvent;
    assert.equal(start.eventType, 'sessionStart', `session ${n + 1} does not begin with sessionStart`);
    const resume = start.params?.['media.resume'] === true;
    assert.equal(resume, n > 0, `session ${n + 1}: media.resume must be true exactly on the sessions after the first`);
    assert.equal(start.params?.['media.downloaded'], downloaded ? true : undefined, `session ${n + 1}: media.downloaded`);
    let ref: number | null = null;
    let pingsStarted = resume;
    let adOpen = false;
    let breakAt: number | null = null;
    let playing = false;
    events.forEach((e, i) => {
      const where = `session ${n + 1}, event ${i} (${e.eventType} at +${e.playerTime.ts - T0} ms)`;
      const ts = e.playerTime.ts;
      const prev = events[i - 1];
      if (prev) {
        const dt = ts - prev.playerTime.ts;
        assert.ok(dt >= 0, `${where} is ${-dt} ms before the ${prev.eventType} before it`);
        if (dt === 0) {
          const flush = FLUSHED_AFTER.has(prev.eventType) && STATE_EVENTS.has(e.eventType);
          const burst = resume && ts === start.playerTime.ts;
          assert.ok(flush || burst, `${where} shares its ts with the ${prev.eventType} before it, but is neither a flush nor a restart's re-send`);
        }
        // Playhead: fixed inside an ad break; 1 s per second while main content plays; else still (a play may seek).
        const ph = e.playerTime.playhead;
        const prevPh = prev.playerTime.playhead;
        if (breakAt !== null) assert.equal(ph, breakAt, `${where}: the playhead must stay at the break's position`);
        else if (e.eventType !== 'play') {
          const expected = playing ? Math.min(prevPh + dt / 1000, Math.max(vodLength, prevPh)) : prevPh;
          assert.ok(Math.abs(ph - expected) < 1e-6, `${where}: playhead ${ph}, expected ${expected}`);
        }
      }
      const age = ts - start.playerTime.ts;
      assert.ok(age <= DAY || (e.eventType === 'sessionEnd' && age <= DAY + 1000), `${where} is ${age} ms after sessionStart`);
      // Pings: exactly one interval after the last reference point, and none missing before any event.
      const interval = adOpen ? adMs : mainMs;
      if (ref === null) assert.notEqual(e.eventType, 'ping', `${where}: a ping before playback started or after the session closed`);
      else if (e.eventType === 'ping') assert.equal(ts - ref, interval, `${where}: ping ${ts - ref} ms after the last reference point`);
      else {
        const slack = e.eventType === 'sessionEnd' ? 1000 : 0; // the idle/24-hour tick lands up to 1 s past its mark
        assert.ok(ts - ref <= interval + slack, `${where}: ${ts - ref} ms since the last ping or reference point (cadence ${interval} ms)`);
      }
      // What this event changes.
      if (e.eventType === 'play' || e.eventType === 'adBreakStart') pingsStarted = true;
      if (e.eventType === 'ping' || (pingsStarted && PING_RESTARTS.has(e.eventType))) ref = ts;
      if (e.eventType === 'adStart') adOpen = true;
      if (e.eventType === 'adComplete' || e.eventType === 'adSkip') adOpen = false;
      if (e.eventType === 'adBreakStart') breakAt = e.playerTime.playhead;
      if (e.eventType === 'adBreakComplete') breakAt = null;
      if (STATE_EVENTS.has(e.eventType)) playing = e.eventType === 'play';
      if (e.eventType === 'sessionEnd' || e.eventType === 'sessionComplete') {
        assert.equal(i, events.length - 1, `${where}: events after the session closed`);
      }
    });
  });
  // Send times: real time, each event when it happens; downloaded, one batch per session after its last event.
  if (!downloaded) {
    assert.equal(entries.length, total, 'one call per event');
    for (const e of entries) {
      const b = bodyOf(e) as SdkEvent;
      assert.equal(sentAt(e), b.playerTime.ts - (o.clockOffsetMs ?? 0), `${b.eventType} at ${b.playerTime.ts} not sent at its ts`);
    }
  } else {
    assert.equal(entries.length, sdk.sessions.length, 'one batch per session');
    entries.forEach((e, i) => {
      const batch = bodyOf(e) as SdkEvent[];
      assert.equal(batch.length, sdk.sessions[i]?.sent.length, `batch ${i + 1} carries the whole session`);
      const last = Math.max(...batch.map((b) => b.playerTime.ts));
      assert.equal(sentAt(e), last + (o.batchDelayMs ?? 60_000), `batch ${i + 1} is sent a minute after its last event`);
      assert.ok((e.request as { url: string }).url.endsWith(o.route === 'downloaded' ? '/api/v1/downloaded' : '/api/v1/sessions'));
    });
  }
  // Every body passes the project's schemas.
  const bodyCodes = new Set(['schema.violation', 'schema.unknown-event-type', 'body.not-json', 'body.unavailable', 'endpoint.mismatch', 'metadata.misplaced', 'qoe.misplaced', 'error.no-details']);
  const bad = r.calls.flatMap((c) => c.findings).filter((f) => bodyCodes.has(f.code));
  assert.equal(bad.length, 0, `bodies the schemas reject: ${describeAll(bad)}`);
  assert.equal(r.ignored, 0, 'every call is a Media Collection call');
}

/* ---------------------------------------------------------------------------------------------- */
/* Modes and scenarios                                                                              */
/* ---------------------------------------------------------------------------------------------- */

interface Mode {
  name: string;
  options: SdkOptions;
  settings?: Partial<Settings>;
}

const REALTIME: Mode = { name: 'real time', options: { mode: 'realtime' } };
const DL_SESSIONS: Mode = { name: 'downloaded, one batch to /api/v1/sessions (201 without Location)', options: { mode: 'downloaded', route: 'sessions' } };
const DL_ROUTE: Mode = { name: 'downloaded, one batch to /api/v1/downloaded', options: { mode: 'downloaded', route: 'downloaded' } };
const AD_1S: Mode = { name: 'real time, ad pings every 1 s', options: { mode: 'realtime', adPingMs: 1000 } };
const AD_10S: Mode = { name: 'real time, ad pings every 10 s', options: { mode: 'realtime', adPingMs: 10000 } };
const AD_1S_CADENCE: Mode = { ...AD_1S, name: 'real time, ad pings every 1 s, setting ad ping cadence 1', settings: { adPingCadence: '1' } };
const AD_10S_CADENCE: Mode = { ...AD_10S, name: 'real time, ad pings every 10 s, setting ad ping cadence 10', settings: { adPingCadence: '10' } };

const BASIC = [REALTIME, DL_SESSIONS, DL_ROUTE];
const WITH_ADS = [AD_1S, AD_1S_CADENCE, AD_10S, AD_10S_CADENCE, DL_SESSIONS, DL_ROUTE];

interface Scenario {
  name: string;
  /** Simulator options besides the mode (media length, content type…). */
  options?: SdkOptions;
  /** Sessions the SDK makes: 2 when it restarts. */
  sessions: number;
  modes: Mode[];
  script: (sdk: SdkSimulator) => unknown;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'plain playback of a 3-minute VOD to sessionComplete',
    options: { mediaLength: 180 }, sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(700).play().advance(180_000).complete(),
  },
  {
    name: 'pauses of 3 s, 17 s and 95 s, then to the end',
    options: { mediaLength: 108 }, sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(500).play()
      .advance(12_000).pause().advance(3_000).play()
      .advance(25_000).pause().advance(17_000).play()
      .advance(31_000).pause().advance(95_000).play()
      .advance(40_000).complete(),
  },
  {
    name: 'buffering at start-up (before the first play) and twice during playback',
    options: { mediaLength: 80 }, sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(300).bufferStart().advance(1_200).play()
      .advance(20_000).bufferStart().advance(4_000).play()
      .advance(33_000).bufferStart().advance(14_000).play()
      .advance(27_000).complete(),
  },
  {
    name: 'seeks forward and back (pauseStart, then play at the new playhead); the viewer leaves',
    sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(500).play().advance(30_000).seek(120).advance(25_000).seek(40)
      .advance(15_000).seek(400, 2_500).advance(12_000).end(),
  },
  {
    name: 'a pre-roll pod of two ads, a mid-roll and a post-roll',
    options: { mediaLength: 150 }, sessions: 1, modes: WITH_ADS,
    script: (sdk) => sdk.start().advance(200)
      .adBreakStart().advance(100).adStart({ id: 'pre-1', lengthS: 15 }).advance(60).play()
      .advance(15_000).adComplete().advance(30).adStart({ id: 'pre-2', lengthS: 20 }).advance(20_000).adComplete().adBreakComplete()
      .advance(70_000).adBreakStart().adStart({ id: 'mid-1', lengthS: 30 }).advance(30_000).adComplete().adBreakComplete()
      .advance(80_000) // to the end of the content
      .adBreakStart().adStart({ id: 'post-1', lengthS: 10 }).advance(10_000).adComplete().adBreakComplete()
      .complete(),
  },
  {
    name: 'a mid-roll pod whose second ad is skipped, with a pause during the first ad',
    options: { mediaLength: 120 }, sessions: 1, modes: WITH_ADS,
    script: (sdk) => sdk.start().advance(400).play().advance(40_000)
      .adBreakStart().adStart({ id: 'mid-1', lengthS: 30 }).advance(12_000).pause().advance(6_000).play().advance(18_000).adComplete()
      .adStart({ id: 'mid-2', lengthS: 30 }).advance(7_000).adSkip().adBreakComplete()
      .advance(80_000).complete(),
  },
  {
    name: 'chapters: one completed, one skipped by a seek, the last completed',
    options: { mediaLength: 210 }, sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(400).play()
      .chapterStart({ lengthS: 60, name: 'Opening' }).advance(60_000).chapterComplete()
      .chapterStart({ lengthS: 90, name: 'Middle' }).advance(25_000).chapterSkip().seek(150)
      .chapterStart({ lengthS: 60, name: 'Finale' }).advance(60_000).chapterComplete()
      .complete(),
  },
  {
    name: 'player errors and bitrate changes; the viewer leaves after the second error',
    sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(400).play().advance(22_000).error('MEDIA_ERR_NETWORK').bufferStart().advance(3_000).play()
      .advance(18_000).bitrateChange(2_400_000).advance(9_000).bitrateChange(4_800_000).advance(6_000).error('DRM_LICENSE_EXPIRED').end(),
  },
  {
    name: 'player states mute, fullscreen and closedCaptioning, overlapping',
    sessions: 1, modes: BASIC,
    script: (sdk) => sdk.start().advance(300).play().advance(5_000).stateStart('fullscreen').advance(12_000).stateStart('mute')
      .advance(20_000).stateStart('closedCaptioning').advance(15_000).stateEnd('mute').advance(30_000)
      .stateEnd('closedCaptioning').stateEnd('fullscreen').advance(10_000).end(),
  },
  {
    name: 'idle close: paused over 30 min (sessionEnd), play 2 h later resumes in a new session with the open chapter and state',
    sessions: 2, modes: BASIC,
    script: (sdk) => sdk.start().advance(500).play().chapterStart({ lengthS: 300 }).stateStart('fullscreen')
      .advance(60_000).pause().advance(2 * HOUR).play()
      .advance(45_000).chapterComplete().stateEnd('fullscreen').advance(5_000).end(),
  },
  {
    name: '24-hour restart inside an ad, with a chapter open and two states active (live channel)',
    options: { contentType: 'live', mediaLength: 86_400, mediaId: 'live-24', mediaName: 'News 24' },
    sessions: 2, modes: [REALTIME, AD_1S, DL_SESSIONS, DL_ROUTE],
    script: (sdk) => sdk.start().advance(1_000).play().chapterStart({ lengthS: 86_400 }).stateStart('mute').stateStart('fullscreen')
      .advance(DAY - 30_000).adBreakStart().adStart({ id: 'mid-24h', lengthS: 60 }).advance(60_000) // the restart tick falls in the ad
      .adComplete().adBreakComplete().advance(20_000).chapterComplete().stateEnd('fullscreen').stateEnd('mute').advance(5_000).end(),
  },
  {
    name: 'a long downloaded VOD (23 h 50 min, pings every 50 s): about 1,700 pings in one batch',
    options: { mediaLength: 86_400 }, sessions: 1, modes: [DL_SESSIONS, DL_ROUTE],
    script: (sdk) => sdk.start().advance(500).play().advance(23 * HOUR + 50 * MIN).complete(),
  },
];

interface Run {
  sdk: SdkSimulator;
  options: SdkOptions;
  entries: Entry[];
  result: AnalysisResult;
}

const runs = new Map<string, Run>();

/** The scenario simulated and analysed in this mode (once, shared by the tests that need it). */
function runOf(name: string, mode: Mode, edit?: BodyEdit): Run {
  const s = SCENARIOS.find((x) => x.name.startsWith(name));
  assert.ok(s, `no scenario ${name}`);
  const key = `${s.name} / ${mode.name}`;
  const cached = edit ? undefined : runs.get(key);
  if (cached) return cached;
  const options = { ...s.options, ...mode.options };
  const sdk = new SdkSimulator(options);
  s.script(sdk);
  const entries = sdk.entries(edit);
  const run = { sdk, options, entries, result: analyseEntries(entries, mode.settings) };
  if (!edit) runs.set(key, run);
  return run;
}

/* ---------------------------------------------------------------------------------------------- */
/* The SDK's sessions pass                                                                          */
/* ---------------------------------------------------------------------------------------------- */

for (const s of SCENARIOS) {
  describe(`Adobe SDK: ${s.name}`, () => {
    for (const mode of s.modes) {
      const run = () => runOf(s.name, mode);
      test(`${mode.name}: the simulator behaves as the SDK (self-check)`, () => {
        const { sdk, options, entries, result } = run();
        assert.equal(sdk.sessions.length, s.sessions, 'sessions made by the simulator');
        checkSimulator(sdk, options, entries, result);
      });
      test(`${mode.name}: no warning or error`, () => {
        assertNoSerious(run().result);
      });
      test(`${mode.name}: each of the SDK's ${s.sessions} session(s) is followed`, () => {
        const { result } = run();
        assert.equal(result.sessions.length, s.sessions,
          `sessions in the result: ${result.sessions.map((x) => `${x.sid.slice(0, 12)}… (${x.metrics.counts.events} events)`).join(', ') || 'none'}`);
        for (const x of result.sessions) assert.equal(x.startCaptured, true, `session ${x.sid}: its sessionStart is seen`);
      });
    }
  });
}

describe('Adobe SDK: details of the simulated sessions', () => {
  test('the pre-roll, mid-roll and post-roll flushes: play in the same ms as adStart and adBreakComplete, and no ts.duplicate for them', () => {
    for (const mode of [AD_1S, AD_10S]) {
      const { sdk, result } = runOf('a pre-roll pod', mode);
      const events = (sdk.sessions[0]?.sent ?? []).map((x) => x.body);
      const flushes = events.filter((e, i) => i > 0 && STATE_EVENTS.has(e.eventType) && e.playerTime.ts === events[i - 1]?.playerTime.ts);
      // pre-2's adStart, the pre-roll's adBreakComplete, mid-1's adStart and its adBreakComplete, post-1's adStart and its adBreakComplete.
      assert.equal(flushes.length, 6, `${mode.name}: same-ms flushes`);
      assertLacks(result, 'ts.duplicate');
    }
  });

  test('the idle close: sessionEnd on the first tick past 30 min of pause, then nothing until the play 2 h later', () => {
    const { sdk } = runOf('idle close', REALTIME);
    const [first, second] = sdk.sessions.map((s) => s.sent.map((x) => x.body));
    const pause = first?.find((e) => e.eventType === 'pauseStart');
    const end = first?.[first.length - 1];
    assert.ok(pause && end && second);
    assert.equal(end.eventType, 'sessionEnd');
    const idle = end.playerTime.ts - pause.playerTime.ts;
    assert.ok(idle > 30 * MIN && idle <= 30 * MIN + 1000, `sessionEnd ${idle} ms after pauseStart`);
    assert.deepEqual(second.slice(0, 4).map((e) => e.eventType), ['sessionStart', 'chapterStart', 'stateStart', 'play']);
    assert.ok(second.slice(0, 4).every((e) => e.playerTime.ts === pause.playerTime.ts + 2 * HOUR), 'the resume is sent at the play, all in one ms');
  });

  test('the 24-hour restart: sessionEnd and the new session\'s re-sends in one ms, on the first tick past 24 h', () => {
    const { sdk } = runOf('24-hour restart', REALTIME);
    const [first, second] = sdk.sessions.map((s) => s.sent.map((x) => x.body));
    assert.ok(first && second);
    const start = first[0]?.playerTime.ts as number;
    const end = first[first.length - 1] as SdkEvent;
    assert.equal(end.eventType, 'sessionEnd');
    assert.ok(end.playerTime.ts > start + DAY && end.playerTime.ts <= start + DAY + 1000, 'sessionEnd within 1 s past 24 h');
    const burst = second.filter((e) => e.playerTime.ts === end.playerTime.ts);
    assert.deepEqual(burst.map((e) => [e.eventType, e.params?.['media.state.name'] ?? null]), [
      ['sessionStart', null], ['chapterStart', null], ['adBreakStart', null], ['adStart', null],
      ['stateStart', 'mute'], ['stateStart', 'fullscreen'], ['play', null],
    ]);
    assert.equal(burst[0]?.params?.['media.resume'], true);
    // play at +1 s; main pings every 10 s up to the break at DAY - 28 997 ms (8637), two 10-s ad pings
    // (DAY - 18 996, DAY - 8 996); the next would be at DAY + 1 004, after the restart tick at DAY + 500.
    assert.equal(sdk.sessions[0]?.sent.filter((x) => x.body.eventType === 'ping').length, 8637 + 2, 'pings of the first day');
  });

  test('the long downloaded session is one batch with more than 1,700 pings', () => {
    const { entries } = runOf('a long downloaded VOD', DL_ROUTE);
    assert.equal(entries.length, 1);
    const pings = (bodyOf(entries[0] as Entry) as SdkEvent[]).filter((e) => e.eventType === 'ping').length;
    assert.ok(pings > 1700 && pings < 1730, `${pings} pings`);
  });
});

/* ---------------------------------------------------------------------------------------------- */
/* The rules still catch real mistakes                                                              */
/* ---------------------------------------------------------------------------------------------- */

/** A body moved `ms` later in time (and the playhead with it, as during playback). */
function later(b: SdkEvent, ms: number): SdkEvent {
  return { ...b, playerTime: { playhead: b.playerTime.playhead + ms / 1000, ts: b.playerTime.ts + ms } };
}

describe('Adobe SDK mistakes: late and duplicate pings', () => {
  test('real time: pings stop for 25 s during main playback → ping.late at the ping that ends the silence', () => {
    const sdk = new SdkSimulator({ mediaLength: 120 }).start().advance(500).play().advance(60_000).end();
    const play = T0 + 500;
    // Pings at +10 s, (none at +20 s), +35 s instead of +30 s, then +40 s…
    const entries = sdk.entries((b) => {
      if (b.eventType !== 'ping') return b;
      if (b.playerTime.ts === play + 20_000) return null;
      return b.playerTime.ts === play + 30_000 ? later(b, 5_000) : b;
    });
    const r = analyseEntries(entries);
    const late = assertHas(r, 'ping.late');
    assert.deepEqual(late.map((f) => f.exchange), [exchangeOf(entries, 'ping', play + 35_000)], describeAll(late));
  });

  for (const mode of [DL_SESSIONS, DL_ROUTE]) {
    test(`${mode.name}: pings 120 s apart for 20 min → exactly one ping.late for the whole streak`, () => {
      const sdk = new SdkSimulator({ ...mode.options, mainPingMs: 120_000, mediaLength: 1_800 }).start().advance(500).play().advance(20 * MIN).complete();
      assert.equal(sdk.sessions[0]?.sent.filter((x) => x.body.eventType === 'ping').length, 10, 'ten pings, each 120 s after the last');
      const r = analyseEntries(sdk.entries());
      const late = assertHas(r, 'ping.late');
      assert.equal(late.length, 1, `one finding per streak of late gaps, not one per ping: ${describeAll(late)}`);
    });
  }

  for (const mode of [REALTIME, DL_SESSIONS]) {
    test(`${mode.name}: the same ping sent twice (same ts, not an SDK flush) → ts.duplicate`, () => {
      const sdk = new SdkSimulator(mode.options).start().advance(500).play().advance(200_000).end();
      const third = (sdk.sessions[0]?.sent ?? []).filter((x) => x.body.eventType === 'ping')[2];
      assert.ok(third);
      const r = analyseEntries(sdk.entries((b) => (b.eventType === 'ping' && b.playerTime.ts === third.body.playerTime.ts ? [b, structuredClone(b)] : b)));
      assertHas(r, 'ts.duplicate');
    });
  }
});

describe('Adobe SDK mistakes: sessions that outlive what the back end allows', () => {
  test('a player without the idle close: a ping 30 min 10 s after the pause, the session not closed → session.stalled-playhead', () => {
    const sdk = new SdkSimulator({ idleCloseMs: null }).start().advance(500).play().advance(20_000).pause().advance(31 * MIN).play().advance(10_000).end();
    assertHas(analyseEntries(sdk.entries()), 'session.stalled-playhead');
  });

  test('contrast: the SDK\'s idle close (sessionEnd just past 30 min) → no session.stalled-playhead', () => {
    assertLacks(runOf('idle close', REALTIME).result, 'session.stalled-playhead');
  });

  test('a player without the 24-hour restart: pings past 24 h → session.too-long', () => {
    const sdk = new SdkSimulator({ restartAfterMs: null, contentType: 'live', mediaLength: 86_400 }).start().advance(1_000).play().advance(DAY + MIN).end();
    assertHas(analyseEntries(sdk.entries()), 'session.too-long');
  });

  test('contrast: the SDK\'s 24-hour restart (sessionEnd just past 24 h) → no session.too-long', () => {
    assertLacks(runOf('24-hour restart', REALTIME).result, 'session.too-long');
  });
});

/** Drops media.resume from the sessionStart of every session after the first. */
const noResume: BodyEdit = (b, { session }) => {
  if (session > 0 && b.eventType === 'sessionStart' && b.params) delete b.params['media.resume'];
  return b;
};
/** Drops the re-sent events of this type from the sessions after the first. */
const notResent = (type: string): BodyEdit => (b, { session }) => (session > 0 && b.eventType === type ? null : b);

describe('Adobe SDK mistakes: restarts', () => {
  const restarts: [string, string, Mode][] = [
    ['the 24-hour restart', '24-hour restart', REALTIME],
    ['the idle-close restart', 'idle close', REALTIME],
    ['the idle-close restart', 'idle close', DL_SESSIONS],
  ];
  for (const [what, scenario, mode] of restarts) {
    test(`${what} (${mode.name}) whose new sessionStart lacks media.resume → session.resume-missing`, () => {
      const { result, entries } = runOf(scenario, mode, noResume);
      const found = assertHas(result, 'session.resume-missing');
      assert.equal(found[0]?.severity, 'warning');
      if (mode === REALTIME) {
        const restartCall = entries.findIndex((e, i) => i > 0 && (bodyOf(e) as SdkEvent).eventType === 'sessionStart');
        assert.deepEqual(found.map((f) => f.exchange), [restartCall], `at the new sessions call: ${describeAll(found)}`);
      }
    });

    test(`${what} (${mode.name}) done right: neither session.resume-missing nor session.state-not-restored`, () => {
      const { result } = runOf(scenario, mode);
      assertLacks(result, 'session.resume-missing');
      assertLacks(result, 'session.state-not-restored');
    });
  }

  const forgotten: [string, string, string][] = [
    ['the idle-close restart', 'idle close', 'chapterStart'],
    ['the idle-close restart', 'idle close', 'stateStart'],
    ['the 24-hour restart', '24-hour restart', 'chapterStart'],
    ['the 24-hour restart', '24-hour restart', 'adStart'],
  ];
  for (const [what, scenario, type] of forgotten) {
    test(`${what} without the re-sent ${type} of what was open → session.state-not-restored`, () => {
      const found = assertHas(runOf(scenario, REALTIME, notResent(type)).result, 'session.state-not-restored');
      assert.equal(found[0]?.severity, 'warning');
    });
  }
});

describe('Adobe SDK mistakes: reserved custom metadata keys', () => {
  const keys: [string, boolean][] = [
    ['media.genre', true], ['a.contentType', true], ['show', false], ['mediaOwner', false], ['ab.test', false], ['episode_title', false],
  ];
  for (const mode of [REALTIME, DL_SESSIONS]) {
    for (const [key, reserved] of keys) {
      test(`${mode.name}: customMetadata key "${key}" on sessionStart → ${reserved ? 'metadata.reserved-key (info)' : 'no metadata.reserved-key'}`, () => {
        const sdk = new SdkSimulator({ ...mode.options, customMetadata: { [key]: 'x', series: 'Open Movies' } })
          .start().advance(500).play().advance(30_000).end();
        const r = analyseEntries(sdk.entries());
        if (!reserved) return assertLacks(r, 'metadata.reserved-key');
        const found = assertHas(r, 'metadata.reserved-key');
        assert.deepEqual(found.map((f) => [f.severity, f.exchange]), [['info', 0]], describeAll(found));
      });
    }
  }
});

describe('Adobe SDK: downloaded batches and clock skew', () => {
  for (const mode of [DL_SESSIONS, DL_ROUTE]) {
    test(`${mode.name}: a 2-hour session sent a minute after it ended → no session.no-location, no ts.clock-skew`, () => {
      const sdk = new SdkSimulator({ ...mode.options, mediaLength: 7_200 }).start().advance(500).play().advance(2 * HOUR).complete();
      const r = analyseEntries(sdk.entries());
      assertLacks(r, 'session.no-location');
      assertLacks(r, 'ts.clock-skew');
      assert.equal(r.sessions.length, 1, 'the batch is followed as a session');
    });
  }

  test('real time: a device clock 1 hour behind (sessionStart ts 1 h before its send time) → ts.clock-skew on the sessions call', () => {
    const sdk = new SdkSimulator({ clockOffsetMs: -HOUR }).start().advance(500).play().advance(30_000).end();
    const r = analyseEntries(sdk.entries());
    const found = assertHas(r, 'ts.clock-skew');
    assert.deepEqual(found.map((f) => f.exchange), [0], describeAll(found));
  });

  test('the same batch to /api/v1/downloaded, to /api/v1/sessions and to /api/v1/sessions with a Location: one session each, equal metrics', () => {
    const script = (sdk: SdkSimulator) => sdk.start().advance(200)
      .adBreakStart().adStart({ id: 'pre-1', lengthS: 15 }).advance(50).play().advance(15_000).adComplete().adBreakComplete()
      .chapterStart({ lengthS: 90 }).advance(40_000).pause().advance(95_000).play().advance(20_000).bufferStart().advance(3_000).play()
      .stateStart('mute').advance(30_000).chapterComplete().stateEnd('mute').error('MEDIA_ERR_DECODE').advance(5_000).end();
    const variants: SdkOptions[] = [
      { mode: 'downloaded', route: 'downloaded' },
      { mode: 'downloaded', route: 'sessions' },
      { mode: 'downloaded', route: 'sessions', location: true },
    ];
    const reports = variants.map((v) => {
      const sdk = new SdkSimulator({ ...v, sidSeed: 77 });
      script(sdk);
      const r = analyseEntries(sdk.entries());
      assert.equal(r.sessions.length, 1, `${v.route}${v.location ? ' with Location' : ''}: sessions in the result`);
      return r.sessions[0];
    });
    const [downloaded, sessions, withLocation] = reports;
    assert.ok(downloaded && sessions && withLocation);
    assert.deepEqual(sessions.metrics, downloaded.metrics, 'sessions route vs downloaded route');
    assert.deepEqual(withLocation.metrics, downloaded.metrics, 'sessions route with Location vs downloaded route');
    // The metrics are the whole session's: 40 + 20 + 30 + 5 s of content (plus the 1-ms steps
    // between back-to-back actions), the 15-s ad, the 95-s pause and the 3-s buffering.
    const m = downloaded.metrics;
    assert.ok(m.mainContentMs >= 95_000 && m.mainContentMs < 95_010, `main content ${m.mainContentMs} ms`);
    assert.ok(m.adMs >= 15_000 && m.adMs < 15_100, `ads ${m.adMs} ms`);
    assert.deepEqual([m.pausedMs, m.bufferingMs, m.counts.adsCompleted, m.counts.chaptersCompleted, m.counts.errors], [95_000, 3_000, 1, 1, 1]);
  });
});
