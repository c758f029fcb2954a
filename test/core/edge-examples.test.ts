/**
 * The two worked examples of Adobe's Media Edge getting-started pages, as sessions on the wire
 * (direct API style): buffering, a pause and sessionEnd; two chapters around an ad break. Each comes
 * out clean, and a mutation of each rule gives its code.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult } from '../../src/core/analysis/analyser.ts';
import { analyseEntries } from '../helpers/session-scenarios.ts';
import { edgeCall, edgeEvent, edgeStart, sessionDetails, type EdgeOptions } from '../helpers/edge-builder.ts';

type Entry = Record<string, unknown>;
type Step = [type: string, playhead: number, seconds: number, mediaCollection?: Record<string, unknown>];

const describeAll = (r: AnalysisResult) => r.findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`).join('\n');

function session(steps: readonly Step[], options: (i: number) => EdgeOptions = () => ({})): Entry[] {
  return steps.map(([type, playhead, s, mc], i) => {
    const at = s * 1000;
    if (type === 'sessionStart') return edgeStart('direct', edgeEvent('sessionStart', playhead, at, { ...sessionDetails(), ...mc }, null), { at, ...options(i) });
    return edgeCall('direct', type, edgeEvent(type, playhead, at, mc), { at, ...options(i) });
  });
}

/** Example 1: start, play, buffer, play, pause, play, end (pings every 10 s). */
const BUFFER_PAUSE_END: Step[] = [
  ['sessionStart', 0, 0], ['play', 0, 1], ['ping', 10, 11], ['bufferStart', 15, 16], ['play', 15, 19],
  ['ping', 25, 29], ['pauseStart', 30, 34], ['ping', 30, 44], ['play', 30, 50], ['ping', 40, 60], ['sessionEnd', 45, 65],
];

/** Example 2: chapter 1, a mid-roll pod of one ad, chapter 2, complete. */
const CHAPTERS_AROUND_A_BREAK: Step[] = [
  ['sessionStart', 0, 0], ['chapterStart', 0, 0.5, { chapterDetails: { index: 1, offset: 0, length: 15 } }], ['play', 0, 1],
  ['ping', 10, 11], ['chapterComplete', 15, 16],
  ['adBreakStart', 15, 16.5, { advertisingPodDetails: { index: 1, offset: 15 } }],
  ['adStart', 15, 17, { advertisingDetails: { name: 'ad-a', length: 10, podPosition: 1, playerName: 'edge-player' } }],
  ['ping', 15, 27], ['adComplete', 15, 27.5], ['adBreakComplete', 15, 28],
  ['chapterStart', 15, 28.5, { chapterDetails: { index: 2, offset: 15, length: 15 } }],
  ['ping', 24, 38], ['chapterComplete', 30, 44], ['sessionComplete', 30, 44.5], ['sessionEnd', 30, 45],
];

for (const [name, steps] of [['buffer, pause and sessionEnd', BUFFER_PAUSE_END], ['two chapters around an ad break', CHAPTERS_AROUND_A_BREAK]] as const) {
  describe(`Adobe's Edge example: ${name}`, () => {
    test('comes out clean: one session, no warning or error', () => {
      const r = analyseEntries(session(steps));
      assert.deepEqual(r.findings.filter((f) => f.severity !== 'info'), [], describeAll(r));
      assert.equal(r.sessions.length, 1, 'one session');
    });
  });
}

describe('mutations of the examples give their codes', () => {
  const mutate = (steps: readonly Step[], i: number, step: Step | null): Step[] => steps.flatMap((s, k) => (k === i ? (step ? [step] : []) : [s]));
  const codesOf = (entries: Entry[]): string[] => analyseEntries(entries).findings.map((f) => f.code);
  const cases: { code: string; entries: () => Entry[] }[] = [
    { code: 'ad.orphan-start', entries: () => session(mutate(CHAPTERS_AROUND_A_BREAK, 5, null)) },
    { code: 'ad.break-unclosed', entries: () => session(mutate(CHAPTERS_AROUND_A_BREAK, 9, null)) },
    { code: 'chapter.overlap', entries: () => session(mutate(CHAPTERS_AROUND_A_BREAK, 4, null)) },
    { code: 'ping.late', entries: () => session(mutate(BUFFER_PAUSE_END, 2, null)) },
    { code: 'session.after-end', entries: () => session([...BUFFER_PAUSE_END, ['ping', 45, 70]]) },
    { code: 'schema.violation', entries: () => session(mutate(BUFFER_PAUSE_END, 2, ['ping', 10.5, 11])) },
    { code: 'schema.unknown-field', entries: () => session(mutate(CHAPTERS_AROUND_A_BREAK, 1, ['chapterStart', 0, 0.5, { chapterDetails: { index: 1, offset: 0, length: 15, lenght: 15 } }])) },
    { code: 'edge.path-mismatch', entries: () => session(BUFFER_PAUSE_END, (i) => (i === 2 ? { pathType: 'play' } : {})) },
    { code: 'edge.config-id-missing', entries: () => session(BUFFER_PAUSE_END, (i) => (i === 0 ? { configId: null } : {})) },
    { code: 'ts.duplicate', entries: () => session(mutate(BUFFER_PAUSE_END, 2, ['ping', 10, 1])) },
    { code: 'http.session-not-found', entries: () => session(BUFFER_PAUSE_END, (i) => (i === 5 ? { status: 404 } : {})) },
    { code: 'http.bad-request', entries: () => session(BUFFER_PAUSE_END, (i) => (i === 5 ? { status: 400, responseBody: JSON.stringify({ type: 'https://ns.adobe.com/aep/errors/va-edge-0400-400', status: 400, title: 'Invalid request', report: { details: 'The event type in the path does not match the payload' } }) } : {})) },
  ];
  for (const c of cases) {
    test(`${c.code}`, () => {
      const codes = codesOf(c.entries());
      assert.ok(codes.includes(c.code), `${c.code} expected, got: ${codes.join(', ')}`);
    });
  }
});
