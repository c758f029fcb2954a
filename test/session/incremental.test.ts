/**
 * The incremental Analyser: whatever the arrival order of the exchanges, and however often the
 * result is read in between, the final result equals the batch analysis of the recording.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, Analyser, type AnalysisResult } from '../../src/core/analysis/analyser.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { FindingCode } from '../../src/core/findings/catalogue.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { SID, SID2, T0 } from '../helpers/har-builder.ts';
import { cleanVod } from '../helpers/scenarios.ts';
import {
  brokenSequence, idleThen410, interleave, longSessionWithProblems, moveEntry, notRestarted404, restartAfter404,
  SID3, SID4, SID5, toExchanges, vodWithAds,
} from '../helpers/session-scenarios.ts';

function assertSameResult(actual: AnalysisResult, expected: AnalysisResult, context = ''): void {
  assert.deepEqual(actual.calls.map((c) => c.exchange.index), expected.calls.map((c) => c.exchange.index), `calls ${context}`);
  assert.deepEqual(actual.findings, expected.findings, `findings ${context}`);
  assert.deepEqual(actual.sessions, expected.sessions, `sessions ${context}`);
  assert.deepEqual(actual.calls, expected.calls, `calls ${context}`);
  assert.equal(actual.ignored, expected.ignored);
  assert.deepEqual(actual.settings, expected.settings);
}

interface Scenario {
  name: string;
  exchanges: Exchange[];
  settings: Partial<Settings>;
  /** Codes the batch analysis must contain: keeps each scenario meaningful. */
  codes: FindingCode[];
}

const interleaved = interleave(
  cleanVod(SID, T0),
  brokenSequence(SID2, T0 + 700, 'player-2'),
  restartAfter404(SID3, SID4, T0 + 300).entries,
  notRestarted404(SID5, T0 + 900, 'player-5').entries,
);

const SCENARIOS: Scenario[] = [
  { name: 'a clean VOD (1 s ad pings)', exchanges: toExchanges(vodWithAds(SID)), settings: {}, codes: [] },
  { name: 'a clean VOD (10 s ad pings) under cadence 1', exchanges: toExchanges(vodWithAds(SID, T0, 10000)), settings: { adPingCadence: '1' }, codes: ['ping.late'] },
  {
    name: 'a session with many sequence problems', exchanges: toExchanges(brokenSequence(SID)), settings: {},
    codes: ['ad.orphan-start', 'ad.break-nested', 'ad.break-unclosed', 'chapter.overlap', 'ts.duplicate', 'ts.out-of-order', 'state.orphan-end', 'session.after-end', 'ping.late'],
  },
  {
    name: 'four recordings interleaved (clean, broken, 404 with restart, 404 without)', exchanges: toExchanges(interleaved.entries), settings: {},
    codes: ['ad.orphan-start', 'http.session-not-found', 'session.not-restarted', 'session.after-end'],
  },
  { name: 'a late-captured sessions call (listed after the first events)', exchanges: toExchanges(moveEntry(vodWithAds(SID), 0, 6)), settings: {}, codes: [] },
  { name: 'a recording that started mid-session (no sessions call)', exchanges: toExchanges(vodWithAds(SID).slice(40)), settings: {}, codes: ['session.unknown'] },
  { name: 'an idle timeout, a 410 and a restart', exchanges: toExchanges(idleThen410(SID, SID2).entries), settings: {}, codes: ['session.idle-timeout', 'http.session-gone'] },
];

describe('scenarios are what they claim', () => {
  for (const s of SCENARIOS) {
    test(s.name, () => {
      const batch = analyse(s.exchanges, s.settings);
      const codes = new Set(batch.findings.map((f) => f.code));
      for (const code of s.codes) assert.ok(codes.has(code), `${s.name}: batch analysis lacks ${code}`);
      if (s.codes.length === 0) assert.deepEqual(batch.findings, []);
    });
  }

  test('the late-captured sessions call still opens the session', () => {
    const batch = analyse(SCENARIOS[4]!.exchanges);
    assert.equal(batch.sessions.length, 1);
    assert.equal(batch.sessions[0]!.startCaptured, true);
    assert.equal(batch.sessions[0]!.calls[0], 6);
  });
});

const permutationOf = (exchanges: Exchange[]) => fc.shuffledSubarray(exchanges, { minLength: exchanges.length, maxLength: exchanges.length });

describe('any arrival order gives the batch result', () => {
  for (const s of SCENARIOS) {
    test(s.name, () => {
      const batch = analyse(s.exchanges, s.settings);
      fc.assert(fc.property(permutationOf(s.exchanges), (perm) => {
        const a = new Analyser(s.settings);
        for (const ex of perm) a.add(ex);
        assertSameResult(a.result(), batch);
      }), { numRuns: 60 });
    });
  }
});

