/**
 * Scripted sessions on a virtual clock: minutes of playback sent in a second or two, with the
 * timing a real player would have (pings every 10 s in content; in ads every 1 s over Media
 * Collection, every 10 s over Media Edge, the default of Adobe's Edge clients). Virtual time stays
 * within a few minutes of real time, so `ts` (or `xdm.timestamp`) is never skewed.
 */
import { createTracker } from './create-tracker.ts';
import type { SendExtra, Tracker, TrackerOptions } from './media-tracker.ts';
import type { DemoProtocol } from './protocol.ts';

interface AdSpec {
  id: string;
  length: number;
  skipAfter?: number;
}

export class ScriptedPlayer {
  readonly tracker: Tracker;
  readonly protocol: DemoProtocol;
  private time: number;
  playhead = 0;
  private context: 'idle' | 'main' | 'ad' = 'idle';
  private nextPing = Infinity;
  private readonly adPingMs: number;

  constructor(options: Omit<TrackerOptions, 'clock' | 'playhead'>, protocol: DemoProtocol = 'collection') {
    this.time = Date.now();
    this.protocol = protocol;
    this.adPingMs = protocol === 'collection' ? 1000 : 10000;
    this.tracker = createTracker(protocol, { ...options, clock: () => this.time, playhead: () => this.playhead });
  }

  /** Advances virtual time by `ms`, moving the playhead when `playing`, sending the pings due. */
  async advance(ms: number, playing: boolean): Promise<void> {
    const end = this.time + ms;
    while (this.nextPing <= end) {
      const step = this.nextPing - this.time;
      this.time = this.nextPing;
      if (playing) this.playhead += step / 1000;
      await this.tracker.send('ping');
      this.nextPing = this.time + (this.context === 'ad' ? this.adPingMs : 10000);
    }
    if (playing) this.playhead += (end - this.time) / 1000;
    this.time = end;
  }

  /** Sends an event a few ms after the previous one. */
  async event(type: string, extra: SendExtra = {}): Promise<number> {
    this.time += 5;
    return this.tracker.send(type, extra);
  }

  private setContext(context: 'idle' | 'main' | 'ad'): void {
    this.context = context;
    this.nextPing = context === 'idle' ? Infinity : this.time + (context === 'ad' ? this.adPingMs : 10000);
  }

  async start(): Promise<void> {
    await this.tracker.start({ campaign: 'demo' });
  }

  async play(): Promise<void> {
    await this.event('play');
    if (this.context !== 'main') this.setContext('main');
  }

  async playFor(seconds: number): Promise<void> {
    await this.advance(seconds * 1000, true);
  }

  /** Paused or buffering: pings go on, the playhead stands still. */
  async waitFor(seconds: number): Promise<void> {
    await this.advance(seconds * 1000, false);
  }

  /** A whole pod: adBreakStart, each ad with its ad pings, adBreakComplete. Main content resumes after. */
  async adBreak(podIndex: number, ads: AdSpec[], options: { withBreak?: boolean } = {}): Promise<void> {
    const withBreak = options.withBreak ?? true;
    const resume = this.context;
    if (withBreak) {
      await this.event('adBreakStart', { params: { 'media.ad.podIndex': podIndex, 'media.ad.podSecond': Math.round(this.playhead), 'media.ad.podFriendlyName': podIndex === 0 ? 'pre-roll' : `mid-roll ${podIndex}` } });
    }
    for (const [i, ad] of ads.entries()) {
      await this.event('adStart', {
        params: { 'media.ad.id': ad.id, 'media.ad.name': `Demo ad ${ad.id}`, 'media.ad.length': ad.length, 'media.ad.podPosition': i + 1, 'media.ad.playerName': 'mci-demo-player' },
        customMetadata: { advertiser: 'Demo' },
      });
      this.setContext('ad');
      const seconds = ad.skipAfter ?? ad.length;
      await this.advance(seconds * 1000, false);
      await this.event(ad.skipAfter !== undefined ? 'adSkip' : 'adComplete');
    }
    if (withBreak) await this.event('adBreakComplete');
    this.setContext(resume === 'idle' ? 'idle' : 'main');
  }

  async chapter(index: number, offset: number, length: number, name: string): Promise<void> {
    await this.event('chapterStart', { params: { 'media.chapter.index': index, 'media.chapter.offset': offset, 'media.chapter.length': length, 'media.chapter.friendlyName': name } });
  }

  stopPings(): void {
    this.setContext('idle');
  }
}
