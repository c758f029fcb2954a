/**
 * Launching the real browsers for tests. Every browser-internal hook (DevTools panel selection,
 * Firefox's chrome scope) lives in this folder, since none of them is a public API.
 * See ../shared/browser-testing.md for why each flag is here.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // tests run as root
  '--disable-gpu',
  '--disable-background-networking', // the machine has no network: no update or sync traffic
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
  '--window-size=1600,1000',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is required at ${CHROMIUM_PATH} (apt-get install -y chromium); browser tests are never skipped`);
}

export async function launchChromium(options: { extensionDir?: string; devtools?: boolean } = {}): Promise<Browser> {
  assertChromium();
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    args: CHROMIUM_ARGS,
    defaultViewport: null,
    ...(options.extensionDir ? { enableExtensions: [options.extensionDir] } : {}),
    ...(options.devtools ? { devtools: true } : {}),
  });
}
