/**
 * What the devtools page must do in every browser version our manifests admit, run against a
 * FakeDevtools of one API shape (each shape's test file runs in a process of its own, so the
 * extension's modules, webextension-polyfill among them, see only that shape's globals).
 * Imports the real entry point, extension/devtools.tsx, as the browser loads it.
 */
import { after, before, test } from 'node:test';
import { render } from 'preact';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import 'fake-indexeddb/auto';
import { installDom, mount, type Dom } from '../ui/dom.ts';
import { eventEntry, ev, SID, T0 } from '../helpers/har-builder.ts';
import { FakeDevtools, type ApiShape } from './fake-devtools.ts';
import type { DevtoolsPage } from '../../extension/devtools-page.tsx';

type Entry = Record<string, unknown>;

const clean = (JSON.parse(readFileSync(new URL('../fixtures/vod-clean.har', import.meta.url), 'utf8')) as { log: { entries: Entry[] } }).log.entries;
const NOT_FOUND = '{"message":"session not found"}';

async function waitFor(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function devtoolsPageContract(shape: ApiShape): void {
  const fake = new FakeDevtools(shape);
  const form = shape === 'chrome-callbacks' ? 'callback' : 'promise';
  // One panel window for the file: the pages started here live on, as they would in DevTools.
  let dom: Dom;
  const roots: HTMLElement[] = [];
  before(() => {
    dom = installDom();
  });
  after(async () => {
    for (const root of roots) render(null, root);
    await new Promise((r) => setTimeout(r, 100));
    await dom.close();
  });

  test(`${shape}: start-up creates the panel, back-fills through getHAR, reads reply bodies through getContent, follows navigations, keeps the capture`, async () => {
    {
      fake.install();
      fake.stored.set('settings', { pingToleranceMs: 3500 });
      // Ten calls made before DevTools' page started: only getHAR() knows them.
      fake.log = clean.slice(0, 10).map((e) => structuredClone(e));

      const { page } = await import('../../extension/devtools.tsx') as { page: DevtoolsPage };
      await page.panel;
      assert.deepEqual(fake.panels.map((p) => [p.title, p.icon, p.page]), [['Media Collection', 'icons/panel.svg', 'panel.html']]);
      assert.equal(page.store.get().theme, 'dark', 'themeName read');

      await page.captured;
      assert.equal(page.store.allExchanges().length, 10, 'the back-fill took every call in the log');
      assert.equal(page.store.get().settings.pingToleranceMs, 3500, 'saved settings applied');

      // The rest of the session arrives live, with a 404 whose body only getContent gives.
      for (const e of clean.slice(10)) fake.finish(e);
      fake.finish(eventEntry(SID, ev('ping', 200, T0 + 500_000), { at: 500_000, status: 404, responseBody: NOT_FOUND }));
      await waitFor(() => page.store.allExchanges().length === clean.length + 1, 'every live request');
      const lost = page.store.allExchanges().find((x) => x.status === 404);
      assert.equal(lost?.responseBody, NOT_FOUND, 'reply body read through getContent');
      assert.ok(page.store.analysis().findings.some((f) => f.code === 'http.session-not-found'), 'the 404 is a finding');

      // The user opens the panel: the UI renders the capture into the panel's window.
      const root = mount(dom);
      roots.push(root);
      fake.showPanel(dom.window);
      await waitFor(() => root.querySelectorAll('[data-testid=request-row]').length > 0, 'request rows in the panel');
      assert.ok(root.querySelector('[data-testid=app]'), 'the app rendered in the panel window');

      // The inspected page navigates: marked, nothing dropped (Preserve log is on by default).
      fake.navigate('http://player.example/next');
      await waitFor(() => page.store.get().navigations.length === 1, 'the navigation');
      assert.equal(page.store.get().navigations[0]?.url, 'http://player.example/next');
      assert.equal(page.store.allExchanges().length, clean.length + 1);

      // DevTools closed and opened again: the capture comes back from the extension's storage.
      await new Promise((r) => setTimeout(r, 400)); // persistence writes in batches (300 ms)
      fake.reopen();
      const { startDevtoolsPage } = await import('../../extension/devtools-page.tsx');
      const { createDevtoolsApi } = await import('../../extension/api/devtools-api.ts');
      const again = startDevtoolsPage(createDevtoolsApi());
      await again.panel;
      await again.captured;
      await waitFor(() => again.store.allExchanges().length === clean.length + 1, 'the restored capture');
      assert.equal(again.store.get().navigations.length, 1, 'navigation marks restored');

      // The tab's id is reused by another site (tab ids start again after a browser restart): the
      // capture belongs to its page as well as its tab, and does not come back there.
      fake.reopen();
      fake.pageUrl = 'http://elsewhere.example/';
      const elsewhere = startDevtoolsPage(createDevtoolsApi());
      await elsewhere.panel;
      await elsewhere.captured;
      assert.equal(elsewhere.store.allExchanges().length, 0, 'another site\'s capture is not restored');
      assert.ok(fake.calls.some((c) => c.startsWith('inspectedWindow.eval(')), 'the page\'s origin was asked');

      // Every asynchronous call was made in the form this shape answers, none lost.
      assert.deepEqual(fake.lost, [], 'no call made in a form this browser cannot answer');
      for (const name of ['panels.create', 'getHAR', 'getContent', 'storage.get']) {
        assert.ok(fake.calls.includes(`${name}(${form})`), `${name} called in its ${form} form (calls: ${fake.calls.join(', ')})`);
      }
    }
  });

  test(`${shape}: settings saved from the panel reach storage, the viewer opens at the extension's address`, async () => {
    {
      const { startDevtoolsPage } = await import('../../extension/devtools-page.tsx');
      const { createDevtoolsApi } = await import('../../extension/api/devtools-api.ts');
      // DevTools reopened: the earlier panel document is gone.
      for (const old of roots.splice(0)) {
        render(null, old);
        old.remove();
      }
      fake.reopen();
      const page = startDevtoolsPage(createDevtoolsApi());
      await page.panel;
      const opened: string[] = [];
      (dom.window as unknown as { open: (url: string) => void }).open = (url: string) => void opened.push(url);
      const root = mount(dom);
      roots.push(root);
      fake.showPanel(dom.window);
      await waitFor(() => !!root.querySelector('[data-testid=open-viewer]'), 'the toolbar');
      (root.querySelector('[data-testid=open-viewer]') as HTMLElement).click();
      assert.deepEqual(opened, [`${shape === 'chrome-callbacks' ? 'chrome' : 'moz'}-extension://mciextensionidfortests/viewer.html`]);

      (root.querySelector('[data-testid=settings-button]') as HTMLElement).click();
      await waitFor(() => !!root.querySelector('[data-testid=setting-ad-ping]'), 'the settings dialog');
      const select = root.querySelector('[data-testid=setting-ad-ping]') as HTMLSelectElement;
      select.value = '10';
      select.dispatchEvent(new dom.window.Event('change', { bubbles: true }) as unknown as Event);
      await waitFor(() => (fake.stored.get('settings') as { adPingCadence?: string } | undefined)?.adPingCadence === '10', 'the setting in storage');
      assert.ok(fake.calls.includes(`storage.set(${form})`), 'storage.set called in its ' + form + ' form');
      assert.deepEqual(fake.lost, []);
    }
  });
}
