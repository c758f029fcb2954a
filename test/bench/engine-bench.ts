/** Engine benchmarks: pipeline against the floor, scaling to a million events, incremental latency. */
import { Analyser } from '../../src/core/analysis/analyser.ts';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { isEventType } from '../../src/core/protocol/media-collection/event-types.ts';
import { validateEnvelope, validatorFor } from '../../src/core/protocol/media-collection/validators.ts';
import { median, percentile, timedWithGc } from './measure.ts';
import { harEntries, type HarEntry } from './traffic.ts';
import { mediaCollection } from '../../src/core/protocol/media-collection/adapter.ts';
import { mediaEdge } from '../../src/core/protocol/media-edge/adapter.ts';
import { sessionBodies, sid, toExchange } from './synthetic.ts';

/** The floor: JSON.parse of each body plus the generated validator, nothing else. */
export function floor(entries: readonly HarEntry[]): number {
  let valid = 0;
  for (const e of entries) {
    const body = JSON.parse(((e.request as { postData: { text: string } }).postData).text) as { eventType?: unknown };
    const validate = isEventType(body.eventType) ? validatorFor(body.eventType) : validateEnvelope;
    if (validate(body)) valid++;
  }
  return valid;
}

/** The whole pipeline: HAR entry → exchange → analysis → findings and metrics. */
export function pipeline(entries: readonly HarEntry[]): number {
  const analyser = new Analyser();
  for (let i = 0; i < entries.length; i++) analyser.add(entryToExchange(entries[i], i));
  const result = analyser.result();
  return result.findings.length + result.sessions.length;
}

function timed(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** The pipeline's first stages alone: HAR entry → exchange, then the protocol adapters (parse, validate, classify). */
function stageExchanges(entries: readonly HarEntry[]): number {
  let n = 0;
  for (let i = 0; i < entries.length; i++) n += entryToExchange(entries[i], i).status;
  return n;
}

function stageAdapters(entries: readonly HarEntry[]): number {
  let n = 0;
  for (let i = 0; i < entries.length; i++) {
    const ex = entryToExchange(entries[i], i);
    n += (mediaCollection.inspect(ex) ?? mediaEdge.inspect(ex))?.findings.length ?? 0;
  }
  return n;
}

/**
 * Where the pipeline's time goes, by stage (ms per 100,000 events, medians of alternating runs):
 * reading HAR entries into exchanges, the adapters (JSON.parse, the generated validator,
 * classification, the call's own findings), and the sessions (state machine, findings, result).
 */
export function pipelineStages(events: number, runs: number) {
  const entries = harEntries(events);
  const f: number[] = [];
  const x: number[] = [];
  const a: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < runs; r++) {
    f.push(timed(() => floor(entries)));
    x.push(timed(() => stageExchanges(entries)));
    a.push(timed(() => stageAdapters(entries)));
    p.push(timed(() => pipeline(entries)));
  }
  const per100k = (ms: number) => (ms * 100_000) / entries.length;
  const exchanges = median(x);
  const adapters = median(a);
  const all = median(p);
  return {
    stageFloorMs: per100k(median(f)),
    stageExchangesMs: per100k(exchanges),
    stageAdaptersMs: per100k(adapters - exchanges),
    stageSessionsMs: per100k(all - adapters),
    stagePipelineMs: per100k(all),
  };
}

/** Events per second of floor and pipeline, measured alternately in the same run. */
export function floorVsPipeline(events: number, runs: number) {
  const entries = harEntries(events);
  const f: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < runs; r++) {
    f.push(timed(() => floor(entries)));
    p.push(timed(() => pipeline(entries)));
  }
  const floorEventsPerSec = (entries.length / median(f)) * 1000;
  const pipelineEventsPerSec = (entries.length / median(p)) * 1000;
  return { floorEventsPerSec, pipelineEventsPerSec, pipelineToFloorRatio: pipelineEventsPerSec / floorEventsPerSec };
}

/** Runs per size: small sizes take milliseconds, so they are repeated more for a steady median. */
function repeats(n: number, runs: number): number {
  if (n >= 1_000_000) return Math.min(runs, 3);
  return Math.min(50, Math.max(runs, Math.ceil(500_000 / n)));
}

