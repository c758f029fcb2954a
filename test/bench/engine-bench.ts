/** Engine benchmarks: pipeline against the floor, scaling to a million events, incremental latency. */
import { Analyser } from '../../src/core/analysis/analyser.ts';
import { entryToExchange } from '../../src/core/har/read-har.ts';
import { isEventType } from '../../src/core/protocol/media-collection/event-types.ts';
import { validateEnvelope, validatorFor } from '../../src/core/protocol/media-collection/validators.ts';
import { median, percentile } from './measure.ts';
import { harEntries, type HarEntry } from './traffic.ts';
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

/** Per-event time at each size, and the heap held per 100 000 events once analysed. */
export function scaling(sizes: readonly number[], runs: number) {
  const perEventUs: Record<number, number> = {};
  pipeline(harEntries(sizes[0] as number)); // warm-up: the JIT should not count against the smallest size
  for (const n of sizes) {
    const entries = harEntries(n);
    const times: number[] = [];
    for (let r = 0; r < (n >= 1_000_000 ? Math.min(runs, 3) : runs); r++) times.push(timed(() => pipeline(entries)));
    perEventUs[n] = (median(times) * 1000) / n;
  }
  const memoryEvents = sizes.includes(100_000) ? 100_000 : (sizes[sizes.length - 1] as number);
  const entries = harEntries(memoryEvents);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const analyser = new Analyser();
  entries.forEach((e, i) => analyser.add(entryToExchange(e, i)));
  analyser.result();
  gc?.();
  const held = process.memoryUsage().heapUsed - before;
  const first = sizes[0] as number;
  const last = sizes[sizes.length - 1] as number;
  return {
    perEventUs,
    scalingRatio: (perEventUs[last] as number) / (perEventUs[first] as number),
    memoryMBPer100k: (held / 1024 / 1024) * (100_000 / memoryEvents),
    gcAvailable: gc !== undefined,
  };
}

/** One session of `small` and of `large` events: per-event time stays flat (no re-scan per event). */
export function oneSession(small: number, large: number, runs: number) {
  const perEvent = (n: number) => {
    const bodies = sessionBodies(n);
    // (The first size is measured after the scaling benchmark, so the code is already warm.)
    const exchanges = bodies.map((b, i) => toExchange(b as Parameters<typeof toExchange>[0], sid(1), i));
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      times.push(timed(() => {
        const analyser = new Analyser();
        for (const ex of exchanges) analyser.add(ex);
        analyser.result();
      }));
    }
    return (median(times) * 1000) / n;
  };
  const a = perEvent(small);
  const b = perEvent(large);
  return { oneSessionPerEventUsSmall: a, oneSessionPerEventUsLarge: b, oneSessionRatio: b / a };
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
