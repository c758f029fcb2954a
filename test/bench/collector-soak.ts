/**
 * The collector's long soak (`npm run bench -- --only=collector`): the long version of
 * test/collector/collector-memory.test.ts, which npm test runs on 20,000 sessions. The collector
 * runs in a child process with its default caps (child-collector.ts: measured alone, after full
 * collections), driven at full speed from this process over loopback (load.ts) for minutes.
 *
 * - soak(): rounds of realistic mixed traffic (load.ts's mix, not its compact one: every kind of
 *   session with all its requests). After each round the load stops until every session has been
 *   closed (idle) and freed (grace), then the heap is measured at rest: if the collector kept
 *   anything per session, per request or per connection, the heap at rest climbs round after
 *   round, so the figure to watch is its growth from the second round (the first pays for
 *   warm-up: compiled code, validators, lazily built tables) to the last, and its slope.
 * - bodyCap(): starts with 1 MB of custom metadata that never end, at full speed: every session
 *   stays open (the default idle timeout is 10 minutes), so only the body budget (maxBodyBytes,
 *   64 MiB) stands between the traffic and the heap.
 */
import { startChildCollector, type ChildCollector, type Measure } from '../collector/child-collector.ts';
import { drive, LoadClient, type LoadResult } from '../collector/load.ts';
import { DEFAULTS } from '../../src/collector/options.ts';
import { sessionStartBody } from '../helpers/har-builder.ts';
import { percentile } from './measure.ts';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `mci serve` runs under its shebang's V8 flags (dist/cli/mci.mjs): the child runs under the same, so its rss is the real one's. */
const SERVE_FLAGS = ['--max-semi-space-size=64'];

/** How often the store and memory are sampled under load (cheap: no collection). */
const SAMPLE_MS = 500;
/** How often, among those, the heap is measured after full collections under load instead. */
const MEASURE_EVERY = 10;

export interface SoakOptions {
  /** Load time in all, in rounds of `roundMs`; the soak stops after the round that passes `maxRequests`. */
  loadMs: number;
  roundMs: number;
  maxRequests: number;
  /** Requests in flight (keep-alive connections). */
  concurrency: number;
  /** Short, so that abandoned sessions close and closed ones are freed within the run. */
  idleTimeoutS: number;
  closedGraceS: number;
}

export interface SoakRound {
  sessions: number;
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Time from the end of the load until the store held nothing. */
  drainMs: number;
  heapAtRestMB: number;
  rssAtRestMB: number;
  /** Freed and dropped during the round. */
  freed: number;
  droppedSessions: number;
}

/** Polls the store (cheaply) until it holds no session, or `maxMs`; returns the time it took. */
async function drain(c: ChildCollector, maxMs: number): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < maxMs) {
    if ((await c.sample()).stats.held.sessions === 0) break;
    await sleep(100);
  }
  return performance.now() - t;
}

/**
 * Samples the child while `work` runs, one request at a time: sample() and measure() answer with
 * the same message type, so two in flight could swap their answers.
 */
