/**
 * Realistic Media Collection sessions as HAR entries, for the session-analysis tests
 * (test/session). Every event's time is given as an offset in ms from the session's start, so
 * tests can compute the expected metrics by hand. A request is sent SEND_LAG_MS after its `ts`.
 */
import { readHar } from '../../src/core/har/read-har.ts';
import { analyse, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { ev, eventEntry, har, sessionStartBody, sessionsEntry, T0, type EntryOptions } from './har-builder.ts';

export type Entry = Record<string, unknown>;

/** Delay between an event's `ts` and the moment its request is sent. */
export const SEND_LAG_MS = 20;

export const SID3 = 'c'.repeat(56) + '00000003';
export const SID4 = 'd'.repeat(56) + '00000004';
export const SID5 = 'e'.repeat(56) + '00000005';

export interface SendOptions extends EntryOptions {
  /** Absolute `playerTime.ts` to send instead of start + offset (e.g. seconds, microseconds). */
  ts?: number;
}

export interface OpenOptions {
  /** ms after the builder's start (default 0). */
  offsetMs?: number;
  playhead?: number;
  /** Reply status of the sessions call (default 201). */
  status?: number;
}

/**
 * One session under construction. `open` and `send` return the index of the new entry in
 * `entries`, which is the exchange index when the entries are the whole recording.
 */
export class SessionBuilder {
  readonly entries: Entry[] = [];

  constructor(
    readonly sid: string,
    readonly start: number = T0,
    /** ms between an event's ts and its request (negative: the device clock is ahead). */
    readonly sendLagMs: number = SEND_LAG_MS,
  ) {}

  /** The sessions call (sessionStart), answered 201 with the sid in Location. */
  open(params: Record<string, unknown> = {}, o: OpenOptions = {}): number {
    const offset = o.offsetMs ?? 0;
    const body = sessionStartBody(this.start + offset, params);
    (body.playerTime as { playhead: number }).playhead = o.playhead ?? 0;
    this.entries.push(sessionsEntry(body, this.sid, { at: this.sendAt(offset), ...(o.status ? { status: o.status } : {}) }));
    return this.entries.length - 1;
  }

  send(eventType: string, playhead: number, offsetMs: number, rest: Record<string, unknown> = {}, o: SendOptions = {}): number {
    const { ts, ...entryOptions } = o;
    const body = ev(eventType, playhead, ts ?? this.start + offsetMs, rest);
    this.entries.push(eventEntry(this.sid, body, { at: this.sendAt(offsetMs), ...entryOptions }));
    return this.entries.length - 1;
  }

  /** Pings every `everyMs` from `fromMs` (included) while the offset is below `toMs`. Returns their indexes. */
  pings(fromMs: number, toMs: number, everyMs: number, playheadAt: (offsetMs: number) => number): number[] {
    const out: number[] = [];
    for (let t = fromMs; t < toMs; t += everyMs) out.push(this.send('ping', playheadAt(t), t));
    return out;
  }

  /** `at` of EntryOptions (ms after T0) for an event at this offset. */
  sendAt(offsetMs: number): number {
    return this.start - T0 + offsetMs + this.sendLagMs;
  }
}

export function adBreakParams(podIndex: number, podSecond: number): Record<string, unknown> {
  return { params: { 'media.ad.podIndex': podIndex, 'media.ad.podSecond': podSecond } };
}

export function adParams(id: string, lengthS: number, podPosition: number): Record<string, unknown> {
  return { params: { 'media.ad.id': id, 'media.ad.length': lengthS, 'media.ad.podPosition': podPosition, 'media.ad.playerName': 'demo-player' } };
}

export function chapterParams(index: number, offsetS: number, lengthS: number, name?: string): Record<string, unknown> {
  return { params: { 'media.chapter.index': index, 'media.chapter.offset': offsetS, 'media.chapter.length': lengthS, ...(name ? { 'media.chapter.friendlyName': name } : {}) } };
}

export function stateParams(name: string): Record<string, unknown> {
  return { params: { 'media.state.name': name } };
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Turns HAR entries into exchanges through the real HAR reader. */
export function toExchanges(entries: readonly unknown[]): Exchange[] {
  return readHar(JSON.stringify(har([...entries])), 'x.har').exchanges;
}

export function analyseEntries(entries: readonly unknown[], settings: Partial<Settings> = {}): AnalysisResult {
  return analyse(toExchanges(entries), settings);
}

/* ------------------------------------------------------------------------------------------ */
/* Correct sessions                                                                             */
/* ------------------------------------------------------------------------------------------ */

/**
 * A completed 120 s VOD, with round times so its metrics can be computed by hand
 * (offsets in ms from the start; playhead in s):
 *
 *      0  sessionStart (media.length 120)
 *    500  adBreakStart (pre-roll, pod 0)
 *   1000  adStart preroll-1 (15 s)       ad pings every `adPingEveryMs`
 *  16000  adComplete
 *  16500  adStart preroll-2 (10 s)
 *  26500  adComplete
 *  27000  adBreakComplete
 *  27500  chapterStart 1 (offset 0, length 80)
 *  28000  play (playhead 0)              main pings every 10 s from here: 38000 … 128000
 *  43000  bitrateChange (playhead 15)
 *  63000  pauseStart (playhead 35)       pings go on while paused
 *  83000  play (playhead 35)
 *  95000  bufferStart (playhead 47)
 *  99000  play (playhead 47)
 * 132000  chapterComplete (playhead 80)
 * 132010  adBreakStart (mid-roll, pod 1, playhead 80)
 * 132020  adStart midroll-1 (20 s)
 * 152020  adComplete
 * 152030  adBreakComplete                main resumes without play; pings 162030, 172030, 182030
 * 152040  chapterStart 2 (offset 80, length 40)
 * 160040  stateStart fullscreen
 * 180040  stateEnd fullscreen
 * 191500  chapterComplete
 * 191600  sessionComplete
 */
export function vodWithAds(sid: string, start = T0, adPingEveryMs = 1000): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.length': 120 });
  const ad = (id: string, pos: number, fromMs: number, seconds: number, playhead: number) => {
    b.send('adStart', playhead, fromMs, adParams(id, seconds, pos));
    b.pings(fromMs + adPingEveryMs, fromMs + seconds * 1000, adPingEveryMs, () => playhead);
    b.send('adComplete', playhead, fromMs + seconds * 1000);
  };
  // pre-roll
  b.send('adBreakStart', 0, 500, adBreakParams(0, 0));
  ad('preroll-1', 1, 1000, 15, 0);
  ad('preroll-2', 2, 16500, 10, 0);
  b.send('adBreakComplete', 0, 27000);
  // chapter 1, with a pause and a buffering spell
  b.send('chapterStart', 0, 27500, chapterParams(1, 0, 80, 'Act 1'));
  b.send('play', 0, 28000, { qoeData: { 'media.qoe.timeToStart': 1200 } });
  const p1 = (t: number) => round3((t - 28000) / 1000);
  const p2 = (t: number) => round3(35 + (t - 83000) / 1000);
  const p3 = (t: number) => round3(47 + (t - 99000) / 1000);
  const at = (t: number) => (t <= 63000 ? p1(t) : t <= 83000 ? 35 : t <= 95000 ? p2(t) : t <= 99000 ? 47 : p3(t));
  const mainPings = [38000, 48000, 58000, 68000, 78000, 88000, 98000, 108000, 118000, 128000];
  const chapter1: [number, () => void][] = [
    [43000, () => b.send('bitrateChange', at(43000), 43000, { qoeData: { 'media.qoe.bitrate': 4500000 } })],
    [63000, () => b.send('pauseStart', at(63000), 63000)],
    [83000, () => b.send('play', 35, 83000)],
    [95000, () => b.send('bufferStart', at(95000), 95000)],
    [99000, () => b.send('play', 47, 99000)],
    ...mainPings.map((t): [number, () => void] => [t, () => b.send('ping', at(t), t)]),
  ];
  chapter1.sort((x, y) => x[0] - y[0]).forEach(([, f]) => f());
  b.send('chapterComplete', 80, 132000);
  // mid-roll
  b.send('adBreakStart', 80, 132010, adBreakParams(1, 80));
  ad('midroll-1', 1, 132020, 20, 80);
  b.send('adBreakComplete', 80, 152030);
  // chapter 2, full screen for 20 s
  const p4 = (t: number) => round3(80 + (t - 152030) / 1000);
  const chapter2: [number, () => void][] = [
    [152040, () => b.send('chapterStart', p4(152040), 152040, chapterParams(2, 80, 40, 'Act 2'))],
    [160040, () => b.send('stateStart', p4(160040), 160040, stateParams('fullscreen'))],
    [180040, () => b.send('stateEnd', p4(180040), 180040, stateParams('fullscreen'))],
    ...[162030, 172030, 182030].map((t): [number, () => void] => [t, () => b.send('ping', p4(t), t)]),
  ];
  chapter2.sort((x, y) => x[0] - y[0]).forEach(([, f]) => f());
  b.send('chapterComplete', p4(191500), 191500);
  b.send('sessionComplete', p4(191600), 191600);
  return b.entries;
}

/** The viewer closes the player 6.5 s into the first pre-roll ad: sessionEnd with the break open. */
export function abandonDuringPreroll(sid: string, start = T0): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open();
  b.send('adBreakStart', 0, 500, adBreakParams(0, 0));
  b.send('adStart', 0, 1000, adParams('preroll-1', 30, 1));
  b.pings(2000, 7500, 1000, () => 0);
  b.send('sessionEnd', 0, 7500);
  return b.entries;
}

