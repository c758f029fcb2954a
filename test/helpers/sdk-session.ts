/**
 * A simulator of Adobe's media trackers as seen on the wire: a script of player actions in, the
 * client's calls out, as HAR entries. Five clients (`client`):
 * - `media-collection`: the Media SDK (iOS/Android "MediaCollection" tracker) on the Media
 *   Collection API, real time or downloaded (the default);
 * - `edge-mobile`: the AEP Edge Media mobile extensions (iOS and Android agree) on the Media Edge API;
 * - `web-sdk`: the Web SDK's streamingMedia component in automatic mode (playerId and
 *   getPlayerDetails: the SDK pings); `web-sdk-manual`: manual mode (the app sends the session id,
 *   the playhead and its own pings); `web-sdk-legacy`: the legacy Media JS API over the Web SDK.
 *
 *   const sdk = new SdkSimulator({ client: 'edge-mobile', mainPingMs: 15_000, adPingMs: 1000 });
 *   sdk.start().advance(500).play().advance(25_000).pause().advance(3_000).play().advance(9_000).complete();
 *   analyseEntries(sdk.entries());
 *
 * Time moves only through `advance(ms)`, which runs the client's own behaviour on the way: pings,
 * and on the mobile SDKs the 30-minute idle close, the 24-hour restart and the content-start
 * flush (checked on their 1-s tick). Actions happen at the current time. The Media Collection
 * simulator moves 1 ms on between two actions (only the SDK's own flushes share a millisecond);
 * the Edge clients stamp each call with the time of the API call and do not space them, so back
 * to back actions share it, as in Adobe's tests. What goes on the wire is sdk-wire.ts's job.
 * Every comment below names the client behaviour it encodes (facts from Adobe's SDK code and
 * tests: aepsdk-edgemedia-ios/-android MediaEventTracker and MediaXDMEventGenerator, alloy's
 * StreamingMedia and MediaAnalyticsBridge components).
 */
import type { Exchange } from '../../src/core/exchange.ts';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { T0 } from './har-builder.ts';
import { toEntries } from './sdk-wire.ts';

export type Entry = Record<string, unknown>;
type Params = Record<string, unknown>;

export interface SdkEvent {
  eventType: string;
  playerTime: { playhead: number; ts: number };
  params?: Params;
  qoeData?: Params;
  customMetadata?: Record<string, string>;
}

export type SdkClient = 'media-collection' | 'edge-mobile' | 'web-sdk' | 'web-sdk-manual' | 'web-sdk-legacy';

export interface SdkSession {
  /** The session id of the 201's Location or the Edge reply's new-session handle (not shown on a downloaded batch without one). */
  sid: string;
  /**
   * The session's events as the client sent them: `sentAt` is when the call left (the Web SDK
   * holds the calls made before the session start's reply until it comes) and `body.playerTime.ts`
   * when the action happened.
   */
  sent: { body: SdkEvent; sentAt: number }[];
}

/** Changes what was sent (tests of non-conforming players): a body, several, or null to drop it. */
export type BodyEdit = (body: SdkEvent, at: { session: number; index: number }) => SdkEvent | SdkEvent[] | null;

