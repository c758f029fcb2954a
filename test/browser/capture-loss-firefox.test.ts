/**
 * The capture's loss at navigations in Firefox ESR (capture-loss.ts), without and with "Capture
 * without loss": without it, what Firefox's DevTools loses is named a capture gap (never a failed
 * call); with it, nothing is lost over 50 navigations. Both rates are printed (README, Known limits).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { captureWithoutLossFor, openPanelInFirefox, type FirefoxPanel } from './devtools-firefox.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { startLossPage, type LossPageServer } from './loss-page.ts';
import { describeLoss, describeRounds, listCalls, measureLoss, type LossDriver } from './capture-loss.ts';

const root = join(import.meta.dirname, '..', '..');
const ROUNDS = 50;
let collector: Collector;
let loss: LossPageServer;
let p: FirefoxPanel;

before(async () => {
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  loss = await startLossPage();
  p = await openPanelInFirefox(join(root, 'dist', 'firefox'), `http://localhost:${loss.port}/loss?rounds=0`);
});
after(async () => {
  await p?.close();
  await loss?.close();
  await collector?.close();
});

const driver = (): LossDriver => ({
  browser: p.version, page: p.page,
  clear: () => p.inPanel<boolean>('(() => { content.document.querySelector("[data-testid=clear]").click(); return true; })()'),
  read: () => p.inPanel<PanelView>(READ_PANEL, 120_000),
  status: () => p.inPanel<string>('content.document.querySelector("[data-testid=statusbar]").textContent'),
});

test(`Firefox, DevTools network API alone: ${ROUNDS} navigations; what the capture lost is a capture gap, never a failed call`, async () => {
  const r = await measureLoss(driver(), loss.url(ROUNDS, `http://127.0.0.1:${collector.port}`), ROUNDS);
  console.log(describeLoss(p.version, 'DevTools network API alone', r));
  assert.ok(r.answered.length >= ROUNDS * 7, `the page made its calls (${r.answered.length})`);
  assert.deepEqual(r.failedRows.map((row) => `#${row.exchange} ${row.event}`), [], 'no answered call reads as http.failed');
  assert.deepEqual(r.unexplained, [], `every session shown in part names the capture gap:\n${describeRounds(r, r.unexplained)}`);
});

test(`Firefox with "Capture without loss": ${ROUNDS} navigations, every answered call in the panel with its answer`, async () => {
  // The collector stands for a first-party endpoint: its host is allowed as a custom endpoint's.
  await captureWithoutLossFor(p, [`http://127.0.0.1:${collector.port}/api/v1`]);
  const r = await measureLoss(driver(), loss.url(ROUNDS, `http://127.0.0.1:${collector.port}`), ROUNDS);
  console.log(describeLoss(p.version, 'with Capture without loss', r));
  assert.ok(r.answered.length >= ROUNDS * 7, `the page made its calls (${r.answered.length})`);
  assert.equal(listCalls(r.lost), '', 'no call lost');
  assert.equal(listCalls(r.misread), '', 'no call shown without its reply');
  assert.equal(r.gapRows.length, 0, 'no capture gap');
});
