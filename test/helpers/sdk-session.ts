/**
 * A simulator of Adobe's Media SDK (the iOS/Android "MediaCollection" tracker) as seen on the wire:
 * a script of player actions in, the SDK's Media Collection calls out, as HAR entries.
 *
 *   const sdk = new SdkSimulator({ mode: 'realtime', adPingMs: 1000 });
 *   sdk.start().advance(500).play().advance(25_000).pause().advance(3_000).play().advance(9_000).complete();
 *   analyseEntries(sdk.entries());
 *
 * Time moves only through `advance(ms)`, which runs the SDK's own behaviour on the way: pings,
 * the 30-minute idle close and the 24-hour restart (checked on its 1-s tick). Actions happen at
 * the current time; one right after another moves 1 ms on, since only the SDK's own flushes share
 * a millisecond. Every comment below names the SDK behaviour it encodes.
 */
import type { Exchange } from '../../src/core/exchange.ts';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { entry, eventEntry, HOST, sessionsEntry, T0 } from './har-builder.ts';

export type Entry = Record<string, unknown>;
type Params = Record<string, unknown>;

export interface SdkEvent {
  eventType: string;
  playerTime: { playhead: number; ts: number };
  params?: Params;
  qoeData?: Params;
  customMetadata?: Record<string, string>;
}

export interface SdkSession {
  /** The session id of the 201's Location (not shown on a downloaded batch without one). */
  sid: string;
  /** The session's events as the SDK sent them, with the true time each happened. */
  sent: { body: SdkEvent; sentAt: number }[];
}

/** Changes what was sent (tests of non-conforming players): a body, several, or null to drop it. */
export type BodyEdit = (body: SdkEvent, at: { session: number; index: number }) => SdkEvent | SdkEvent[] | null;

export interface SdkOptions {
  /** 'realtime': one call per event as it happens; 'downloaded': each session as one batch after playback. */
  mode?: 'realtime' | 'downloaded';
  /** Real-time ping interval while an ad plays (the SDK's ad ping setting). Default 10 000. */
  adPingMs?: 1000 | 10000;
  /** Downloaded mode: POST …/api/v1/sessions (deprecated, what the SDKs use; default) or …/api/v1/downloaded. */
  route?: 'sessions' | 'downloaded';
  /** Downloaded mode, sessions route: whether the 201 has a Location (the SDK reads only the status). Default false. */
  location?: boolean;
  /** Downloaded mode: how long after a session's last event its batch is sent. Default 60 000. */
  batchDelayMs?: number;
  /** When the tracker is created (ms since the epoch). Default T0. */
  start?: number;
  /** Where the SDK's 1-s tick falls within each second after `start`. Default 500. */
  tickOffsetMs?: number;
  mediaId?: string;
  mediaName?: string;
  /** Seconds; a VOD playhead stops there, as the player's position does. Default 600. */
  mediaLength?: number;
  contentType?: string;
  playerName?: string;
  channel?: string;
  /** customMetadata of sessionStart (default: none). */
  customMetadata?: Record<string, string>;
  /** Device clock error: every ts is the true time plus this; requests leave at the true time. */
  clockOffsetMs?: number;
  /** Distinguishes the sids of several simulators (default: a counter). */
  sidSeed?: number;
  // Non-conforming players, for tests that the rules still catch mistakes (not SDK behaviour):
  /** Main-content ping interval. SDK: 10 000 real-time, 50 000 downloaded. */
  mainPingMs?: number;
  /** How long not playing closes the session. SDK: 1 800 000; null: never. */
  idleCloseMs?: number | null;
  /** Session age that makes the SDK restart it. SDK: 86 400 000; null: never. */
  restartAfterMs?: number | null;
}

type Playback = 'idle' | 'playing' | 'paused' | 'buffering';
/** What the SDK sends for a playback state ('idle': before the first play, nothing). */
const STATE_EVENT: Record<Playback, string | null> = { idle: null, playing: 'play', paused: 'pauseStart', buffering: 'bufferStart' };
type Open = Pick<SdkEvent, 'params' | 'customMetadata'>;

