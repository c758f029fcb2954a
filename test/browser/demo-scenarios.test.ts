/**
 * The demo player in headless Chromium, every scenario against the reference collector: what the
 * collector received, and what the inspector finds in the recorded traffic. Then the scenarios
 * that have a Media Edge flavour, in the direct style (`?protocol=edge`) and the Web SDK style
 * (`?protocol=websdk`), with the same findings from the same engine.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import type { StoredSession } from '../../src/collector/session-store.ts';
import { isAnalyticsCall, recordHar, type HarEntry } from '../../src/demo/har-recorder.ts';
import type { DemoProtocol } from '../../src/demo/protocol.ts';
import { SCENARIOS } from '../../src/demo/scenarios.ts';
import { readHar } from '../../src/core/har/read-har.ts';
import { analyse } from '../../src/core/analysis/analyser.ts';
import { launchChromium } from './chromium.ts';

const root = join(import.meta.dirname, '..', '..');
let collector: Collector;
let browser: Browser;

before(async () => {
  collector = await startCollector({ demoDir: join(root, 'dist', 'demo') });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

/**
 * Runs one scenario in a fresh page (over Media Collection unless `protocol` says otherwise);
 * returns the sessions the collector received, the page's log, the recorded entries and the findings.
 */
async function run(name: string, protocol?: DemoProtocol) {
  collector.store.clear();
  const page: Page = await browser.newPage();
  try {
    const recorder = recordHar(page, isAnalyticsCall);
    const base = `http://localhost:${collector.port}`;
    await page.goto(`${base}/?scenario=${name}${protocol ? `&protocol=${protocol}` : ''}`);
    await page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
    await recorder.settle();
    const log = await page.$$eval('#log li', (items) => items.map((i) => i.textContent ?? ''));
    const body = await page.evaluate(() => ({ protocol: document.body.dataset.protocol ?? '', scenarioProtocol: document.body.dataset.scenarioProtocol ?? '' }));
    const har = recorder.har();
    const analysis = analyse(readHar(JSON.stringify(har), `${name}.har`).exchanges);
    return { sessions: collector.store.list(), log, analysis, entries: har.log.entries, body };
  } finally {
    await page.close();
  }
}

const types = (s: StoredSession) => s.events.map((e) => e.eventType);