/**
 * 30 s of content, then a mid-roll pod of two ads; the viewer leaves 4 s into the second ad
 * (sessionEnd while ad and break are open). Ad pings every 10 s.
 */
export function abandonDuringMidroll(sid: string, start = T0): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open();
  b.send('play', 0, 1000);
  b.pings(11000, 31000, 10000, (t) => (t - 1000) / 1000); // 11000, 21000
  b.send('adBreakStart', 30, 31000, adBreakParams(1, 30));
  b.send('adStart', 30, 31010, adParams('midroll-1', 15, 1));
  b.send('ping', 30, 41010);
  b.send('adComplete', 30, 46010);
  b.send('adStart', 30, 46020, adParams('midroll-2', 15, 2));
  b.send('sessionEnd', 30, 50020);
  return b.entries;
}

/** Second of the day (UTC) at this absolute time: the playhead of a live stream. */
export function secondOfDay(ms: number): number {
  return Math.floor(ms / 1000) % 86400;
}

/**
 * A live stream watched for `hours` (default 2) and still going when the recording ends: play 1 s
 * after the start, pings every 10 s, playhead = second of the day (it moves like a clock), and,
 * when the stream lasts long enough, one ad break of two 15 s ads an hour in (playhead held at the
 * break position, ad pings every second).
 */
