/**
 * Media Edge recordings for the views of repeated findings and of a session's own ping interval:
 *
 * - `qoeNullSession`: cleanEdgeSession's calls, each event call with `"qoeDataDetails": null`, as
 *   Adobe's legacy Media JS API over the Web SDK sends it: the same schema.violation on every call
 *   after the session start (`QOE_NULL_CALLS` of them);
 * - `ownCadenceSession`: a Web SDK session whose pings come every 15 s (play at +1 s, pings at
 *   +16, +31, +46 and +61 s), judged at its own interval of 15 s instead of Adobe's 10 s.
 */
import { cleanEdgeSession, edgeCall, edgeEvent, edgeStart, sessionDetails, startReply, type EdgeStyle } from './edge-builder.ts';

type Entry = Record<string, unknown>;

export const OWN_CADENCE_SID = 'f'.repeat(56) + '00000015';

export function qoeNullSession(style: EdgeStyle = 'web-sdk', sid?: string, start = 0): Entry[] {
  return cleanEdgeSession(style, sid, start).map((e, i) => {
    if (i === 0) return e; // the session start: its own schema, not the field under test
    const copy = structuredClone(e);
    const post = (copy.request as { postData: { text: string } }).postData;
    const body = JSON.parse(post.text) as { events: { xdm: { mediaCollection: Record<string, unknown> } }[] };
    for (const ev of body.events) ev.xdm.mediaCollection.qoeDataDetails = null;
    post.text = JSON.stringify(body);
    return copy;
  });
}

/** How many calls of qoeNullSession carry the null (every one but the session start). */
export const QOE_NULL_CALLS = cleanEdgeSession('web-sdk').length - 1;

export function ownCadenceSession(sid = OWN_CADENCE_SID, start = 0): Entry[] {
  const at = (s: number) => start + s * 1000;
  const call = (type: string, playhead: number, t: number) => edgeCall('web-sdk', type, edgeEvent(type, playhead, at(t), {}, sid), { at: at(t) });
  return [
    edgeStart('web-sdk', edgeEvent('sessionStart', 0, at(0), sessionDetails(), null), { at: at(0), responseBody: startReply('web-sdk', sid) }),
    call('play', 0, 1),
    call('ping', 15, 16),
    call('ping', 30, 31),
    call('ping', 45, 46),
    call('ping', 60, 61),
    call('sessionComplete', 60, 62),
    call('sessionEnd', 60, 62.5),
  ];
}
