/**
 * The compact store (issue 15) gives the same analysis as the object-per-event store it replaced.
 * The reference is that store, frozen in test/reference/ (the Analyser and SessionTrack of commit
 * 0cba935). Arbitrary recordings: several Media Collection and Media Edge sessions interleaved,
 * any event type in any order, gaps from 0 ms to minutes, ts going back, duplicated, implausible or
 * missing, unknown fields, 404/410/500/0 replies, unknown send times, sessions whose start was not
 * captured, retried sessionStarts, downloaded batches. The compact analyser gets them in any
 * arrival order, with its result read at random points; the reference gets them in recording
 * order. Everything a reader can see must be equal: calls (with their events), sessions, findings
 * in order, and each session's timeline.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analyser, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import { ObjectStoreAnalyser } from '../reference/object-store-analyser.ts';
import { entry, eventEntry, sessionsEntry, T0, validBodies } from '../helpers/har-builder.ts';
import { edgeCall, edgeEvent, edgeStart, sessionDetails } from '../helpers/edge-builder.ts';
import { toExchanges } from '../helpers/session-scenarios.ts';

type Obj = Record<string, unknown>;

const MC_TYPES = Object.keys(validBodies()).filter((t) => t !== 'sessionStart');
const EDGE_TYPES = ['play', 'ping', 'pauseStart', 'bufferStart', 'adBreakStart', 'adStart', 'adComplete', 'adSkip', 'adBreakComplete', 'chapterStart', 'chapterComplete', 'chapterSkip', 'bitrateChange', 'error', 'statesUpdate', 'sessionComplete', 'sessionEnd'];

/** One event of a generated session: what it is, and how its times and reply go wrong. */
const stepArb = fc.record({
  pick: fc.nat(),
  gapMs: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 12_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) }, { weight: 1, arbitrary: fc.constant(0) }),
  tsShift: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -5_000, max: 5_000 }) }),
  ts: fc.constantFrom('ms', 'ms', 'ms', 'ms', 'ms', 'ms', 'seconds', 'missing'),
  status: fc.constantFrom(204, 204, 204, 204, 204, 204, 204, 404, 410, 500, 0),
  extraField: fc.boolean().map((b) => b && Math.random() < 0.3),
  sendUnknown: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
  playheadStep: fc.integer({ min: -3, max: 15 }),
});

const sessionArb = fc.record({
  protocol: fc.constantFrom('mc', 'mc', 'edge'),
  start: fc.constantFrom('captured', 'captured', 'captured', 'missing', 'retried'),
  offset: fc.integer({ min: 0, max: 60_000 }),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 40 }),
});

const recordingArb = fc.record({
  sessions: fc.array(sessionArb, { minLength: 1, maxLength: 3 }),
  batch: fc.option(fc.array(fc.constantFrom(...MC_TYPES), { minLength: 1, maxLength: 8 }), { freq: 4 }),
});

type Recording = typeof recordingArb extends fc.Arbitrary<infer R> ? R : never;
type Step = Recording['sessions'][number]['steps'][number];

/** HAR entries of a recording, in send order, with their send times (ms after T0). */
function entriesOf(rec: Recording): Obj[] {
  const out: { at: number; entry: Obj }[] = [];
  rec.sessions.forEach((s, n) => {
    const sid = `${'c'.repeat(56)}${String(n).padStart(8, '0')}`;
    let at = s.offset;
    let playhead = 0;
    const tsOf = (step: Step, when: number): number | undefined =>
      step.ts === 'missing' ? undefined : step.ts === 'seconds' ? Math.round((T0 + when) / 1000) : T0 + when + step.tsShift;
    if (s.protocol === 'mc') {
      const start = { ...(validBodies(T0 + at).sessionStart as Obj) };
      if (s.start !== 'missing') out.push({ at, entry: sessionsEntry(start, sid, { at }) });
      if (s.start === 'retried') out.push({ at: at + 2, entry: sessionsEntry(start, sid, { at: at + 2 }) });
      for (const step of s.steps) {
        at += step.gapMs;
        playhead = Math.max(0, playhead + step.playheadStep);
        const type = MC_TYPES[step.pick % MC_TYPES.length] as string;
        const body = { ...(validBodies()[type] as Obj) };
        const ts = tsOf(step, at);
        body.playerTime = ts === undefined ? { playhead } : { playhead, ts };
        if (step.extraField) body.unexpected = true;
        const e = eventEntry(sid, body, { at, status: step.status });
        if (step.sendUnknown) delete e.startedDateTime;
        out.push({ at, entry: e });
      }
    } else {
      const edgeSid = `${'e'.repeat(56)}${String(n).padStart(8, '0')}`;
      if (s.start !== 'missing') out.push({ at, entry: edgeStart('direct', edgeEvent('sessionStart', 0, at, sessionDetails(), null), { at, responseBody: startReplyFor(edgeSid) }) });
      for (const step of s.steps) {
        at += step.gapMs;
        playhead = Math.max(0, playhead + step.playheadStep);
        const type = EDGE_TYPES[step.pick % EDGE_TYPES.length] as string;
        const event = edgeEvent(type, playhead, at + step.tsShift, {}, edgeSid);
        if (step.ts === 'missing') delete (event.xdm as Obj).timestamp;
        if (step.extraField) (event.xdm as Obj).unexpected = true;
        out.push({ at, entry: edgeCall('direct', type, event, { at, status: step.status, hint: step.pick % 7 === 0 ? 'va6' : 'or2' }) });
      }
    }
  });
  if (rec.batch) {
    const start = T0 + 500_000;
    const batch = [validBodies(start).sessionStart, ...rec.batch.map((type, i) => ({ ...(validBodies()[type] as Obj), playerTime: { playhead: i, ts: start + 1000 * (i + 1) } }))];
    out.push({ at: 600_000, entry: entry('https://example.hb-api.omtrdc.net/api/v1/downloaded', batch, { at: 600_000, status: 204 }) });
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.entry);
}

