/**
 * The real panel in headless Firefox ESR: the built extension installed as a temporary add-on,
 * the toolbox opened on the inspected tab, the panel selected, demo scenarios run, and what the
 * panel shows asserted (read from inside the panel's document).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { captureWithoutLossFor, openPanelInFirefox, waitForPageState, type FirefoxPanel } from './devtools-firefox.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { runScenario } from './scenario-view.ts';
import { assertAfterEnd, assertClean, assertLostSession, assertOrphanAd } from './panel-assertions.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'test-output');
let collector: Collector;
let p: FirefoxPanel;

const click = (selector: string) => p.inPanel<boolean>(`(() => {
  const el = content.document.querySelector(${JSON.stringify(selector)});
  if (!el) throw new Error('nothing matches ${selector.replace(/'/g, '')}');
  el.click();
  return true;
})()`);

before(async () => {
  mkdirSync(out, { recursive: true });
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  p = await openPanelInFirefox(join(root, 'dist', 'firefox'), `http://localhost:${collector.port}/`);
  // Firefox's DevTools network API loses calls (in bursts, and at navigations: README, Known
  // limits); with "Capture without loss" none is, so no scenario needs running again.
  await captureWithoutLossFor(p, [`http://127.0.0.1:${collector.port}/api/v1`]);
});
after(async () => {
  await p?.close();
  await collector?.close();
});

const scenario = (name: string, minRows: number): Promise<PanelView> => runScenario({
  collector,
  clear: () => click('[data-testid=clear]'),
  // Firefox's DevTools most often loses the calls a page makes in its first moments (its network
  // log is reset for the navigation while they are recorded): the scenario starts from its
  // button once the page has settled, not from the URL as it loads.
  load: async (url) => {
    const page = new URL(url);
    const name = page.searchParams.get('scenario') ?? '';
    page.searchParams.delete('scenario');
    await p.page.goto(page.href);
    await waitForPageState(p.page, 'ready');
    await new Promise((r) => setTimeout(r, 500));
    await p.page.click(`button[data-scenario="${name}"]`);
    await waitForPageState(p.page, 'done');
  },
  read: () => p.inPanel<PanelView>(READ_PANEL),
  browserLog: () => p.networkLogBodies(),
}, name, minRows);

test('Firefox: the panel is titled Media Collection and explains an empty capture', async () => {
  await click('[data-testid=clear]');
  const view = await p.inPanel<PanelView>(READ_PANEL);
  assert.equal(view.empty, true);
  assert.match(view.emptyText, /No Media Collection call captured yet/);
});

test('Firefox: clean scenario, one session in ts order, no error or warning', async () => {
  assertClean(await scenario('clean', 48));
});

test('Firefox: orphan-ad scenario, ad.orphan-start at the adStart', async () => {
  const view = await scenario('orphan-ad', 16);
  assertOrphanAd(view);
  const orphan = view.rows.find((r) => r.codes.includes('ad.orphan-start'));
  await click(`[data-testid=request-row][data-exchange="${orphan?.exchange}"]`);
  await new Promise((r) => setTimeout(r, 300));
  const shown = await p.inPanel<PanelView>(READ_PANEL);
  assert.ok(shown.findings.includes('ad.orphan-start'), 'the details list the finding with its code');
  await p.screenshot(join(out, 'panel-firefox.png'));
});

test('Firefox: lost-session scenario, http.session-not-found at the 404', async () => {
  assertLostSession(await scenario('lost-session', 9));
});

test('Firefox: after-end scenario, http.session-gone at the 410', async () => {
  assertAfterEnd(await scenario('after-end', 5));
});
