/**
 * `npm run bench`: every benchmark on synthetic, realistic traffic; a table; with --json one
 * JSON object as the last line. Figures are medians of several runs; each ratio is measured side
 * by side in the same run. --quick runs tiny sizes (the smoke test in npm test uses it);
 * --only=engine,cli,panel,collector,report picks parts. Run through `npm run bench`, which builds first.
 */
import { join } from 'node:path';
import { cliBench } from './cli-bench.ts';
import { bodyCap, soak } from './collector-soak.ts';
import { floorVsPipeline, incremental, oneSession, pipelineStages, resultAfterAdd, scaling, scalingAtFixedConcurrency, scalingWithoutGc } from './engine-bench.ts';
import { panelBench } from './panel-bench.ts';
import { reportSize } from './report-size.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const only = (args.find((a) => a.startsWith('--only='))?.slice(7) ?? 'engine,cli,panel,collector,report').split(',');
const root = join(import.meta.dirname, '..', '..');
const RUNS = quick ? 1 : 5;

interface Row { name: string; value: string; target: string; ok: boolean | null }
const rows: Row[] = [];
const figures: Record<string, number | boolean | string> = { quick, node: process.version };
const row = (name: string, value: string, target = '', ok: boolean | null = null) => rows.push({ name, value, target, ok });
const fmt = (n: number, digits = 2) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Frees what the part before kept (a million-event run leaves gigabytes for the collector) so it
 * does not slow the next part: the panel's browser shares the machine's two cores and its memory.
 */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  if (only.includes('engine')) {
    const fp = floorVsPipeline(quick ? 5_000 : 100_000, RUNS);
    Object.assign(figures, fp);
    row('floor: JSON.parse + generated validator, events/s', fmt(fp.floorEventsPerSec, 0));
    row('pipeline: HAR entry → findings and metrics, events/s', fmt(fp.pipelineEventsPerSec, 0));
    row('pipeline / floor', fmt(fp.pipelineToFloorRatio), '≥ 0.5', fp.pipelineToFloorRatio >= 0.5);
    const st = pipelineStages(quick ? 5_000 : 100_000, RUNS);
    Object.assign(figures, st);
    row('… where the time goes, ms per 100,000 events: floor | HAR entry → exchange | adapters (parse, validate, classify) | sessions and result',
      [st.stageFloorMs, st.stageExchangesMs, st.stageAdaptersMs, st.stageSessionsMs].map((v) => fmt(v, 0)).join(' | '));

    const sizes = quick ? [1_000, 5_000, 20_000] : [10_000, 100_000, 1_000_000];
    const sc = scaling(sizes, quick ? 1 : 3);
    for (const n of sizes) {
      figures[`perEventUs_${n}`] = sc.perEventUs[n] as number;
      row(`µs per event at ${n.toLocaleString('en')} events`, fmt(sc.perEventUs[n] as number));
    }
    Object.assign(figures, { scalingRatio: sc.scalingRatio, memoryMBPer100k: sc.memoryMBPer100k });
    row(`per-event time ratio ${sizes[2]?.toLocaleString('en')} / ${sizes[0]?.toLocaleString('en')}`, fmt(sc.scalingRatio), '≤ 1.5', sc.scalingRatio <= 1.5);
    const noGc = await scalingWithoutGc(sizes);
    Object.assign(figures, { scalingRatioNoGc: noGc.scalingRatioNoGc });
    row(`… share of the time in garbage-collection pauses at ${sizes.map((n) => n.toLocaleString('en')).join(' / ')}`, sizes.map((n) => `${fmt((noGc.gcShare[n] as number) * 100, 0)} %`).join(' / '));
    row('… per-event time ratio without those pauses', fmt(noGc.scalingRatioNoGc));
    const fixed = scalingAtFixedConcurrency(sizes, quick ? 1 : 3);
    figures.tenSessionsScalingRatio = fixed.tenSessionsScalingRatio;
    row(`… with 10 sessions at every size: µs per event at ${sizes.map((n) => n.toLocaleString('en')).join(' / ')}`, sizes.map((n) => fmt(fixed.tenSessionsPerEventUs[n] as number)).join(' / '));
    row('… with 10 sessions at every size: per-event time ratio', fmt(fixed.tenSessionsScalingRatio));
    row(`memory per 100,000 events, exchanges and analysis (MB)${sc.gcAvailable ? '' : ' (no --expose-gc: rough)'}`, fmt(sc.memoryMBPer100k, 0));
    Object.assign(figures, { exchangeBytesPerEvent: sc.exchangeBytesPerEvent, analysisBytesPerEvent: sc.analysisBytesPerEvent });
    row('bytes kept per event by the analysis (beyond the captured exchange)', fmt(sc.analysisBytesPerEvent, 0), '≤ 200', sc.analysisBytesPerEvent <= 200);
    row('bytes per event of the captured exchange itself (kept once, for the lossless report)', fmt(sc.exchangeBytesPerEvent, 0));

    const one = await oneSession(quick ? 1_000 : 10_000, quick ? 5_000 : 100_000, quick ? 1 : 5);
    Object.assign(figures, one);
    row(`one session: µs per event at ${quick ? '1,000' : '10,000'} / ${quick ? '5,000' : '100,000'} events`, `${fmt(one.oneSessionPerEventUsSmall)} / ${fmt(one.oneSessionPerEventUsLarge)}`);
    row('one session: per-event time ratio (linear ≈ 1)', fmt(one.oneSessionRatio));
    row('… the same without garbage-collection pauses: µs per event', `${fmt(one.oneSessionNoGcPerEventUsSmall)} / ${fmt(one.oneSessionNoGcPerEventUsLarge)}`);
    row('… the same without garbage-collection pauses: ratio', fmt(one.oneSessionNoGcRatio));

    // The same latency at a tenth of the size: equal figures mean nothing is re-scanned per event.
    const small = incremental(quick ? 500 : 10_000, quick ? 200 : 1000);
    figures.appendP50MsSmall = small.appendP50Ms;
    row(`add one event to a ${quick ? '500' : '10,000'}-event session, p50 / p99 ms`, `${fmt(small.appendP50Ms, 3)} / ${fmt(small.appendP99Ms, 3)}`);
    const inc = incremental(quick ? 5_000 : 100_000, quick ? 200 : 1000);
    Object.assign(figures, inc);
    row(`add one event to a ${quick ? '5,000' : '100,000'}-event session, p50 ms`, fmt(inc.appendP50Ms, 3));
    row('… p99 ms', fmt(inc.appendP99Ms, 3), '< 1', inc.appendP99Ms < 1);
    const ra = resultAfterAdd(quick ? 5_000 : 100_000, quick ? 50 : 200);
    Object.assign(figures, ra);
    row(`add one event and read the whole result, ${ra.resultFindings.toLocaleString('en')} findings there, p50 / p99 ms`, `${fmt(ra.resultAfterAddP50Ms, 2)} / ${fmt(ra.resultAfterAddP99Ms, 1)}`);
  }
  if (only.includes('cli')) {
    settle();
    const cli = cliBench(root, quick ? 2_000 : 100_000, quick ? 1 : 3);
    Object.assign(figures, cli);
    row(`mci check on ${quick ? '2,000' : '100,000'} HAR entries, ms`, fmt(cli.cliMs, 0));
    row('its floor (read + JSON.parse + engine floor), ms', fmt(cli.cliFloorMs, 0));
    row('mci check / floor', fmt(cli.cliToFloorRatio), '≤ 2', cli.cliToFloorRatio <= 2);
    row('mci check --format json, ms', fmt(cli.cliJsonMs, 0));
    row('mci check --format json / floor', fmt(cli.cliJsonToFloorRatio), '≤ 2', cli.cliJsonToFloorRatio <= 2);
    row('mci check peak memory, MB', fmt(cli.cliPeakMB, 0), '< 1024', cli.cliPeakMB < 1024);
  }
  if (only.includes('panel')) {
    settle();
    const p = await panelBench(root, quick ? 2_000 : 100_000, quick ? 1 : 3);
    Object.assign(figures, p);
    row(`panel: ${p.panelEvents.toLocaleString('en')} entries opened until list and timeline drawn, ms`, fmt(p.panelDrawnMs, 0), '< 2000', p.panelDrawnMs < 2000);
    row('panel: JS heap after load, MB', fmt(p.panelHeapMB, 0), '< 300', p.panelHeapMB < 300);
    row('panel: frame time p95 scrolling the list, ms', fmt(p.panelScrollP95Ms, 1), '< 16', p.panelScrollP95Ms < 16);
    row('panel: frame time p95 panning the timeline, ms', fmt(p.panelPanP95Ms, 1), '< 16', p.panelPanP95Ms < 16);
    row('panel: new exchange to its row on screen, p95 ms', fmt(p.liveRowP95Ms, 1), '< 100', p.liveRowP95Ms < 100);
    // The same with the CPU throttled 2x (CDP Emulation.setCPUThrottlingRate): a slower machine.
    row('panel at 2x CPU throttling: opened until drawn, ms', fmt(p.panelDrawnMs2x, 0), '< 2000', p.panelDrawnMs2x < 2000);
    row('panel at 2x CPU throttling: frame time p95 scrolling the list, ms', fmt(p.panelScrollP95Ms2x, 1), '< 16', p.panelScrollP95Ms2x < 16);
    row('panel at 2x CPU throttling: frame time p95 panning the timeline, ms', fmt(p.panelPanP95Ms2x, 1), '< 16', p.panelPanP95Ms2x < 16);
    row('panel at 2x CPU throttling: new exchange to its row on screen, p95 ms', fmt(p.liveRowP95Ms2x, 1), '< 100', p.liveRowP95Ms2x < 100);
    row('panel: the load\'s floor, the file read and JSON.parse alone on the same page, ms (1x / 2x)', `${fmt(p.panelLoadFloorMs, 0)} / ${fmt(p.panelLoadFloorMs2x, 0)}`);
  }
  if (only.includes('collector')) {
    settle();
    // Full: about 3 minutes of load in 20 s rounds (stopping early past a million requests);
    // quick: three rounds of 1.5 s, with shorter timeouts so that each round drains in ~2 s.
    const s = await soak(quick
      ? { loadMs: 4_500, roundMs: 1_500, maxRequests: 1_000_000, concurrency: 8, idleTimeoutS: 1, closedGraceS: 0.5 }
      : { loadMs: 180_000, roundMs: 20_000, maxRequests: 1_000_000, concurrency: 8, idleTimeoutS: 2, closedGraceS: 1 });
    Object.assign(figures, s);
    const n = s.soakRounds;
    row(`collector soak, default caps: ${s.soakSessions.toLocaleString('en')} sessions, ${s.soakRequests.toLocaleString('en')} requests of mixed traffic in ${n} rounds (${fmt(s.soakLoadS, 0)} s of load), requests/s`, fmt(s.soakRequestsPerSec, 0));
    row(`… request latency p50 / p99, ms (${s.soakConcurrency} in flight)`, `${fmt(s.soakP50Ms)} / ${fmt(s.soakP99Ms)}`);
    row('… requests without an answer / answered 5xx', `${s.soakErrors} / ${s.soak5xx}`, '0 / 0', s.soakErrors === 0 && s.soak5xx === 0);
    row('… heap at rest (after GC, all freed), MB: before any traffic | after each round', `${fmt(s.soakHeapBeforeMB)} | ${s.soakRoundHeapsMB}`);
    row(`… heap at rest growth, round 1 → ${n}, MB`, fmt(s.soakHeapGrowthMB));
    // From the second round: the first pays for warm-up (compiled code, validators).
    row(`… heap at rest growth, round 2 → ${n}, MB`, fmt(s.soakHeapGrowthFromSecondMB), '< 4', s.soakHeapGrowthFromSecondMB < 4);
    row(`… heap at rest slope, rounds 2 → ${n}, MB per million requests`, fmt(s.soakHeapSlopeMBPerMillion));
    row('… under load, MB: peak rss / peak heap (sampled, not collected) / most heap after GC', `${fmt(s.soakPeakRssMB, 0)} / ${fmt(s.soakPeakHeapMB, 0)} / ${s.soakPeakHeapGcMB ? fmt(s.soakPeakHeapGcMB, 0) : '–'}`); // – : no round long enough to collect under load (--quick)
    const withinCaps = s.soakHeldMaxSessions <= 20_000 && s.soakHeldMaxEvents <= 200_000 && s.soakHeldMaxBodyMB <= 64;
    row('… most held under load: sessions / events / body MB (caps 20,000 / 200,000 / 64)', `${s.soakHeldMaxSessions} / ${s.soakHeldMaxEvents} / ${fmt(s.soakHeldMaxBodyMB, 1)}`, 'within', withinCaps);
    row('… sessions freed / dropped by a cap (open ones among them)', `${s.soakFreed.toLocaleString('en')} / ${s.soakDroppedSessions} (${s.soakDroppedOpenSessions})`, 'all accounted', s.soakAccounted);
    row(`… held at rest after the last round: sessions / events / bodies (drained in ≤ ${fmt(s.soakMaxDrainS, 1)} s)`, s.soakHeldAtEndText, '0', s.soakHeldAtEnd === 0);
    settle();
    const b = await bodyCap(quick ? { loadMs: 2_000, concurrency: 4 } : { loadMs: 30_000, concurrency: 4 });
    Object.assign(figures, b);
    row(`collector, starts with 1 MB of metadata never ended: ${b.capStarts.toLocaleString('en')} in ${fmt(b.capLoadS, 0)} s, MB/s received`, fmt(b.capMBPerSec, 0));
    row('… latency p50 / p99, ms (4 in flight)', `${fmt(b.capP50Ms, 1)} / ${fmt(b.capP99Ms, 1)}`);
    row(`… bodies held, MB (cap ${fmt(b.capMaxBodyMB, 0)}), most / at the end; bodies dropped`, `${fmt(b.capMaxHeldBodyMB, 1)} / ${fmt(b.capHeldBodyMB, 1)}; ${b.capBodiesDropped.toLocaleString('en')}`, `≤ ${fmt(b.capMaxBodyMB, 0)}`, b.capMaxHeldBodyMB <= b.capMaxBodyMB);
    // The bodies' cap and 32 MB for everything else (the sessions' records, the server, the code).
    row('… heap after GC, growth over before traffic, most of the measures under load and at the end, MB', fmt(b.capHeapGrowthMB, 1), `< ${fmt(b.capMaxBodyMB + 32, 0)}`, b.capHeapGrowthMB < b.capMaxBodyMB + 32);
    row('… peak rss / peak heap (sampled, not collected), MB', `${fmt(b.capPeakRssMB, 0)} / ${fmt(b.capPeakHeapMB, 0)}`);
  }
  if (only.includes('report')) {
    // A recording with one huge body through every report format (the HTML report once failed on 300 MB).
    const mb = quick ? 4 : 300;
    for (const r of reportSize(root, mb)) {
      figures[`report_${r.format}_ms`] = r.ms;
      figures[`report_${r.format}_rssMB`] = r.maxRssMB;
      const back = r.readsBack === null ? '' : r.readsBack ? ', read back' : ', NOT read back';
      row(`mci report --format ${r.format}, one ${mb} MB body: s | peak rss MB | output MB${back}`, `${fmt(r.ms / 1000, 1)} | ${fmt(r.maxRssMB, 0)} | ${fmt(r.outputMB, 1)}`, r.readsBack === null ? '' : 'read back', r.readsBack);
    }
  }
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(w)}  ${'measured'.padStart(12)}  target`);
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value.padStart(12)}  ${r.target}${r.ok === null ? '' : r.ok ? '  ✓' : '  ✗ missed'}`);
  if (json) console.log(JSON.stringify(figures));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
