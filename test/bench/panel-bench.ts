/**
 * The panel's UI in headless Chromium: the viewer (the same UI as the DevTools panel) opens a
 * generated HAR of `events` entries. Measured: time from choosing the file to the list and the
 * timeline drawn, JS heap after load, frame times (p95) while scrolling the list and panning the
 * timeline, and the latency from a new exchange to its row on screen (see FRAMES for how a frame
 * is timed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startCollector } from '../../src/collector/server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium.ts';
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

const LIVE = `(async (count) => {
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

export async function panelBench(root: string, events: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mci-panel-bench-'));
  const collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH, headless: true, pipe: true, defaultViewport: { width: 1600, height: 1000 },
    args: CHROMIUM_ARGS,
  });
  try {
    const file = join(dir, 'bench.har');
    writeFileSync(file, harText(harEntries(events)));
    const page = await browser.newPage();
    await page.goto(`http://localhost:${collector.port}/viewer.html?automation=1`);
    const input = await page.waitForSelector('[data-testid=file-input]');
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid=file-input]') as HTMLInputElement;
      el.addEventListener('change', () => { (window as unknown as { t0: number }).t0 = performance.now(); }, { capture: true });
    });
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
    const drawnMs = await page.waitForFunction(
      () => document.querySelector('[data-testid=request-row]') && document.querySelector('[data-testid=timeline] rect') && performance.now() - (window as unknown as { t0: number }).t0,
      { timeout: 120_000, polling: 'raf' },
    ).then((h) => h.jsonValue() as Promise<number>);
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const scrollP95Ms = (await page.evaluate(`${FRAMES}('[data-testid=request-list]', 'scroll')`)) as number;
    const panP95Ms = (await page.evaluate(`${FRAMES}('[data-testid=timeline]', 'pan')`)) as number;
    const [liveP50Ms, liveP95Ms] = String(await page.evaluate(`${LIVE}(20)`)).split(' ').map(Number);
    return { panelEvents: events, panelDrawnMs: drawnMs, panelHeapMB: heap.usedSize / 1024 / 1024, panelScrollP95Ms: scrollP95Ms, panelPanP95Ms: panP95Ms, liveRowP50Ms: liveP50Ms as number, liveRowP95Ms: liveP95Ms as number };
  } finally {
    await browser.close();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
