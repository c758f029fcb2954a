/**
 * A stand-in for what a browser gives an extension's devtools page, in the two API shapes our
 * manifests admit:
 * - 'chrome-callbacks': Chrome 120's contract. Only a `chrome` global (no `browser`), and every
 *   asynchronous call (getHAR, getContent, panels.create, storage) answers through its callback
 *   alone and returns undefined; called without a callback, its result is lost, as in Chrome.
 * - 'firefox-promises': Firefox's. A `browser` global whose asynchronous calls return promises,
 *   beside the `chrome` object Firefox also defines. It refuses a callback argument (thrown at
 *   once, as a schema check would): stricter than Firefox ESR 140 and 153, which call a callback
 *   too, so the page must not depend on that.
 * It records how each call was made, keeps DevTools' network log (what getHAR answers), and lets a
 * test finish requests, navigate, show the panel and close and reopen DevTools.
 */
export type ApiShape = 'chrome-callbacks' | 'firefox-promises';

type Fn = (...args: unknown[]) => void;
type HarEntry = Record<string, unknown>;

export interface CreatedPanel {
  title: string;
  icon: string;
  page: string;
  shownListeners: Fn[];
}

const EXTENSION_ID = 'mciextensionidfortests';

export class FakeDevtools {
  /** How each asynchronous call was made: "getHAR(callback)", "storage.get(promise)", … */
  readonly calls: string[] = [];
  /** Calls made in a form this shape cannot answer: their result was lost. */
  readonly lost: string[] = [];
  /** Calls this shape refused at once (a callback given to a promise API); the caller may try again. */
  readonly refused: string[] = [];
  readonly panels: CreatedPanel[] = [];
  /** DevTools' network log: what getHAR() reports. */
  log: HarEntry[] = [];
  readonly stored = new Map<string, unknown>();
  private finished: Fn[] = [];
  private navigated: Fn[] = [];
  private themeListeners: Fn[] = [];
  /** The inspected page: `inspectedWindow.eval('location.origin')` answers its origin. */
  pageUrl = 'http://player.example/';

  constructor(readonly shape: ApiShape, readonly tabId = 7, readonly themeName = 'dark') {}

  /** An asynchronous API function in this shape; `answer` computes the result(s). */
  private asyncFn(name: string, arity: number, answer: (...args: unknown[]) => unknown[]): Fn {
    if (this.shape === 'chrome-callbacks') {
      return (...args: unknown[]) => {
        const callback = args[arity];
        if (typeof callback !== 'function') {
          this.lost.push(`${name}() without a callback`);
          return undefined;
        }
        this.calls.push(`${name}(callback)`);
        const values = answer(...args.slice(0, arity));
        setTimeout(() => (callback as Fn)(...values), 1);
        return undefined;
      };
    }
    return ((...args: unknown[]) => {
      if (args.some((a) => typeof a === 'function')) {
        this.refused.push(`${name}() with a callback`);
        throw new TypeError(`Incorrect argument types for ${name}: a callback is not accepted`);
      }
      this.calls.push(`${name}(promise)`);
      const values = answer(...args);
      return new Promise((resolve) => setTimeout(() => resolve(values.length > 1 ? values : values[0]), 1));
    }) as Fn;
  }

  private namespace(): Record<string, unknown> {
    return {
      runtime: { id: EXTENSION_ID, lastError: undefined, getURL: (path: string) => `${this.shape === 'chrome-callbacks' ? 'chrome' : 'moz'}-extension://${EXTENSION_ID}/${path}` },
      storage: {
        local: {
          get: this.asyncFn('storage.get', 1, (key) => [this.stored.has(String(key)) ? { [String(key)]: structuredClone(this.stored.get(String(key))) } : {}]),
          set: this.asyncFn('storage.set', 1, (items) => {
            for (const [k, v] of Object.entries(items as Record<string, unknown>)) this.stored.set(k, structuredClone(v));
            return [];
          }),
        },
      },
      devtools: {
        inspectedWindow: {
          tabId: this.tabId,
          // Chrome answers (result, exceptionInfo); Firefox resolves to [result, exceptionInfo].
          eval: this.asyncFn('inspectedWindow.eval', 1, (expression) => {
            if (expression !== 'location.origin') return [undefined, { isException: true, value: `not evaluated here: ${String(expression)}` }];
            const origin = new URL(this.pageUrl).origin;
            return this.shape === 'chrome-callbacks' ? [origin, undefined] : [[origin, undefined]];
          }),
        },
        panels: {
          themeName: this.themeName,
          // Chrome has no onThemeChanged; Firefox does.
          ...(this.shape === 'firefox-promises' ? { onThemeChanged: { addListener: (l: Fn) => this.themeListeners.push(l) } } : {}),
          create: this.asyncFn('panels.create', 3, (title, icon, page) => {
            const panel: CreatedPanel = { title: String(title), icon: String(icon), page: String(page), shownListeners: [] };
            this.panels.push(panel);
            return [{ onShown: { addListener: (l: Fn) => panel.shownListeners.push(l) }, onHidden: { addListener: () => undefined } }];
          }),
        },
        network: {
          getHAR: this.asyncFn('getHAR', 0, () => [{ version: '1.2', entries: this.log.map((e) => structuredClone(e)) }]),
          onRequestFinished: { addListener: (l: Fn) => this.finished.push(l) },
          onNavigated: { addListener: (l: Fn) => this.navigated.push(l) },
        },
      },
    };
  }

  /** Sets the globals a devtools page of this shape sees. */
  install(): void {
    const g = globalThis as Record<string, unknown>;
    if (this.shape === 'chrome-callbacks') {
      g.chrome = this.namespace();
      delete g.browser;
    } else {
      g.browser = this.namespace();
      g.chrome = { runtime: { id: EXTENSION_ID } };
    }
  }

  /** DevTools reports a finished request: it joins the log, and its reply body is only to be had through getContent. */
  finish(entry: HarEntry): void {
    this.log.push(structuredClone(entry));
    const live = structuredClone(entry);
    const content = ((live.response ?? {}) as { content?: Record<string, unknown> }).content ?? {};
    const body = typeof content.text === 'string' ? content.text : '';
    delete content.text;
    // Chrome: (content, encoding); Firefox: [body, mimeType].
    live.getContent = this.asyncFn('getContent', 0, () => [body, this.shape === 'chrome-callbacks' ? '' : 'application/json']);
    for (const l of this.finished) l(live);
  }

  navigate(url: string): void {
    this.pageUrl = url;
    for (const l of this.navigated) l(url);
  }

  /** The user selects the panel: DevTools passes the panel's window to onShown. */
  showPanel(win: unknown): void {
    for (const p of this.panels) for (const l of p.shownListeners) l(win);
  }

  changeTheme(theme: string): void {
    for (const l of this.themeListeners) l(theme);
  }

  /** DevTools is closed and opened again: the page's listeners and panel are gone, its log is new; storage stays. */
  reopen(): void {
    this.finished = [];
    this.navigated = [];
    this.themeListeners = [];
    this.panels.length = 0;
    this.log = [];
  }
}
