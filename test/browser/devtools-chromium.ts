/**
 * Opens the real "Media Collection" panel in headless Chromium. The DevTools-internal hook
 * (DevToolsAPI.showPanel) is not a public API: it lives here and nowhere else.
 * See ../shared/browser-testing.md.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './chromium.ts';

export interface ChromiumPanel {
  browser: Browser;
  page: Page;
  devtools: Page;
  panel: Frame;
  extensionId: string;
  /** Resizes the browser window (DevTools, docked at the bottom, takes its width). */
  resize(width: number, height: number): Promise<void>;
  close(): Promise<void>;
}

/** Launches Chromium with the extension, opens `url`, opens DevTools and selects the panel. */
export interface OpenOptions {
  /** Open DevTools on a blank page and load `url` once the panel is shown. */
  beforeNavigate?: boolean;
  /** Runs once DevTools (and so the extension's devtools page) is open, before the panel is first shown. */
  beforeShown?: (page: Page, devtools: Page) => Promise<void>;
  /** DevTools' theme (the panel follows it). */
  theme?: 'light' | 'dark';
}

export async function openPanelInChromium(extensionDir: string, url: string, options: OpenOptions = {}): Promise<ChromiumPanel> {
  const browser = await launchChromium({ extensionDir, theme: options.theme });
  try {
    const page = await browser.newPage();
    if (!options.beforeNavigate) await page.goto(url);
    const devtools = await page.openDevTools();
    const extensionId = await findExtensionId(browser);
    if (options.beforeShown) await options.beforeShown(page, devtools);
    const panel = await showPanel(devtools, extensionId);
    if (options.beforeNavigate) await page.goto(url);
    const resize = async (width: number, height: number) => {
      const cdp = await page.createCDPSession();
      const { windowId } = await cdp.send('Browser.getWindowForTarget');
      await cdp.send('Browser.setWindowBounds', { windowId, bounds: { width, height, windowState: 'normal' } });
      await cdp.detach();
    };
    return { browser, page, devtools, panel, extensionId, resize, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/**
 * A copy of the built Chromium extension with "Capture without loss" granted at installation: its
 * optional permissions made required. Headless Chromium shows the permission prompt of the
 * consent page where no test can answer it (Firefox's test answers it from a real click, see
 * devtools-firefox.ts), so the capture itself is tested this way in Chromium.
 */
export function withCaptureGranted(extensionDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mci-chrome-granted-'));
  cpSync(extensionDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.permissions = [...(manifest.permissions as string[]), ...(manifest.optional_permissions as string[])];
  manifest.host_permissions = manifest.optional_host_permissions;
  delete manifest.optional_permissions;
  delete manifest.optional_host_permissions;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function findExtensionId(browser: Browser): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const target = browser.targets().find((t) => t.url().startsWith('chrome-extension://') && t.url().endsWith('/devtools.html'));
    if (target) return new URL(target.url()).host;
    await sleep(100);
  }
  throw new Error('the extension\'s devtools page never appeared');
}

/** DevToolsAPI.showPanel does nothing until the panel is registered: retry until its frame exists. */
export async function showPanel(devtools: Page, extensionId: string): Promise<Frame> {
  const panelId = `chrome-extension://${extensionId}MediaCollection`;
  for (let i = 0; i < 150; i++) {
    await devtools.evaluate((id) => (globalThis as unknown as { DevToolsAPI?: { showPanel(id: string): void } }).DevToolsAPI?.showPanel(id), panelId).catch(() => undefined);
    const frame = devtools.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}/panel.html`));
    if (frame) {
      try {
        await frame.waitForSelector('[data-testid=app]', { timeout: 10000 });
      } catch (e) {
        const shown = await frame.evaluate(() => document.body?.innerHTML.slice(0, 500) ?? '(no body)').catch((err: unknown) => `(unreadable: ${String(err)})`);
        throw new Error(`the panel did not render in 10 s; it shows: ${shown}`, { cause: e });
      }
      return frame;
    }
    await sleep(100);
  }
  throw new Error('the Media Collection panel did not open');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
