/**
 * What a hostile web page can do to the collector's admin API (/_mci/*), tried from a real browser
 * (admin-origin-chromium.test.ts, admin-origin-firefox.test.ts); the node-level checks of the
 * same rules are in test/collector/collector-admin.test.ts.
 *
 * A second server on another loopback port stands for any web page the user has open. What its
 * page gets to see is one half of the proof; the other half is what the collector answered on the
 * wire: a refused page cannot read the status (CORS hides it, an opaque response is empty), and a
 * GET the browser sends anyway would still have served the sessions. Every answer the collector
 * gives is read from Node's `http.server.response.finish` diagnostics channel: nothing in the
 * collector is wrapped or changed for the test.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import { sessionStartBody } from '../helpers/har-builder.ts';
import { FIREFOX_PATH } from './devtools-firefox.ts';

const root = join(import.meta.dirname, '..', '..');
/** In the seeded session's body: no refused page may ever get to see it. */
const SECRET = 'a stored body, for the user only';
/** A name the browser under test resolves to 127.0.0.1, as a DNS-rebinding attacker's own name would. */
export const REBIND_HOST = 'rebind.mci.test';

export interface BrowserUnderTest {
  page: Page;
  close(): Promise<void>;
}

/** One answer of the collector, as it went on the wire. */
interface WireCall {
  method: string;
  path: string;
  host: string | null;
  origin: string | null;
  status: number;
  allowOrigin: string | null;
}

/** Every answer the collector gives, in order, seen from outside it. */
class CollectorWire {
  readonly calls: WireCall[] = [];
  private readonly onFinish = (message: unknown) => {
    const { request, response, server } = message as { request: IncomingMessage; response: ServerResponse; server: Server };
    if ((server.address() as AddressInfo | null)?.port !== this.port) return;
    const allow = response.getHeader('access-control-allow-origin');
    this.calls.push({
      method: request.method ?? '',
      path: new URL(request.url ?? '/', 'http://x.invalid').pathname,
      host: request.headers.host ?? null,
      origin: request.headers.origin ?? null,
      status: response.statusCode,
      allowOrigin: allow === undefined ? null : String(allow),
    });
  };

  constructor(private readonly port: number) {
    subscribe('http.server.response.finish', this.onFinish);
  }

  mark(): number {
    return this.calls.length;
  }

  /**
   * The admin calls answered since `mark`, once `count` of them are in: the page's promise can
   * settle a moment before Node reports the finished response.
   */
  async adminSince(mark: number, count: number): Promise<WireCall[]> {
    const admin = () => this.calls.slice(mark).filter((c) => c.path.startsWith('/_mci/'));
    for (let i = 0; i < 40 && admin().length < count; i++) await new Promise((r) => setTimeout(r, 25));
    return admin();
  }

  close(): void {
    unsubscribe('http.server.response.finish', this.onFinish);
  }
}

