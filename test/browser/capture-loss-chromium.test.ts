/**
 * The capture's loss rate at navigations in Chromium (capture-loss.ts): the loss page navigates
 * 50 times right after its last reply; every call it got an answer to must be in the panel with
 * that answer. The rate is printed (README, Known limits).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, type ChromiumPanel } from './devtools-chromium.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { startLossPage, type LossPageServer } from './loss-page.ts';
import { describeLoss, listCalls, measureLoss } from './capture-loss.ts';

const root = join(import.meta.dirname, '..', '..');
let collector: Collector;
let loss: LossPageServer;
let p: ChromiumPanel;

before(async () => {
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  loss = await startLossPage();
  p = await openPanelInChromium(join(root, 'dist', 'chrome'), `http://localhost:${loss.port}/loss?rounds=0`);
});
after(async () => {
  await p?.close();
  await loss?.close();
  await collector?.close();
});

test('Chromium: 50 navigations right after the last reply: every answered call is in the panel with its answer', async () => {
  const version = (await p.browser.version()).replace(/^HeadlessChrome\//, 'Chromium ').replace(/^Chrome\//, 'Chromium ');
  const r = await measureLoss({
    browser: version, page: p.page,
    clear: () => p.panel.click('[data-testid=clear]'),
    read: async () => (await p.panel.evaluate(READ_PANEL)) as PanelView,
    status: () => p.panel.evaluate(() => document.querySelector('[data-testid=statusbar]')?.textContent ?? ''),
  }, loss.url(50, `http://127.0.0.1:${collector.port}`), 50);
  console.log(describeLoss(version, 'DevTools network API', r));
  assert.ok(r.answered.length >= 50 * 7, `the page made its calls (${r.answered.length})`);
  assert.deepEqual(listCalls(r.lost), '', 'no call lost');
  assert.deepEqual(listCalls(r.misread), '', 'no call shown without its reply');
});
