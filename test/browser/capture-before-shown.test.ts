/**
 * Capture starts when DevTools opens, not when the panel is first shown: the devtools page
 * listens from the start. Here a whole scenario runs with DevTools open on another tool; the
 * panel, shown afterwards, has every request of it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, sleep, type ChromiumPanel } from './devtools-chromium.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { assertClean } from './panel-assertions.ts';

const root = join(import.meta.dirname, '..', '..');
let collector: Collector;
let p: ChromiumPanel;
let hiddenWhileRunning = false;

before(async () => {
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  p = await openPanelInChromium(join(root, 'dist', 'chrome'), 'about:blank', {
    beforeShown: async (page, devtools) => {
      await sleep(500); // the devtools page has loaded its script
      await page.goto(`http://localhost:${collector.port}/?scenario=clean`);
      await page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
      hiddenWhileRunning = !devtools.frames().some((f) => f.url().includes('/panel.html'));
    },
  });
});
after(async () => {
  await p?.close();
  await collector?.close();
});

test('a scenario run before the panel is first shown is all there once it is', async () => {
  assert.ok(hiddenWhileRunning, 'the panel was not open while the scenario ran');
  let view: PanelView | null = null;
  for (let i = 0; i < 40; i++) {
    view = (await p.panel.evaluate(READ_PANEL)) as PanelView;
    if (view.rows.length >= 48) break;
    await sleep(250);
  }
  const received = collector.store.list().reduce((n, s) => n + s.events.length, 0);
  assert.equal(view?.rows.length, received, 'one row per call the collector received');
  assertClean(view as PanelView);
});
