/**
 * Launching the real browsers for tests. Every browser-internal hook (DevTools panel selection,
 * Firefox's chrome scope) lives in this folder, since none of them is a public API.
 * See ../shared/browser-testing.md for why each flag is here.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // tests run as root
  '--disable-gpu',
  '--disable-background-networking', // the machine has no network: no update or sync traffic
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The machine has no network; keep Chromium's own services from trying to reach Google.
  '--disable-client-side-phishing-detection',
  '--safebrowsing-disable-download-protection',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,SafeBrowsing,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,NetworkTimeServiceQuerying',
  // Whatever Chromium still tries on its own resolves nowhere: nothing leaves the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--autoplay-policy=no-user-gesture-required',
  '--window-size=1600,1000',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is required at ${CHROMIUM_PATH} (apt-get install -y chromium); browser tests are never skipped`);
}

/** A fresh profile whose DevTools dock at the bottom, so the panel gets the window's width. */
function profileWithDevToolsAtBottom(theme: 'light' | 'dark' = 'light'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mci-chromium-'));
  mkdirSync(join(dir, 'Default'));
  const preferences = {
    currentDockState: '"bottom"',
    // DevTools' theme, which the panel follows (devtools.panels.themeName).
    'ui-theme': JSON.stringify(theme),
    // The DevTools height when docked at the bottom (the key's spelling changed across versions).
    'InspectorView.splitViewState': JSON.stringify({ vertical: { size: 0 }, horizontal: { size: 760 } }),
    'inspector-view.split-view-state': JSON.stringify({ vertical: { size: 0 }, horizontal: { size: 760 } }),
  };
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ devtools: { preferences } }));
  return dir;
}

/** Says which browser a test ran on, in the test's output: machines (and users) differ. */
export async function announceVersion(browser: Browser): Promise<void> {
  console.log(`# ${(await browser.version()).replace(/^HeadlessChrome\//, 'Chromium ').replace(/^Chrome\//, 'Chromium ')} (${CHROMIUM_PATH})`);
}

export async function launchChromium(options: { extensionDir?: string; devtools?: boolean; theme?: 'light' | 'dark' } = {}): Promise<Browser> {
  assertChromium();
  const browser = await puppeteer.launch({
    userDataDir: profileWithDevToolsAtBottom(options.theme),
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    args: CHROMIUM_ARGS,
    defaultViewport: null,
    ...(options.extensionDir ? { enableExtensions: [options.extensionDir] } : {}),
    ...(options.devtools ? { devtools: true } : {}),
  });
  await announceVersion(browser);
  return browser;
}
