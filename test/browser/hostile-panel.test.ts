/**
 * A selection of the hostile corpus opened in the panel's UI (the viewer page, same components)
 * in headless Chromium: each ends in rows or a clear notice, within bounded time; the page stays
 * responsive; long values are shortened on screen, never in the data; no captured markup runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { CORPUS } from '../hostile/corpus.ts';
import { launchChromium } from './chromium.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mci-hostile-panel-'));
let collector: Collector;
let browser: Browser;

const SELECTION = [
  'body-20mb-json-string-param', 'body-20mb-not-json', 'deep-body-object-on-every-endpoint', 'deep-event-type-value',
  'sessions-10000', 'strings-1mb', 'markup-in-every-string', 'lone-surrogates-raw', 'entries-missing-every-optional-field',
];

before(async () => {
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const name of SELECTION) {
  test(`the viewer survives ${name}`, async () => {
    const c = CORPUS.find((x) => x.name === name);
    assert.ok(c, `no corpus case ${name}`);
    const input = c.build();
    const file = join(dir, c.fileName);
    writeFileSync(file, input.bytes ?? input.text ?? '');
    const page = await browser.newPage();
    try {
      await page.goto(`http://localhost:${collector.port}/viewer.html?automation=1`);
      await page.evaluate(`window.__pwned = undefined`);
      const t0 = Date.now();
      const picker = await page.waitForSelector('[data-testid=file-input]');
      await (picker as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(file);
      // Rows for a readable recording, a notice for a refused one.
      await page.waitForFunction(
        `document.querySelector('[data-testid=request-row]') || /could not|not a HAR|not valid|truncated|empty/.test((document.querySelector('[data-testid=notice]') || {}).textContent || '')`,
        { timeout: 60_000 },
      );
      const loadedMs = Date.now() - t0;
      assert.ok(loadedMs < 45_000, `loaded in ${loadedMs} ms`);
      const state = (await page.evaluate(`({
        rows: document.querySelectorAll('[data-testid=request-row]').length,
        notice: (document.querySelector('[data-testid=notice]') || {}).textContent || '',
        crashed: document.querySelectorAll('[data-testid^=crash-]').length,
        pwned: window.__pwned === undefined ? null : window.__pwned,
        imgs: document.querySelectorAll('#root img').length,
        scripts: document.querySelectorAll('#root script').length,
      })`)) as { rows: number; notice: string; crashed: number; pwned: unknown; imgs: number; scripts: number };
      assert.equal(state.crashed, 0, 'no part of the UI failed to draw');
      assert.equal(state.pwned, null);
      assert.equal(state.imgs + state.scripts, 0);
      if (c.outcome.kind === 'analysed') assert.ok(state.rows > 0, `rows for ${name}; notice: ${state.notice}`);
      if (state.rows > 0) {
        // Select the first request and open every tab: each answers within bounded time.
        const t1 = Date.now();
        await page.click('[data-testid=request-row]');
        for (const tab of ['Findings', 'Body', 'Raw', 'Response']) {
          await (await page.waitForSelector(`[data-testid=tab-${tab}]`, { timeout: 10_000 }))?.click();
          await page.waitForSelector(`[data-testid=details-${tab}]`, { timeout: 10_000 });
        }
        assert.ok(Date.now() - t1 < 15_000, `details took ${Date.now() - t1} ms`);
        const shown = (await page.evaluate(`(document.querySelector('[data-testid=details-Raw]') || {}).textContent || ''`)) as string;
        assert.ok(shown.length < 150_000, `the raw body is shortened on screen (${shown.length} characters shown)`);
      }
      // Still responsive: a trivial evaluation comes back at once.
      const t2 = Date.now();
      await page.evaluate('1 + 1');
      assert.ok(Date.now() - t2 < 2000);
    } finally {
      await page.close();
    }
  });
}