describe('demo scenarios in headless Chromium', () => {
  test('clean: one complete session, every call accepted, no warning or error found', async () => {
    const { sessions, analysis } = await run('clean');
    assert.equal(sessions.length, 1);
    const s = sessions[0] as StoredSession;
    assert.equal(s.closed, 'sessionEnd');
    assert.ok(s.events.every((e) => e.status === 201 || e.status === 204), JSON.stringify(s.events.map((e) => e.status)));
    const t = types(s);
    assert.equal(t[0], 'sessionStart');
    assert.deepEqual(t.slice(1, 3), ['adBreakStart', 'adStart'], 'pre-roll before play');
    for (const type of ['play', 'pauseStart', 'bufferStart', 'chapterStart', 'chapterComplete', 'bitrateChange', 'stateStart', 'stateEnd', 'adComplete', 'adBreakComplete', 'sessionComplete', 'sessionEnd']) {
      assert.ok(t.includes(type), `${type} missing`);
    }
    assert.equal(t.filter((x) => x === 'adBreakStart').length, 2, 'pre-roll and mid-roll');
    const tss = s.events.map((e) => e.ts as number);
    assert.ok(tss.every((ts, i) => i === 0 || ts > (tss[i - 1] as number)), 'ts strictly increasing');
    assert.deepEqual(analysis.findings.filter((f) => f.severity !== 'info').map((f) => f.code), []);
    assert.equal(analysis.sessions.length, 1);
    assert.equal(analysis.sessions[0]?.media.id, 'mci-demo-001');
  });

  test('orphan-ad: an adStart with no adBreakStart reaches the collector and is found', async () => {
    const { sessions, analysis } = await run('orphan-ad');
    const t = types(sessions[0] as StoredSession);
    assert.ok(t.includes('adStart') && !t.includes('adBreakStart'));
    const orphan = analysis.findings.find((f) => f.code === 'ad.orphan-start');
    assert.ok(orphan, 'ad.orphan-start');
    assert.match(orphan.message, /8\.0 s of ad are counted as main content/);
  });

  test('after-end: the ping after sessionEnd gets 410 and is recorded as rejected', async () => {
    const { sessions, analysis } = await run('after-end');
    const s = sessions[0] as StoredSession;
    const last = s.events[s.events.length - 1];
    assert.equal(last?.eventType, 'ping');
    assert.equal(last?.status, 410);
    assert.equal(s.closed, 'sessionEnd');
    const codes = analysis.findings.map((f) => f.code);
    assert.ok(codes.includes('session.after-end') && codes.includes('http.session-gone'), codes.join());
    assert.ok(!codes.includes('session.not-restarted'), 'a 410 after its own sessionEnd needs no restart');
  });

  test('lost-session: a 404 on an unknown sid, then a new session that completes', async () => {
    const { sessions, log, analysis } = await run('lost-session');
    assert.equal(sessions.length, 2, 'the original session and the restarted one');
    assert.ok(log.some((l) => /ping → 404/.test(l)));
    const restarted = sessions.find((s) => s.closed === 'sessionEnd') as StoredSession;
    assert.deepEqual(types(restarted).slice(0, 2), ['sessionStart', 'play'], 'restart re-sends play');
    const codes = analysis.findings.map((f) => f.code);
    assert.ok(codes.includes('http.session-not-found'));
    assert.ok(!codes.includes('session.not-restarted'));
  });

  test('ts-seconds: every ts the collector received is in seconds', async () => {
    const { sessions, analysis } = await run('ts-seconds');
    const s = sessions[0] as StoredSession;
    assert.ok(s.events.every((e) => typeof e.ts === 'number' && e.ts < 1e11 && e.ts > 1e9), JSON.stringify(s.events.map((e) => e.ts)));
    assert.ok(analysis.findings.some((f) => f.code === 'ts.not-milliseconds'));
  });

  test('bad-schema: the collector answers 400 to the bad adStart and the inspector says why', async () => {
    const { sessions, log, analysis } = await run('bad-schema');
    const bad = (sessions[0] as StoredSession).events.find((e) => e.eventType === 'adStart');
    assert.equal(bad?.status, 400);
    assert.ok(log.some((l) => /adStart → 400 .*media\.ad\.length/.test(l)), 'the 400 message names the field');
    const codes = analysis.findings.map((f) => f.code);
    assert.ok(codes.includes('schema.violation') && codes.includes('http.bad-request'));
  });

  test('ping-params: the ping with params is rejected (400) and reported as misplaced QoE', async () => {
    const { sessions, analysis } = await run('ping-params');
    const pings = (sessions[0] as StoredSession).events.filter((e) => e.eventType === 'ping');
    assert.ok(pings.some((p) => p.status === 400));
    const codes = analysis.findings.map((f) => f.code);
    for (const code of ['schema.violation', 'qoe.misplaced', 'http.bad-request'] as const) assert.ok(codes.includes(code), code);
  });

  test('blocked: the dropped call never reaches the collector and is http.failed', async () => {
    const { sessions, log, analysis } = await run('blocked');
    assert.ok(log.some((l) => /ping → failed/.test(l)));
    const s = sessions[0] as StoredSession;
    assert.equal(s.closed, 'sessionEnd', 'the session goes on after the failure');
    assert.ok(analysis.findings.some((f) => f.code === 'http.failed'));
  });

  test('every scenario has a test above', () => {
    assert.deepEqual(Object.keys(SCENARIOS).sort(), ['after-end', 'bad-schema', 'blocked', 'clean', 'lost-session', 'orphan-ad', 'ping-params', 'ts-seconds']);
  });
});