async function sampled<T>(c: ChildCollector, work: Promise<T>): Promise<{ result: T; samples: Measure[]; measured: Measure[] }> {
  const samples: Measure[] = [];
  const measured: Measure[] = [];
  let running = true;
  const sampler = (async () => {
    for (let i = 1; running; i++) {
      if (i % MEASURE_EVERY === 0) measured.push(await c.measure());
      else samples.push(await c.sample());
      await sleep(SAMPLE_MS);
    }
  })();
  try {
    return { result: await work, samples, measured };
  } finally {
    running = false;
    await sampler;
  }
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const progress = (line: string) => process.stderr.write(`collector: ${line}\n`);

export async function soak(o: SoakOptions) {
  // The real caps (maxSessions, maxEvents, maxEventsPerSession, maxBodyBytes, body timeout): only
  // the two timeouts are short, so sessions end within the run.
  const c = await startChildCollector({ idleTimeoutS: o.idleTimeoutS, closedGraceS: o.closedGraceS }, SERVE_FLAGS);
  try {
    const base = await c.measure();
    const rounds: SoakRound[] = [];
    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    let sessions = 0;
    let requests = 0;
    let errors = 0;
    let loadMs = 0;
    let peakRss = base.memory.rss;
    let peakHeap = base.memory.heapUsed;
    let peakHeapGc = 0;
    const heldMax = { sessions: 0, events: 0, bodyBytes: 0 };
    let last = base;
    // Whole rounds, counted up front: the time a round actually took is a little under its
    // deadline, and summing those would add a last round of a few milliseconds.
    const planned = Math.max(1, Math.round(o.loadMs / o.roundMs));
    while (rounds.length < planned && requests < o.maxRequests) {
      const roundLatencies: number[] = [];
      const { result: load, samples, measured } = await sampled<LoadResult>(c, drive({
        base: c.url, sessions: Number.MAX_SAFE_INTEGER, deadline: Date.now() + o.roundMs, concurrency: o.concurrency, latencies: roundLatencies,
      }));
      for (const s of [...samples, ...measured]) {
        peakRss = Math.max(peakRss, s.memory.rss);
        heldMax.sessions = Math.max(heldMax.sessions, s.stats.held.sessions);
        heldMax.events = Math.max(heldMax.events, s.stats.held.events);
        heldMax.bodyBytes = Math.max(heldMax.bodyBytes, s.stats.held.bodyBytes);
      }
      for (const s of samples) peakHeap = Math.max(peakHeap, s.memory.heapUsed);
      for (const s of measured) peakHeapGc = Math.max(peakHeapGc, s.memory.heapUsed);
      // Idle past the timeout and the grace: everything must be freed, then the heap is at rest.
      const drainMs = await drain(c, (o.idleTimeoutS + o.closedGraceS) * 1000 + 5000);
      const m = await c.measure();
      peakRss = Math.max(peakRss, m.memory.rss);
      sessions += load.sessions;
      requests += load.requests;
      errors += load.errors;
      loadMs += load.ms;
      for (const [k, v] of Object.entries(load.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + v;
      for (const l of roundLatencies) latencies.push(l);
      const round: SoakRound = {
        sessions: load.sessions, requests: load.requests, requestsPerSec: load.requests / load.ms * 1000,
        p50Ms: percentile(roundLatencies, 50), p99Ms: percentile(roundLatencies, 99), drainMs,
        heapAtRestMB: m.memory.heapUsed / MB, rssAtRestMB: m.memory.rss / MB,
        freed: m.stats.freed - last.stats.freed, droppedSessions: m.stats.dropped.sessions - last.stats.dropped.sessions,
      };
      rounds.push(round);
      last = m;
      progress(`round ${rounds.length}: ${round.sessions} sessions, ${round.requests} requests, ${round.requestsPerSec.toFixed(0)}/s, p50 ${round.p50Ms.toFixed(1)} ms, p99 ${round.p99Ms.toFixed(1)} ms; `
        + `drained in ${(drainMs / 1000).toFixed(1)} s; heap at rest ${round.heapAtRestMB.toFixed(2)} MB, rss ${round.rssAtRestMB.toFixed(0)} MB; freed ${round.freed}, dropped ${round.droppedSessions}; held ${JSON.stringify(m.stats.held)}`);
    }
    const first = rounds[0] as SoakRound;
    const second = rounds[Math.min(1, rounds.length - 1)] as SoakRound;
    const lastRound = rounds[rounds.length - 1] as SoakRound;
    // Cumulative requests (millions) at the end of each round, against the heap at rest then; from
    // the second round on, past the warm-up.
    const xs: number[] = [];
    let sum = 0;
    for (const r of rounds) xs.push((sum += r.requests) / 1e6);
    const steady = rounds.slice(1);
    const held = last.stats.held;
    const fiveHundreds = Object.entries(statuses).filter(([k]) => Number(k) >= 500).reduce((a, [, v]) => a + v, 0);
    return {
      soakRounds: rounds.length,
      soakConcurrency: o.concurrency,
      soakSessions: sessions,
      soakRequests: requests,
      soakLoadS: loadMs / 1000,
      soakRequestsPerSec: requests / loadMs * 1000,
      soakP50Ms: percentile(latencies, 50),
      soakP99Ms: percentile(latencies, 99),
      soakRoundHeapsMB: rounds.map((r) => r.heapAtRestMB.toFixed(2)).join(' '),
      soakHeapBeforeMB: base.memory.heapUsed / MB,
      soakHeapFirstRoundMB: first.heapAtRestMB,
      soakHeapSecondRoundMB: second.heapAtRestMB,
      soakHeapLastRoundMB: lastRound.heapAtRestMB,
      soakHeapGrowthMB: lastRound.heapAtRestMB - first.heapAtRestMB,
      soakHeapGrowthFromSecondMB: lastRound.heapAtRestMB - second.heapAtRestMB,
      soakHeapSlopeMBPerMillion: slope(xs.slice(1), steady.map((r) => r.heapAtRestMB)),
      soakPeakRssMB: peakRss / MB,
      soakPeakHeapMB: peakHeap / MB,
      soakPeakHeapGcMB: peakHeapGc / MB,
      soakHeldMaxSessions: heldMax.sessions,
      soakHeldMaxEvents: heldMax.events,
      soakHeldMaxBodyMB: heldMax.bodyBytes / MB,
      soakHeldAtEnd: held.sessions + held.events + held.bodies,
      soakHeldAtEndText: `${held.sessions} / ${held.events} / ${held.bodies}`,
      soakMaxDrainS: Math.max(...rounds.map((r) => r.drainMs)) / 1000,
      soakFreed: last.stats.freed,
      soakDroppedSessions: last.stats.dropped.sessions,
      soakDroppedOpenSessions: last.stats.dropped.openSessions,
      soakDroppedEvents: last.stats.dropped.events,
      soakDroppedBodies: last.stats.dropped.bodies,
      // Every session the load started ends freed (after its grace) or dropped (by a cap), none lost.
      soakAccounted: last.stats.freed + last.stats.dropped.sessions === sessions,
      soakErrors: errors,
      soak5xx: fiveHundreds,
      soakStatuses: JSON.stringify(statuses),
    };
  } finally {
    await c.stop();
  }
}

export interface BodyCapOptions {
  loadMs: number;
  concurrency: number;
}

/** Starts with 1 MB of metadata, never ended, for `loadMs`: the heap must stay within maxBodyBytes and some overhead. */
export async function bodyCap(o: BodyCapOptions) {
  // All the defaults: nothing ends within the run, only the caps hold.
  const c = await startChildCollector({}, SERVE_FLAGS);
  const client = new LoadClient(new URL(c.url), o.concurrency);
  try {
    const base = await c.measure();
    // Just under the collector's 1 MiB request limit (http-helpers.ts), with the start's own params.
    const body = JSON.stringify({ ...sessionStartBody(1), customMetadata: { pad: 'x'.repeat(MB - 1024) } });
    const latencies: number[] = [];
    const statuses: Record<number, number> = {};
    let starts = 0;
    let errors = 0;
    const started = performance.now();
    const deadline = started + o.loadMs;
    const { samples, measured } = await sampled(c, Promise.all(Array.from({ length: o.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          const r = await client.post('/api/v1/sessions', body);
          latencies.push(performance.now() - t);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        } catch {
          errors++;
        }
        starts++;
      }
    })));
    const ms = performance.now() - started;
    const m = await c.measure();
    const all = [...samples, ...measured, m];
    const { held, dropped } = m.stats;
    return {
      capStarts: starts,
      capLoadS: ms / 1000,
      capStartsPerSec: starts / ms * 1000,
      capMBPerSec: starts * Buffer.byteLength(body) / MB / ms * 1000,
      capP50Ms: percentile(latencies, 50),
      capP99Ms: percentile(latencies, 99),
      capHeapBeforeMB: base.memory.heapUsed / MB,
      // After full collections: under load (the most of the periodic measures) and at the end.
      capHeapGcMaxMB: Math.max(...[...measured, m].map((s) => s.memory.heapUsed)) / MB,
      capHeapAtEndMB: m.memory.heapUsed / MB,
      capHeapGrowthMB: (Math.max(...[...measured, m].map((s) => s.memory.heapUsed)) - base.memory.heapUsed) / MB,
      capExternalAtEndMB: m.memory.external / MB,
      capPeakHeapMB: Math.max(...samples.map((s) => s.memory.heapUsed), m.memory.heapUsed) / MB,
      capPeakRssMB: Math.max(...all.map((s) => s.memory.rss)) / MB,
      capHeldSessions: held.sessions,
      capHeldBodies: held.bodies,
      capHeldBodyMB: held.bodyBytes / MB,
      capMaxHeldBodyMB: Math.max(...all.map((s) => s.stats.held.bodyBytes)) / MB,
      capBodiesDropped: dropped.bodies,
      capSessionsDropped: dropped.sessions,
      capErrors: errors,
      capStatuses: JSON.stringify(statuses),
      capMaxBodyMB: DEFAULTS.maxBodyBytes / MB,
    };
  } finally {
    client.close();
    await c.stop();
  }
}
