/**
 * Opens the real "Media Collection" panel in headless Firefox ESR. The page is driven through
 * WebDriver BiDi (puppeteer); the browser's chrome (the toolbox) and the panel's own document are
 * reached through Firefox's remote debugging protocol (firefox-rdp.ts), the road about:debugging
 * takes, because BiDi's chrome scope is ignored by ESR 140 and a frame script into the panel's
 * remote document does not answer there. The toolbox calls (gDevTools from the DevTools loader,
 * getAdditionalTools, selectTool, getHARFromNetMonitor, drawSnapshot) are Firefox internals, not
 * public APIs: they live here and nowhere else. See ../shared/browser-testing.md.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { GECKO_ID } from '../../src/build/manifest.ts';
import { RdpClient, evaluate, type Packet } from './firefox-rdp.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Pinned so the extension's pages have a known address. */
export const EXTENSION_UUID = '6f1c1a2e-3a5b-4c6d-9e8f-0a1b2c3d4e5f';

export interface FirefoxPanel {
  browser: Browser;
  page: Page;
  /** "Firefox 140.12.0": what the test ran on. */
  version: string;
  /** Runs `source` (an expression, may be a promise) in the panel's document, where `content` is its window; returns its JSON value. */
  inPanel<T>(source: string, timeoutMs?: number): Promise<T>;
  /** PNG of the panel's document (drawn by Firefox itself). */
  screenshot(path: string): Promise<void>;
  /** The request bodies in Firefox's own DevTools network log: what getHAR() gives the extension. */
  networkLogBodies(): Promise<string[]>;
  /** Resizes the browser window (the toolbox, docked at the bottom, takes its width). */
  resize(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Launches Firefox ESR with a remote debugging server on `debuggerPort` (loopback only). */
export async function launchFirefox(debuggerPort?: number): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox ESR is required at ${FIREFOX_PATH} (apt-get install -y firefox-esr); browser tests are never skipped`);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--remote-allow-system-access', '--width=1600', '--height=1000',
      ...(debuggerPort ? ['--start-debugger-server', String(debuggerPort)] : [])],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'devtools.toolbox.host': 'bottom',
      'devtools.toolbox.footer.height': 700,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      // The remote debugging server, without the prompt a person would answer.
      'devtools.debugger.remote-enabled': true,
      'devtools.chrome.enabled': true,
      'devtools.debugger.prompt-connection': false,
      // An optional permission asked for from a click is granted without the doorhanger a person
      // would answer (the consent page's request is still made, from a real click).
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
}

/**
 * "Capture without loss" for a test page whose API is not on one of Adobe's hosts: the API's
 * address goes into the panel's custom endpoints (as a first-party endpoint would), then the
 * consent page allows it and the inspected site (allowCaptureWithoutLoss).
 */
export async function captureWithoutLossFor(p: FirefoxPanel, endpoints: string[]): Promise<void> {
  await p.inPanel<boolean>(`(() => {
    const doc = content.document;
    doc.querySelector('[data-testid=settings-button]').click();
    return new Promise((resolve) => content.setTimeout(() => {
      const area = doc.querySelector('[data-testid=setting-endpoints]');
      area.value = ${JSON.stringify(endpoints.join('\n'))};
      area.dispatchEvent(new content.Event('input', { bubbles: true }));
      // The typed text reaches the component's state on its next render; then the field is left.
      content.setTimeout(() => {
        area.dispatchEvent(new content.FocusEvent('blur'));
        content.setTimeout(() => { doc.querySelector('[data-testid=settings-button]').click(); resolve(true); }, 100);
      }, 100);
    }, 100));
  })()`);
  await allowCaptureWithoutLoss(p);
}

/**
 * Turns "Capture without loss" on the way a user does: opens the extension's consent page in a
 * tab, clicks its button (Firefox grants without a prompt under the pref above), waits for the
 * page to say so, and goes back to the inspected tab.
 */
export async function allowCaptureWithoutLoss(p: FirefoxPanel): Promise<void> {
  // The panel opens the page for the inspected site (the browser reports its requests only with access to it too).
  const site = new URL(p.page.url()).origin;
  const page = await p.browser.newPage();
  try {
    // The navigation to a moz-extension page never reports "loaded" to puppeteer: do not wait for it.
    await page.goto(`moz-extension://${EXTENSION_UUID}/capture-setup.html?page=${encodeURIComponent(site)}`, { timeout: 3000 }).catch(() => undefined);
    const state = () => page.evaluate(() => document.querySelector('[data-testid=capture-state]')?.textContent ?? '').catch(() => '');
    const until = Date.now() + 15_000;
    while (!/is (on|off)/.test(await state())) {
      if (Date.now() > until) throw new Error('the consent page did not load');
      await sleep(100);
    }
    const allHosts = () => page.evaluate(() => !document.querySelector('[data-testid=capture-not-covered]')).catch(() => false);
    if (!/is on/.test(await state()) || !(await allHosts())) {
      await page.click(/is on/.test(await state()) ? '[data-testid=capture-allow-more]' : '[data-testid=capture-allow]');
      while (!/is on/.test(await state()) || !(await allHosts())) {
        if (Date.now() > until) throw new Error(`the permission was not granted (${await page.evaluate(() => document.body.textContent ?? '')})`);
        await sleep(100);
      }
    }
  } finally {
    await page.close();
    await p.page.bringToFront();
  }
  // The panel hears of it through storage, and of the site's coverage from the background: its switch says so.
  const until = Date.now() + 10_000;
  while (!(await p.inPanel<boolean>('!!content.document.querySelector("[data-testid=web-capture][aria-pressed=true]")'))) {
    if (Date.now() > until) throw new Error('the panel did not turn "Capture without loss" on');
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The console actor of the extension's panel document, once Firefox reports that frame. */
async function panelConsole(client: RdpClient, timeoutMs = 30_000): Promise<string> {
  const { addons } = await client.request('root', 'listAddons') as { addons?: { id: string; actor: string }[] };
  const addon = addons?.find((a) => a.id === GECKO_ID);
  if (!addon) throw new Error(`the extension ${GECKO_ID} is not installed`);
  // ESR 140 has no getTarget on an add-on's descriptor; its watcher reports every document of the add-on.
  const { actor: watcher } = (await client.request(addon.actor, 'getWatcher')) as { actor: string };
  const forms: { url?: string; consoleActor?: string }[] = [];
  const off = client.on('target-available-form', (p: Packet) => {
    if (p.from === watcher) forms.push(p.target as { url?: string; consoleActor?: string });
  });
  try {
    await client.request(watcher, 'watchTargets', { targetType: 'frame' });
    const until = Date.now() + timeoutMs;
    for (;;) {
      const panel = forms.find((f) => f.url?.endsWith('/panel.html') && f.consoleActor);
      if (panel?.consoleActor) return panel.consoleActor;
      if (Date.now() > until) throw new Error(`the panel's document never appeared among the add-on's frames (${forms.map((f) => f.url).join(', ') || 'none'})`);
      await sleep(100);
    }
  } finally {
    off();
  }
}

export async function openPanelInFirefox(extensionDir: string, url: string): Promise<FirefoxPanel> {
  const port = await freePort();
  const browser = await launchFirefox(port);
  let client: RdpClient | null = null;
  try {
    const version = `Firefox ${(await browser.version()).replace(/^firefox\//i, '')}`;
    console.log(`# ${version} (${FIREFOX_PATH})`);
    await browser.installExtension(extensionDir);
    const page = await browser.newPage();
    await page.goto(url);
    client = await RdpClient.connect(port);
    const rdp = client;
    // The parent process: its console evaluates in the browser window's chrome scope.
    const { processDescriptor } = await rdp.request('root', 'getProcess', { id: 0 }) as { processDescriptor: { actor: string } };
    const { process: parent } = await rdp.request(processDescriptor.actor, 'getTarget') as { process: { consoleActor: string } };
    const inChrome = async <T>(source: string, timeoutMs?: number): Promise<T> => {
      try {
        return JSON.parse(await evaluate(rdp, parent.consoleActor, source, timeoutMs)) as T;
      } catch (e) {
        throw new Error(`in Firefox's chrome scope: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
    // Open the toolbox for the tab that shows `url`, then select our panel once it is registered.
    await inChrome<string>(`(async () => {
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
          return tool.id;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the Media Collection panel was never registered");
    })()`);
    const panel = await panelConsole(rdp);
    const inPanel = async <T>(source: string, timeoutMs = 30_000): Promise<T> =>
      JSON.parse(await evaluate(rdp, panel, `((content) => (${source}))(window)`, timeoutMs)) as T;
    // BiDi cannot capture the toolbox; drawSnapshot (what Firefox's own screenshots use) draws
    // the panel's remote document.
    const screenshot = async (path: string) => {
      const data = await inChrome<string>(`(async () => {
        const { toolbox, id } = globalThis.__mciToolbox;
        const frame = toolbox.doc.getElementById("toolbox-panel-iframe-" + id);
        const remote = frame.contentDocument.querySelector("browser");
        const bitmap = await remote.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, "white");
        const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        canvas.getContext("2d").drawImage(bitmap, 0, 0);
        return canvas.toDataURL("image/png");
      })()`);
      writeFileSync(path, Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64'));
    };
    // The UI is rendered when the panel is first shown: wait for it.
    for (let i = 0; ; i++) {
      const ready = await inPanel<boolean>('!!content.document.querySelector("[data-testid=app]")', 2000).catch(() => false);
      if (ready) break;
      if (i > 100) throw new Error('the panel never rendered');
      await sleep(100);
    }
    const networkLogBodies = () => inChrome<string[]>(`(async () => {
      const har = await globalThis.__mciToolbox.toolbox.getHARFromNetMonitor();
      return (har.entries || []).map((e) => (e.request && e.request.postData && e.request.postData.text) || "");
    })()`);
    const resize = async (width: number, height: number) => {
      await inChrome<boolean>(`(() => { window.resizeTo(${width}, ${height}); return true; })()`);
    };
    return {
      browser, page, version, inPanel, screenshot, networkLogBodies, resize,
      close: async () => {
        rdp.close();
        await browser.close();
      },
    };
  } catch (e) {
    client?.close();
    await browser.close();
    throw e;
  }
}

/**
 * Waits until the demo page says `state` (its body's data-state). Polls with page.evaluate, since
 * puppeteer's waitForFunction compiles its poller with the Function constructor inside the page,
 * which the demo page's CSP blocks in Firefox ESR 140 (BiDi there does not exempt it).
 */
export async function waitForPageState(page: Page, state: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let now = '';
  while (Date.now() < until) {
    now = await page.evaluate(() => document.body?.dataset.state ?? '').catch(() => '');
    if (now === state) return;
    await sleep(50);
  }
  throw new Error(`the demo page did not reach "${state}" within ${timeoutMs} ms (it says "${now}")`);
}
