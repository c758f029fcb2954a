/**
 * Builds HAR entries of Media Edge traffic in the three client styles Adobe ships: the Web SDK
 * (session start through `/ee/v1/interact`, `text/plain` bodies), the mobile Edge extensions
 * (`/ee/va/v1/sessionStart`, streaming-mode replies: `\u0000` and newline-separated records) and
 * direct API users (`/ee/va/v1/sessionStart`, a JSON reply), following media-edge-api.md.
 */
import { entry, T0, type EntryOptions } from './har-builder.ts';

export const EDGE_HOST = 'https://edge.adobedc.net';
export const CONFIG_ID = 'd9a8e7f6-1234-4cde-9abc-0123456789ab';
export const EDGE_SID = 'e'.repeat(56) + '0000edge';

export type EdgeStyle = 'web-sdk' | 'mobile' | 'direct';

type Obj = Record<string, unknown>;

/** One Edge event object (`events[i]`) of a type, at `at` ms after T0. */
export function edgeEvent(type: string, playhead: number, at: number, mediaCollection: Obj = {}, sid: string | null = EDGE_SID): Obj {
  return {
    xdm: {
      eventType: `media.${type}`,
      timestamp: new Date(T0 + at).toISOString(),
      mediaCollection: { ...(sid && type !== 'sessionStart' ? { sessionID: sid } : {}), playhead, ...mediaCollection },
    },
  };
}

export const sessionDetails = (extra: Obj = {}): Obj => ({
  sessionDetails: { name: 'edge-vod-1', friendlyName: 'Edge test pattern', length: 120, contentType: 'vod', playerName: 'edge-player', channel: 'test-channel', ...extra },
});

export interface EdgeOptions extends EntryOptions {
  hint?: string | null;
  configId?: string | null;
  /** The path's event type, when it should differ from the body's. */
  pathType?: string;
}

function url(path: string, o: EdgeOptions): string {
  const hint = o.hint ? `/${o.hint}` : '';
  const q = o.configId === null ? '' : `?configId=${o.configId ?? CONFIG_ID}&requestId=req-${Math.round(o.at ?? 0)}`;
  return `${EDGE_HOST}/ee${hint}${path}${q}`;
}

/** The reply to a session start: the new-session handle (and a location hint), as the style sends it. */
export function startReply(style: EdgeStyle, sid: string | null = EDGE_SID): string {
  const handles = [
    ...(sid ? [{ type: 'media-analytics:new-session', payload: [{ sessionId: sid }] }] : []),
    { type: 'locationHint:result', payload: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800 }] },
  ];
  const record = JSON.stringify({ requestId: 'r1', handle: handles });
  return style === 'mobile' ? `\u0000${record}\n${JSON.stringify({ requestId: 'r1', handle: [{ type: 'state:store', payload: [] }] })}\n` : record;
}

/** The session start call in a style, answered 200 with the new-session handle (or `o.status`/`o.responseBody`). */
export function edgeStart(style: EdgeStyle, event: Obj, o: EdgeOptions = {}): Obj {
  const body = { events: [event] };
  const e = entry(style === 'web-sdk' ? url('/v1/interact', o) : url('/va/v1/sessionStart', o), body, {
    status: 200, responseBody: startReply(style), ...o,
  });
  return style === 'web-sdk' ? asTextPlain(e) : e;
}

/** An event call in a style (the Web SDK posts text/plain). */
export function edgeCall(style: EdgeStyle, type: string, event: Obj, o: EdgeOptions = {}): Obj {
  const e = entry(url(`/va/v1/${o.pathType ?? type}`, o), { events: [event] }, { status: 204, ...o });
  return style === 'web-sdk' ? asTextPlain(e) : e;
}

function asTextPlain(e: Obj): Obj {
  const request = e.request as { headers: { name: string; value: string }[]; postData?: { mimeType: string } };
  request.headers = request.headers.map((h) => (h.name === 'Content-Type' ? { ...h, value: 'text/plain; charset=UTF-8' } : h));
  if (request.postData) request.postData.mimeType = 'text/plain; charset=UTF-8';
  return e;
}

/**
 * A correct VOD session in a style: start, play, pings every 10 s, a mid-roll pod of one ad with
 * pings, a pause, a buffer, two chapters, states, then sessionComplete and sessionEnd.
 */
export function cleanEdgeSession(style: EdgeStyle, sid = EDGE_SID, start = 0): Obj[] {
  const at = (s: number) => start + s * 1000;
  const call = (type: string, playhead: number, t: number, mc: Obj = {}) => edgeCall(style, type, edgeEvent(type, playhead, at(t), mc, sid), { at: at(t) });
  const out: Obj[] = [edgeStart(style, edgeEvent('sessionStart', 0, at(0), sessionDetails(), null), { at: at(0), responseBody: startReply(style, sid) })];
  out.push(call('chapterStart', 0, 0.5, { chapterDetails: { index: 1, offset: 0, length: 30, friendlyName: 'Opening' } }));
  out.push(call('play', 0, 1));
  out.push(call('statesUpdate', 0, 1.5, { statesStart: [{ name: 'mute' }] }));
  out.push(call('ping', 10, 11));
  out.push(call('ping', 20, 21));
  out.push(call('pauseStart', 25, 26));
  out.push(call('play', 25, 29));
  out.push(call('chapterComplete', 30, 34));
  out.push(call('adBreakStart', 30, 34.5, { advertisingPodDetails: { index: 1, offset: 30 } }));
  out.push(call('adStart', 30, 35, { advertisingDetails: { name: 'ad-1', friendlyName: 'Soda', length: 15, podPosition: 1, playerName: 'edge-player' } }));
  out.push(call('ping', 30, 45));
  out.push(call('adComplete', 30, 50));
  out.push(call('adBreakComplete', 30, 50.5));
  out.push(call('chapterStart', 30, 51, { chapterDetails: { index: 2, offset: 30, length: 30, friendlyName: 'Finale' } }));
  out.push(call('bufferStart', 35, 56));
  out.push(call('play', 35, 58));
  out.push(call('ping', 43, 66));
  out.push(call('statesUpdate', 45, 68, { statesEnd: [{ name: 'mute' }] }));
  out.push(call('ping', 53, 76));
  out.push(call('chapterComplete', 60, 83));
  out.push(call('sessionComplete', 60, 83.5));
  out.push(call('sessionEnd', 60, 84));
  return out;
}