export function liveStream(sid: string, start = T0, hours = 2): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.contentType': 'live', 'media.length': 86400, 'media.id': 'live-news', 'media.name': 'News 24' },
    { playhead: secondOfDay(start) });
  const end = Math.round(hours * 3600000);
  const ph = (t: number) => secondOfDay(start + t);
  b.send('play', ph(1000), 1000);
  const breakAt = 3600000 + 1000; // on the ping grid: the break replaces that ping
  if (end < breakAt + 40030) {
    b.pings(11000, end + 1, 10000, ph);
    return b.entries;
  }
  b.pings(11000, breakAt, 10000, ph);
  const held = ph(breakAt);
  b.send('adBreakStart', held, breakAt, adBreakParams(1, 3600));
  b.send('adStart', held, breakAt + 10, adParams('live-ad-1', 15, 1));
  b.pings(breakAt + 1010, breakAt + 15010, 1000, () => held);
  b.send('adComplete', held, breakAt + 15010);
  b.send('adStart', held, breakAt + 15020, adParams('live-ad-2', 15, 2));
  b.pings(breakAt + 16020, breakAt + 30020, 1000, () => held);
  b.send('adComplete', held, breakAt + 30020);
  b.send('adBreakComplete', held, breakAt + 30030);
  b.pings(breakAt + 40030, end + 1, 10000, ph);
  return b.entries;
}

/**
 * A 404 on a ping, after which the player does the right thing: a new sessions call (same player,
 * media.resume), a new sid, and playback continues there to the end.
 */
export function restartAfter404(sid: string, newSid: string, start = T0): { entries: Entry[]; failed: number; restart: number } {
  const a = new SessionBuilder(sid, start);
  a.open({ 'media.length': 90 });
  a.send('play', 0, 1000);
  a.pings(11000, 41000, 10000, (t) => (t - 1000) / 1000);
  const failedLocal = a.send('ping', 40, 41000, {}, { status: 404, responseBody: '{"message":"session not found"}' });
  const b = new SessionBuilder(newSid, start);
  b.open({ 'media.length': 90, 'media.resume': true }, { offsetMs: 41200, playhead: 40 });
  b.send('play', 40, 41300);
  b.pings(51300, 91300, 10000, (t) => 40 + (t - 41300) / 1000);
  b.send('sessionComplete', 90, 91300);
  return { entries: [...a.entries, ...b.entries], failed: failedLocal, restart: a.entries.length };
}

