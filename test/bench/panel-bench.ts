/**
 * The panel's UI in headless Chromium: the viewer (the same UI as the DevTools panel) opens a
 * generated HAR of `events` entries. Measured: time from choosing the file to the list and the
 * timeline drawn, JS heap after load, frame times (p95) while scrolling the list and panning the
 * timeline, and the latency from a new exchange to its row on screen (see FRAMES for how a frame
 * is timed); all of it once unthrottled and once with Chromium's CPU throttling at 2x.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { startCollector } from '../../src/collector/server.ts';
import { announceVersion, CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium.ts';
import { median } from './measure.ts';
import { harEntries, harText } from './traffic.ts';

/**
 * Page-side measurements, as source text (the test runner's helpers do not exist in the page).
 * Headless Chromium paces animation frames at 60 Hz whatever the work, so a frame's cost is
 * measured directly: from the input event to the end of the re-render (Preact renders in a
 * microtask) and the forced style and layout of the result.
 */
const FRAMES = `(async (selector, action) => {
  const el = document.querySelector(selector);
  const rect = el.getBoundingClientRect();
  const times = [];
  if (action !== 'scroll') el.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: rect.left + rect.width / 2, clientY: rect.top + 60 }));
  for (let i = 0; i < 120; i++) {
    const t0 = performance.now();
    if (action === 'scroll') { el.scrollTop += 400; el.dispatchEvent(new Event('scroll')); }
    else el.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: rect.left + rect.width / 2 + (i % 2 ? 150 : -150), clientY: rect.top + 60 }));
    for (let k = 0; k < 3; k++) await Promise.resolve();
    document.body.getBoundingClientRect();
    times.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(r));
  }
  if (action !== 'scroll') el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)];
})`;

export const LIVE = `(async (count) => {
  const store = window.mci.store;
  const list = document.querySelector('[data-testid=request-list]');
  list.scrollTop = list.scrollHeight;
  list.dispatchEvent(new Event('scroll'));
  await new Promise((r) => requestAnimationFrame(r));
  const last = store.allExchanges().at(-1);
  const out = [];
  for (let i = 0; i < count; i++) {
    const body = JSON.parse(last.requestBody);
    body.playerTime.ts += 10000 * (i + 1);
    body.eventType = 'ping';
    delete body.params;
    const t0 = performance.now();
    const index = store.addExchange({ ...last, requestBody: JSON.stringify(body), startedAt: last.startedAt + 10000 * (i + 1) });
    await new Promise((resolve) => {
      const check = () => document.querySelector('[data-testid=request-row][data-exchange="' + index + '"]') ? resolve() : requestAnimationFrame(check);
      check();
    });
    out.push(performance.now() - t0);
  }
  out.sort((a, b) => a - b);
  return out[Math.floor(out.length * 0.5)] + ' ' + out[Math.floor(out.length * 0.95)];
})`;

/** What one pass measures, at one CPU throttling rate. */
export interface PanelPass {
  drawnMs: number;
  heapMB: number;
  scrollP95Ms: number;
  panP95Ms: number;
  liveP50Ms: number;
  liveP95Ms: number;
  /** The load's floor on the same page: reading the chosen file as text and JSON.parse of it. */
  loadFloorMs: number;
}

/** Reading the chosen file and parsing it, nothing else: what any viewer of the file pays first. */
const LOAD_FLOOR = `(async () => {
  const file = window.benchFile;
  const t0 = performance.now();
  const doc = JSON.parse(await file.text());
  const ms = performance.now() - t0;
  return doc.log.entries.length > 0 ? ms : -1;
})()`;

/**
 * A fresh viewer page with Chromium's CPU throttling at `rate` (1: none), set on the page's CDP
 * session before the file is chosen; the file opened and the list and timeline drawn. Returns
 * the page, its CDP session and the time to draw (ms). Shared with panel-trace.ts, which passes
 * its own page (already traced).
 */
