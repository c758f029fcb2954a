/**
 * The set-up the panel's component tests share: a happy-dom document (test/ui/dom.ts) for the
 * file, stores filled from HAR entries or fixtures, an in-memory host, `show(store)` mounting
 * <App> (unmounted again after each test), `run(change)` flushing the renders a change causes,
 * and small query helpers.
 *
 *   setUpPanelDom();            // once, at the top level of a test file
 *   const c = await show(storeWith([fixture('vod-clean.har')]));
 *   await click(one(c, '[data-testid=tab-Body]'));
 *
 * What one file alone needs (a host that records, a fake ResizeObserver, a stubbed width, its own
 * events) stays in that file.
 */
import { after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { readHar } from '../../src/core/har/read-har.ts';
import type { Exchange } from '../../src/core/exchange.ts';
import type { Settings } from '../../src/core/session/settings.ts';
import { App } from '../../src/ui/components/App.tsx';
import type { PanelHost } from '../../src/ui/host.ts';
import { PanelStore, type Theme } from '../../src/ui/store/panel-store.ts';
import { toExchanges } from '../helpers/session-scenarios.ts';
import { installDom, mount, type Dom } from './dom.ts';

/* Stores ------------------------------------------------------------------------------------- */

/** An exchange as a store takes it (the store numbers it). */
export type NewExchange = Omit<Exchange, 'index'>;

export function withoutIndex(list: readonly Exchange[]): NewExchange[] {
  return list.map(({ index: _index, ...rest }) => rest);
}

/** A HAR file of test/fixtures, as the store would be handed its requests. */
export function fixture(name: string): NewExchange[] {
  return withoutIndex(readHar(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'), name).exchanges);
}

/** HAR entries (test/helpers builders) as the store would be handed them. */
export function calls(entries: readonly unknown[]): NewExchange[] {
  return withoutIndex(toExchanges(entries));
}

/** A store holding these lists of requests, one after the other. */
export function storeWith(lists: NewExchange[][], options: { theme?: Theme } = {}): PanelStore {
  const store = new PanelStore(options);
  for (const list of lists) for (const ex of list) store.addExchange(ex);
  return store;
}

/** A store holding these HAR entries. */
export function storeOf(entries: readonly unknown[]): PanelStore {
  return storeWith([calls(entries)]);
}

/* Hosts -------------------------------------------------------------------------------------- */

/** A host that does nothing: copies succeed, settings and downloads go nowhere. */
export const quietHost: PanelHost = { kind: 'devtools', copy: async () => true, saveSettings: () => {}, download: () => {} };

export interface TestHost {
  host: PanelHost;
  copied: string[];
  saved: Settings[];
  downloads: { fileName: string; mime: string; text: string }[];
}

/** A host that keeps what the panel copies, saves and downloads. */
export function makeHost(kind: PanelHost['kind'] = 'devtools', copyWorks = true): TestHost {
  const copied: string[] = [];
  const saved: Settings[] = [];
  const downloads: TestHost['downloads'] = [];
  return {
    copied, saved, downloads,
    host: {
      kind,
      copy: async (t) => { copied.push(t); return copyWorks; },
      saveSettings: (s) => { saved.push(s); },
      download: (fileName, mime, text) => { downloads.push({ fileName, mime, text }); },
    },
  };
}

/* The document ------------------------------------------------------------------------------- */

/** The happy-dom document of the running test file, from setUpPanelDom's `before` on. */
export let dom: Dom;
let container: HTMLElement | null = null;

export interface DomSetUp {
  /** Runs right after the document is installed (a file's own stubs). */
  afterInstall?(dom: Dom): void;
  /** Runs right before the document is closed (undoing those stubs). */
  beforeClose?(dom: Dom): void;
}

/**
 * Installs the document before the file's tests, unmounts what a test showed after it, and
 * closes the document after the file. Call once, at the top level of a test file.
 */
export function setUpPanelDom(extra: DomSetUp = {}): void {
  before(() => {
    dom = installDom();
    extra.afterInstall?.(dom);
  });

  afterEach(async () => {
    if (container) {
      const c = container;
      await act(() => { render(null, c); });
      c.remove();
      container = null;
    }
  });

  after(async () => {
    extra.beforeClose?.(dom);
    await dom.close();
  });
}

/** Renders this into a new container in the document; the next afterEach unmounts and removes it. */
export async function showNode(node: ComponentChild): Promise<HTMLElement> {
  const c = mount(dom);
  container = c;
  await act(() => { render(node, c); });
  return c;
}

/** The whole panel for this store. */
export function show(store: PanelStore, host: PanelHost = quietHost): Promise<HTMLElement> {
  return showNode(<App store={store} host={host} />);
}

/** Runs a change (store call or DOM event) and flushes the renders and effects it causes. */
export async function run(change: () => unknown): Promise<void> {
  await act(async () => { await change(); });
}

export function click(el: Element, init: { clientX?: number; clientY?: number; ctrlKey?: boolean; metaKey?: boolean } = {}): Promise<void> {
  return run(() => el.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true, cancelable: true, ...init }) as unknown as Event));
}

export async function waitUntil(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) assert.fail('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/* Queries ------------------------------------------------------------------------------------ */

export function all(root: ParentNode, selector: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(selector)];
}

export function one(root: ParentNode, selector: string): HTMLElement {
  const el = root.querySelector<HTMLElement>(selector);
  assert.ok(el, `no element matches ${selector}`);
  return el;
}

/** The text of an element, white space folded. */
export function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function rowsShown(root: ParentNode): HTMLElement[] {
  return all(root, '[data-testid=request-row]');
}