function startReplyFor(sid: string): string {
  return JSON.stringify({ requestId: 'r1', handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: sid }] }] });
}

/** Everything a reader of the result can see, as plain JSON. */
function visible(result: AnalysisResult, timeline: (sid: string) => unknown): unknown {
  return JSON.parse(JSON.stringify({
    calls: result.calls.map((c) => ({
      protocol: c.protocol, exchange: c.exchange.index, kind: c.kind, sid: c.sid, opensSession: c.opensSession, batch: c.batch,
      events: c.events, label: c.label, findings: c.findings, style: c.style ?? null, hint: c.hint ?? null,
    })),
    sessions: result.sessions,
    findings: result.findings,
    ignored: result.ignored,
    timelines: result.sessions.map((s) => timeline(s.sid)),
  }));
}

function reference(exchanges: readonly Exchange[]): unknown {
  const a = new ObjectStoreAnalyser();
  for (const ex of exchanges) a.add(ex);
  return visible(a.result(), (sid) => a.timeline(sid));
}

describe('the compact store gives the same analysis as the object store it replaced', () => {
  test('arbitrary recordings, added in recording order', () => {
    fc.assert(fc.property(recordingArb, (rec) => {
      const exchanges = toExchanges(entriesOf(rec));
      const a = new Analyser().addAll(exchanges);
      assert.deepEqual(visible(a.result(), (sid) => a.timeline(sid)), reference(exchanges));
    }), { numRuns: 150 });
  });

  test('arbitrary recordings, in any arrival order, with the result read at random points', () => {
    fc.assert(fc.property(
      recordingArb.chain((rec) => {
        const exchanges = toExchanges(entriesOf(rec));
        return fc.tuple(fc.constant(exchanges), fc.shuffledSubarray(exchanges, { minLength: exchanges.length, maxLength: exchanges.length }), fc.array(fc.nat(4), { minLength: exchanges.length, maxLength: exchanges.length }));
      }),
      ([exchanges, arrival, reads]) => {
        const a = new Analyser();
        arrival.forEach((ex, i) => {
          a.add(ex);
          if (reads[i] === 1) a.result();
          else if (reads[i] === 2) for (const s of a.result().sessions) a.timeline(s.sid);
          else if (reads[i] === 3 && ex.url.includes('/sessions/')) a.session(a.result().sessions[0]?.sid ?? '');
        });
        assert.deepEqual(visible(a.result(), (sid) => a.timeline(sid)), reference(exchanges));
      },
    ), { numRuns: 150 });
  });

  test('the generated recordings reach the rules (not only clean sessions)', () => {
    const codes = new Set<string>();
    fc.assert(fc.property(recordingArb, (rec) => {
      for (const f of new Analyser().addAll(toExchanges(entriesOf(rec))).result().findings) codes.add(f.code);
    }), { numRuns: 150, seed: 15 });
    for (const code of ['ts.out-of-order', 'ts.duplicate', 'ping.late', 'http.session-not-found', 'http.session-gone', 'ad.orphan-start', 'session.unknown', 'session.open-at-end']) {
      assert.ok(codes.has(code), `no recording produced ${code}: ${[...codes].sort().join(', ')}`);
    }
  });
});
