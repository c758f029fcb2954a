/**
 * Media Edge traffic in the three client styles (Web SDK, mobile, direct API): a correct session
 * comes out clean on the same engine as Media Collection, and each broken one gives its code.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import { analyseEntries } from '../helpers/session-scenarios.ts';
import { cleanEdgeSession, edgeCall, edgeEvent, edgeStart, EDGE_SID, sessionDetails, startReply, type EdgeStyle } from '../helpers/edge-builder.ts';

const STYLES: EdgeStyle[] = ['web-sdk', 'mobile', 'direct'];
type Entry = Record<string, unknown>;

const describeAll = (r: AnalysisResult) => r.findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`).join('\n');
const serious = (r: AnalysisResult) => r.findings.filter((f) => f.severity !== 'info');
const codes = (r: AnalysisResult) => r.findings.map((f) => f.code);

/** The clean session with one call replaced (by the index among its entries). */
function withCall(style: EdgeStyle, index: number, replace: (e: Entry) => Entry | Entry[]): Entry[] {
  const entries = cleanEdgeSession(style);
  const out = replace(entries[index] as Entry);
  entries.splice(index, 1, ...(Array.isArray(out) ? out : [out]));
  return entries;
}

for (const style of STYLES) {
  describe(`Media Edge, ${style} style`, () => {
    test('a correct session: one session, followed on the same engine, no warning or error', () => {
      const r = analyseEntries(cleanEdgeSession(style));
      assert.deepEqual(serious(r), [], describeAll(r));
      assert.equal(r.sessions.length, 1, 'one session');
      const s = r.sessions[0];
      assert.equal(s?.sid, EDGE_SID, 'the sid from the start reply\'s new-session handle');
      assert.equal(s?.protocol, 'media-edge');
      assert.equal(s?.style, style === 'web-sdk' ? 'Web SDK' : null, 'the Web SDK style is named');
      assert.equal(r.calls.length, cleanEdgeSession(style).length, 'every call is a tracked call');
      assert.ok(r.calls.every((c) => c.protocol === 'media-edge'), 'every call says its protocol');
      // The metrics read Edge as they read Media Collection.
      assert.equal(s?.metrics.counts.adsStarted, 1, 'one ad');
      assert.equal(s?.metrics.counts.chaptersStarted, 2, 'two chapters');
      assert.equal(s?.media.id, 'edge-vod-1', 'sessionDetails.name is the content id');
      assert.equal(s?.media.length, 120, 'sessionDetails.length');
      assert.equal(s?.state.closed, 'sessionEnd');
      assert.ok((s?.metrics.adMs ?? 0) > 14_000, `ad time counted (${s?.metrics.adMs})`);
    });

    test('an orphan adStart (no adBreakStart): ad.orphan-start, as in Media Collection', () => {
      const r = analyseEntries(cleanEdgeSession(style).filter((e) => !JSON.stringify(e).includes('media.adBreakStart') && !JSON.stringify(e).includes('media.adBreakComplete')));
      assert.ok(codes(r).includes('ad.orphan-start'), describeAll(r));
    });

    test('an event answered 404 (va-edge-0404-404): http.session-not-found', () => {
      const problem = JSON.stringify({ type: 'https://ns.adobe.com/aep/errors/va-edge-0404-404', status: 404, title: 'Not Found', detail: 'Invalid session ID. If the session is longer than 24h, please start a new one.' });
      const entries = withCall(style, 4, (e) => ({ ...e, response: { ...(e.response as Entry), status: 404, content: { size: problem.length, mimeType: 'application/problem+json', text: problem } } }));
      const r = analyseEntries(entries);
      const f = r.findings.find((x) => x.code === 'http.session-not-found');
      assert.ok(f, describeAll(r));
      assert.match(f.message, /Invalid session ID/, 'Adobe\'s detail is quoted');
    });

    test('a 207 on the session start: http.multi-status for each reason, pointing into the body; no session', () => {
      const reply = JSON.stringify({
        requestId: 'r1', handle: [],
        errors: [{ type: 'https://ns.adobe.com/aep/errors/va-edge-0400-400', status: 400, title: 'Invalid request', report: { eventIndex: 0, details: [{ name: '$.xdm.mediaCollection.sessionDetails.length', reason: 'Invalid type: expected integer' }, { name: '$.xdm.mediaCollection.sessionDetails.contentType', reason: 'Required field missing' }] } }],
      });
      const entries = [edgeStart(style, edgeEvent('sessionStart', 0, 0, sessionDetails(), null), { at: 0, status: 207, responseBody: reply })];
      const r = analyseEntries(entries);
      const multi = r.findings.filter((f) => f.code === 'http.multi-status');
      assert.equal(multi.length, 2, describeAll(r));
      assert.deepEqual(multi.map((f) => f.pointer).sort(), ['/events/0/xdm/mediaCollection/sessionDetails/contentType', '/events/0/xdm/mediaCollection/sessionDetails/length'], 'each JSONPath as a pointer into the request');
      assert.equal(r.sessions.length, 0, 'there is no session');
    });

    test('an unknown (misspelt) field: schema.unknown-field, with the field it likely meant', () => {
      const entries = withCall(style, 10, () => edgeCall(style, 'adStart', edgeEvent('adStart', 30, 35_000, { advertisingDetails: { name: 'ad-1', length: 15, podposition: 1, podPosition: 1, playerName: 'edge-player' } }), { at: 35_000 }));
      const r = analyseEntries(entries);
      const f = r.findings.find((x) => x.code === 'schema.unknown-field');
      assert.ok(f, describeAll(r));
      assert.equal(f.severity, 'warning');
      assert.match(f.pointer ?? '', /advertisingDetails\/podposition$/);
      assert.match(f.message, /podPosition/);
    });

    test('a path that says another event type than the body: edge.path-mismatch', () => {
      const entries = withCall(style, 4, () => edgeCall(style, 'ping', edgeEvent('ping', 10, 11_000), { at: 11_000, pathType: 'play' }));
      const r = analyseEntries(entries);
      assert.ok(codes(r).includes('edge.path-mismatch'), describeAll(r));
    });
  });
}

