/**
 * Everything the devtools page needs from the browser, behind one typed interface: the only code
 * that reads the extension namespace (`browser`, through webextension-polyfill, which is the
 * browser's own where it has one and a wrapper of `chrome` where not). Every asynchronous call
 * goes through settle(), so it works whether this browser version answers by callback or by
 * promise (see settle.ts); properties and events are the same in every version we support.
 */
import browser from 'webextension-polyfill';
import type { HarRequest, NetworkSource } from '../capture/capture.ts';
import { settle } from './settle.ts';

/** The panel DevTools created for us. */
export interface PanelHandle {
  onShown(listener: (win: Window) => void): void;
}

/** Key-value storage that outlives DevTools (browser.storage.local, the "storage" permission). */
export interface SettingsStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface DevtoolsApi {
  /** The inspected tab. */
  readonly tabId: number;
  /** DevTools' theme as it is now ('dark', 'light' or 'default'). */
  themeName(): string;
  /** Firefox tells when the DevTools theme changes; Chrome never calls this. */
  onThemeChanged(listener: (theme: string) => void): void;
  createPanel(title: string, icon: string, page: string): Promise<PanelHandle>;
  readonly network: NetworkSource;
  readonly storage: SettingsStorage;
  /** The address of one of the extension's own pages. */
  extensionUrl(path: string): string;
}

type Listener<A extends unknown[]> = (...args: A) => void;
interface BrowserEvent<A extends unknown[]> { addListener(listener: Listener<A>): void }

/** The parts of the namespace we use, typed loosely: their results are never trusted to be promises. */
interface Namespace {
  devtools: {
    inspectedWindow: { tabId: number };
    panels: {
      themeName?: string;
      onThemeChanged?: BrowserEvent<[string]>;
      create(title: string, icon: string, page: string, callback?: Listener<[unknown]>): unknown;
    };
    network: {
      getHAR(callback?: Listener<[unknown]>): unknown;
      onRequestFinished: BrowserEvent<[HarRequest]>;
      onNavigated: BrowserEvent<[string]>;
    };
  };
  storage: { local: { get(key: string, callback?: Listener<[unknown]>): unknown; set(items: Record<string, unknown>, callback?: Listener<[]>): unknown } };
  runtime: { getURL(path: string): string };
}

/** A panel object from either shape: its onShown event passes the panel's window. */
function panelHandle(panel: unknown): PanelHandle {
  const shown = (panel as { onShown?: BrowserEvent<[Window]> } | undefined)?.onShown;
  if (!shown) throw new Error('DevTools created the panel but gave no panel object');
  return { onShown: (listener) => shown.addListener(listener) };
}

export function createDevtoolsApi(ns: Namespace = browser as unknown as Namespace): DevtoolsApi {
  const { devtools } = ns;
  return {
    tabId: devtools.inspectedWindow.tabId,
    themeName: () => devtools.panels.themeName ?? 'default',
    onThemeChanged: (listener) => devtools.panels.onThemeChanged?.addListener(listener),
    createPanel: (title, icon, page) => settle<unknown>((...cb) => devtools.panels.create(title, icon, page, ...cb)).then(panelHandle),
    network: {
      onRequestFinished: (listener) => devtools.network.onRequestFinished.addListener(listener),
      onNavigated: (listener) => devtools.network.onNavigated.addListener(listener),
      getHAR: () => settle<{ entries?: HarRequest[] } | undefined>((...cb) => devtools.network.getHAR(...cb)).then((har) => har ?? {}),
    },
    storage: {
      get: (key) => settle<Record<string, unknown> | undefined>((...cb) => ns.storage.local.get(key, ...cb)).then((got) => got?.[key]),
      set: (key, value) => settle<void>((...cb) => ns.storage.local.set({ [key]: value }, ...(cb as [Listener<[]>] | []))),
    },
    extensionUrl: (path) => ns.runtime.getURL(path),
  };
}
