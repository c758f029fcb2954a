/**
 * The demo player in headless Chromium, every scenario against the reference collector: what the
 * collector received, and what the inspector finds in the recorded traffic.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import type { StoredSession } from '../../src/collector/session-store.ts';
import { recordHar } from '../../src/demo/har-recorder.ts';
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

/** Runs one scenario in a fresh page; returns the sessions the collector received and the findings. */
async function run(name: string) {
  collector.store.clear();
  const page: Page = await browser.newPage();
  try {
    const recorder = recordHar(page, (url) => url.includes('/api/v1/'));
    const base = `http://localhost:${collector.port}`;
    await page.goto(`${base}/?scenario=${name}`);
    await page.waitForFunction(() => document.body.dataset.state === 'done', { timeout: 20000 });
    await recorder.settle();
    const log = await page.$$eval('#log li', (items) => items.map((i) => i.textContent ?? ''));
    const analysis = analyse(readHar(JSON.stringify(recorder.har()), `${name}.har`).exchanges);
    return { sessions: collector.store.list(), log, analysis };
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
