/**
 * A careful Media Edge API client, in two of the styles Adobe ships (media-edge-api.md):
 * - `edge` (direct: mobile, Roku, direct API users): the session starts with
 *   `POST /ee/va/v1/sessionStart`, JSON bodies;
 * - `websdk` (the Web SDK's streamingMedia component): the session starts through
 *   `POST /ee/v1/interact` with a media.sessionStart event, every body `text/plain`, cookies sent.
 * Then every event goes to `/ee/<hint>/va/v1/<eventType>?configId=…&requestId=…`, the hint taken
 * from the start reply's locationHint:result handle. The session id comes from the reply's
 * `media-analytics:new-session` handle; after a 207 or 400 on the start there is no session and
 * nothing is sent for it; after 404/410 a new session starts (the active states and play re-sent).
 * Takes the demo's Media Collection vocabulary and turns it into Edge's (edge-body.ts).
 */
import { describeProblem, readEdgeReply } from '../core/protocol/media-edge/reply.ts';
import { edgeDetails, type EdgeParts } from './edge-body.ts';
import { lostAfterReply, playingAfter, type SendExtra, type Tracker, type TrackerOptions } from './media-tracker.ts';

export type EdgeStyle = 'edge' | 'websdk';

/** The demo's datastream id (any non-empty id: the reference collector only checks that one is sent). */
export const DEMO_CONFIG_ID = '3c5e2b9a-7f41-4d8e-9a6b-mcidemo00001';

export interface EdgeTrackerOptions extends TrackerOptions {
  style: EdgeStyle;
  /** Edge's base path (`ee` by default, `ee-pre-prd` for pre-production). */
  basePath?: string;
  configId?: string;
}

type Obj = Record<string, unknown>;

export class EdgeTracker implements Tracker {
  sid: string | null = null;
  playing = false;
  /** The location hint from the start reply: later calls go to /ee/<hint>/…. */
  hint: string | null = null;
  private lastTs = 0;
  private readonly activeStates = new Set<string>();

  constructor(private readonly o: EdgeTrackerOptions) {}

  private now(): number {
    const t = Math.max(Math.round(this.o.clock()), this.lastTs + 1); // never two events on one ms
    this.lastTs = t;
    return t;
  }

  private url(path: string, query?: string): string {
    const hint = this.hint ? `/${encodeURIComponent(this.hint)}` : '';
    const q = new URLSearchParams({ configId: this.o.configId ?? DEMO_CONFIG_ID, requestId: requestId() }).toString();
    return `${this.o.endpoint}/${this.o.basePath ?? 'ee'}${hint}${path}?${q}${query ? `&${query}` : ''}`;
  }

  /** One Edge event object: xdm.eventType, xdm.timestamp (ISO 8601, UTC), mediaCollection. */
  private event(type: string, sid: string | null, parts: EdgeParts = {}): Obj {
    return {
      xdm: {
        eventType: `media.${type}`,
        timestamp: new Date(this.now()).toISOString(),
        mediaCollection: {
          ...(sid ? { sessionID: sid } : {}),
          // Edge wants whole seconds.
          playhead: Math.floor(this.o.playhead()),
          ...edgeDetails(parts),
        },
      },
    };
  }

  /** Starts a session; its id comes from the reply's new-session handle. */
  async start(customMetadata?: Record<string, string>): Promise<number> {
    this.sid = null;
    this.hint = null; // a new session starts without a hint; its reply gives one
    const event = this.event('sessionStart', null, { params: this.o.sessionParams, ...(customMetadata ? { customMetadata } : {}) });
    const websdk = this.o.style === 'websdk';
    const body = websdk ? { events: [event], meta: { state: { domain: location.hostname, cookiesEnabled: true } } } : { events: [event] };
    const res = await this.post(this.url(websdk ? '/v1/interact' : '/va/v1/sessionStart'), body);
    const text = res ? await res.text().catch(() => '') : '';
    const reply = readEdgeReply(text);
    this.sid = res?.ok ? reply.sessionId : null;
    this.hint = hintOf(reply.records);
    const problems = reply.problems.map(describeProblem).join('; ');
    this.log(`${websdk ? 'interact (media.sessionStart)' : 'sessionStart'} → ${res?.status ?? 'failed'}${this.sid ? ` sid ${this.sid.slice(0, 8)}…` : ''}${this.hint ? ` hint ${this.hint}` : ''}${problems ? ` ${problems}` : ''}`);
    if (res && res.ok && !this.sid) this.log('no media-analytics:new-session handle: no session, nothing will be sent for it');
    return res?.status ?? 0;
  }