export interface SdkOptions {
  /** Which client sends the session (default `media-collection`). */
  client?: SdkClient;
  /** 'realtime': one call per event as it happens; 'downloaded': each session as one batch after playback (Media Collection only). */
  mode?: 'realtime' | 'downloaded';
  /** Real-time ping interval while an ad plays (the SDK's ad ping setting: 1 to 10 s on the Edge clients). Default 10 000. */
  adPingMs?: number;
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
  /**
   * Main-content ping interval. Media Collection SDK: 10 000 real time, 50 000 downloaded (another
   * value is a non-conforming player). Edge clients: their mainPingInterval, 10 000 to 50 000.
   */
  mainPingMs?: number;
  // Edge clients:
  /** Round trip of every call (ms): the Web SDK restarts its ping timer when a reply arrives. Default 150. */
  replyMs?: number;
  /** The datastream of every call (`configId`). */
  configId?: string;
  /** Web SDK datastream override: the session start goes to this datastream, later events to `configId`. */
  overrideConfigId?: string;
  /** A location hint set before the session (mobile Edge.setLocationHint; a Web SDK cookie): in every path. */
  startHint?: string | null;
  /** The location hint the session start's reply gives, used by every later call. Default 'or2'. */
  replyHint?: string;
  /** web-sdk-legacy: QoE set with updateQoEObject (else every call carries `"qoeDataDetails": null`). */
  legacyQoe?: Record<string, number>;
  // Non-conforming players, for tests that the rules still catch mistakes (not SDK behaviour):
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
  const mobile = options.client === undefined || options.client === 'media-collection' || options.client === 'edge-mobile';
  return {
    client: 'media-collection' as SdkClient,
    mode: 'realtime', adPingMs: 10000, route: 'sessions', location: false, batchDelayMs: 60_000, start: T0, tickOffsetMs: 500,
    replyMs: 150, configId: 'd9a8e7f6-1234-4cde-9abc-0123456789ab', overrideConfigId: undefined as string | undefined,
    startHint: null as string | null, replyHint: 'or2', legacyQoe: undefined as Record<string, number> | undefined,
    mediaId: 'vod-123', mediaName: 'Big Buck Bunny', mediaLength: 600, contentType: 'vod', playerName: 'sdk-player', channel: 'mobile',
    customMetadata: undefined as Record<string, string> | undefined, clockOffsetMs: 0,
    // The Web SDK has no idle close and no 24-hour restart: only the mobile SDKs keep those timers.
    mainPingMs: downloaded ? 50_000 : 10_000, idleCloseMs: mobile ? 1_800_000 as number | null : null, restartAfterMs: mobile ? 86_400_000 as number | null : null,
    ...options,
  };
}

export type SdkSettings = ReturnType<typeof withSdkDefaults>;

export class SdkSimulator {
  readonly sessions: SdkSession[] = [];
  private readonly o: SdkSettings;
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
  /** When the session start's reply comes (the Web SDK holds every call until then). */
  private sessionReplyAt = 0;
  private idleClosed = false;
  private over = false;
  private chapter: Open | null = null;
  private adBreak: Open | null = null;
  private ad: Open | null = null;
  private readonly states: string[] = [];
  private counts = { breaks: 0, midrolls: 0, adsInBreak: 0, chapters: 0 };
  /** Web SDK: the content state its ping timer reads ('ad' after an ad event, 'main' after the break). */
  private webContent: 'main' | 'ad' = 'main';
  /** Edge mobile: since when main content plays (for the content-start flush), and whether it was sent. */
  private contentStartRef: number | null = null;
  private contentStartSent = false;

  constructor(options: SdkOptions = {}) {
    this.o = withSdkDefaults(options);
    this.seed = options.sidSeed ?? ++simulators;
    this.now = this.o.start;
    if (this.o.mode === 'downloaded' && this.o.client !== 'media-collection') throw new Error('sdk: only the Media Collection SDK has a downloaded mode');
  }

  /** True time now (ms since the epoch) and the player's position (s). */
  get time(): number { return this.now; }
  get playhead(): number { return this.playheadMs / 1000; }
  get client(): SdkClient { return this.o.client; }
  get settings(): Readonly<SdkSettings> { return this.o; }

  start(): this {
    if (this.sessions.length > 0) throw new Error('sdk: start() called twice');
    this.openSession(false);
    return this;
  }