/**
 * The viewer pauses, the player stops pinging while paused, and 11 minutes later the viewer
 * presses play: that play reaches a session the back end closed (410). The player then starts a
 * new session (media.resume) and plays to the end.
 */
export function idleThen410(sid: string, newSid: string, start = T0): { entries: Entry[]; gone: number; restart: number } {
  const a = new SessionBuilder(sid, start);
  a.open({ 'media.length': 60 });
  a.send('play', 0, 1000);
  a.send('ping', 10, 11000);
  a.send('ping', 20, 21000);
  a.send('pauseStart', 24, 25000);
  a.send('ping', 24, 31000);
  const resumeAt = 31000 + 11 * 60000;
  const goneLocal = a.send('play', 24, resumeAt, {}, { status: 410, responseBody: '{"message":"session closed"}' });
  const b = new SessionBuilder(newSid, start);
  b.open({ 'media.length': 60, 'media.resume': true }, { offsetMs: resumeAt + 200, playhead: 24 });
  b.send('play', 24, resumeAt + 300);
  b.pings(resumeAt + 10300, resumeAt + 36300, 10000, (t) => 24 + (t - resumeAt - 300) / 1000);
  b.send('sessionComplete', 60, resumeAt + 36300);
  return { entries: [...a.entries, ...b.entries], gone: goneLocal, restart: a.entries.length };
}

/* ------------------------------------------------------------------------------------------ */
/* Broken sessions (for incremental and interleaving tests)                                    */
/* ------------------------------------------------------------------------------------------ */

/**
 * One session with many sequence problems: a play before the pre-roll, an orphan ad, a nested
 * break, overlapping chapters, a state ended twice, an event sent twice (ts.duplicate), an event sent after a later
 * one (out of order), a late ping, and an event after sessionEnd.
 */
export function brokenSequence(sid: string, start = T0, playerName = 'demo-player'): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.length': 300, 'media.playerName': playerName });
  b.send('play', 0, 500); // play before the pre-roll
  b.send('adBreakStart', 0, 1000, adBreakParams(0, 0));
  b.send('adStart', 0, 1010, adParams('pre-1', 5, 1));
  b.send('adComplete', 0, 6010);
  b.send('adBreakComplete', 0, 6020);
  b.send('play', 0, 6500);
  b.send('chapterStart', 0, 6600, chapterParams(1, 0, 100));
  b.pings(16500, 40000, 10000, (t) => (t - 6500) / 1000); // 16500, 26500, 36500
  b.send('chapterStart', 35, 41500, chapterParams(2, 35, 100)); // chapter 1 still open
  b.send('adStart', 35, 42000, adParams('orphan', 10, 1)); // no break
  b.send('ping', 35, 46500);
  b.send('adComplete', 35, 52000);
  b.send('stateStart', 35, 53000, stateParams('mute'));
  b.send('bitrateChange', 36, 54000, { qoeData: { 'media.qoe.bitrate': 2000000 } });
  b.send('bitrateChange', 36, 54000, { qoeData: { 'media.qoe.bitrate': 2000000 } }); // the same event sent twice (same ts)
  b.send('stateEnd', 36, 54500, stateParams('mute'));
  b.send('stateEnd', 37, 55000, stateParams('mute')); // not active any more
  // pauseStart happens at 57000 but its request leaves after the ping of 59000 (out of order)
  b.send('ping', 39, 59000);
  b.send('pauseStart', 39, 57000, {}, { at: b.sendAt(59100) });
  b.send('play', 39, 60000);
  b.send('adBreakStart', 40, 61000, adBreakParams(1, 40));
  b.send('adStart', 40, 61010, adParams('mid-1', 10, 1));
  b.send('adBreakStart', 40, 66000, adBreakParams(2, 40)); // nested
  b.send('adStart', 40, 66010, adParams('mid-2', 10, 1));
  b.send('adComplete', 40, 76010);
  b.send('adBreakComplete', 40, 76020);
  b.send('ping', 56, 92000); // late: 16 s after the break ended
  b.send('sessionEnd', 57, 93000);
  b.send('ping', 58, 94000, {}, { status: 410 }); // after sessionEnd
  return b.entries;
}

