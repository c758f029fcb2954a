/**
 * What the panel's export (src/ui/export.ts) tells the reports beyond the requests it kept:
 *
 * - the other requests: the panel counts them without keeping them; the exported HTML report
 *   says as many as the status bar shows (not 0), in every scope, and the JSON export carries the
 *   count (`summary.ignored`, `summary.ignoredNotKept`), which `mci report` and `mci check` show
 *   again from the exported file;
 * - the browser: the name and version from `navigator.userAgent` (a DevTools capture only);
 * - the page: the inspected page's URL from the store's navigations, only the pages the exported
 *   calls were made on; unknown for calls from before the first navigation.
 * The status bar and the export buttons are rendered with Preact into a happy-dom document.
 * `mci` runs need `npm run build` first (dist/cli/mci.mjs).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import type { JsonReport } from '../../src/core/report/json-report.ts';
import { browserFromUserAgent } from '../../src/core/report/recorded-from.ts';
import { renderReport } from '../../src/core/report/render-report.ts';
import { ExportMenu } from '../../src/ui/components/ExportMenu.tsx';
import { StatusBar } from '../../src/ui/components/StatusBar.tsx';
import { exportReport } from '../../src/ui/export.ts';
import type { PanelHost } from '../../src/ui/host.ts';
import { PanelStore } from '../../src/ui/store/panel-store.ts';
import { HostContext, StoreContext } from '../../src/ui/store/use-store.ts';
import { entry, HOST, SID, SID2, T0 } from '../helpers/har-builder.ts';
import { abandonDuringMidroll, brokenSequence, SID3, vodWithAds, type Entry } from '../helpers/session-scenarios.ts';
import { ajv, mci, validateReport } from '../helpers/report-cli.ts';
import { calls, dom, one, setUpPanelDom, showNode, type NewExchange } from '../ui/panel-harness.tsx';

const NOW = new Date(T0 + 3_600_000);

const TMP = mkdtempSync(join(tmpdir(), 'mci-panel-export-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36';

/** Requests that are not Media Collection calls: media segments, a manifest, CORS preflights. */
function otherRequests(n: number, at = 0): NewExchange[] {
  const list: Entry[] = [];
  for (let i = 0; i < n; i++) {
    list.push(i % 3 === 2
      ? entry(`${HOST}/api/v1/sessions`, null, { method: 'OPTIONS', rawBody: null, status: 204, at: at + i })
      : entry(`https://cdn.example.com/seg-${at}-${i}.ts`, null, { method: 'GET', rawBody: null, status: 200, at: at + i }));
  }
  return calls(list);
}

function add(store: PanelStore, list: readonly NewExchange[]): void {
  for (const ex of list) store.addExchange(ex);
}

/** Two sessions with other traffic around them, as DevTools would hand them over. */
function capture(): PanelStore {
  const store = new PanelStore();
  add(store, otherRequests(4));
  add(store, calls(vodWithAds(SID)));
  add(store, otherRequests(5, 500));
  add(store, calls(brokenSequence(SID2, T0 + 200_000)));
  add(store, otherRequests(3, 900));
  return store;
}

const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function textOf(fragment: string): string {
  return fragment.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => DECODE[e] as string);
}

function summaryRow(html: string, heading: string): string | undefined {
  const summary = /<table><tbody>([\s\S]*?)<\/tbody><\/table>/.exec(html)?.[1] ?? '';
  const m = new RegExp(`<tr><th>${heading}</th><td[^>]*>([\\s\\S]*?)</td></tr>`).exec(summary);
  return m ? textOf(m[1] as string) : undefined;
}

/* ------------------------------------------------------------------------------------------ */
/* The DOM                                                                                      */
/* ------------------------------------------------------------------------------------------ */

setUpPanelDom();

interface Downloads {
  host: PanelHost;
  files: { fileName: string; mime: string; text: string }[];
}

function makeHost(): Downloads {
  const files: Downloads['files'] = [];
  return {
    files,
    host: {
      kind: 'devtools',
      copy: async () => true,
      saveSettings: () => undefined,
      download: (fileName, mime, text) => { files.push({ fileName, mime, text }); },
    },
  };
}

/** The status bar and the export buttons, as the panel shows them. */
function show(store: PanelStore, host: PanelHost): Promise<HTMLElement> {
  return showNode(
    <StoreContext.Provider value={store}>
      <HostContext.Provider value={host}>
        <ExportMenu />
        <StatusBar />
      </HostContext.Provider>
    </StoreContext.Provider>,
  );
}

