/**
 * The capture's loss at navigations in Chromium (capture-loss.ts), without and with "Capture
 * without loss": the loss page navigates 50 times right after its last reply. Without it,
 * Chromium's DevTools network API loses a few calls (named capture gaps, never failed calls); with
 * it, none. Both rates are printed (README, Known limits).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, withCaptureGranted, type ChromiumPanel } from './devtools-chromium.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { startLossPage, type LossPageServer } from './loss-page.ts';
import { describeLoss, describeRounds, listCalls, measureLoss } from './capture-loss.ts';

const root = join(import.meta.dirname, '..', '..');
const ROUNDS = 50;
let collector: Collector | null = null;
let loss: LossPageServer | null = null;

after(async () => {
  await loss?.close();
  await collector?.close();
});

async function run(extensionDir: string, mode: string) {
  collector ??= await startCollector({ demoDir: join(root, 'dist', 'demo') });
  loss ??= await startLossPage();
  const c = collector;
  const l = loss;
  const p: ChromiumPanel = await openPanelInChromium(extensionDir, `http://localhost:${l.port}/loss?rounds=0`);
  try {
    const version = (await p.browser.version()).replace(/^HeadlessChrome\//, 'Chromium ').replace(/^Chrome\//, 'Chromium ');
    const r = await measureLoss({
      browser: version, page: p.page,
      clear: () => p.panel.click('[data-testid=clear]'),
      read: async () => (await p.panel.evaluate(READ_PANEL)) as PanelView,
      status: () => p.panel.evaluate(() => document.querySelector('[data-testid=statusbar]')?.textContent ?? ''),
    }, l.url(ROUNDS, `http://127.0.0.1:${c.port}`), ROUNDS);
    console.log(describeLoss(version, mode, r));
    assert.ok(r.answered.length >= ROUNDS * 7, `the page made its calls (${r.answered.length})`);
    return r;
  } finally {
    await p.close();
  }
}

test(`Chromium, DevTools network API alone: ${ROUNDS} navigations; what the capture lost is a capture gap, never a failed call`, async () => {
  const r = await run(join(root, 'dist', 'chrome'), 'DevTools network API alone');
  assert.deepEqual(r.failedRows.map((row) => `#${row.exchange} ${row.event}`), [], 'no answered call reads as http.failed');
  assert.deepEqual(r.unexplained, [], `every session shown in part names the capture gap:\n${describeRounds(r, r.unexplained)}`);
});

test(`Chromium with "Capture without loss": ${ROUNDS} navigations, every answered call in the panel with its answer`, async () => {
  const r = await run(withCaptureGranted(join(root, 'dist', 'chrome')), 'with Capture without loss');
  assert.equal(listCalls(r.lost), '', 'no call lost');
  assert.equal(listCalls(r.misread), '', 'no call shown without its reply');
  assert.equal(r.gapRows.length, 0, 'no capture gap');
});