/** The attacker: any other site the user has open, here a page on another loopback port. */
async function startAttacker(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .end('<!doctype html><html><head><meta charset="utf-8"><title>Some other site</title></head><body><p>Another site.</p></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** What a page got from one fetch. */
interface Probe {
  settled: 'resolved' | 'rejected';
  error?: string;
  type?: string;
  status?: number;
  location?: string | null;
  body?: string;
}

/**
 * One fetch made by the page itself. Source text, not a function: the test runner's transpiler
 * adds helpers that do not exist in the page.
 */
function probe(page: Page, url: string, init: Record<string, unknown> = {}): Promise<Probe> {
  return page.evaluate(`(async (url, init) => {
    try {
      const r = await fetch(url, Object.assign({ cache: 'no-store' }, init));
      let body;
      try { body = await r.text(); } catch (e) { body = 'unreadable: ' + e; }
      return { settled: 'resolved', type: r.type, status: r.status, location: r.headers.get('Location'), body };
    } catch (e) {
      return { settled: 'rejected', error: e.name + ': ' + e.message };
    }
  })(${JSON.stringify(url)}, ${JSON.stringify(init)})`) as Promise<Probe>;
}

const FAULTS_5 = JSON.stringify({ mode: '500', count: 5 });
const TEXT_PLAIN = { 'Content-Type': 'text/plain;charset=UTF-8' };

/** A probe for a failure message: a body that did leak is cut short. */
function shown(p: Probe): string {
  return JSON.stringify({ ...p, body: p.body && p.body.length > 160 ? `${p.body.slice(0, 160)}…` : p.body });
}

function assertRejected(p: Probe, what: string): void {
  assert.equal(p.settled, 'rejected', `${what}: the page got ${shown(p)}`);
  assert.match(p.error ?? '', /^TypeError/, what);
}

function assertOpaque(p: Probe, what: string): void {
  assert.deepEqual([p.settled, p.type, p.status, p.body], ['resolved', 'opaque', 0, ''], `${what}: ${shown(p)}`);
}

/** Each answered by the guard itself: `status`, and no CORS header that would let the page read it. */
function assertRefused(calls: WireCall[], expected: [method: string, path: string][], status: number, what: string): void {
  assert.deepEqual(calls.map((c) => [c.method, c.path]), expected, `${what}: the requests that reached /_mci`);
  for (const c of calls) {
    assert.equal(c.status, status, `${what}: ${c.method} ${c.path} (Origin ${c.origin ?? '(none)'}, Host ${c.host}) was answered ${c.status}`);
    assert.equal(c.allowOrigin, null, `${what}: ${c.method} ${c.path} carries no Access-Control-Allow-Origin`);
  }
}

/** Builds the demo player (dist/demo) when it is missing: the collector's own page is the demo. */
export function ensureDemoBuilt(): void {
  if (existsSync(join(root, 'dist', 'demo', 'index.html'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(join(root, 'dist', 'demo', 'index.html'))) throw new Error('npm run build did not produce dist/demo');
}

/**
 * Firefox ESR for pages only (no extension, no debugger), where REBIND_HOST resolves to the
 * loopback: devtools-firefox.ts's launchFirefox has no way to add that pref.
 */
export async function launchFirefoxForPages(): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox ESR is required at ${FIREFOX_PATH} (apt-get install -y firefox-esr); browser tests are never skipped`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.dns.localDomains': REBIND_HOST,
    },
  });
  // Printed as openPanelInFirefox prints it: machines differ.
  console.log(`# Firefox ${(await browser.version()).replace(/^firefox\//i, '')} (${FIREFOX_PATH})`);
  return browser;
}

/** The whole suite, for one browser. `launch` prints the browser's version: machines differ. */
export function adminOriginSuite(launch: () => Promise<BrowserUnderTest>): void {
  let collector: Collector;
  let attacker: { port: number; close(): Promise<void> };
  let wire: CollectorWire;
  let b: BrowserUnderTest;
  let seeded = '';
  let ts = Date.now();

  before(async () => {
    ensureDemoBuilt();
    collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
    wire = new CollectorWire(collector.port);
    attacker = await startAttacker();
    b = await launch();
    // The session every refused page tries to read or delete, posted the way a player does.
    const r = await fetch(`${collector.url}/api/v1/sessions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...sessionStartBody(++ts), customMetadata: { secret: SECRET } }),
    });
    assert.equal(r.status, 201);
    seeded = String(r.headers.get('location')).split('/').pop() ?? '';
    assert.ok(collector.store.get(seeded));
  });
  // A fault a refused page did manage to queue would fail the tests after it too: one failure, one test.
  afterEach(() => collector.faults.clear());
  after(async () => {
    await b?.close();
    await attacker?.close();
    wire?.close();
    await collector?.close();
  });

  const collectorOrigins = () => [collector.url, `http://localhost:${collector.port}`];

  for (const host of ['127.0.0.1', 'localhost']) {
    describe(`a page of another site (http://${host}:OTHERPORT)`, () => {
      const site = () => `http://${host}:${attacker.port}`;
      const openSite = async () => {
        await b.page.goto(`${site()}/`);
      };

      test('cannot read /_mci/sessions: its fetch rejects (CORS) and the collector answered 403 without a CORS header', async () => {
        await openSite();
        for (const api of collectorOrigins()) {
          const mark = wire.mark();
          const p = await probe(b.page, `${api}/_mci/sessions`);
          assertRejected(p, `fetch ${api}/_mci/sessions`);
          assert.ok(!JSON.stringify(p).includes(SECRET));
          const calls = await wire.adminSince(mark, 1);
          assertRefused(calls, [['GET', '/_mci/sessions']], 403, `fetch ${api}/_mci/sessions`);
          assert.equal(calls[0]?.origin, site(), 'the browser named the page\'s origin');
        }
      });

      test('a no-cors fetch of /_mci/sessions gets an opaque nothing, and the collector served no data (403)', async () => {
        await openSite();
        const before = collector.store.stats();
        for (const api of collectorOrigins()) {
          const mark = wire.mark();
          assertOpaque(await probe(b.page, `${api}/_mci/sessions`, { mode: 'no-cors' }), `no-cors ${api}/_mci/sessions`);
          // The page cannot tell a 200 from a 403 here: only the wire can. No Origin is sent on a
          // no-cors GET; the guard knows it from Sec-Fetch-Site.
          assertRefused(await wire.adminSince(mark, 1), [['GET', '/_mci/sessions']], 403, `no-cors ${api}/_mci/sessions`);
        }
        assert.deepEqual(collector.store.stats(), before, 'the store is as it was');
        assert.ok(collector.store.get(seeded));
      });

      test('a text/plain POST to /_mci/faults (a "simple" request: no preflight), cors or no-cors, queues no fault', async () => {
        await openSite();
        for (const api of collectorOrigins()) {
          const mark = wire.mark();
          assertRejected(await probe(b.page, `${api}/_mci/faults`, { method: 'POST', headers: TEXT_PLAIN, body: FAULTS_5 }), `POST ${api}/_mci/faults`);
          assertOpaque(await probe(b.page, `${api}/_mci/faults`, { method: 'POST', mode: 'no-cors', headers: TEXT_PLAIN, body: FAULTS_5 }), `no-cors POST ${api}/_mci/faults`);
          // Both POSTs themselves reached the collector (no preflight stood in the way): the guard refused them.
          assertRefused(await wire.adminSince(mark, 2), [['POST', '/_mci/faults'], ['POST', '/_mci/faults']], 403, `POST ${api}/_mci/faults`);
        }
        assert.equal(collector.faults.pending(), 0, 'no fault queued');
      });

      test('a form posted to /_mci/faults (text/plain, shaped as JSON: the classic CSRF) queues no fault', async () => {
        await openSite();
        const mark = wire.mark();
        // text/plain form data is "name=value": the name holds the JSON up to a last field that swallows the "=".
        await Promise.all([
          b.page.waitForNavigation(),
          b.page.evaluate(`(() => {
            const form = document.createElement('form');
            form.method = 'POST';
            form.enctype = 'text/plain';
            form.action = ${JSON.stringify(`${collector.url}/_mci/faults`)};
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = '{"mode":"500","count":5,"x":"';
            input.value = '"}';
            form.appendChild(input);
            document.body.appendChild(form);
            form.submit();
            return true;
          })()`),
        ]);
        assertRefused(await wire.adminSince(mark, 1), [['POST', '/_mci/faults']], 403, 'the form\'s POST');
        assert.equal(collector.faults.pending(), 0, 'no fault queued');
      });

      test('cannot DELETE /_mci/sessions: the preflight is refused (403), the DELETE never sent, the seeded session still stored', async () => {
        await openSite();
        for (const api of collectorOrigins()) {
          const mark = wire.mark();
          assertRejected(await probe(b.page, `${api}/_mci/sessions`, { method: 'DELETE' }), `DELETE ${api}/_mci/sessions`);
          assertRefused(await wire.adminSince(mark, 1), [['OPTIONS', '/_mci/sessions']], 403, `DELETE ${api}/_mci/sessions`);
        }
        assert.ok(collector.store.get(seeded), 'the seeded session is still there');
      });

      test('CAN post a sessionStart to the collection API (open CORS): 201, and it reads the Location header', async () => {
        await openSite();
        for (const api of collectorOrigins()) {
          const p = await probe(b.page, `${api}/api/v1/sessions`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sessionStartBody(++ts)),
          });
          assert.equal(p.settled, 'resolved', `POST ${api}/api/v1/sessions: ${shown(p)}`);
          assert.equal(p.status, 201, shown(p));
          assert.match(p.location ?? '', /\/api\/v1\/sessions\/[^/]+$/, 'Location is readable');
          assert.ok(collector.store.get(String(p.location).split('/').pop() ?? ''), 'the session it started is stored');
        }
      });
    });
  }

  test('the collector\'s own pages (the demo at http://localhost:PORT and http://127.0.0.1:PORT) read /_mci/sessions, queue a fault and clear it', async () => {
    for (const own of collectorOrigins()) {
      await b.page.goto(`${own}/`);
      for (const api of ['', ...collectorOrigins()]) {
        const p = await probe(b.page, `${api}/_mci/sessions`);
        assert.deepEqual([p.settled, p.status], ['resolved', 200], `${own} reading ${api || 'its own'} /_mci/sessions: ${shown(p)}`);
        const list = JSON.parse(p.body ?? '') as { sessions: { sid: string }[] };
        assert.ok(list.sessions.some((s) => s.sid === seeded), `${own} sees the seeded session`);
      }
      const queued = await probe(b.page, '/_mci/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mode: '500', count: 2 }) });
      assert.deepEqual([queued.status, queued.body], [200, '{"pending":2}'], shown(queued));
      assert.equal(collector.faults.pending(), 2);
      const cleared = await probe(b.page, '/_mci/faults', { method: 'DELETE' });
      assert.equal(cleared.status, 204, shown(cleared));
      assert.equal(collector.faults.pending(), 0);
    }
  });

  test('a file:// page (Origin: null) can neither read /_mci/sessions nor queue a fault', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mci-file-page-')), 'page.html');
    writeFileSync(file, '<!doctype html><html><head><meta charset="utf-8"><title>A saved page</title></head><body><p>Saved.</p></body></html>');
    await b.page.goto(pathToFileURL(file).href);
    const mark = wire.mark();
    const read = await probe(b.page, `${collector.url}/_mci/sessions`);
    assertRejected(read, 'fetch /_mci/sessions');
    assert.ok(!JSON.stringify(read).includes(SECRET));
    assertRejected(await probe(b.page, `${collector.url}/_mci/faults`, { method: 'POST', headers: TEXT_PLAIN, body: FAULTS_5 }), 'POST /_mci/faults');
    const calls = await wire.adminSince(mark, 2);
    assertRefused(calls, [['GET', '/_mci/sessions'], ['POST', '/_mci/faults']], 403, 'from file://');
    assert.deepEqual(calls.map((c) => c.origin), ['null', 'null'], 'the browser sent Origin: null');
    assert.equal(collector.faults.pending(), 0, 'no fault queued');
  });

  test(`a DNS-rebinding page (its own name, ${REBIND_HOST}, resolving to 127.0.0.1) gets 421 even for same-origin calls`, async () => {
    await b.page.goto(`http://${REBIND_HOST}:${collector.port}/`);
    const mark = wire.mark();
    // Same-origin now: the page may read whatever it is answered, so it must be answered nothing.
    const read = await probe(b.page, '/_mci/sessions');
    assert.deepEqual([read.settled, read.status], ['resolved', 421], shown(read));
    assert.ok(!(read.body ?? '').includes(SECRET), 'nothing stored leaks');
    const post = await probe(b.page, '/_mci/faults', { method: 'POST', headers: TEXT_PLAIN, body: FAULTS_5 });
    assert.equal(post.status, 421, shown(post));
    // A browser may send a request answered 421 once more on a fresh connection (Chromium does):
    // each send is refused alike.
    const calls = await wire.adminSince(mark, 2);
    const distinct = calls.filter((c, i) => i === 0 || c.method !== calls[i - 1]?.method || c.path !== calls[i - 1]?.path);
    assertRefused(distinct, [['GET', '/_mci/sessions'], ['POST', '/_mci/faults']], 421, 'from the rebound name');
    assertRefused(calls, calls.map((c) => [c.method, c.path]), 421, 'from the rebound name, every send');
    assert.equal(calls[0]?.host, `${REBIND_HOST}:${collector.port}`, 'the browser sent the page\'s own name as Host');
    assert.equal(collector.faults.pending(), 0, 'no fault queued');
  });
}
