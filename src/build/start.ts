/**
 * `npm start`: builds both extensions and the CLI, starts the reference collector, and
 * - with a display: launches Chromium with the extension loaded and DevTools open on the demo page;
 * - without one: says so, runs demo scenarios in headless Chromium against the collector, records
 *   the traffic as a HAR file, prints what the inspector finds in it (the `mci check` output) and
 *   explains how to load dist/chrome or dist/firefox by hand.
 * Options: --scenarios a,b,c (or all) for the headless run; --headless to force it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { startCollector } from '../collector/server.ts';
import { recordHar } from '../demo/har-recorder.ts';
import { SCENARIOS } from '../demo/scenarios.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const { values } = parseArgs({ options: { scenarios: { type: 'string', default: 'clean,orphan-ad,after-end' }, headless: { type: 'boolean', default: false } } });

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'];

async function main(): Promise<number> {
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) return 1;
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    return 1;
  }
  const collector = await startCollector({ demoDir: join(dist, 'demo') });
  const demoUrl = `http://localhost:${collector.port}/`;
  console.log(`\ncollector: ${collector.url} (received sessions: ${collector.url}/_mci/sessions)\ndemo player: ${demoUrl}`);
  try {
    const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    if (display && !values.headless) return await interactive(demoUrl);
    console.log(`\nNo display${values.headless ? ' wanted (--headless)' : ' ($DISPLAY is not set)'}: running demo scenarios in headless Chromium instead.`);
    return await headless(demoUrl);
  } finally {
    await collector.close();
  }
}

async function interactive(demoUrl: string): Promise<number> {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: false, devtools: true, pipe: true, defaultViewport: null,
    enableExtensions: [join(dist, 'chrome')], args: CHROMIUM_ARGS,
  });
  const [page] = await browser.pages();
  await (page ?? (await browser.newPage())).goto(demoUrl);
  console.log('\nChromium is open with the extension loaded and DevTools open: select the "Media Collection" panel,\nthen press play or pick a scripted session. Close the browser (or press Ctrl-C) to stop.');
  await new Promise<void>((resolve) => {
    browser.once('disconnected', () => resolve());
    process.once('SIGINT', () => void browser.close().then(resolve));
  });
  return 0;
}

async function headless(demoUrl: string): Promise<number> {
  const names = values.scenarios === 'all' ? Object.keys(SCENARIOS) : (values.scenarios ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !SCENARIOS[n]);
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')} (known: ${Object.keys(SCENARIOS).join(', ')})`);
    return 2;
  }
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, args: CHROMIUM_ARGS });
  const harFile = join(dist, 'demo-recording.har');
  try {
    const page = await browser.newPage();
    const recorder = recordHar(page, (url) => url.includes('/api/v1/'));
    for (const name of names) {
      console.log(`  scenario ${name}: ${SCENARIOS[name]?.title}`);
      await page.goto(`${demoUrl}?scenario=${encodeURIComponent(name)}`);
      await page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 30000 });
    }
    await recorder.settle();
    writeFileSync(harFile, JSON.stringify(recorder.har(), null, 1));
  } finally {
    await browser.close();
  }
  console.log(`\nRecorded ${harFile}. What the inspector finds in it:\n\n$ mci check dist/demo-recording.har`);
  spawnSync(process.execPath, [join(dist, 'cli', 'mci.mjs'), 'check', harFile], { stdio: 'inherit' });
  console.log(`
The scenarios other than "clean" are broken on purpose. To see the same in the DevTools panel,
load the extension by hand:
  Chromium/Chrome: chrome://extensions → Developer mode → Load unpacked → ${join(dist, 'chrome')}
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${join(dist, 'firefox', 'manifest.json')}
then run \`node dist/cli/mci.mjs serve\` and open the demo player it prints.`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e: unknown) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