  /** Moves time on, tick by tick, doing what the client does on its own meanwhile. */
  advance(ms: number): this {
    const end = this.now + ms;
    for (;;) {
      const check = this.nextCheck();
      // A ping due after an idle/24-hour mark waits: the tick that handles the mark comes first.
      const pingAt = this.nextPing();
      const ping = pingAt > check.mark ? Infinity : pingAt;
      const flush = this.nextContentStart();
      const next = Math.min(ping, check.at, flush);
      if (next > end) break;
      this.moveTo(next);
      if (next === ping) {
        this.send('ping');
        this.afterPing();
      } else if (next === flush) {
        // Edge mobile: after the first second of main content, the playback state is sent again
        // (MediaEventTracker.cmdContentStartDetection), restarting the ping timer.
        this.contentStartSent = true;
        this.sendState();
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
    if (this.o.client === 'web-sdk-manual' && !this.pingsStarted) this.restartAppClock();
    this.pingsStarted = true;
    if (!this.adBreak) this.contentStarted = true;
    if (this.idleClosed) {
      // After an idle close, play starts a new session (media.resume) that re-sends what was open.
      this.idleClosed = false;
      this.openSession(true);
    } else if (!wasPlaying) {
      this.sendState();
    }
    this.noteMainContent();
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
    if (this.adBreak) {
      // The mobile SDKs close what is open first, under the same ts (MediaEventTracker's AdBreakStart rule).
      if (!this.cascades()) throw new Error('sdk: adBreakStart inside an open ad break');
      this.closeAdSilently('adSkip');
      this.closeBreak();
    }
    this.counts.breaks++;
    this.counts.adsInBreak = 0;
    const atEnd = this.playheadMs >= this.o.mediaLength * 1000;
    const index = o.podIndex ?? (this.contentStarted ? ++this.counts.midrolls : 0);
    this.adBreak = { params: {
      'media.ad.podIndex': index, 'media.ad.podSecond': o.podSecond ?? this.playhead,
      'media.ad.podFriendlyName': o.name ?? (!this.contentStarted ? 'pre-roll' : atEnd ? 'post-roll' : `mid-roll ${index}`),
    } };
    if (this.o.client === 'media-collection') this.pingsStarted = true; // a pre-roll starts the pings before any play
    if (this.o.client === 'web-sdk-manual' && !this.pingsStarted) this.pingsStarted = true; // the app's clock starts with the pre-roll
    this.contentStartRef = null; // Edge mobile: the content-start wait restarts after a break
    // The Media Collection SDK restarts its ping timer at adBreakStart; the Edge mobile SDK only at
    // playback states and pings; the Web SDK after every call.
    this.sendIfLive('adBreakStart', this.adBreak, this.o.client === 'media-collection');
    if (this.o.client === 'web-sdk-manual') this.restartAppClock();
    return this;
  }

  adStart(o: { id?: string; name?: string; lengthS?: number; customMetadata?: Record<string, string> } = {}): this {
    this.action();
    if (!this.adBreak) throw new Error('sdk: adStart outside an ad break (the SDK drops it)');
    if (this.ad) {
      if (!this.cascades()) throw new Error('sdk: adStart while an ad is open');
      this.closeAdSilently('adSkip');
    }
    const pos = ++this.counts.adsInBreak;
    this.ad = {
      params: {
        'media.ad.id': o.id ?? `ad-${this.counts.breaks}-${pos}`, 'media.ad.name': o.name ?? `Ad ${pos}`,
        'media.ad.length': o.lengthS ?? 15, 'media.ad.podPosition': pos, 'media.ad.playerName': this.o.playerName,
      },
      ...(o.customMetadata ? { customMetadata: o.customMetadata } : {}),
    };
    // Edge mobile: an adStart before any play or pause switches the state to play (the back end does).
    if (this.o.client === 'edge-mobile' && this.playback === 'idle') {
      this.playback = 'playing';
      this.pingsStarted = true;
    }
    // Same-millisecond flush: right after adStart the mobile SDKs send the current playback state.
    if (this.sendIfLive('adStart', this.ad, this.o.client === 'media-collection') && this.flushes()) this.sendState();
    return this;
  }

  adComplete(): this { return this.closeOpen('ad', 'adComplete'); }
  adSkip(): this { return this.closeOpen('ad', 'adSkip'); }

  adBreakComplete(): this {
    this.action();
    if (!this.adBreak) throw new Error('sdk: adBreakComplete with no break open');
    if (this.ad) {
      if (!this.cascades()) throw new Error('sdk: adBreakComplete with an ad still open');
      this.closeAdSilently('adSkip');
    }
    this.adBreak = null;
    if (this.playback === 'playing') this.contentStarted = true;
    // Same-millisecond flush, as after adStart.
    if (this.sendIfLive('adBreakComplete', {}, this.o.client === 'media-collection') && this.flushes()) this.sendState();
    if (this.o.client === 'web-sdk-manual' && this.pingsStarted) this.restartAppClock();
    this.noteMainContent();
    return this;
  }

  chapterStart(o: { index?: number; offsetS?: number; lengthS?: number; name?: string; customMetadata?: Record<string, string> } = {}): this {
    this.action();
    if (this.chapter) {
      if (!this.cascades()) throw new Error('sdk: chapterStart while a chapter is open');
      this.chapter = null;
      this.sendIfLive('chapterSkip', {});
    }
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

  /**
   * sessionComplete (content watched to the end); after it nothing is sent. The mobile SDKs first
   * close what is open under the same ts: adSkip, adBreakComplete, chapterSkip
   * (MediaEventTracker's MediaComplete rule); the Web SDK sends only what the app calls.
   */
  complete(): this { return this.close('sessionComplete'); }
  /** sessionEnd (the viewer leaves), with the same cascade; after an idle close the session is already ended: nothing is sent. */
  end(): this { return this.close('sessionEnd'); }

  /**
   * The HAR entries, in send order (sdk-wire.ts): per client, its session start and one call per
   * event (Media Collection real time), or one batch per session (downloaded). `edit` rewrites
   * bodies (a moved ts moves the send time).
   */
  entries(edit?: BodyEdit): Entry[] {
    return toEntries(this.sessions, this.o, edit);
  }

  exchanges(edit?: BodyEdit): Exchange[] {
    return this.entries(edit).map((e, i) => entryToExchange(e, i));
  }

  /* ---------------------------------------------------------------------------------------- */

  private mobileTimers(): boolean { return this.o.client === 'media-collection' || this.o.client === 'edge-mobile'; }
  /** The mobile SDKs close what is open before opening the next or ending (the Web SDK sends only what the app calls). */
  private cascades(): boolean { return this.mobileTimers(); }
  /** The mobile SDKs send the playback state right after adStart and adBreakComplete. */
  private flushes(): boolean { return this.mobileTimers(); }

  private live(): boolean {
    return this.sessions.length > 0 && !this.over && !this.idleClosed;
  }

  /**
   * The interval to the next ping. Media Collection: main content 10 s (also paused or buffering),
   * an ad `adPingMs`; downloaded 50 s everywhere. Edge mobile: the ad interval while an ad is open
   * (adInfo set), else the main one. Web SDK: the ad interval after an ad event until
   * adBreakComplete (its getContentState), else the main one; manual mode: the app's own clock.
   */
  private pingInterval(): number {
    if (this.o.mode !== 'realtime') return this.o.mainPingMs;
    switch (this.o.client) {
      case 'web-sdk': case 'web-sdk-legacy': return this.webContent === 'ad' ? this.o.adPingMs : this.o.mainPingMs;
      case 'web-sdk-manual': return this.adBreak ? this.o.adPingMs : this.o.mainPingMs;
      default: return this.ad ? this.o.adPingMs : this.o.mainPingMs;
    }
  }

  /** When the next ping goes out (Infinity: none due; never in the past). Edge mobile pings on its 1-s tick. */
  private nextPing(): number {
    if (this.pingRef === null || !this.live()) return Infinity;
    const due = Math.max(this.pingRef + this.pingInterval(), this.now);
    return this.o.client === 'edge-mobile' ? this.tickAtOrAfter(due) : due;
  }

  /**
   * Web SDK manual mode: the app pings on its own clock, started when playback starts and again at
   * each ad break's start and end (a new interval). Its timer fires a little after the player
   * event that started it, not at the millisecond of a tracking call.
   */
  private restartAppClock(): void {
    this.pingRef = this.now + 137;
  }

  private afterPing(): void {
    // The Web SDK's timer restarts when the ping's reply arrives (sendIfLive handles every call).
    if (this.o.client === 'web-sdk' || this.o.client === 'web-sdk-legacy') return;
    this.pingRef = this.now;
  }

  /** Edge mobile: the tick at which the content-start flush goes out (Infinity: none due). */
  private nextContentStart(): number {
    if (this.o.client !== 'edge-mobile' || this.contentStartSent || this.contentStartRef === null || !this.live()) return Infinity;
    if (this.playback !== 'playing' || this.adBreak) return Infinity;
    return this.tickAtOrAfter(this.contentStartRef + 1000);
  }

  /** Main content is playing: the content-start wait of the Edge mobile SDK begins (once). */
  private noteMainContent(): void {
    if (this.playback === 'playing' && !this.adBreak && this.contentStartRef === null) this.contentStartRef = this.now;
  }

  private tickAtOrAfter(t: number): number {
    const first = this.o.start + this.o.tickOffsetMs;
    return t <= first ? first : first + Math.ceil((t - first) / 1000) * 1000;
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

  /**
   * Before an action: what was due has happened. The Media Collection simulator places the action
   * 1 ms after the last event; the Edge clients stamp it with the time of the call, shared by
   * calls made back to back.
   */
  private action(): void {
    if (this.sessions.length === 0) throw new Error('sdk: call start() first');
    if (this.over) throw new Error('sdk: the session is over (complete/end)');
    this.advance(0);
    if (this.o.client === 'media-collection' ? this.now <= this.lastSent : this.now < this.lastSent) this.moveTo(this.lastSent + (this.o.client === 'media-collection' ? 1 : 0));
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

  /** Part of a cascade: the open ad closed with `type`, under the current ts. */
  private closeAdSilently(type: 'adSkip'): void {
    if (!this.ad) return;
    this.ad = null;
    this.sendIfLive(type, {});
  }

  /** Part of a cascade: the open break closed (the SDK's AdBreakSkip sends adBreakComplete), with no flush. */
  private closeBreak(): void {
    if (!this.adBreak) return;
    this.adBreak = null;
    this.sendIfLive('adBreakComplete', {});
  }

  private close(type: 'sessionComplete' | 'sessionEnd'): this {
    this.action();
    if (this.cascades() && !this.idleClosed) {
      this.closeAdSilently('adSkip');
      this.closeBreak();
      if (this.chapter) {
        this.chapter = null;
        this.sendIfLive('chapterSkip', {});
      }
    }
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
    // Media Collection: the ping timer restarts at play, pauseStart, bufferStart, adBreakStart, adStart,
    // adBreakComplete; Edge mobile at the playback states (and its flushes). The Web SDK: sendIfLive's
    // send restarts it after every call (see send).
    if (restartsPings && this.pingsStarted && this.mobileTimers()) this.pingRef = this.now;
    return true;
  }

  /** A new session: sessionStart, and for a restart (media.resume) what was open, all at this ts. */
  private openSession(resume: boolean): void {
    const n = this.sessions.length + 1;
    const hex = (v: number) => v.toString(16).padStart(8, '0');
    this.sessions.push({ sid: `${hex(this.seed)}${'f'.repeat(48)}${hex(n)}`, sent: [] });
    this.sessionStartAt = this.now;
    this.sessionReplyAt = this.now + this.o.replyMs;
    this.pingRef = null;
    this.webContent = 'main';
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
    // The Web SDK pings from the session start's reply on, before any play (its response handler).
    if (this.o.client === 'web-sdk' || this.o.client === 'web-sdk-legacy') this.pingsStarted = true;
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
    const web = this.o.client === 'web-sdk' || this.o.client === 'web-sdk-legacy' || this.o.client === 'web-sdk-manual';
    // The Web SDK sends a call made before the session start's reply once the reply is in.
    const sentAt = web && eventType !== 'sessionStart' ? Math.max(this.now, this.sessionReplyAt) : this.now;
    session.sent.push({ body, sentAt });
    this.lastSent = this.now;
    if (!web || this.o.client === 'web-sdk-manual') return;
    // Web SDK (automatic): after every call but sessionComplete/sessionEnd, a ping is due one
    // interval after the reply (createTrackMediaEvent), in the content state the call leaves.
    if (eventType === 'sessionComplete' || eventType === 'sessionEnd') {
      this.pingRef = null;
      return;
    }
    if (['adStart', 'adBreakStart', 'adSkip', 'adComplete'].includes(eventType)) this.webContent = 'ad';
    else if (['adBreakComplete', 'chapterStart', 'chapterComplete', 'chapterSkip', 'sessionStart'].includes(eventType)) this.webContent = 'main';
    this.pingRef = sentAt + this.o.replyMs;
  }
}
