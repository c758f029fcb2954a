/**
 * The real <video> element, instrumented as a careful integration would do it: session start on
 * the first play, a simulated pre-roll and mid-roll pod (an overlay while the content waits),
 * chapters, pause, buffering, seeks, mute and full-screen states, bitrate, errors, pings on the
 * right cadence, and sessionEnd by beacon when the page goes away.
 */
import { createTracker } from './create-tracker.ts';
import type { Tracker } from './media-tracker.ts';
import type { DemoProtocol } from './protocol.ts';

interface LiveOptions {
  video: HTMLVideoElement;
  overlay: HTMLElement;
  endpoint: string;
  sessionParams: Record<string, unknown>;
  log: (line: string) => void;
  /** The protocol of the session, read when playback first starts (the page's control may change it before). */
  protocol?: () => DemoProtocol;
}

/** Forwards to the tracker of the protocol chosen when the session starts. */
class LiveTracker implements Tracker {
  private current: Tracker | null = null;

  constructor(private readonly make: () => Tracker) {}

  private get tracker(): Tracker {
    this.current ??= this.make();
    return this.current;
  }

  get sid(): string | null {
    return this.current?.sid ?? null;
  }

  get playing(): boolean {
    return this.current?.playing ?? false;
  }

  set playing(value: boolean) {
    this.tracker.playing = value;
  }

  start(customMetadata?: Record<string, string>): Promise<number> {
    return this.tracker.start(customMetadata);
  }

  send(...args: Parameters<Tracker['send']>): Promise<number> {
    return this.tracker.send(...args);
  }

  endWithBeacon(): boolean {
    return this.current?.endWithBeacon() ?? false;
  }
}

const MID_ROLL_AT = 30;

export function instrumentVideo(o: LiveOptions): void {
  const { video, overlay } = o;
  const tracker = new LiveTracker(() => createTracker(o.protocol?.() ?? 'collection', { endpoint: o.endpoint, clock: Date.now, playhead: () => video.currentTime, sessionParams: o.sessionParams, log: o.log }));
  let started = false;
  let inAd = false;
  let midRollDone = false;
  let chapter = 0;
  let pingTimer: number | undefined;

  const pings = (everyMs: number | null) => {
    window.clearInterval(pingTimer);
    if (everyMs !== null) pingTimer = window.setInterval(() => void tracker.send('ping'), everyMs);
  };

  /** Plays a pod of simulated ads while the content waits at its position. */
  const adBreak = async (podIndex: number, ads: { id: string; seconds: number }[]) => {
    inAd = true;
    video.pause();
    await tracker.send('adBreakStart', { params: { 'media.ad.podIndex': podIndex, 'media.ad.podSecond': Math.round(video.currentTime) } });
    for (const [i, ad] of ads.entries()) {
      await tracker.send('adStart', { params: { 'media.ad.id': ad.id, 'media.ad.length': ad.seconds, 'media.ad.podPosition': i + 1, 'media.ad.playerName': 'mci-demo-player' } });
      pings(1000);
      for (let left = ad.seconds; left > 0; left--) {
        overlay.textContent = `Ad ${i + 1} of ${ads.length} · ${left} s`;
        overlay.hidden = false;
        await new Promise((r) => setTimeout(r, 1000));
      }
      await tracker.send('adComplete');
    }
    await tracker.send('adBreakComplete');
    overlay.hidden = true;
    inAd = false;
    pings(10000);
    await video.play();
  };

  const startChapter = (index: number, offset: number, length: number) =>
    tracker.send('chapterStart', { params: { 'media.chapter.index': index, 'media.chapter.offset': offset, 'media.chapter.length': length } });

  video.addEventListener('play', () => {
    if (started || inAd) return;
    started = true;
    // The pre-roll starts now, before the session exists: the 'playing' and 'pause' this play and
    // pause fire must not be sent as content events (they were dropped, and chapter 1 with them).
    inAd = true;
    video.pause();
    void (async () => {
      await tracker.start();
      await adBreak(0, [{ id: 'live-pre-1', seconds: 3 }]);
    })();
  });
  video.addEventListener('playing', () => {
    if (!started || inAd) return;
    void (async () => {
      await tracker.send('play');
      if (chapter === 0) {
        chapter = 1;
        await startChapter(1, 0, MID_ROLL_AT);
      }
    })();
  });
  video.addEventListener('pause', () => {
    if (started && !inAd && !video.ended) void tracker.send('pauseStart');
  });
  video.addEventListener('waiting', () => {
    if (started && !inAd) void tracker.send('bufferStart');
  });
  // This API has no seek events: pause at seek start, play when it completes.
  video.addEventListener('seeking', () => {
    if (started && !inAd) void tracker.send('pauseStart');
  });
  video.addEventListener('timeupdate', () => {
    if (!started || inAd || midRollDone || video.currentTime < MID_ROLL_AT) return;
    midRollDone = true;
    void (async () => {
      await tracker.send('chapterComplete');
      await adBreak(1, [{ id: 'live-mid-1', seconds: 3 }]);
      chapter = 2;
      await startChapter(2, MID_ROLL_AT, video.duration - MID_ROLL_AT);
    })();
  });
  video.addEventListener('ended', () => {
    void (async () => {
      await tracker.send('chapterComplete');
      await tracker.send('sessionComplete');
      pings(null);
    })();
  });
  video.addEventListener('volumechange', () => {
    if (started) void tracker.send(video.muted ? 'stateStart' : 'stateEnd', { params: { 'media.state.name': 'mute' } });
  });
  document.addEventListener('fullscreenchange', () => {
    if (started) void tracker.send(document.fullscreenElement ? 'stateStart' : 'stateEnd', { params: { 'media.state.name': 'fullscreen' } });
  });
  video.addEventListener('loadedmetadata', () => {
    if (started) void tracker.send('bitrateChange', { qoeData: { 'media.qoe.bitrate': 28000 } });
  });
  video.addEventListener('error', () => {
    const code = video.error?.code ?? 0;
    void tracker.send('error', { qoeData: { 'media.qoe.errorID': `MEDIA_ERR_${code}`, 'media.qoe.errorSource': 'player' } });
  });
  window.addEventListener('pagehide', () => {
    pings(null);
    tracker.endWithBeacon();
  });
}
