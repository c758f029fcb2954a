/**
 * Recordings of Media Edge traffic for the fixtures and the CLI and report tests: in one client
 * style, a correct session and broken ones (an orphan adStart, a misspelt field and a path that
 * names another event type in one session; events on an unknown session answered 404; a session
 * start Adobe answered 207).
 */
import { cleanEdgeSession, edgeCall, edgeEvent, edgeStart, sessionDetails, type EdgeStyle } from './edge-builder.ts';

type Entry = Record<string, unknown>;

export const EDGE_BROKEN_SID = 'b'.repeat(56) + '0000edge';
export const EDGE_LOST_SID = 'd'.repeat(56) + '0000lost';

export function edgeRecording(style: EdgeStyle): Entry[] {
  const clean = cleanEdgeSession(style);
  const t0 = 200_000;
  const body = (e: Entry) => String((e.request as { postData?: { text?: string } }).postData?.text ?? '');
  const broken = cleanEdgeSession(style, EDGE_BROKEN_SID, t0)
    // The pod's adBreakStart and adBreakComplete are missing: the adStart is an orphan.
    .filter((e) => !/media\.adBreak(Start|Complete)/.test(body(e)))
    .map((e) => {
      // A misspelt field on the chapterStart of chapter 2.
      if (!body(e).includes('"Finale"')) return e;
      const copy = structuredClone(e);
      const request = copy.request as { postData: { text: string } };
      request.postData.text = request.postData.text.replace('"friendlyName":"Finale"', '"friendlyName":"Finale","lenght":30');
      return copy;
    });
  // A ping sent to the play path: the path and the body disagree.
  const pingAt = t0 + 11_000;
  const mismatchAt = broken.findIndex((e) => body(e).includes('"media.ping"'));
  broken[mismatchAt] = edgeCall(style, 'ping', edgeEvent('ping', 10, pingAt, {}, EDGE_BROKEN_SID), { at: pingAt, pathType: 'play' });
  const lostAt = 400_000;
  const problem = JSON.stringify({ type: 'https://ns.adobe.com/aep/errors/va-edge-0404-404', status: 404, title: 'Not Found', detail: 'Invalid session ID. If the session is longer than 24h, please start a new one.' });
  const lost = [0, 10, 20].map((s) => edgeCall(style, 'ping', edgeEvent('ping', 100 + s, lostAt + s * 1000, {}, EDGE_LOST_SID), { at: lostAt + s * 1000, status: 404, responseBody: problem }));
  const rejected = edgeStart(style, edgeEvent('sessionStart', 0, 500_000, sessionDetails({ length: 'long' }), null), {
    at: 500_000, status: 207,
    responseBody: JSON.stringify({ requestId: 'r9', handle: [], errors: [{ type: 'https://ns.adobe.com/aep/errors/va-edge-0400-400', status: 400, title: 'Invalid request', report: { eventIndex: 0, details: [{ name: '$.xdm.mediaCollection.sessionDetails.length', reason: 'Invalid type: expected integer' }] } }] }),
  });
  return [...clean, ...broken, ...lost, rejected];
}