/**
 * A long VOD session (about 700 events, pings every 10 s for nearly two hours) whose state spans
 * several checkpoints: a chapter open from about event 200 to 400, a player state from 250 to
 * 520, an orphan ad near 300, a pause near 510, a duplicate ts near 600, an event sent out of
 * order near 650, and a nested ad break near 450.
 */
export function longSessionWithProblems(sid: string, start = T0): Entry[] {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.length': 7200, 'media.name': 'Long film' });
  b.send('play', 0, 1000);
  let ph = 0;
  let paused = false;
  for (let k = 1; k <= 700; k++) {
    const t = 1000 + k * 10000;
    if (!paused) ph += 10;
    if (k === 200) b.send('chapterStart', ph, t - 5000, chapterParams(1, ph, 2000));
    if (k === 250) b.send('stateStart', ph, t - 5000, stateParams('fullscreen'));
    if (k === 300) b.send('adStart', ph, t - 5000, adParams('orphan', 4, 1));
    if (k === 300) b.send('adComplete', ph, t - 1000);
    if (k === 400) b.send('chapterComplete', ph, t - 5000);
    if (k === 450) {
      b.send('adBreakStart', ph, t - 6000, adBreakParams(1, ph));
      b.send('adStart', ph, t - 5990, adParams('mid-1', 5, 1));
      b.send('adBreakStart', ph, t - 3000, adBreakParams(2, ph));
      b.send('adStart', ph, t - 2990, adParams('mid-2', 2, 1));
      b.send('adComplete', ph, t - 990);
      b.send('adBreakComplete', ph, t - 980);
    }
    if (k === 510) { b.send('pauseStart', ph, t - 5000); paused = true; }
    if (k === 515) { b.send('play', ph, t - 5000); paused = false; }
    if (k === 520) b.send('stateEnd', ph, t - 5000, stateParams('fullscreen'));
    if (k === 600) b.send('ping', ph, t); // the ping sent twice (same ts and playhead)
    if (k === 650) b.send('error', ph, t - 4000, { qoeData: { 'media.qoe.errorID': 'NET', 'media.qoe.errorSource': 'player' } }, { at: b.sendAt(t + 100) });
    b.send('ping', ph, t);
  }
  b.send('sessionComplete', ph, 1000 + 700 * 10000 + 500);
  return b.entries;
}

/** A session whose player gets a 404 and never starts a new session. */
export function notRestarted404(sid: string, start = T0, playerName = 'demo-player'): { entries: Entry[]; failed: number } {
  const b = new SessionBuilder(sid, start);
  b.open({ 'media.playerName': playerName });
  b.send('play', 0, 1000);
  b.pings(11000, 31000, 10000, (t) => (t - 1000) / 1000);
  const failed = b.send('ping', 30, 31000, {}, { status: 404 });
  b.send('ping', 40, 41000, {}, { status: 404 });
  return { entries: b.entries, failed };
}

/* ------------------------------------------------------------------------------------------ */
/* Recordings made of several sessions                                                          */
/* ------------------------------------------------------------------------------------------ */

export interface Interleaved {
  entries: Entry[];
  /** For each source list, the combined index of each of its entries. */
  indexOf: number[][];
}

/** Merges several recordings into one, ordered by send time (stable: ties keep list order). */
export function interleave(...lists: Entry[][]): Interleaved {
  const tagged = lists.flatMap((list, l) => list.map((e, i) => ({ e, l, i, at: Date.parse(e.startedDateTime as string) })));
  tagged.sort((x, y) => x.at - y.at || x.l - y.l || x.i - y.i);
  const indexOf = lists.map((list) => new Array<number>(list.length).fill(-1));
  tagged.forEach((t, combined) => {
    (indexOf[t.l] as number[])[t.i] = combined;
  });
  return { entries: tagged.map((t) => t.e), indexOf };
}

/** Moves the entry at `from` to position `to` (a late-captured exchange, e.g. a slow sessions call). */
export function moveEntry(entries: readonly Entry[], from: number, to: number): Entry[] {
  const out = [...entries];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved as Entry);
  return out;
}