  /** Sends one event (stateStart/stateEnd as statesUpdate); restarts the session on 404/410. */
  async send(eventType: string, extra: SendExtra = {}): Promise<number> {
    const sid = extra.sid ?? this.sid;
    if (!sid) {
      this.log(`${eventType} not sent: no session`);
      return 0;
    }
    const state = typeof extra.params?.['media.state.name'] === 'string' ? extra.params['media.state.name'] : null;
    let type = eventType;
    let parts: SendExtra = extra;
    if ((eventType === 'stateStart' || eventType === 'stateEnd') && state) {
      if (eventType === 'stateStart') this.activeStates.add(state);
      else this.activeStates.delete(state);
      type = 'statesUpdate';
      parts = { ...extra, params: {}, edge: { [eventType === 'stateStart' ? 'statesStart' : 'statesEnd']: [{ name: state }], ...extra.edge } };
    }
    this.playing = playingAfter(type, this.playing);
    const res = await this.post(this.url(`/va/v1/${type}`, extra.query), { events: [this.event(type, sid, parts)] });
    const status = res?.status ?? 0;
    const reason = res && status >= 400 ? problemText(await res.text().catch(() => '')) : '';
    if (lostAfterReply((line) => this.log(line), type, status, reason, !!this.o.faults?.noRestart)) await this.restart();
    return status;
  }

  /** After 404/410: a new session, then the active states again, and play if playback goes on. */
  private async restart(): Promise<void> {
    this.log('session lost: starting a new one');
    const wasPlaying = this.playing;
    await this.start();
    if (this.activeStates.size) await this.send('statesUpdate', { edge: { statesStart: [...this.activeStates].map((name) => ({ name })) } });
    if (wasPlaying) await this.send('play');
  }

  /** sessionEnd while the page unloads: a beacon (text/plain, as the Web SDK sends it). */
  endWithBeacon(): boolean {
    if (!this.sid) return false;
    const body = JSON.stringify({ events: [this.event('sessionEnd', this.sid)] });
    const ok = navigator.sendBeacon(this.url('/va/v1/sessionEnd'), new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    this.sid = null;
    return ok;
  }

  private async post(url: string, body: unknown): Promise<Response | null> {
    const websdk = this.o.style === 'websdk';
    try {
      return await fetch(url, {
        method: 'POST',
        // The Web SDK posts text/plain (a CORS-simple request, no preflight) with Edge's cookies.
        headers: { 'Content-Type': websdk ? 'text/plain; charset=UTF-8' : 'application/json' },
        ...(websdk ? { credentials: 'include' as const } : {}),
        body: JSON.stringify(body),
      });
    } catch (e) {
      this.log(`request failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  private log(line: string): void {
    this.o.log?.(line);
  }
}

/** The EdgeNetwork location hint of a reply's locationHint:result handle. */
function hintOf(records: readonly unknown[]): string | null {
  for (const record of records) {
    const handles = isObj(record) && Array.isArray(record.handle) ? record.handle : [];
    for (const h of handles) {
      if (!isObj(h) || h.type !== 'locationHint:result' || !Array.isArray(h.payload)) continue;
      for (const p of h.payload) if (isObj(p) && p.scope === 'EdgeNetwork' && typeof p.hint === 'string' && /^[a-z0-9]{1,16}$/i.test(p.hint)) return p.hint;
    }
  }
  return null;
}

/** An error reply's problems in a line (title, detail and every reason with its JSONPath). */
function problemText(body: string): string {
  const problems = readEdgeReply(body).problems;
  return problems.length ? problems.map(describeProblem).join('; ') : body.slice(0, 300);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