let simulators = 0;

/** The options with the SDK's defaults filled in. */
function withSdkDefaults(options: SdkOptions) {
  const downloaded = options.mode === 'downloaded';
  return {
    mode: 'realtime', adPingMs: 10000, route: 'sessions', location: false, batchDelayMs: 60_000, start: T0, tickOffsetMs: 500,
    mediaId: 'vod-123', mediaName: 'Big Buck Bunny', mediaLength: 600, contentType: 'vod', playerName: 'sdk-player', channel: 'mobile',
    customMetadata: undefined as Record<string, string> | undefined, clockOffsetMs: 0,
    mainPingMs: downloaded ? 50_000 : 10_000, idleCloseMs: 1_800_000 as number | null, restartAfterMs: 86_400_000 as number | null,
    ...options,
  };
}

export class SdkSimulator {
  readonly sessions: SdkSession[] = [];
  private readonly o: ReturnType<typeof withSdkDefaults>;
  private readonly seed: number;
  private now: number;
  private lastSent = -Infinity;
  private playheadMs = 0;
  private playback: Playback = 'idle';
  private notPlayingSince: number | null = null;
  private contentStarted = false;
  /** Last ping or ping-timer restart; null when no ping is due. */
  private pingRef: number | null = null;
  private pingsStarted = false;
  private sessionStartAt = 0;
  private idleClosed = false;
  private over = false;
  private chapter: Open | null = null;
  private adBreak: Open | null = null;
  private ad: Open | null = null;
  private readonly states: string[] = [];
  private counts = { breaks: 0, midrolls: 0, adsInBreak: 0, chapters: 0 };

  constructor(options: SdkOptions = {}) {
    this.o = withSdkDefaults(options);
    this.seed = options.sidSeed ?? ++simulators;
    this.now = this.o.start;
  }

  /** True time now (ms since the epoch) and the player's position (s). */
  get time(): number { return this.now; }
  get playhead(): number { return this.playheadMs / 1000; }

  start(): this {
    if (this.sessions.length > 0) throw new Error('sdk: start() called twice');
    this.openSession(false);
    return this;
  }

  /** Moves time on, tick by tick, doing what the SDK does on its own meanwhile. */
  advance(ms: number): this {
    const end = this.now + ms;
    for (;;) {
      const check = this.nextCheck();
      // A ping due after an idle/24-hour mark waits: the tick that handles the mark comes first.
      const pingAt = this.pingRef === null || !this.live() ? Infinity : this.pingRef + this.pingInterval();
      const ping = pingAt > check.mark ? Infinity : pingAt;
      const next = Math.min(ping, check.at);
      if (next > end) break;
      this.moveTo(next);
      if (next === ping) {
        this.send('ping');
        this.pingRef = this.now;
      } else if (check.idle) {
        // Idle close: not playing for 30 min ends the session; nothing more until the next play.
        this.send('sessionEnd');
        this.idleClosed = true;
        this.pingRef = null;
      } else {
        // 24-hour restart: sessionEnd, then at the same ts a new session with what was open.
        this.send('sessionEnd');
        this.openSession(true);
      }
    }
    this.moveTo(end);
    return this;
  }

  play(): this {
    this.action();
    const wasPlaying = this.playback === 'playing';
    this.playback = 'playing';
    this.notPlayingSince = null;
    this.pingsStarted = true;
    if (!this.adBreak) this.contentStarted = true;
    if (this.idleClosed) {
      // After an idle close, play starts a new session (media.resume) that re-sends what was open.
      this.idleClosed = false;
      this.openSession(true);
    } else if (!wasPlaying) {
      this.sendState();
    }
    return this;
  }

  pause(): this { return this.stopPlaying('paused'); }
  bufferStart(): this { return this.stopPlaying('buffering'); }

  /** A seek goes out as pauseStart at its start and play with the new playhead at its end. */
  seek(toPlayheadS: number, durationMs = 800): this {
    this.pause().advance(durationMs);
    this.playheadMs = Math.round(toPlayheadS * 1000);
    return this.play();
  }