/** Per-event time at each size, and the heap held per 100 000 events once analysed. */
export function scaling(sizes: readonly number[], runs: number) {
  const perEventUs: Record<number, number> = {};
  pipeline(harEntries(sizes[0] as number)); // warm-up: the JIT should not count against the smallest size
  for (const n of sizes) {
    const entries = harEntries(n);
    (globalThis as { gc?: () => void }).gc?.(); // what the size before left behind is not this size's cost
    const times: number[] = [];
    for (let r = 0; r < repeats(n, runs); r++) times.push(timed(() => pipeline(entries)));
    perEventUs[n] = (median(times) * 1000) / n;
  }
  const memoryEvents = sizes.includes(100_000) ? 100_000 : (sizes[sizes.length - 1] as number);
  const memory = memoryPerEvent(memoryEvents);
  const first = sizes[0] as number;
  const last = sizes[sizes.length - 1] as number;
  return {
    perEventUs,
    scalingRatio: (perEventUs[last] as number) / (perEventUs[first] as number),
    memoryMBPer100k: ((memory.exchangeBytesPerEvent + memory.analysisBytesPerEvent) * 100_000) / 1024 / 1024,
    ...memory,
  };
}

/**
 * Heap kept per event (run it warm, after the timed runs: the first analysis in a process also
 * allocates compiled code and feedback, about 10 MB here, that is not kept per event), in two parts: the captured exchanges (kept once, as captured, for the
 * lossless report) and what the analysis keeps beyond them (its columns, compact calls, findings).
 */
export function memoryPerEvent(events: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Typed arrays keep their bytes outside the JS heap (arrayBuffers): the columns count too.
  const used = () => {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const entries = harEntries(events);
  let before = used();
  const exchanges = entries.map((e, i) => entryToExchange(e, i));
  const exchangeBytes = used() - before;
  before = used();
  const analyser = new Analyser();
  for (const ex of exchanges) analyser.add(ex);
  const findings = analyser.result().findings.length;
  const analysisBytes = used() - before;
  // Both must stay alive until measured.
  if (exchanges.length !== entries.length || findings < 0) throw new Error('unreachable');
  return { exchangeBytesPerEvent: exchangeBytes / entries.length, analysisBytesPerEvent: analysisBytes / entries.length, gcAvailable: gc !== undefined };
}

/**
 * Reading the whole result after one more event, in a recording where every call has a finding
 * (an unknown field in every body): the cost should follow what the event changed, not the
 * number of findings already there.
 */
export function resultAfterAdd(events: number, samples = 200) {
  const entries = harEntries(events + samples);
  const withField = (e: HarEntry): HarEntry => {
    const request = e.request as { postData: { text: string } };
    const body = JSON.parse(request.postData.text) as Record<string, unknown>;
    body.benchExtra = true;
    return { ...e, request: { ...request, postData: { ...request.postData, text: JSON.stringify(body) } } };
  };
  const analyser = new Analyser();
  for (let i = 0; i < events; i++) analyser.add(entryToExchange(withField(entries[i] as HarEntry), i));
  const findings = analyser.result().findings.length;
  const lat: number[] = [];
  for (let i = events; i < Math.min(entries.length, events + samples); i++) {
    const ex = entryToExchange(withField(entries[i] as HarEntry), i);
    const t = performance.now();
    analyser.add(ex);
    analyser.result();
    lat.push(performance.now() - t);
  }
  return { resultFindings: findings, resultAfterAddP50Ms: percentile(lat, 50), resultAfterAddP99Ms: percentile(lat, 99) };
}

/**
 * The pipeline at each size once more, timing the garbage collector's pauses: per-event time
 * without them, and their share. Says how much of the growth with size is the collector's.
 */
export async function scalingWithoutGc(sizes: readonly number[]) {
  const perEventUsNoGc: Record<number, number> = {};
  const gcShare: Record<number, number> = {};
  pipeline(harEntries(sizes[0] as number)); // warm: the JIT should not count against the smallest size
  for (const n of sizes) {
    const entries = harEntries(n);
    (globalThis as { gc?: () => void }).gc?.();
    const noGc: number[] = [];
    const share: number[] = [];
    for (let r = 0; r < (n >= 1_000_000 ? 1 : n >= 100_000 ? 5 : 25); r++) {
      const { ms, gcMs } = await timedWithGc(() => pipeline(entries));
      noGc.push(((ms - gcMs) * 1000) / entries.length);
      share.push(gcMs / ms);
    }
    perEventUsNoGc[n] = median(noGc);
    gcShare[n] = median(share);
  }
  const first = sizes[0] as number;
  const last = sizes[sizes.length - 1] as number;
  return { perEventUsNoGc, gcShare, scalingRatioNoGc: (perEventUsNoGc[last] as number) / (perEventUsNoGc[first] as number) };
}

/**
 * The scaling run again with ten sessions at every size (sessions of n/10 events), so that as many
 * players are open at once as at the smallest size. In the main run the sessions have 1,000 events
 * each, so a million events means a thousand players playing at the same time.
 */
export function scalingAtFixedConcurrency(sizes: readonly number[], runs: number) {
  const perEventUs: Record<number, number> = {};
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const n of sizes) {
    const entries = harEntries(n, Math.ceil(n / 10));
    gc?.(); // what the run before left behind should not be collected during this one
    const times: number[] = [];
    for (let r = 0; r < repeats(n, runs); r++) times.push(timed(() => pipeline(entries)));
    perEventUs[n] = (median(times) * 1000) / n;
  }
  const first = sizes[0] as number;
  const last = sizes[sizes.length - 1] as number;
  return { tenSessionsPerEventUs: perEventUs, tenSessionsScalingRatio: (perEventUs[last] as number) / (perEventUs[first] as number) };
}

