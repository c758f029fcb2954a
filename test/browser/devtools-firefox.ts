/**
 * Opens the real "Media Collection" panel in headless Firefox ESR through WebDriver BiDi. The
 * toolbox calls (gDevTools from the DevTools loader, getAdditionalTools, selectTool) and the
 * frame script that reads the panel's remote document are Firefox internals, not public APIs:
 * they live here and nowhere else. See ../shared/browser-testing.md.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, writeFileSync } from 'node:fs';
import { GECKO_ID } from '../../src/build/manifest.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Pinned so the extension's pages have a known address. */
export const EXTENSION_UUID = '6f1c1a2e-3a5b-4c6d-9e8f-0a1b2c3d4e5f';

interface BidiConnection {
  send(method: string, params: Record<string, unknown>): Promise<{ result: Record<string, unknown> }>;
}

export interface FirefoxPanel {
  browser: Browser;
  page: Page;
  /** Runs `source` (an expression, may be a promise) in the panel's document; returns its JSON value. */
  inPanel<T>(source: string, timeoutMs?: number): Promise<T>;
  /** PNG of the panel's document (drawn by Firefox itself). */
  screenshot(path: string): Promise<void>;
  /** The request bodies in Firefox's own DevTools network log: what getHAR() gives the extension. */
  networkLogBodies(): Promise<string[]>;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox ESR is required at ${FIREFOX_PATH} (apt-get install -y firefox-esr); browser tests are never skipped`);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--remote-allow-system-access', '--width=1600', '--height=1000'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'devtools.toolbox.host': 'bottom',
      'devtools.toolbox.footer.height': 700,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
}

export async function openPanelInFirefox(extensionDir: string, url: string): Promise<FirefoxPanel> {
  const browser = await launchFirefox();
  try {
    await browser.installExtension(extensionDir);
    const page = await browser.newPage();
    await page.goto(url);
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const contexts = tree.result.contexts as { context: string }[];
    const chrome = contexts[0]?.context;
    if (!chrome) throw new Error('no chrome browsing context');
    const evalChrome = async <T>(expression: string): Promise<T> => {
      const r = await connection.send('script.evaluate', { expression, target: { context: chrome }, awaitPromise: true, resultOwnership: 'none' });
      const result = r.result as { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text?: string } };
      if (result.type === 'exception') throw new Error(`in Firefox's chrome scope: ${result.exceptionDetails?.text ?? 'exception'}`);
      const value = result.result?.value;
      return (typeof value === 'string' ? JSON.parse(value) : value) as T;
    };
    // Open the toolbox for the tab that shows `url`, then select our panel once it is registered.
    await evalChrome<string>(`(async () => {
      const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
      const { gDevTools } = require("devtools/client/framework/devtools");
      const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(url)})) || gBrowser.selectedTab;
      gBrowser.selectedTab = tab;
      const toolbox = await gDevTools.showToolboxForTab(tab);
      for (let i = 0; i < 100; i++) {
        const tool = toolbox.getAdditionalTools().find((t) => t.label === "Media Collection");
        if (tool) {
          await toolbox.selectTool(tool.id);
          globalThis.__mciToolbox = { toolbox, id: tool.id };
          return JSON.stringify(tool.id);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the Media Collection panel was never registered");
    })()`);
    // A frame script loaded while the panel's document is still being set up may never answer;
    // without a time limit the call would wait for puppeteer's protocol timeout (180 s).
    const inPanel = <T>(source: string, timeoutMs = 30_000) => evalChrome<T>(`(async () => {
      const { toolbox, id } = globalThis.__mciToolbox;
      const frame = toolbox.doc.getElementById("toolbox-panel-iframe-" + id);
      const remote = frame && frame.contentDocument && frame.contentDocument.querySelector("browser");
      if (!remote) throw new Error("the panel's document is not there");
      const mm = remote.messageManager;
      const token = "mci:" + Math.random().toString(36).slice(2);
      let listener = null;
      const answer = new Promise((resolve, reject) => {
        listener = (msg) => { mm.removeMessageListener(token, listener); resolve(msg.data); };
        mm.addMessageListener(token, listener);
        setTimeout(() => {
          mm.removeMessageListener(token, listener);
          reject(new Error("the panel's document did not answer within ${timeoutMs} ms"));
        }, ${timeoutMs});
      });
      const script = "(async () => { try { const v = await (" + ${JSON.stringify(source)} + "); sendAsyncMessage(" + JSON.stringify(token) + ", { ok: true, value: JSON.stringify(v === undefined ? null : v) }); } catch (e) { sendAsyncMessage(" + JSON.stringify(token) + ", { ok: false, error: String(e) }); } })()";
      mm.loadFrameScript("data:," + encodeURIComponent(script), false);
      const reply = await answer;
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    })()`);
    // BiDi cannot capture a chrome context; drawSnapshot (what Firefox's own screenshots use)
    // draws the panel's remote document.
    const screenshot = async (path: string) => {
      const data = await evalChrome<string>(`(async () => {
        const { toolbox, id } = globalThis.__mciToolbox;
        const frame = toolbox.doc.getElementById("toolbox-panel-iframe-" + id);
        const remote = frame.contentDocument.querySelector("browser");
        const bitmap = await remote.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, "white");
        const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        canvas.getContext("2d").drawImage(bitmap, 0, 0);
        return JSON.stringify(canvas.toDataURL("image/png"));
      })()`);
      writeFileSync(path, Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64'));
    };
    // The UI is rendered when the panel is first shown: wait for it.
    for (let i = 0; ; i++) {
      const ready = await inPanel<boolean>('!!content.document.querySelector("[data-testid=app]")', 2000).catch(() => false);
      if (ready) break;
      if (i > 100) throw new Error('the panel never rendered');
      await new Promise((r) => setTimeout(r, 100));
    }
    const networkLogBodies = () => evalChrome<string[]>(`(async () => {
      const har = await globalThis.__mciToolbox.toolbox.getHARFromNetMonitor();
      return JSON.stringify((har.entries || []).map((e) => (e.request && e.request.postData && e.request.postData.text) || ""));
    })()`);
    return { browser, page, inPanel, screenshot, networkLogBodies, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