async function click(el: Element): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new dom.window.MouseEvent('click', { bubbles: true, cancelable: true }) as unknown as Event);
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

/** The count of other requests the status bar shows. */
function statusBarOthers(c: HTMLElement): number {
  const parts = [...one(c, '[data-testid=statusbar]').querySelectorAll('span')].map((s) => s.textContent ?? '');
  const m = parts.map((p) => /^([\d,]+) other requests?$/.exec(p)).find(Boolean);
  assert.ok(m, `the status bar shows the other requests: ${parts.join(' | ')}`);
  return Number((m[1] as string).replace(/,/g, ''));
}

/** Replaces navigator for one test (the export reads navigator.userAgent). */
async function withUserAgent<T>(userAgent: string, run: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { configurable: true, writable: true, value: { userAgent } });
  try {
    return await run();
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Other requests                                                                               */
/* ------------------------------------------------------------------------------------------ */

describe('panel export: other requests as the panel counts them', () => {
  test('the HTML exported with ⇩ HTML says as many other requests as the status bar shows', async () => {
    const store = capture();
    const { host, files } = makeHost();
    const c = await show(store, host);
    const shown = statusBarOthers(c);
    assert.equal(shown, 12, 'premise: the status bar counts the 4 + 5 + 3 other requests');
    // Premise: the panel keeps only the Media Collection calls, so a report of them alone says 0.
    assert.equal(summaryRow(renderReport('html', store.allExchanges(), store.get().settings, 'x', NOW), 'Other requests'), '0');

    await click(one(c, '[data-testid=export-html]'));
    assert.equal(files.length, 1, 'one file saved');
    const html = (files[0] as { text: string }).text;
    assert.equal(summaryRow(html, 'Other requests'), String(shown), 'the report says what the status bar says');
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script/i);
  });

  test('every scope and the JSON export carry the same count', async () => {
    const store = capture();
    const shown = store.get().otherRequests;
    await act(() => store.selectSession(SID2));
    await act(() => store.setFilter({ hidePings: true }));
    for (const scope of ['all', 'selected', 'filtered'] as const) {
      const html = exportReport(store, 'html', scope, NOW, {}).text;
      assert.equal(summaryRow(html, 'Other requests'), String(shown), `scope ${scope}`);
      const json = JSON.parse(exportReport(store, 'json', scope, NOW, {}).text) as JsonReport;
      assert.ok(validateReport(json), ajv.errorsText(validateReport.errors));
      assert.equal(json.summary.ignored, shown, `scope ${scope}: summary.ignored`);
      assert.equal(json.summary.ignoredNotKept, shown, `scope ${scope}: none of them is among the exchanges`);
    }
  });

  test('the panel\'s JSON export read by mci report and mci check shows the same count', () => {
    const store = capture();
    const shown = store.get().otherRequests;
    const file = join(TMP, 'panel.mci.json');
    writeFileSync(file, exportReport(store, 'json', 'all', NOW, { userAgent: FIREFOX_UA }).text);
    const html = mci(['report', file, '--format', 'html']);
    assert.equal(html.status, 0, html.stderr);
    assert.equal(summaryRow(html.stdout, 'Other requests'), String(shown));
    assert.equal(summaryRow(html.stdout, 'Recorded in'), 'Firefox 128.0', 'the browser goes through the JSON export too');
    const check = mci(['check', file]);
    assert.equal(check.stderr, '');
    assert.match(check.stdout, new RegExp(`, ${shown} other requests ignored: `));
  });

  test('a file opened in the viewer: the other requests of the file', async () => {
    const store = new PanelStore({ source: 'file' });
    const file = [...calls(abandonDuringMidroll(SID3)), ...otherRequests(7)].map((e, index) => ({ ...e, index }));
    await act(() => store.load(file, 'Opened x.har'));
    const { host, files } = makeHost();
    const c = await show(store, host);
    assert.equal(statusBarOthers(c), 7);
    await click(one(c, '[data-testid=export-html]'));
    assert.equal(summaryRow((files[0] as { text: string }).text, 'Other requests'), '7');
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Browser and page                                                                             */
/* ------------------------------------------------------------------------------------------ */

describe('panel export: the browser and the inspected page', () => {
  test('browser name and version from User-Agent strings', () => {
    const cases: [string, string | null][] = [
      [FIREFOX_UA, 'Firefox 128.0'],
      [CHROME_UA, 'Chrome 120.0.6099.71'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87', 'Edge 126.0.2592.87'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0', 'Opera 112.0.0.0'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.7871.100 Safari/537.36', 'Chrome (headless) 150.0.7871.100'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari 17.5'],
      ['Mozilla/5.0 (X11; Linux x64) AppleWebKit/537.36 (KHTML, like Gecko) HappyDOM/20.0.0', null],
      ['', null],
    ];
    for (const [ua, expected] of cases) {
      const b = browserFromUserAgent(ua);
      assert.equal(b ? `${b.name} ${b.version}` : null, expected, ua);
    }
  });

  test('⇩ HTML in DevTools names the browser the panel runs in', async () => {
    const store = capture();
    const { host, files } = makeHost();
    await withUserAgent(CHROME_UA, async () => {
      const c = await show(store, host);
      await click(one(c, '[data-testid=export-html]'));
    });
    assert.equal(summaryRow((files[0] as { text: string }).text, 'Recorded in'), 'Chrome 120.0.6099.71');
    // An unknown browser, or a file opened in the viewer (recorded elsewhere): no browser row.
    assert.equal(summaryRow(exportReport(store, 'html', 'all', NOW, { userAgent: 'HappyDOM/20' }).text, 'Recorded in'), undefined);
    const viewer = new PanelStore({ source: 'file' });
    viewer.load(store.allExchanges(), 'Opened x.har');
    assert.equal(summaryRow(exportReport(viewer, 'html', 'all', NOW, { userAgent: CHROME_UA }).text, 'Recorded in'), undefined);
  });

  test('the page URL is the inspected page\'s, from the navigations: only the pages of the exported calls', async () => {
    const store = new PanelStore();
    add(store, otherRequests(2));
    store.navigated('https://player.example.com/watch/1', T0 - 500);
    add(store, calls(vodWithAds(SID)));
    store.navigated('https://player.example.com/watch/2?x=<y>', T0 + 199_000);
    add(store, calls(brokenSequence(SID2, T0 + 200_000)));
    store.navigated('https://www.example.com/after', T0 + 900_000);
    add(store, otherRequests(2, 900));

    const all = exportReport(store, 'html', 'all', NOW, { userAgent: FIREFOX_UA }).text;
    assert.equal(summaryRow(all, 'Pages'),
      `https://player.example.com/watch/1 from ${new Date(T0 - 500).toISOString()}https://player.example.com/watch/2?x=<y> from ${new Date(T0 + 199_000).toISOString()}`,
      'both pages with calls, not the page without any');
    assert.ok(!all.includes('x=<y>'), 'escaped');
    assert.equal(summaryRow(all, 'Recorded in'), 'Firefox 128.0');

    await act(() => store.selectSession(SID2));
    const selected = exportReport(store, 'html', 'selected', NOW, {}).text;
    assert.equal(summaryRow(selected, 'Page'), `https://player.example.com/watch/2?x=<y> from ${new Date(T0 + 199_000).toISOString()}`);
    assert.equal(summaryRow(selected, 'Recorded in'), undefined, 'no user agent, no browser');

    const json = JSON.parse(exportReport(store, 'json', 'selected', NOW, { userAgent: FIREFOX_UA }).text) as JsonReport;
    assert.ok(validateReport(json), ajv.errorsText(validateReport.errors));
    assert.deepEqual(json.recordedFrom, {
      browsers: [{ name: 'Firefox', version: '128.0' }],
      pages: [{ url: 'https://player.example.com/watch/2?x=<y>', title: null, startedDateTime: new Date(T0 + 199_000).toISOString() }],
    });
  });

  test('calls from before the first navigation are on an unknown page: no page is named for them', () => {
    const store = new PanelStore();
    add(store, calls(vodWithAds(SID)));
    store.navigated('https://player.example.com/next', T0 + 199_000);
    add(store, otherRequests(2, 900));
    const html = exportReport(store, 'html', 'all', NOW, {}).text;
    assert.equal(summaryRow(html, 'Page'), undefined);
    assert.equal(summaryRow(html, 'Pages'), undefined);
    const json = JSON.parse(exportReport(store, 'json', 'all', NOW, {}).text) as Record<string, unknown>;
    assert.equal('recordedFrom' in json, false);

    // Once calls come after the navigation, that page is named for them (and only for them).
    add(store, calls(brokenSequence(SID2, T0 + 200_000)));
    assert.equal(summaryRow(exportReport(store, 'html', 'all', NOW, {}).text, 'Page'), `https://player.example.com/next from ${new Date(T0 + 199_000).toISOString()}`);
  });
});