describe('reading results between arrivals does not change the final result', () => {
  for (const s of SCENARIOS) {
    test(s.name, () => {
      const batch = analyse(s.exchanges, s.settings);
      const sids = batch.sessions.map((x) => x.sid);
      const n = s.exchanges.length;
      fc.assert(fc.property(
        permutationOf(s.exchanges),
        fc.array(fc.nat(3), { minLength: n, maxLength: n }),
        (perm, reads) => {
          const a = new Analyser(s.settings);
          perm.forEach((ex, i) => {
            a.add(ex);
            const r = reads[i];
            if (r === 1) a.result();
            else if (r === 2 && sids.length > 0) a.session(sids[i % sids.length] as string);
            else if (r === 3) a.add(ex); // a duplicate arrival is ignored
          });
          assertSameResult(a.result(), batch);
          // reading twice gives the same
          assertSameResult(a.result(), batch);
        },
      ), { numRuns: 50 });
    });
  }

  test('the result read after each arrival equals the batch result of the exchanges so far (recording order)', () => {
    const s = SCENARIOS[3]!;
    const a = new Analyser(s.settings);
    s.exchanges.forEach((ex, i) => {
      a.add(ex);
      if (i % 7 === 0 || i === s.exchanges.length - 1) assertSameResult(a.result(), analyse(s.exchanges.slice(0, i + 1), s.settings), `after ${i + 1}`);
    });
  });
});

describe('a report read later shows the session as it was when the report was made', () => {
  test('calls and chapters of an earlier report do not change with later arrivals, in order or not', () => {
    const exchanges = toExchanges(vodWithAds(SID));
    const a = new Analyser();
    for (const ex of exchanges.slice(10, 30)) a.add(ex);
    const early = a.session(SID);
    const expected = analyse(exchanges.slice(10, 30)).sessions.find((x) => x.sid === SID);
    for (const ex of exchanges.slice(30)) a.add(ex); // appended after
    for (const ex of exchanges.slice(0, 10)) a.add(ex); // inserted before
    assert.deepEqual(early?.calls, expected?.calls);
    assert.deepEqual(early?.metrics.chapters, expected?.metrics.chapters);
    assert.deepEqual(a.session(SID)?.calls, analyse(exchanges).sessions.find((x) => x.sid === SID)?.calls);
  });
});

describe('a long session: late events inserted before the processed part (checkpoint rollback)', () => {
  const exchanges = toExchanges(longSessionWithProblems(SID));
  const batch = analyse(exchanges);

  test('the long session is long and has findings that depend on state across checkpoints', () => {
    assert.ok(exchanges.length > 600, `only ${exchanges.length} exchanges`);
    const s = batch.sessions[0]!;
    assert.ok(s.metrics.counts.events > 600);
    const codes = new Set(batch.findings.map((f) => f.code));
    for (const code of ['ad.orphan-start', 'ad.break-nested', 'ad.break-unclosed', 'ts.duplicate', 'ts.out-of-order'] as const) {
      assert.ok(codes.has(code), `missing ${code}`);
    }
    assert.equal(s.metrics.chapters.length, 1);
    assert.equal(s.metrics.chapters[0]!.end, 'completed');
    assert.ok(s.metrics.playerStatesMs.fullscreen! > 256 * 10000);
    assert.ok(s.metrics.pausedMs > 0);
  });

  /** Adds all but `held` in recording order, reads, then adds the held ones in the given order. */
  function lateArrivals(held: number[], readEach: boolean[]): AnalysisResult {
    const heldSet = new Set(held);
    const a = new Analyser();
    for (const ex of exchanges) if (!heldSet.has(ex.index)) a.add(ex);
    a.result(); // runs the state machine to the end, making checkpoints
    held.forEach((i, k) => {
      a.add(exchanges[i] as Exchange);
      if (readEach[k]) a.result();
    });
    return a.result();
  }

  test('events held back around the checkpoints (every 256 events) and at state changes', () => {
    const boundaries = [1, 2, 255, 256, 257, 258, 511, 512, 513, 514, 600, exchanges.length - 1];
    assertSameResult(lateArrivals(boundaries, boundaries.map(() => true)), batch, 'boundaries, read each');
    assertSameResult(lateArrivals([...boundaries].reverse(), boundaries.map(() => false)), batch, 'boundaries reversed');
    const middle = Array.from({ length: 60 }, (_, k) => 300 + k);
    assertSameResult(lateArrivals(middle, middle.map((_, k) => k % 5 === 0)), batch, 'a block of 60');
  });

  test('any set of late events, in any order, with reads in between', () => {
    const n = exchanges.length;
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { minLength: 1, maxLength: 40 }),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      (held, reads) => {
        assertSameResult(lateArrivals(held, reads), batch);
      },
    ), { numRuns: 40 });
  });

  test('the whole long session in a random order', () => {
    fc.assert(fc.property(permutationOf(exchanges), (perm) => {
      const a = new Analyser();
      perm.forEach((ex, i) => {
        a.add(ex);
        if (i % 97 === 0) a.result();
      });
      assertSameResult(a.result(), batch);
    }), { numRuns: 10 });
  });
});