export async function openViewer(browser: Browser, url: string, file: string, rate: number, on?: { page: Page; cdp: CDPSession }): Promise<{ page: Page; cdp: CDPSession; drawnMs: number }> {
  const page = on?.page ?? await browser.newPage();
  const cdp = on?.cdp ?? await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(url);
  const input = await page.waitForSelector('[data-testid=file-input]');
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid=file-input]') as HTMLInputElement;
    el.addEventListener('change', () => {
      const w = window as unknown as { t0: number; benchFile: File | undefined };
      w.t0 = performance.now();
      w.benchFile = el.files?.[0]; // the viewer clears the input once it has read the file
    }, { capture: true });
  });
  await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
  const drawnMs = await page.waitForFunction(
    () => document.querySelector('[data-testid=request-row]') && document.querySelector('[data-testid=timeline] rect') && performance.now() - (window as unknown as { t0: number }).t0,
    { timeout: 240_000, polling: 'raf' },
  ).then((h) => h.jsonValue() as Promise<number>);
  return { page, cdp, drawnMs };
}

/** The page-side scripts, for panel-trace.ts: scroll or pan 120 frames; p95 ms. */
export const framesScript = (action: 'scroll' | 'pan') =>
  action === 'scroll' ? `${FRAMES}('[data-testid=request-list]', 'scroll')` : `${FRAMES}('[data-testid=timeline]', 'pan')`;

async function pass(browser: Browser, url: string, file: string, rate: number, repeats: number): Promise<PanelPass> {
  const { page, cdp, drawnMs } = await openViewer(browser, url, file, rate);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    // Each frame series is repeated (others share the machine's two cores): the median of the p95s.
    const scroll: number[] = [];
    const pan: number[] = [];
    for (let i = 0; i < repeats; i++) {
      scroll.push((await page.evaluate(framesScript('scroll'))) as number);
      pan.push((await page.evaluate(framesScript('pan'))) as number);
    }
    const [liveP50Ms, liveP95Ms] = String(await page.evaluate(`${LIVE}(20)`)).split(' ').map(Number);
    const loadFloorMs = (await page.evaluate(LOAD_FLOOR)) as number;
    return { drawnMs, heapMB: heap.usedSize / 1024 / 1024, scrollP95Ms: median(scroll), panP95Ms: median(pan), liveP50Ms: liveP50Ms as number, liveP95Ms: liveP95Ms as number, loadFloorMs };
  } finally {
    await page.close();
  }
}

/** The median of each figure over several passes. */
function medianPass(passes: PanelPass[]): PanelPass {
  const m = (k: keyof PanelPass) => median(passes.map((p) => p[k]));
  return { drawnMs: m('drawnMs'), heapMB: m('heapMB'), scrollP95Ms: m('scrollP95Ms'), panP95Ms: m('panP95Ms'), liveP50Ms: m('liveP50Ms'), liveP95Ms: m('liveP95Ms'), loadFloorMs: m('loadFloorMs') };
}

/** A generated HAR of `events` entries, the collector serving the viewer, and Chromium. */
export async function withViewer<T>(root: string, events: number, fn: (browser: Browser, url: string, file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mci-panel-bench-'));
  const collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH, headless: true, pipe: true, defaultViewport: { width: 1600, height: 1000 },
    args: CHROMIUM_ARGS,
  });
  try {
    await announceVersion(browser);
    const file = join(dir, 'bench.har');
    writeFileSync(file, harText(harEntries(events)));
    return await fn(browser, `http://localhost:${collector.port}/viewer.html?automation=1`, file);
  } finally {
    await browser.close();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every figure unthrottled and with the CPU throttled 2x (a QA laptop with many tabs open): each a
 * median of `runs` passes, each pass on a fresh page, the rates alternating.
 */
export async function panelBench(root: string, events: number, runs = 3) {
  return withViewer(root, events, async (browser, url, file) => {
    const at1: PanelPass[] = [];
    const at2: PanelPass[] = [];
    for (let i = 0; i < runs; i++) {
      at1.push(await pass(browser, url, file, 1, runs));
      at2.push(await pass(browser, url, file, 2, runs));
    }
    const a = medianPass(at1);
    const b = medianPass(at2);
    return {
      panelEvents: events, panelRuns: runs,
      panelDrawnMs: a.drawnMs, panelHeapMB: a.heapMB, panelScrollP95Ms: a.scrollP95Ms, panelPanP95Ms: a.panP95Ms, liveRowP50Ms: a.liveP50Ms, liveRowP95Ms: a.liveP95Ms,
      panelLoadFloorMs: a.loadFloorMs, panelLoadFloorMs2x: b.loadFloorMs,
      panelDrawnMs2x: b.drawnMs, panelScrollP95Ms2x: b.scrollP95Ms, panelPanP95Ms2x: b.panP95Ms, liveRowP50Ms2x: b.liveP50Ms, liveRowP95Ms2x: b.liveP95Ms,
    };
  });
}