/**
 * One session of `small` and of `large` events: per-event time stays flat when nothing re-scans
 * per event. Also reported without the garbage collector's pauses: what grows with a session's
 * size is the collector's work on the analysis it keeps, not the analysis.
 */
export async function oneSession(small: number, large: number, runs: number) {
  const perEvent = async (n: number) => {
    const bodies = sessionBodies(n);
    // (The first size is measured after the scaling benchmark, so the code is already warm.)
    const exchanges = bodies.map((b, i) => toExchange(b as Parameters<typeof toExchange>[0], sid(1), i));
    const times: number[] = [];
    const withoutGc: number[] = [];
    for (let r = 0; r < repeats(n, runs); r++) {
      const { ms, gcMs } = await timedWithGc(() => {
        const analyser = new Analyser();
        for (const ex of exchanges) analyser.add(ex);
        analyser.result();
      });
      times.push(ms);
      withoutGc.push(ms - gcMs);
    }
    return { all: (median(times) * 1000) / n, noGc: (median(withoutGc) * 1000) / n };
  };
  const a = await perEvent(small);
  const b = await perEvent(large);
  return {
    oneSessionPerEventUsSmall: a.all, oneSessionPerEventUsLarge: b.all, oneSessionRatio: b.all / a.all,
    oneSessionNoGcPerEventUsSmall: a.noGc, oneSessionNoGcPerEventUsLarge: b.noGc, oneSessionNoGcRatio: b.noGc / a.noGc,
  };
}

/** Latency of adding one event to a session that already holds `n` events, and reading its report. */
export function incremental(n: number, samples = 1000) {
  const bodies = sessionBodies(n + samples);
  const analyser = new Analyser();
  for (let i = 0; i < n; i++) analyser.add(toExchange(bodies[i] as Parameters<typeof toExchange>[0], sid(1), i));
  analyser.session(sid(1));
  const lat: number[] = [];
  for (let i = n; i < n + samples; i++) {
    const ex = toExchange(bodies[i] as Parameters<typeof toExchange>[0], sid(1), i);
    const t = performance.now();
    analyser.add(ex);
    analyser.session(sid(1));
    lat.push(performance.now() - t);
  }
  return { appendP50Ms: percentile(lat, 50), appendP99Ms: percentile(lat, 99) };
}