const EDGE_TESTED = ['after-end', 'bad-schema', 'blocked', 'clean', 'lost-session', 'orphan-ad'];
const posts = (entries: HarEntry[]) => entries.filter((e) => e.request.method === 'POST');
const header = (e: HarEntry, name: string) => e.request.headers.find((h) => h.name.toLowerCase() === name)?.value ?? '';
const describeFindings = (a: ReturnType<typeof analyse>) => a.findings.map((f) => `${f.severity} ${f.code} #${f.exchange}: ${f.message}`).join('\n');

for (const protocol of ['edge', 'websdk'] as const) {
  const style = protocol === 'websdk' ? 'Web SDK style (interact, text/plain)' : 'direct style (/va/v1/sessionStart, JSON)';

  /** What every Edge run must show: the wire of its style, the handles read, the sessions recorded as Edge. */
  function assertEdgeWire(r: Awaited<ReturnType<typeof run>>, name: string): void {
    const calls = posts(r.entries);
    assert.equal(r.body.protocol, protocol, `${name}: the page took ?protocol=${protocol}`);
    assert.equal(r.body.scenarioProtocol, protocol, `${name}: the scenario ran over ${protocol}`);
    assert.ok(calls.length > 0, `${name}: calls were recorded`);
    assert.ok(calls.every((e) => /\/ee\/(?:[a-z0-9]+\/)?(?:va\/v1\/[A-Za-z]+|v1\/interact)\?/.test(e.request.url)), `${name}: every call is a Media Edge call: ${calls.map((e) => e.request.url).filter((u) => !u.includes('/ee/')).join(', ')}`);
    assert.ok(calls.every((e) => /[?&]configId=[^&]+/.test(e.request.url) && /[?&]requestId=[^&]+/.test(e.request.url)), `${name}: every call carries configId and requestId`);
    const starts = calls.filter((e) => e.request.url.includes(protocol === 'websdk' ? '/v1/interact?' : '/va/v1/sessionStart?'));
    assert.ok(starts.length >= 1, `${name}: the session starts through ${protocol === 'websdk' ? 'interact' : '/va/v1/sessionStart'}`);
    assert.ok(!calls.some((e) => e.request.url.includes(protocol === 'websdk' ? '/va/v1/sessionStart?' : '/v1/interact?')), `${name}: and never through the other style's start`);
    const type = protocol === 'websdk' ? /^text\/plain/ : /^application\/json/;
    assert.ok(calls.every((e) => type.test(header(e, 'content-type'))), `${name}: every body is ${type.source}: ${[...new Set(calls.map((e) => header(e, 'content-type')))].join(', ')}`);
    for (const start of starts) {
      assert.equal(start.response.status, 200, `${name}: the start answered 200`);
      const reply = JSON.parse(start.response.content.text ?? '{}') as { handle?: { type: string; payload: { sessionId?: string }[] }[] };
      const sid = reply.handle?.find((h) => h.type === 'media-analytics:new-session')?.payload[0]?.sessionId ?? '';
      assert.match(sid, /^[0-9a-f]{64}$/, `${name}: the recorded start reply keeps its body and new-session handle`);
      const next = calls[calls.indexOf(start) + 1];
      if (next) {
        assert.ok(next.request.url.includes('/ee/or2/va/v1/'), `${name}: calls after the start use the location hint of its reply: ${next.request.url}`);
        assert.ok(next.request.postData?.text.includes(sid) ?? false, `${name}: the next call carries the session id from the handle`);
      }
    }
    assert.ok(r.sessions.length > 0, `${name}: the collector has sessions`);
    for (const s of r.sessions) {
      assert.equal(s.protocol, 'media-edge', `${name}: the collector recorded an Edge session`);
      assert.equal(s.startedWith, protocol === 'websdk' ? 'interact' : 'sessionStart', `${name}: started with the style's call`);
    }
    const started = new Set(r.sessions.map((s) => s.sid));
    for (const s of r.analysis.sessions) {
      assert.equal(s.protocol, 'media-edge', `${name}: the inspector sees a Media Edge session`);
      // (lost-session's stale id has no start call, hence no style)
      if (started.has(s.sid)) assert.equal(s.style, protocol === 'websdk' ? 'Web SDK' : null, `${name}: a started session shows its client style`);
    }
    assert.ok(r.analysis.sessions.some((s) => started.has(s.sid)), `${name}: the inspector follows the sessions the collector started`);
  }

  /** The codes the scenario's edgeExpect names are all found. */
  function assertExpected(r: Awaited<ReturnType<typeof run>>, name: string): string[] {
    const codes = r.analysis.findings.map((f) => f.code);
    for (const code of SCENARIOS[name]?.edgeExpect ?? []) assert.ok(codes.includes(code as never), `${name}: ${code} expected:\n${describeFindings(r.analysis)}`);
    return codes;
  }

  describe(`demo scenarios over Media Edge, ${style}, in headless Chromium`, () => {
    test('clean: one complete Edge session, every call accepted, no warning or error found', async () => {
      const r = await run('clean', protocol);
      assertEdgeWire(r, 'clean');
      assert.equal(r.sessions.length, 1, 'one session');
      const s = r.sessions[0] as StoredSession;
      assert.equal(s.closed, 'sessionEnd', 'closed by sessionEnd');
      assert.ok(s.events.every((e) => e.status === 200 || e.status === 204), `every call accepted: ${JSON.stringify(s.events.map((e) => [e.eventType, e.status]))}`);
      const t = types(s);
      assert.equal(t[0], 'sessionStart', 'sessionStart first');
      assert.deepEqual(t.slice(1, 3), ['adBreakStart', 'adStart'], 'pre-roll before play');
      for (const type of ['play', 'pauseStart', 'bufferStart', 'chapterStart', 'chapterComplete', 'bitrateChange', 'statesUpdate', 'adComplete', 'adBreakComplete', 'sessionComplete', 'sessionEnd']) {
        assert.ok(t.includes(type), `${type} missing: ${t.join(', ')}`);
      }
      assert.ok(!t.includes('stateStart') && !t.includes('stateEnd'), 'player states travel as statesUpdate');
      assert.equal(t.filter((x) => x === 'adBreakStart').length, 2, 'pre-roll and mid-roll');
      assert.ok(s.events.every((e) => Number.isInteger(e.playhead)), `every playhead is an integer: ${JSON.stringify(s.events.map((e) => e.playhead))}`);
      const tss = s.events.map((e) => e.ts as number);
      assert.ok(tss.every((ts, i) => i === 0 || ts > (tss[i - 1] as number)), `xdm.timestamp strictly increasing: ${JSON.stringify(tss)}`);
      assert.deepEqual(r.analysis.findings.filter((f) => f.severity !== 'info').map((f) => f.code), [], `no warning or error:\n${describeFindings(r.analysis)}`);
      assert.equal(r.analysis.sessions.length, 1, 'the inspector sees one session');
      assert.equal(r.analysis.sessions[0]?.media.id, 'mci-demo-001', 'sessionDetails.name is the content id');
      assert.equal(r.analysis.sessions[0]?.metrics.counts.adsStarted, 3, 'three ads (two pre-roll, one mid-roll)');
      assert.equal(r.analysis.calls.length, posts(r.entries).length, 'every recorded call is a tracked Media Edge call');
    });

    test('orphan-ad: an adStart with no adBreakStart reaches the collector and is found (ad.orphan-start)', async () => {
      const r = await run('orphan-ad', protocol);
      assertEdgeWire(r, 'orphan-ad');
      const t = types(r.sessions[0] as StoredSession);
      assert.ok(t.includes('adStart') && !t.includes('adBreakStart'), `an adStart without adBreakStart: ${t.join(', ')}`);
      assertExpected(r, 'orphan-ad');
      const orphan = r.analysis.findings.find((f) => f.code === 'ad.orphan-start');
      assert.ok(orphan, `ad.orphan-start:\n${describeFindings(r.analysis)}`);
      assert.match(orphan.message, /8\.0 s of ad are counted as main content/, 'the ad time estimated from the Edge events');
    });

    test('lost-session: a 404 (va-edge-0404-404) on an unknown sessionID, then a new session that completes', async () => {
      const r = await run('lost-session', protocol);
      assertEdgeWire(r, 'lost-session');
      assert.equal(r.sessions.length, 2, 'the original session and the restarted one');
      assert.ok(r.log.some((l) => /ping → 404 .*Invalid session ID/.test(l)), `the log shows the 404 and Adobe's detail: ${r.log.join(' | ')}`);
      const lost = posts(r.entries).find((e) => e.response.status === 404);
      assert.match(lost?.response.content.text ?? '', /va-edge-0404-404/, 'the recorded 404 keeps its problem body');
      const restarted = r.sessions.find((s) => s.closed === 'sessionEnd') as StoredSession;
      assert.ok(restarted, 'a restarted session closed by sessionEnd');
      assert.deepEqual(types(restarted).slice(0, 2), ['sessionStart', 'play'], 'restart re-sends play');
      const codes = assertExpected(r, 'lost-session');
      assert.ok(codes.includes('http.session-not-found'), `http.session-not-found:\n${describeFindings(r.analysis)}`);
      assert.ok(!codes.includes('session.not-restarted'), 'the player restarted');
    });

    test('bad-schema: the collector answers 400 (va-edge-0400-400) to the bad adStart and the inspector says why', async () => {
      const r = await run('bad-schema', protocol);
      assertEdgeWire(r, 'bad-schema');
      const bad = (r.sessions[0] as StoredSession).events.find((e) => e.eventType === 'adStart');
      assert.equal(bad?.status, 400, 'the adStart was answered 400');
      assert.ok(r.log.some((l) => /adStart → 400 .*advertisingDetails\.length/.test(l)), `the 400's report names the field: ${r.log.join(' | ')}`);
      const codes = assertExpected(r, 'bad-schema');
      assert.ok(codes.includes('schema.violation') && codes.includes('http.bad-request'), `schema.violation and http.bad-request:\n${describeFindings(r.analysis)}`);
      const violation = r.analysis.findings.find((f) => f.code === 'schema.violation');
      assert.equal(violation?.pointer, '/events/0/xdm/mediaCollection/advertisingDetails/length', 'the violation points at the field');
      const typo = r.analysis.findings.find((f) => f.code === 'schema.unknown-field');
      assert.match(typo?.message ?? '', /"nmae".*"name"/, 'the misspelt field, with the one it meant');
      assert.equal((r.sessions[0] as StoredSession).closed, 'sessionEnd', 'the session goes on and ends');
    });

    test('after-end: the ping after sessionEnd gets 410 and is found as session.after-end and http.session-gone', async () => {
      const r = await run('after-end', protocol);
      assertEdgeWire(r, 'after-end');
      const s = r.sessions[0] as StoredSession;
      const last = s.events[s.events.length - 1];
      assert.equal(last?.eventType, 'ping', 'the last event is the ping');
      assert.equal(last?.status, 410, 'answered 410');
      assert.equal(s.closed, 'sessionEnd', 'closed by sessionEnd');
      const codes = assertExpected(r, 'after-end');
      assert.ok(codes.includes('session.after-end') && codes.includes('http.session-gone'), `session.after-end and http.session-gone:\n${describeFindings(r.analysis)}`);
      assert.ok(!codes.includes('session.not-restarted'), 'a 410 after its own sessionEnd needs no restart');
    });

    test('blocked: the dropped call never reaches the collector and is http.failed', async () => {
      const r = await run('blocked', protocol);
      assertEdgeWire(r, 'blocked');
      assert.ok(r.log.some((l) => /ping → failed/.test(l)), `the log shows the failure: ${r.log.join(' | ')}`);
      assert.equal((r.sessions[0] as StoredSession).closed, 'sessionEnd', 'the session goes on after the failure');
      assertExpected(r, 'blocked');
    });
  });
}

