/** The panel as a QA engineer uses it, in headless Chromium (checks in panel-habits.ts). */
import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { openPanelInChromium, type ChromiumPanel } from './devtools-chromium.ts';
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
let p: ChromiumPanel;
let driver: HabitsDriver;

before(async () => {
  mkdirSync(out, { recursive: true });
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  p = await openPanelInChromium(join(root, 'dist', 'chrome'), `http://localhost:${collector.port}/`);
  const load = async (url: string) => {
    await p.page.goto(url);
    await p.page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
  };
  driver = {
    browser: 'chromium',
    inPanel: async <T>(source: string) => (await p.panel.evaluate(`((content) => (${source}))(window)`)) as T,
    // scenario() starts from a cleared panel; play() adds to it, as repros follow one another.
    scenario: (name, minRows) => runScenario({
      collector,
      clear: () => p.panel.click('[data-testid=clear]'),
      load,
      read: async () => (await p.panel.evaluate(READ_PANEL)) as PanelView,
    }, name, minRows),
    play: (name, protocol = 'collection') => load(`http://localhost:${collector.port}/?protocol=${protocol}&scenario=${name}`),
    resize: (width, height) => p.resize(width, height),
    screenshot: async (name) => void await p.devtools.screenshot({ path: join(out, `${name}.png`) }),
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
