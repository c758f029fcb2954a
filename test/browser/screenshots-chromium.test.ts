/**
 * The README's screenshots, taken from the real panel in Chromium: DevTools' light and dark themes,
 * at 1600 and 1000 px, on the demo's orphan-ad and after-end scenarios with the orphan adStart
 * selected. Saved in test-output/ (copied into test/screenshots/ for the README by hand). Each
 * shot also asserts what a tester must see in it: the orphan ad and the 410 on the timeline, and
 * the theme the panel follows.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, sleep } from './devtools-chromium.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'test-output');
let collector: Collector;

before(async () => {
  mkdirSync(out, { recursive: true });
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
});
after(async () => {
  await collector?.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots in DevTools' ${theme} theme at 1600 and 1000 px`, async () => {
    const p = await openPanelInChromium(join(root, 'dist', 'chrome'), `http://localhost:${collector.port}/`, { theme });
    try {
      for (const name of ['after-end', 'orphan-ad']) {
        await p.page.goto(`http://localhost:${collector.port}/?scenario=${name}`);
        await p.page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
      }
      await p.panel.waitForFunction(() => document.querySelectorAll('[data-testid=session]').length >= 2, { timeout: 10000 });
      assert.ok(await p.panel.$(`.app.theme-${theme}`), `the panel follows DevTools' ${theme} theme`);
      // The orphan ad's session, its first finding selected: what a tester looks at first. Its
      // calls may still be arriving: wait for the session to show its finding, then click it.
      await p.panel.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('[data-testid=session]')]
        .some((s) => s.querySelector('[data-testid=session-first-finding]')?.textContent === 'ad.orphan-start'), { timeout: 15000 });
      await p.panel.evaluate(() => {
        const session = [...document.querySelectorAll<HTMLElement>('[data-testid=session]')]
          .find((s) => s.querySelector('[data-testid=session-first-finding]')?.textContent === 'ad.orphan-start');
        session?.click();
      });
      await p.panel.waitForSelector('[data-testid=finding][data-code="ad.orphan-start"]', { timeout: 10000 });
      for (const width of [1600, 1000]) {
        await p.resize(width, 1000);
        await sleep(500);
        assert.ok(await p.panel.$('[data-testid=timeline] circle.fmark.error'), 'the orphan ad is marked on the timeline');
        await p.devtools.screenshot({ path: join(out, `panel-${theme}-${width}.png`) });
      }
    } finally {
      await p.close();
    }
  });
}