  adBreakStart(o: { podIndex?: number; podSecond?: number; name?: string } = {}): this {
    this.action();
    if (this.adBreak) throw new Error('sdk: adBreakStart inside an open ad break');
    this.counts.breaks++;
    this.counts.adsInBreak = 0;
    const atEnd = this.playheadMs >= this.o.mediaLength * 1000;
    const index = o.podIndex ?? (this.contentStarted ? ++this.counts.midrolls : 0);
    this.adBreak = { params: {
      'media.ad.podIndex': index, 'media.ad.podSecond': o.podSecond ?? this.playhead,
      'media.ad.podFriendlyName': o.name ?? (!this.contentStarted ? 'pre-roll' : atEnd ? 'post-roll' : `mid-roll ${index}`),
    } };
    this.pingsStarted = true; // a pre-roll starts the pings before any play
    this.sendIfLive('adBreakStart', this.adBreak, true);
    return this;
  }

  adStart(o: { id?: string; name?: string; lengthS?: number; customMetadata?: Record<string, string> } = {}): this {
    this.action();
    if (!this.adBreak) throw new Error('sdk: adStart outside an ad break (the SDK drops it)');
    if (this.ad) throw new Error('sdk: adStart while an ad is open');
    const pos = ++this.counts.adsInBreak;
    this.ad = {
      params: {
        'media.ad.id': o.id ?? `ad-${this.counts.breaks}-${pos}`, 'media.ad.name': o.name ?? `Ad ${pos}`,
        'media.ad.length': o.lengthS ?? 15, 'media.ad.podPosition': pos, 'media.ad.playerName': this.o.playerName,
      },
      ...(o.customMetadata ? { customMetadata: o.customMetadata } : {}),
    };
    // Same-millisecond flush: right after adStart the SDK sends the current playback state.
    if (this.sendIfLive('adStart', this.ad, true)) this.sendState();
    return this;
  }

  adComplete(): this { return this.closeOpen('ad', 'adComplete'); }
  adSkip(): this { return this.closeOpen('ad', 'adSkip'); }

  adBreakComplete(): this {
    this.action();
    if (!this.adBreak || this.ad) throw new Error('sdk: adBreakComplete with no break open or an ad still open');
    this.adBreak = null;
    if (this.playback === 'playing') this.contentStarted = true;
    // Same-millisecond flush, as after adStart.
    if (this.sendIfLive('adBreakComplete', {}, true)) this.sendState();
    return this;
  }

  chapterStart(o: { index?: number; offsetS?: number; lengthS?: number; name?: string; customMetadata?: Record<string, string> } = {}): this {
    this.action();
    if (this.chapter) throw new Error('sdk: chapterStart while a chapter is open');
    const index = o.index ?? ++this.counts.chapters;
    this.chapter = {
      params: {
        'media.chapter.index': index, 'media.chapter.offset': o.offsetS ?? this.playhead,
        'media.chapter.length': o.lengthS ?? 60, 'media.chapter.friendlyName': o.name ?? `Chapter ${index}`,
      },
      ...(o.customMetadata ? { customMetadata: o.customMetadata } : {}),
    };
    this.sendIfLive('chapterStart', this.chapter);
    return this;
  }

  chapterComplete(): this { return this.closeOpen('chapter', 'chapterComplete'); }
  chapterSkip(): this { return this.closeOpen('chapter', 'chapterSkip'); }

  /** A state already active (or not active, for stateEnd) sends nothing, as in the SDK. */
  stateStart(name: string): this {
    this.action();
    if (this.states.includes(name)) return this;
    this.states.push(name);
    this.sendIfLive('stateStart', { params: { 'media.state.name': name } });
    return this;
  }

  stateEnd(name: string): this {
    this.action();
    const i = this.states.indexOf(name);
    if (i < 0) return this;
    this.states.splice(i, 1);
    this.sendIfLive('stateEnd', { params: { 'media.state.name': name } });
    return this;
  }

  error(errorId: string): this {
    return this.act('error', { qoeData: { 'media.qoe.errorID': errorId, 'media.qoe.errorSource': 'player' } });
  }

