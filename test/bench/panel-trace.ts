/**
 * Where the panel's frames go: the panel benchmark's load, scroll, pan and live phases, each under
 * a Chromium Performance trace (devtools.timeline) and a sampling JS profile (CDP Profiler), with
 * the CPU throttled as a slower machine would be. Prints per phase: main-thread time by kind
 * (scripting, GC, style, layout, paint, other), JS self time by source module (the viewer bundle
 * is not minified; esbuild marks each module with a `// path` line) and the top functions.
 *
 * Run by hand, after `npm run build`:
 *   node --import tsx test/bench/panel-trace.ts [--rate=2] [--events=100000] [--out=DIR]
 * --out keeps each phase's trace (open it in DevTools' Performance panel) and .cpuprofile.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { framesScript, LIVE, openViewer, withViewer } from './panel-bench.ts';
import { byKind, type TraceEvent } from './trace-summary.ts';
import { bySelf, type CpuProfile } from './profile-summary.ts';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rate = Number(arg('rate', '2'));
const events = Number(arg('events', '100000'));
const out = arg('out', '');
const root = join(import.meta.dirname, '..', '..');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

/** Module boundaries of the (unminified) viewer bundle: [first line, path], in order. */
function modulesOf(bundle: string): [number, string][] {
  const marks: [number, string][] = [];
  bundle.split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(line);
    if (m) marks.push([i, m[1] as string]);
  });
  return marks;
}

async function traced(name: string, page: Page, cdp: CDPSession, modules: [number, string][], run: () => Promise<unknown>): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.tracing.start({ categories: CATEGORIES });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  const result = await run();
  const wall = Date.now() - t0;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const trace = await page.tracing.stop();
  const text = trace ? new TextDecoder().decode(trace) : '{"traceEvents":[]}';
  if (out) {
    writeFileSync(join(out, `${name}-${rate}x.json`), text);
    writeFileSync(join(out, `${name}-${rate}x.cpuprofile`), JSON.stringify(profile));
  }
  const kinds = byKind((JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents);
  const self = bySelf(profile, modules);
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(`\n## ${name} at ${rate}x: ${JSON.stringify(result)} (${wall} ms wall)`);
  console.log(`main thread: ${Object.entries(kinds).map(([k, ms]) => `${k} ${fmt(ms)}`).join(', ')}`);
  console.log(`JS self time by module: ${self.modules.slice(0, 8).map(([m, ms]) => `${m} ${fmt(ms)}`).join(', ')}`);
  console.log('top functions (self):');
  for (const [fn, ms] of self.functions.slice(0, 15)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${fn}`);
}

await withViewer(root, events, async (browser, url, file) => {
  if (out) mkdirSync(out, { recursive: true });
  const modules = modulesOf(readFileSync(join(root, 'dist', 'demo', 'viewer.js'), 'utf8'));
  let opened: Awaited<ReturnType<typeof openViewer>> | null = null;
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  // The load is traced on its own page: the trace starts before the file is chosen.
  await traced('load', page, cdp, modules, async () => {
    opened = await openViewer(browser, url, file, rate, { page, cdp });
    return { drawnMs: Math.round(opened.drawnMs) };
  });
  await traced('scroll', page, cdp, modules, () => page.evaluate(framesScript('scroll')));
  await traced('pan', page, cdp, modules, () => page.evaluate(framesScript('pan')));
  await traced('live', page, cdp, modules, () => page.evaluate(`${LIVE}(20)`));
});