describe('the demo page\'s protocol control', () => {
  test('every scenario with an Edge flavour has an Edge test above; the others are Media Collection only', () => {
    assert.deepEqual(Object.entries(SCENARIOS).filter(([, s]) => s.edgeExpect !== undefined).map(([n]) => n).sort(), EDGE_TESTED, 'the Edge scenarios');
  });

  test('the control switches the protocol, keeps the URL in step and disables Media Collection-only scenarios', async () => {
    const page: Page = await browser.newPage();
    try {
      await page.goto(`http://localhost:${collector.port}/?protocol=websdk`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', { timeout: 10000 });
      const state = () => page.evaluate(() => ({
        value: (document.getElementById('protocol') as HTMLSelectElement).value,
        options: [...(document.getElementById('protocol') as HTMLSelectElement).options].map((o) => o.value),
        protocol: document.body.dataset.protocol,
        url: location.search,
        endpoint: document.getElementById('endpoint')?.textContent ?? '',
        disabled: [...document.querySelectorAll<HTMLButtonElement>('#buttons button')].filter((b) => b.disabled).map((b) => b.dataset.scenario).sort(),
      }));
      let s = await state();
      assert.deepEqual(s.options, ['collection', 'edge', 'websdk'], 'three protocols');
      assert.equal(s.value, 'websdk', '?protocol=websdk selects the Web SDK style');
      assert.match(s.endpoint, /\/ee$/, 'the endpoint line shows the Edge base path');
      assert.deepEqual(s.disabled, ['ping-params', 'ts-seconds'], 'Media Collection-only scenarios are disabled');
      await page.select('#protocol', 'collection');
      s = await state();
      assert.equal(s.protocol, 'collection', 'the control switched to Media Collection');
      assert.match(s.url, /protocol=collection/, 'the URL follows');
      assert.deepEqual(s.disabled, [], 'every scenario runs over Media Collection');
      await page.select('#protocol', 'edge');
      s = await state();
      assert.equal(s.protocol, 'edge', 'and to Media Edge direct');
      assert.match(s.url, /protocol=edge/, 'the URL follows');
      // A button click runs the scenario over the protocol the control shows.
      collector.store.clear();
      await page.click('button[data-scenario="orphan-ad"]');
      await page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
      const sessions = collector.store.list();
      assert.equal(sessions.length, 1, 'one session');
      assert.equal(sessions[0]?.protocol, 'media-edge', 'over Media Edge');
      assert.equal(sessions[0]?.startedWith, 'sessionStart', 'direct style');
    } finally {
      await page.close();
    }
  });

  test('?protocol=edge with a Media Collection-only scenario says so instead of running it', async () => {
    collector.store.clear();
    const page: Page = await browser.newPage();
    try {
      await page.goto(`http://localhost:${collector.port}/?scenario=ts-seconds&protocol=edge`);
      await page.waitForFunction(() => document.body.dataset.state === 'error', { timeout: 10000 });
      const log = await page.$$eval('#log li', (items) => items.map((i) => i.textContent ?? ''));
      assert.ok(log.some((l) => /ts-seconds has no Media Edge/.test(l)), `the log says why: ${log.join(' | ')}`);
      assert.equal(collector.store.list().length, 0, 'nothing was sent');
    } finally {
      await page.close();
    }
  });
});