  bitrateChange(bitrate: number): this { return this.act('bitrateChange', { qoeData: { 'media.qoe.bitrate': bitrate } }); }

  /** sessionComplete (content watched to the end); after it nothing is sent. */
  complete(): this { return this.close('sessionComplete'); }
  /** sessionEnd (the viewer leaves); after an idle close the session is already ended: nothing is sent. */
  end(): this { return this.close('sessionEnd'); }

  /**
   * The HAR entries, in send order. Real time: a sessions call (201, Location) and one events
   * call (204) per event, each sent at its ts. Downloaded: one batch per session, sent
   * `batchDelayMs` after its last event. `edit` rewrites bodies (a moved ts moves the send time).
   */
  entries(edit?: BodyEdit): Entry[] {
    const out: { at: number; e: Entry }[] = [];
    this.sessions.forEach((s, session) => {
      const sent = s.sent.flatMap(({ body, sentAt }, index) => {
        const edited = edit ? edit(structuredClone(body), { session, index }) : body;
        const list = edited === null ? [] : Array.isArray(edited) ? edited : [edited];
        return list.map((b) => ({ body: b, sentAt: sentAt + b.playerTime.ts - body.playerTime.ts }));
      });
      if (this.o.mode === 'realtime') {
        for (const { body, sentAt } of sent) {
          const at = { at: sentAt - T0 };
          out.push({ at: sentAt, e: body.eventType === 'sessionStart' ? sessionsEntry(body, s.sid, at) : eventEntry(s.sid, body, at) });
        }
        return;
      }
      // Downloaded content: the whole session as one JSON array, after playback; the SDK reads only the 201.
      const sendAt = Math.max(...sent.map((x) => x.sentAt)) + this.o.batchDelayMs;
      const batch = sent.map((x) => x.body);
      out.push({
        at: sendAt,
        e: this.o.route === 'downloaded'
          ? entry(`${HOST}/api/v1/downloaded`, batch, { status: 201, at: sendAt - T0 })
          : sessionsEntry(batch, this.o.location ? s.sid : null, { at: sendAt - T0 }),
      });
    });
    return out.map((x, i) => ({ ...x, i })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.e);
  }

  exchanges(edit?: BodyEdit): Exchange[] {
    return this.entries(edit).map((e, i) => entryToExchange(e, i));
  }

  /* ---------------------------------------------------------------------------------------- */

  private live(): boolean {
    return this.sessions.length > 0 && !this.over && !this.idleClosed;
  }

  /** Main content 10 s (also paused or buffering), an ad `adPingMs`; downloaded: 50 s everywhere. */
  private pingInterval(): number {
    return this.o.mode === 'realtime' && this.ad ? this.o.adPingMs : this.o.mainPingMs;
  }

  /** The next idle/24-hour mark and the first 1-s tick past it, where the SDK acts on it. */
  private nextCheck(): { mark: number; at: number; idle: boolean } {
    if (!this.live()) return { mark: Infinity, at: Infinity, idle: false };
    const idle = this.playback !== 'playing' && this.notPlayingSince !== null && this.o.idleCloseMs !== null
      ? this.notPlayingSince + this.o.idleCloseMs : Infinity;
    const day = this.o.restartAfterMs !== null ? this.sessionStartAt + this.o.restartAfterMs : Infinity;
    const mark = Math.min(idle, day);
    if (mark === Infinity) return { mark, at: Infinity, idle: false };
    const first = this.o.start + this.o.tickOffsetMs;
    return { mark, at: first + (Math.floor((mark - first) / 1000) + 1) * 1000, idle: idle <= day };
  }

  /** The playhead moves 1 s per second only while main content plays (not in an ad break). */
  private moveTo(t: number): void {
    if (this.playback === 'playing' && !this.adBreak && this.live()) {
      const max = this.o.contentType === 'vod' ? this.o.mediaLength * 1000 : Infinity;
      this.playheadMs = Math.min(this.playheadMs + t - this.now, Math.max(max, this.playheadMs));
    }
    this.now = t;
  }