describe('Media Edge: replies, queries and bodies', () => {
  test('no configId: an error on the session start, info on an event call', () => {
    const entries = cleanEdgeSession('direct');
    entries[0] = edgeStart('direct', edgeEvent('sessionStart', 0, 0, sessionDetails(), null), { at: 0, configId: null });
    entries[3] = edgeCall('direct', 'ping', edgeEvent('ping', 10, 11_000), { at: 11_000, configId: null });
    const missing = analyseEntries(entries).findings.filter((f) => f.code === 'edge.config-id-missing');
    assert.deepEqual(missing.map((f) => f.severity).sort(), ['error', 'info']);
  });

  test('a session start reply without the new-session handle: session.no-id', () => {
    const reply = JSON.stringify({ requestId: 'r1', handle: [{ type: 'locationHint:result', payload: [] }] });
    const r = analyseEntries([edgeStart('direct', edgeEvent('sessionStart', 0, 0, sessionDetails(), null), { at: 0, responseBody: reply })]);
    assert.ok(codes(r).includes('session.no-id'), describeAll(r));
  });

  test('the location hint changes within a session: edge.hint-changed; none to one is fine', () => {
    const entries = cleanEdgeSession('mobile').map((e, i) => {
      if (i < 3) return e;
      const hint = i < 10 ? 'or2' : 'va6';
      return { ...e, request: { ...(e.request as Entry), url: String((e.request as { url: string }).url).replace('/ee/', `/ee/${hint}/`) } };
    });
    const r = analyseEntries(entries);
    const f = r.findings.filter((x) => x.code === 'edge.hint-changed');
    assert.equal(f.length, 1, describeAll(r));
  });

  test('two events in one media call: edge.several-events (info)', () => {
    const two = edgeCall('direct', 'ping', edgeEvent('ping', 10, 11_000), { at: 11_000 });
    const request = two.request as { postData: { text: string } };
    request.postData.text = JSON.stringify({ events: [edgeEvent('ping', 10, 11_000), edgeEvent('ping', 10, 11_000)] });
    const entries = cleanEdgeSession('direct');
    entries[4] = two;
    const f = analyseEntries(entries).findings.find((x) => x.code === 'edge.several-events');
    assert.equal(f?.severity, 'info');
  });

  test('a Web SDK interact call without a media event is not a media call (counted as ignored)', () => {
    const page = edgeStart('web-sdk', { xdm: { eventType: 'web.webpagedetails.pageViews', timestamp: new Date().toISOString() } }, { at: 0, responseBody: '{"handle":[]}' });
    const r = analyseEntries([page]);
    assert.equal(r.calls.length, 0);
    assert.equal(r.ignored, 1);
  });

  test('a timestamp without an offset is a schema.violation, and the event is placed by its send time', () => {
    const ev = edgeEvent('ping', 10, 11_000);
    (ev.xdm as Entry).timestamp = '2026-11-02T10:00:11.000';
    const entries = cleanEdgeSession('direct');
    entries[4] = edgeCall('direct', 'ping', ev, { at: 11_000 });
    const r = analyseEntries(entries);
    assert.ok(r.findings.some((f) => f.code === 'schema.violation' && /timestamp/.test(f.pointer ?? '')), describeAll(r));
  });

  test('the mobile style streaming reply (a NUL, records per line) gives the session id', () => {
    assert.equal(startReply('mobile').charCodeAt(0), 0, 'the reply starts with a NUL');
    const r = analyseEntries(cleanEdgeSession('mobile'));
    assert.equal(r.sessions[0]?.sid, EDGE_SID);
  });
});

describe('Media Edge: hostile bodies', () => {
  test('an event with 200,000 unknown fields: no crash, 20 listed and one that counts the rest', () => {
    const mc: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) mc[`junk${i}`] = i;
    const entries = cleanEdgeSession('direct');
    entries[4] = edgeCall('direct', 'ping', edgeEvent('ping', 10, 11_000, mc), { at: 11_000 });
    const unknown = analyseEntries(entries).findings.filter((f) => f.code === 'schema.unknown-field');
    assert.equal(unknown.length, 21, 'twenty fields listed, and one finding for the rest');
    assert.match(unknown.find((f) => /more fields/.test(f.message))?.message ?? '', /199,980 more fields/);
  });

  test('a statesUpdate that starts 20,000 states is followed (the states label is built once per event)', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => ({ name: `s${i}` }));
    const entries = cleanEdgeSession('direct');
    entries[3] = edgeCall('direct', 'statesUpdate', edgeEvent('statesUpdate', 0, 1_500, { statesStart: names }), { at: 1_500 });
    const r = analyseEntries(entries);
    assert.ok(r.findings.some((f) => f.code === 'state.limit'), 'more than 10 states: state.limit');
    assert.equal(r.sessions.length, 1, 'the session is followed');
  });
});
