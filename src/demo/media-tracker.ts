/**
 * A careful Media Collection API client, as a player integration should be written: one session
 * per playback, events queued until the sid is known, `ts` strictly increasing, a new session on
 * 404/410 (re-sending the active player states), sessionEnd by sendBeacon when the page unloads.
 * Used by the demo player and its scripted scenarios; `faults` let scenarios break it on purpose.
 */
import { sidFromLocation } from '../core/protocol/media-collection/classify.ts';

export interface TrackerOptions {
  /** Collection endpoint up to (not including) /api/v1, e.g. http://127.0.0.1:8080 */
  endpoint: string;
  /** Current time, ms since the epoch (a virtual clock in scripted scenarios). */
  clock: () => number;
  /** Current main-content playhead, seconds. */
  playhead: () => number;
  sessionParams: Record<string, unknown>;
  log?: (line: string) => void;
  /** Deliberate bugs for scenarios. */
  faults?: { tsInSeconds?: boolean; noRestart?: boolean };
}

/** What the players need of a tracker, whichever API it speaks (media-tracker.ts, edge-tracker.ts). */
export interface Tracker {
  /** The current session's id, null before the start or after a refused one. */
  readonly sid: string | null;
  playing: boolean;
  start(customMetadata?: Record<string, string>): Promise<number>;
  send(eventType: string, extra?: SendExtra): Promise<number>;
  endWithBeacon(): boolean;
}

export interface SendExtra {
  params?: Record<string, unknown>;
  qoeData?: Record<string, unknown>;
  customMetadata?: Record<string, string>;
  /** Query string added to the URL (the collector's `?fault=` injection). */
  query?: string;
  /** Send to this sid instead of the current one (lost-session scenario). */
  sid?: string;
  /** Media Edge only: fields merged as they are into `mediaCollection` (deliberate mistakes). */
  edge?: Record<string, unknown>;
}

/** Whether playback goes on after an event (a restart sends play again only then). */
export function playingAfter(eventType: string, playing: boolean): boolean {
  if (eventType === 'play') return true;
  if (eventType === 'pauseStart' || eventType === 'sessionComplete' || eventType === 'sessionEnd') return false;
  return playing;
}

/** Logs an event's reply; true when the session is lost (404/410) and the tracker should start a new one. */
export function lostAfterReply(log: (line: string) => void, eventType: string, status: number, reason: string, noRestart: boolean): boolean {
  log(`${eventType} → ${status || 'failed'}${reason ? ` ${reason}` : ''}`);
  return (status === 404 || status === 410) && !noRestart && eventType !== 'sessionEnd';
}

export class MediaTracker implements Tracker {
  sid: string | null = null;
  private lastTs = 0;
  private readonly activeStates = new Set<string>();
  playing = false;

  constructor(private readonly o: TrackerOptions) {}

  private now(): number {
    const t = Math.max(Math.round(this.o.clock()), this.lastTs + 1); // never two events on one ms
    this.lastTs = t;
    return t;
  }

  private body(eventType: string, extra: SendExtra = {}): Record<string, unknown> {
    const ts = this.now();
    return {
      playerTime: { playhead: round(this.o.playhead()), ts: this.o.faults?.tsInSeconds ? Math.floor(ts / 1000) : ts },
      eventType,
      ...(extra.params ? { params: extra.params } : {}),
      ...(extra.qoeData ? { qoeData: extra.qoeData } : {}),
      ...(extra.customMetadata ? { customMetadata: extra.customMetadata } : {}),
    };
  }

  /** Starts a session: POST …/api/v1/sessions, sid from the Location header. */
  async start(customMetadata?: Record<string, string>): Promise<number> {
    const body = this.body('sessionStart', { params: this.o.sessionParams, ...(customMetadata ? { customMetadata } : {}) });
    const res = await this.post(`${this.o.endpoint}/api/v1/sessions`, body);
    this.sid = sidFromLocation(res?.headers.get('Location') ?? null);
    this.log(`sessionStart → ${res?.status ?? 'failed'}${this.sid ? ` sid ${this.sid.slice(0, 8)}…` : ''}`);
    return res?.status ?? 0;
  }

  /** Sends one event on the current session; restarts the session on 404/410. */
  async send(eventType: string, extra: SendExtra = {}): Promise<number> {
    const sid = extra.sid ?? this.sid;
    if (!sid) {
      this.log(`${eventType} not sent: no session`);
      return 0;
    }
    if (eventType === 'stateStart' && typeof extra.params?.['media.state.name'] === 'string') this.activeStates.add(extra.params['media.state.name']);
    if (eventType === 'stateEnd' && typeof extra.params?.['media.state.name'] === 'string') this.activeStates.delete(extra.params['media.state.name']);
    this.playing = playingAfter(eventType, this.playing);
    const url = `${this.o.endpoint}/api/v1/sessions/${encodeURIComponent(sid)}/events${extra.query ? `?${extra.query}` : ''}`;
    const res = await this.post(url, this.body(eventType, extra));
    const status = res?.status ?? 0;
    const reason = res && status >= 400 ? await res.text().catch(() => '') : '';
    if (lostAfterReply((line) => this.log(line), eventType, status, reason, !!this.o.faults?.noRestart)) await this.restart();
    return status;
  }

  /** After 404/410: a new session, then the active states again, and play if playback goes on. */
  private async restart(): Promise<void> {
    this.log('session lost: starting a new one');
    const wasPlaying = this.playing;
    await this.start();
    for (const name of this.activeStates) await this.send('stateStart', { params: { 'media.state.name': name } });
    if (wasPlaying) await this.send('play');
  }

  /** sessionEnd while the page unloads: fetch may be cancelled, a beacon is not. */
  endWithBeacon(): boolean {
    if (!this.sid) return false;
    const url = `${this.o.endpoint}/api/v1/sessions/${encodeURIComponent(this.sid)}/events`;
    // text/plain keeps the beacon CORS-simple; the collector reads the JSON body whatever the type.
    const ok = navigator.sendBeacon(url, new Blob([JSON.stringify(this.body('sessionEnd'))], { type: 'text/plain' }));
    this.sid = null;
    return ok;
  }

  private async post(url: string, body: unknown): Promise<Response | null> {
    try {
      return await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      this.log(`request failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  private log(line: string): void {
    this.o.log?.(line);
  }
}

function round(playhead: number): number {
  return Math.round(playhead * 1000) / 1000;
}