  /** Before an action: what was due has happened, and the action comes after the last event. */
  private action(): void {
    if (this.sessions.length === 0) throw new Error('sdk: call start() first');
    if (this.over) throw new Error('sdk: the session is over (complete/end)');
    this.advance(0);
    if (this.now <= this.lastSent) this.moveTo(this.lastSent + 1);
  }

  private stopPlaying(state: 'paused' | 'buffering'): this {
    this.action();
    if (this.playback === state) return this;
    this.playback = state;
    this.notPlayingSince ??= this.now; // the idle close counts from when playback stopped
    this.sendState();
    return this;
  }

  /** An action that sends one event. */
  private act(type: string, extra: Pick<SdkEvent, 'qoeData'> = {}): this {
    this.action();
    this.sendIfLive(type, extra);
    return this;
  }

  private closeOpen(what: 'ad' | 'chapter', type: string): this {
    this.action(); // first: pings due until now are judged with the ad still open
    if (!this[what]) throw new Error(`sdk: ${type} with no ${what} open`);
    this[what] = null;
    this.sendIfLive(type, {});
    return this;
  }

  private close(type: 'sessionComplete' | 'sessionEnd'): this {
    this.action();
    if (!this.idleClosed) this.send(type);
    this.over = true;
    this.pingRef = null;
    return this;
  }

  /** The playback state's event (play, pauseStart, bufferStart); it restarts the ping timer. */
  private sendState(): void {
    const type = STATE_EVENT[this.playback];
    if (type) this.sendIfLive(type, {}, true);
  }

  /** While the session is idle-closed the SDK only keeps track (re-sent at the resume). */
  private sendIfLive(type: string, extra: Open & Pick<SdkEvent, 'qoeData'>, restartsPings = false): boolean {
    if (!this.live()) return false;
    this.send(type, extra);
    // The ping timer restarts at play, pauseStart, bufferStart, adBreakStart, adStart, adBreakComplete.
    if (restartsPings && this.pingsStarted) this.pingRef = this.now;
    return true;
  }

  /** A new session: sessionStart, and for a restart (media.resume) what was open, all at this ts. */
  private openSession(resume: boolean): void {
    const n = this.sessions.length + 1;
    const hex = (v: number) => v.toString(16).padStart(8, '0');
    this.sessions.push({ sid: `${hex(this.seed)}${'f'.repeat(48)}${hex(n)}`, sent: [] });
    this.sessionStartAt = this.now;
    this.pingRef = null;
    const o = this.o;
    this.send('sessionStart', {
      params: {
        'analytics.trackingServer': 'example.sc.omtrdc.net', 'analytics.reportSuite': 'examplersid',
        'visitor.marketingCloudOrgId': '0123456789ABCDEF@AdobeOrg', 'media.id': o.mediaId, 'media.name': o.mediaName,
        'media.length': o.mediaLength, 'media.contentType': o.contentType, 'media.playerName': o.playerName,
        'media.channel': o.channel, 'media.sdkVersion': 'android-3.0.2',
        ...(o.mode === 'downloaded' ? { 'media.downloaded': true } : {}),
        ...(resume ? { 'media.resume': true } : {}),
      },
      ...(o.customMetadata ? { customMetadata: o.customMetadata } : {}),
    });
    if (!resume) return;
    if (this.chapter) this.sendIfLive('chapterStart', this.chapter);
    if (this.adBreak) this.sendIfLive('adBreakStart', this.adBreak, true);
    if (this.ad) this.sendIfLive('adStart', this.ad, true);
    for (const name of this.states) this.sendIfLive('stateStart', { params: { 'media.state.name': name } });
    this.sendState();
    if (this.pingsStarted) this.pingRef = this.now; // the new session pings from its start
  }

  private send(eventType: string, extra: Omit<SdkEvent, 'eventType' | 'playerTime'> = {}): void {
    const session = this.sessions[this.sessions.length - 1] as SdkSession;
    const body: SdkEvent = { eventType, playerTime: { playhead: this.playhead, ts: this.now + this.o.clockOffsetMs }, ...structuredClone(extra) };
    session.sent.push({ body, sentAt: this.now });
    this.lastSent = this.now;
  }
}
