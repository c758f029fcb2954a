/**
 * `npm run bench`: every benchmark on synthetic traffic, a table, and with --json one JSON object
 * as the last line. --quick runs tiny sizes (the smoke test in npm test uses it).
 */
import { Analyser, analyse } from '../../src/core/analysis/analyser.ts';
import { exchanges, sessionBodies, sid, toExchange } from './synthetic.ts';
import { percentile, timeMedian } from './measure.ts';

const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const RUNS = quick ? 1 : 5;

interface Row { name: string; value: string; target?: string }
const rows: Row[] = [];
const figures: Record<string, number> = {};

/** Session analysis is linear in its events: per-event time at 10x the size stays flat. */
function sessionScaling(): void {
  const small = quick ? 1_000 : 10_000;
  const large = quick ? 10_000 : 100_000;
  const perEvent = (n: number) => {
    const ex = exchanges(1, n);
    return (timeMedian(RUNS, () => analyse(ex)) * 1000) / n;
  };
  const a = perEvent(small);
  const b = perEvent(large);
  figures.sessionPerEventUsSmall = a;
  figures.sessionPerEventUsLarge = b;
  figures.sessionScalingRatio = b / a;
  rows.push({ name: `one session, µs per event at ${small.toLocaleString('en')} events`, value: a.toFixed(2) });
  rows.push({ name: `one session, µs per event at ${large.toLocaleString('en')} events`, value: b.toFixed(2) });
  rows.push({ name: 'per-event time ratio (large / small)', value: (b / a).toFixed(2), target: '≤ 1.5' });
}

/** Latency of adding one event to a session that already holds many (and reading its report). */
function incrementalAppend(): void {
  const n = quick ? 5_000 : 100_000;
  const bodies = sessionBodies(n + 1000);
  const analyser = new Analyser();
  bodies.slice(0, n).forEach((b, i) => analyser.add(toExchange(b, sid(1), i)));
  analyser.session(sid(1));
  const lat: number[] = [];
  for (let i = n; i < bodies.length; i++) {
    const t = performance.now();
    analyser.add(toExchange(bodies[i] as Parameters<typeof toExchange>[0], sid(1), i));
    analyser.session(sid(1));
    lat.push(performance.now() - t);
  }
  figures.appendP50Ms = percentile(lat, 50);
  figures.appendP99Ms = percentile(lat, 99);
  rows.push({ name: `add one event to a ${n.toLocaleString('en')}-event session, p50 ms`, value: figures.appendP50Ms.toFixed(3) });
  rows.push({ name: `add one event to a ${n.toLocaleString('en')}-event session, p99 ms`, value: figures.appendP99Ms.toFixed(3), target: '< 1' });
}

sessionScaling();
incrementalAppend();

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(10)}  target`);
for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.value.padStart(10)}  ${r.target ?? ''}`);
if (json) console.log(JSON.stringify({ quick, node: process.version, ...figures }));
