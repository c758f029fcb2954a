/**
 * Everything the devtools page needs from the browser, behind one typed interface: the only code
 * that reads the extension namespace (`browser`, through webextension-polyfill, which is the
 * browser's own where it has one and a wrapper of `chrome` where not). Every asynchronous call
 * goes through settle(), so it works whether this browser version answers by callback or by
 * promise (see settle.ts); properties and events are the same in every version we support.
 */
import browser from 'webextension-polyfill';
import type { HarRequest, NetworkSource } from '../capture/capture.ts';
import { CAPTURE_PORT, type ToBackground, type ToDevtools } from '../background/watched-tabs.ts';
import { CONSENT_KEY, type BrowserKind } from '../consent/capture-permissions.ts';
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

/** The port to the background's webRequest capture. */
export interface BackgroundPort {
  post(message: ToBackground): void;
  onMessage(listener: (message: ToDevtools) => void): void;
  onDisconnect(listener: () => void): void;
  disconnect(): void;
}

/** "Capture without loss", as the devtools page reaches it (it has no permissions API in Firefox). */
export interface WebCaptureApi {
  /** The user's consent, as the background and the consent page keep it in storage. */
  consent(): Promise<boolean>;
  onConsentChanged(listener: (granted: boolean) => void): void;
  connect(): BackgroundPort;
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
  /** The inspected page's origin now (`http://localhost:8080`), or null when it cannot be read. */
  inspectedOrigin(): Promise<string | null>;
  readonly browserKind: BrowserKind;
  /** Null where this browser (or a test's fake) offers no background to connect to. */
  readonly webCapture: WebCaptureApi | null;
}

type Listener<A extends unknown[]> = (...args: A) => void;
interface BrowserEvent<A extends unknown[]> { addListener(listener: Listener<A>): void }

/** The parts of the namespace we use, typed loosely: their results are never trusted to be promises. */
interface Namespace {
  devtools: {
    inspectedWindow: { tabId: number; eval?(expression: string, callback?: Listener<[unknown, unknown]>): unknown };
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
  storage: {
    local: { get(key: string, callback?: Listener<[unknown]>): unknown; set(items: Record<string, unknown>, callback?: Listener<[]>): unknown };
    onChanged?: BrowserEvent<[Record<string, { newValue?: unknown }>, string]>;
  };
  runtime: {
    getURL(path: string): string;
    getBrowserInfo?: unknown;
    connect?(info: { name: string }): RuntimePort;
  };
}

interface RuntimePort {
  postMessage(message: unknown): void;
  onMessage: BrowserEvent<[unknown]>;
  onDisconnect: BrowserEvent<[unknown]>;
  disconnect(): void;
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
    inspectedOrigin: () => {
      const evaluate = devtools.inspectedWindow.eval?.bind(devtools.inspectedWindow);
      if (!evaluate) return Promise.resolve(null);
      // Chrome answers (result, exceptionInfo) to the callback; Firefox's promise resolves to [result, exceptionInfo].
      return settle<unknown>((...cb) => evaluate('location.origin', ...(cb as [Listener<[unknown, unknown]>] | []))).then(
        (got) => {
          const value = Array.isArray(got) ? got[0] : got;
          return typeof value === 'string' && /^https?:\/\//.test(value) ? value : null;
        },
        () => null,
      );
    },
    // A devtools page has no runtime.getBrowserInfo in Firefox; its user agent says which browser it is.
    browserKind: /\bFirefox\//.test(globalThis.navigator?.userAgent ?? '') || typeof ns.runtime.getBrowserInfo === 'function' ? 'firefox' : 'chromium',
    webCapture: ns.runtime.connect && ns.storage.onChanged ? webCaptureApi(ns) : null,
  };
}

function webCaptureApi(ns: Namespace): WebCaptureApi {
  const storage = ns.storage;
  const connect = ns.runtime.connect?.bind(ns.runtime);
  return {
    consent: () => settle<Record<string, unknown> | undefined>((...cb) => storage.local.get(CONSENT_KEY, ...cb)).then((got) => got?.[CONSENT_KEY] === true, () => false),
    onConsentChanged: (listener) => storage.onChanged?.addListener((changes, area) => {
      if (area === 'local' && CONSENT_KEY in changes) listener(changes[CONSENT_KEY]?.newValue === true);
    }),
    connect: () => {
      if (!connect) throw new Error('no background to connect to');
      const port = connect({ name: CAPTURE_PORT });
      return {
        post: (message) => port.postMessage(message),
        onMessage: (listener) => port.onMessage.addListener((m) => listener(m as ToDevtools)),
        onDisconnect: (listener) => port.onDisconnect.addListener(() => listener()),
        disconnect: () => port.disconnect(),
      };
    },
  };
}
