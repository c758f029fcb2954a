/**
 * What the simulated clients of sdk-session.ts put on the wire, as HAR entries in send order.
 * - Media Collection SDK: a sessions call (201, Location) and one events call (204) per event;
 *   downloaded content as one batch per session after playback.
 * - AEP Edge Media mobile extensions: every event (sessionStart included) to
 *   `/ee[/<hint>]/va/v1/<type>` as JSON in the Edge extension's envelope (request-level `xdm` with
 *   identityMap and implementationDetails, `meta.konductorConfig.streaming`, `xdm._id` per event);
 *   the session start's reply in streaming mode (`\u0000` and newline-separated records) with the
 *   new-session and location-hint handles; later calls under the hint it gave.
 * - Web SDK (automatic, manual, legacy Media JS API): the session start through `/ee[/<hint>]/v1/interact`,
 *   every call `text/plain`, a JSON reply; later calls to `/ee/<hint>/va/v1/<type>`; a datastream
 *   override sends only the session start to the override (with `meta.sdkConfig.datastream.original`).
 *   The legacy API adds `"qoeDataDetails": null` to every call when the app never set QoE.
 */
import { edgeDetails } from '../../src/demo/edge-body.ts';
import { entry, eventEntry, HOST, sessionsEntry, T0 } from './har-builder.ts';
import type { BodyEdit, Entry, SdkEvent, SdkSession, SdkSettings } from './sdk-session.ts';

export const EDGE_SDK_HOST = 'https://edge.adobedc.net';

type Obj = Record<string, unknown>;
type Sent = { body: SdkEvent; sentAt: number };

export function toEntries(sessions: readonly SdkSession[], o: SdkSettings, edit?: BodyEdit): Entry[] {
  const out: { at: number; e: Entry }[] = [];
  sessions.forEach((s, session) => {
    const sent = s.sent.flatMap(({ body, sentAt }, index) => {
      const edited = edit ? edit(structuredClone(body), { session, index }) : body;
      const list = edited === null ? [] : Array.isArray(edited) ? edited : [edited];
      return list.map((b) => ({ body: b, sentAt: sentAt + b.playerTime.ts - body.playerTime.ts }));
    });
    if (o.client !== 'media-collection') {
      for (const x of edgeEntries(s.sid, sent, o)) out.push(x);
      return;
    }
    if (o.mode === 'realtime') {
      for (const { body, sentAt } of sent) {
        const at = { at: sentAt - T0 };
        out.push({ at: sentAt, e: body.eventType === 'sessionStart' ? sessionsEntry(body, s.sid, at) : eventEntry(s.sid, body, at) });
      }
      return;
    }
    // Downloaded content: the whole session as one JSON array, after playback; the SDK reads only the 201.
    const sendAt = Math.max(...sent.map((x) => x.sentAt)) + o.batchDelayMs;
    const batch = sent.map((x) => x.body);
    out.push({
      at: sendAt,
      e: o.route === 'downloaded'
        ? entry(`${HOST}/api/v1/downloaded`, batch, { status: 201, at: sendAt - T0 })
        : sessionsEntry(batch, o.location ? s.sid : null, { at: sendAt - T0 }),
    });
  });
  return out.map((x, i) => ({ ...x, i })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.e);
}

const web = (o: SdkSettings) => o.client !== 'edge-mobile';

/** One session's calls as the Edge client sends them. */
function edgeEntries(sid: string, sent: readonly Sent[], o: SdkSettings): { at: number; e: Entry }[] {
  let requests = 0;
  return sent.map(({ body, sentAt }) => {
    const start = body.eventType === 'sessionStart';
    const hint = start ? o.startHint : o.replyHint;
    const configId = start && o.overrideConfigId ? o.overrideConfigId : o.configId;
    const event = xdmEvent(body, start ? null : sid, o, ++requests);
    const type = String((event.xdm as Obj).eventType).replace(/^media\./, '');
    const path = start && web(o) ? '/v1/interact' : `/va/v1/${type}`;
    const url = `${EDGE_SDK_HOST}/ee${hint ? `/${hint}` : ''}${path}?configId=${configId}&requestId=${requestId(sid, requests)}`;
    const payload = envelope(event, o, start);
    const e = entry(url, payload, {
      at: sentAt - T0,
      status: start ? 200 : 204,
      ...(start ? { responseBody: startReply(sid, o) } : {}),
    });
    e.time = o.replyMs;
    if (web(o)) textPlain(e);
    return { at: sentAt, e };
  });
}

