/** Realistic sessions as HAR entries, shared by tests and the shipped sample recordings. */
import { ev, eventEntry, sessionStartBody, sessionsEntry, T0, type EntryOptions } from './har-builder.ts';

type Entry = Record<string, unknown>;

/** Emits events with increasing ts; the request is sent 20 ms after the event. */
class Timeline {
  readonly entries: Entry[] = [];
  constructor(private readonly sid: string, private readonly start: number) {}
  add(eventType: string, playhead: number, offsetMs: number, rest: Record<string, unknown> = {}, o: EntryOptions = {}): void {
    const ts = this.start + offsetMs;
    this.entries.push(eventEntry(this.sid, ev(eventType, playhead, ts, rest), { at: ts - T0 + 20, ...o }));
  }
}

/**
 * A completed VOD: pre-roll pod of two ads (pings every second), content with two chapters,
 * a pause, a buffering spell, a mid-roll pod of one ad, pings every 10 s, sessionComplete.
 */
export function cleanVod(sid: string, start = T0): Entry[] {
  const out: Entry[] = [sessionsEntry(sessionStartBody(start), sid, { at: start - T0 + 20 })];
  const t = new Timeline(sid, start);
  let ms = 5;
  const ad = (id: string, pos: number, seconds: number, playhead: number) => {
    t.add('adStart', playhead, ms, { params: { 'media.ad.id': id, 'media.ad.length': seconds, 'media.ad.podPosition': pos, 'media.ad.playerName': 'demo-player' } });
    for (let s = 1; s < seconds; s++) t.add('ping', playhead, ms + s * 1000);
    ms += seconds * 1000;
    t.add('adComplete', playhead, ms);
    ms += 5;
  };
  // pre-roll
  t.add('adBreakStart', 0, ms, { params: { 'media.ad.podIndex': 0, 'media.ad.podSecond': 0 } }); ms += 5;
  ad('preroll-1', 1, 5, 0);
  ad('preroll-2', 2, 5, 0);
  t.add('adBreakComplete', 0, ms); ms += 5;
  // content, chapter 1
  t.add('play', 0, ms, { qoeData: { 'media.qoe.timeToStart': 900 } }); const contentStart = ms; ms += 5;
  t.add('chapterStart', 0, ms, { params: { 'media.chapter.index': 1, 'media.chapter.offset': 0, 'media.chapter.length': 60 } });
  let playhead = 0;
  const playFor = (seconds: number) => {
    for (let s = 0; s < seconds; s++) {
      playhead += 1; ms += 1000;
      if ((ms - contentStart) % 10000 < 1000) t.add('ping', playhead, ms);
    }
  };
  playFor(25);
  t.add('bitrateChange', playhead, ms + 1, { qoeData: { 'media.qoe.bitrate': 4500000 } }); ms += 2;
  playFor(5);
  t.add('pauseStart', playhead, ms + 1); ms += 2;
  for (let s = 0; s < 12; s++) { ms += 1000; if ((ms - contentStart) % 10000 < 1000) t.add('ping', playhead, ms); }
  t.add('play', playhead, ms + 1); ms += 2;
  playFor(10);
  t.add('bufferStart', playhead, ms + 1); ms += 2;
  for (let s = 0; s < 3; s++) { ms += 1000; if ((ms - contentStart) % 10000 < 1000) t.add('ping', playhead, ms); }
  t.add('play', playhead, ms + 1); ms += 2;
  playFor(20);
  t.add('chapterComplete', playhead, ms + 1); ms += 2;
  // mid-roll
  t.add('adBreakStart', playhead, ms, { params: { 'media.ad.podIndex': 1, 'media.ad.podSecond': playhead } }); ms += 5;
  ad('midroll-1', 1, 6, playhead);
  t.add('adBreakComplete', playhead, ms); ms += 5;
  t.add('chapterStart', playhead, ms, { params: { 'media.chapter.index': 2, 'media.chapter.offset': 60, 'media.chapter.length': 40 } }); ms += 5;
  t.add('stateStart', playhead, ms, { params: { 'media.state.name': 'fullscreen' } }); ms += 5;
  playFor(30);
  t.add('stateEnd', playhead, ms + 1, { params: { 'media.state.name': 'fullscreen' } }); ms += 2;
  playFor(10);
  t.add('chapterComplete', playhead, ms + 1); ms += 2;
  t.add('sessionComplete', playhead, ms + 1);
  return [...out, ...t.entries];
}

/**
 * A session with request-level problems: schema violations, a wrong event name, a ping with
 * params, a body that is not JSON, a 500, a blocked request, and a 404 the player never recovers from.
 */
export function brokenRequests(sid: string, start = T0): Entry[] {
  const out: Entry[] = [sessionsEntry(sessionStartBody(start, { 'media.length': '600' }), sid, { at: 20 })];
  const t = new Timeline(sid, start);
  t.add('play', 0, 1000);
  t.add('ping', 10, 11000, { params: { 'media.qoe.bitrate': 1 } });
  t.add('pause', 12, 13000);
  t.add('ping', 20, 21000, {}, { rawBody: '{"playerTime":{"playhead":20,"ts":' });
  t.add('ping', 30, 31000, {}, { status: 500 });
  t.add('ping', 40, 41000, {}, { status: 0, error: 'net::ERR_BLOCKED_BY_CLIENT' });
  t.add('ping', 50, 51000, {}, { status: 404 });
  return [...out, ...t.entries];
}

/**
 * A session whose every body is valid but whose sequence is wrong: the server accepts each call,
 * and Adobe miscounts. Orphan adStart, a chapter overlap, a late ping, events after sessionEnd.
 */
export function brokenSequence(sid: string, start = T0): Entry[] {
  const out: Entry[] = [sessionsEntry(sessionStartBody(start), sid, { at: start - T0 + 20 })];
  const t = new Timeline(sid, start);
  t.add('play', 0, 1000);
  t.add('chapterStart', 0, 1005, { params: { 'media.chapter.index': 1, 'media.chapter.offset': 0, 'media.chapter.length': 60 } });
  t.add('ping', 10, 11000);
  // a mid-roll without adBreakStart: the 15 s ad is counted as content
  t.add('adStart', 15, 16000, { params: { 'media.ad.id': 'soda-15s', 'media.ad.length': 15, 'media.ad.podPosition': 1, 'media.ad.playerName': 'demo-player' } });
  for (let s = 1; s <= 14; s++) t.add('ping', 15, 16000 + s * 1000);
  t.add('adComplete', 15, 31000);
  t.add('ping', 20, 36000);
  t.add('chapterStart', 25, 41000, { params: { 'media.chapter.index': 2, 'media.chapter.offset': 25, 'media.chapter.length': 60 } });
  // 25 s without a ping
  t.add('ping', 50, 66000);
  t.add('sessionEnd', 52, 68000);
  t.add('ping', 60, 76000, {}, { status: 410 });
  return [...out, ...t.entries];
}
