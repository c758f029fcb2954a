/** The panel as a QA engineer uses it, in headless Firefox ESR (checks in panel-habits.ts). */
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { captureWithoutLossFor, openPanelInFirefox, waitForPageState, type FirefoxPanel } from './devtools-firefox.ts';
import { READ_PANEL, type PanelView } from './panel-dom.ts';
import { runScenario } from './scenario-view.ts';
import { panelEdge, panelEdgeRecordings, panelHabits, type HabitsDriver } from './panel-habits.ts';
import { panelList } from './panel-list.ts';
import { panelTimeline } from './panel-timeline.ts';
import { panelLayout } from './panel-layout.ts';
import { panelSelection } from './panel-selection.ts';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'test-output');
let collector: Collector;
let p: FirefoxPanel;
let driver: HabitsDriver;

before(async () => {
  mkdirSync(out, { recursive: true });
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  p = await openPanelInFirefox(join(root, 'dist', 'firefox'), `http://localhost:${collector.port}/`);
  // Firefox's DevTools network API loses calls (in bursts, and at navigations: README, Known
  // limits); with "Capture without loss" none is, so no scenario needs running again.
  await captureWithoutLossFor(p, [`http://127.0.0.1:${collector.port}/api/v1`]);
  const load = async (name: string, protocol = 'collection') => {
    await p.page.goto(`http://localhost:${collector.port}/?protocol=${protocol}`);
    await waitForPageState(p.page, 'ready');
    await new Promise((r) => setTimeout(r, 500));
    await p.page.click(`button[data-scenario="${name}"]`);
    await waitForPageState(p.page, 'done');
  };
  driver = {
    browser: 'firefox',
    inPanel: (source) => p.inPanel(source),
    // scenario() starts from a cleared panel; play() adds to it. Scenarios start from their button once the page
    // has settled: Firefox's DevTools loses calls made right after a navigation (README, Known limits).
    scenario: (name, minRows) => runScenario({
      collector,
      clear: () => p.inPanel<boolean>('(() => { content.document.querySelector("[data-testid=clear]").click(); return true; })()'),
      load: () => load(name),
      read: () => p.inPanel<PanelView>(READ_PANEL),
      browserLog: () => p.networkLogBodies(),
    }, name, minRows),
    play: (name, protocol) => load(name, protocol),
    resize: (width, height) => p.resize(width, height),
    screenshot: (name) => p.screenshot(join(out, `${name}.png`)),
  };
});
after(async () => {
  await p?.close();
  await collector?.close();
});

panelHabits(() => driver);
panelLayout(() => driver);
panelTimeline(() => driver);
panelList(() => driver);
panelSelection(() => driver);
panelEdge(() => driver);
panelEdgeRecordings(() => driver);