/** A request id as the clients make them (a UUID per call). */
function requestId(sid: string, n: number): string {
  return `${sid.slice(0, 8)}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The body around the event: the Edge extension's envelope (mobile), the Web SDK's. */
function envelope(event: Obj, o: SdkSettings, start: boolean): Obj {
  const identityMap = { ECID: [{ id: '12345678901234567890123456789012345678', authenticatedState: 'ambiguous', primary: false }] };
  if (!web(o)) {
    return {
      xdm: { identityMap, implementationDetails: { name: 'https://ns.adobe.com/experience/mobilesdk/android', version: '3.0.0+5.0.0', environment: 'app' } },
      events: [event],
      meta: { konductorConfig: { streaming: { enabled: true, recordSeparator: '\u0000', lineFeed: '\n' } } },
    };
  }
  const meta: Obj = { state: { domain: 'example.com', cookiesEnabled: true } };
  if (start && o.overrideConfigId) meta.sdkConfig = { datastream: { original: o.configId } };
  return { events: [event], meta };
}

/** The XDM event of one simulated event: `xdm.eventType`, `timestamp`, `mediaCollection`. */
function xdmEvent(body: SdkEvent, sid: string | null, o: SdkSettings, n: number): Obj {
  const parts = { params: body.params, qoeData: body.qoeData, customMetadata: body.customMetadata };
  let type = body.eventType;
  let mc: Obj;
  if (type === 'stateStart' || type === 'stateEnd') {
    // Player states travel in statesUpdate on Edge (both clients: processStateStart/End, the legacy bridge).
    const name = body.params?.['media.state.name'];
    mc = { [type === 'stateStart' ? 'statesStart' : 'statesEnd']: [{ name }] };
    type = 'statesUpdate';
  } else {
    mc = edgeDetails(parts);
    if (body.eventType === 'sessionStart') {
      const details = mc.sessionDetails as Obj;
      // The mobile SDK adds the tracker's channel and the SDK's own hasResume; the Web SDK the configured playerName and channel.
      details.hasResume = body.params?.['media.resume'] === true;
      if (web(o)) details.streamType = 'video';
    }
  }
  mc.playhead = Math.floor(body.playerTime.playhead);
  if (sid) mc.sessionID = sid;
  if (o.client === 'web-sdk-legacy' && mc.qoeDataDetails === undefined) mc.qoeDataDetails = o.legacyQoe ?? null;
  const xdm: Obj = { eventType: `media.${type}`, timestamp: new Date(body.playerTime.ts).toISOString(), mediaCollection: mc };
  if (!web(o)) xdm._id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return { xdm };
}

/** The reply to a session start: the new-session and location-hint handles (streaming records on mobile). */
function startReply(sid: string, o: SdkSettings): string {
  const handles = [
    { type: 'media-analytics:new-session', payload: [{ sessionId: sid }], eventIndex: 0 },
    { type: 'locationHint:result', payload: [{ scope: 'EdgeNetwork', hint: o.replyHint, ttlSeconds: 1800 }] },
    { type: 'state:store', payload: [] },
  ];
  if (web(o)) return JSON.stringify({ requestId: 'r0', handle: handles });
  return `\u0000${JSON.stringify({ requestId: 'r0', handle: handles.slice(0, 1) })}\n\u0000${JSON.stringify({ requestId: 'r0', handle: handles.slice(1) })}\n`;
}

function textPlain(e: Entry): void {
  const request = e.request as { headers: { name: string; value: string }[]; postData?: { mimeType: string } };
  request.headers = request.headers.map((h) => (h.name === 'Content-Type' ? { ...h, value: 'text/plain; charset=UTF-8' } : h));
  if (request.postData) request.postData.mimeType = 'text/plain; charset=UTF-8';
}
