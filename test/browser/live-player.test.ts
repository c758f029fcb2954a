/**
 * The demo's live instrumented <video> (src/demo/live-player.ts) in headless Chromium against the
 * reference collector: the real element is played, paused, resumed and muted, then the page is left;
 * the test checks what the collector received for that session (sessionStart with the demo content,
 * the pre-roll, play, pauseStart, play again, the mute state, and sessionEnd delivered by beacon),
 * in order and with strictly increasing ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startCollector, type Collector } from '../../src/collector/server.ts';
import type { StoredSession } from '../../src/collector/session-store.ts';
import { DEMO_CONTENT } from '../../src/demo/scenarios.ts';
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

const types = (s: StoredSession) => s.events.map((e) => e.eventType);

/** Polls the collector until it holds exactly one session that satisfies `ready`. */
async function waitForSession(ready: (s: StoredSession) => boolean, what: string, timeoutMs = 8000): Promise<StoredSession> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sessions = collector.store.list();
    const s = sessions[0];
    if (sessions.length === 1 && s && ready(s)) return s;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; collector has ${sessions.length} session(s): ${JSON.stringify(sessions.map(types))}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Index of the first `type` at or after `from`, or -1. */
function indexOf(s: StoredSession, type: string, from = 0): number {
  return types(s).findIndex((t, i) => i >= from && t === type);
}

/** Plays the real video; the instrumentation's own pause() may interrupt this first play() call. */
async function play(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const video = document.getElementById('video') as HTMLVideoElement;
    await video.play().catch(() => undefined);
  });
}

async function currentTime(page: Page): Promise<number> {
  return page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).currentTime);
}

describe('live instrumented <video> in headless Chromium', () => {
  test('play, pause, resume, mute, leave: the collector receives the whole session in order', async () => {
    collector.store.clear();
    const page: Page = await browser.newPage();
    try {
      await page.goto(`http://localhost:${collector.port}/`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', { timeout: 10000 });
      assert.equal(collector.store.list().length, 0, 'no session before the first play');

      // First play: sessionStart, a 3 s simulated pre-roll, then the content plays.
      await play(page);
      let s = await waitForSession((x) => indexOf(x, 'chapterStart', indexOf(x, 'play')) > 0, 'play and chapterStart after the pre-roll', 10000);
      await page.waitForFunction(() => {
        const v = document.getElementById('video') as HTMLVideoElement;
        return !v.paused && v.currentTime > 0.5;
      }, { timeout: 5000 });

      // Pause the real element.
      await page.evaluate(() => (document.getElementById('video') as HTMLVideoElement).pause());
      const pausedAt = await currentTime(page);
      s = await waitForSession((x) => indexOf(x, 'pauseStart', indexOf(x, 'play')) > 0, 'pauseStart after pause()');

      // Resume.
      await play(page);
      s = await waitForSession((x) => indexOf(x, 'play', indexOf(x, 'pauseStart', indexOf(x, 'play'))) > 0, 'play after resuming');

      // Mute: volumechange → stateStart mute.
      await page.evaluate(() => {
        (document.getElementById('video') as HTMLVideoElement).muted = true;
      });
      s = await waitForSession(
        (x) => x.events.some((e) => e.eventType === 'stateStart' && (e.body as { params?: Record<string, unknown> }).params?.['media.state.name'] === 'mute'),
        'stateStart mute after muting',
      );

      // Leave the page: pagehide → sessionEnd by sendBeacon.
      await page.goto('about:blank');
      s = await waitForSession((x) => x.closed === 'sessionEnd', 'sessionEnd by beacon after leaving the page', 5000);

      const t = types(s);
      const detail = JSON.stringify(s.events.map((e) => [e.eventType, e.status, e.ts, e.playhead]));

      // sessionStart first, with the demo content's params.
      assert.equal(t[0], 'sessionStart', detail);
      const startParams = (s.events[0]?.body as { params?: Record<string, unknown> }).params ?? {};
      for (const [key, value] of Object.entries(DEMO_CONTENT)) assert.equal(startParams[key], value, `sessionStart ${key}`);
      assert.equal(startParams['media.playerName'], 'mci-demo-player');

      // Every call accepted, sessionEnd last.
      assert.ok(s.events.every((e) => e.status === 201 || e.status === 204), detail);
      assert.equal(t[t.length - 1], 'sessionEnd', detail);

      // The key events in this order (pings, bufferStart and the like may sit in between).
      const expected = ['sessionStart', 'adBreakStart', 'adStart', 'adComplete', 'adBreakComplete', 'play', 'chapterStart', 'pauseStart', 'play', 'stateStart', 'sessionEnd'];
      let at = -1;
      for (const type of expected) {
        const next = indexOf(s, type, at + 1);
        assert.ok(next > at, `${type} expected after index ${at}: ${detail}`);
        at = next;
      }
      // Content plays only after the pre-roll pod completes.
      assert.ok(indexOf(s, 'play') > indexOf(s, 'adBreakComplete'), detail);

      // The pause happened with the content moving; the resumed play starts where it paused.
      const pause = s.events[indexOf(s, 'pauseStart', indexOf(s, 'play'))];
      const resume = s.events[indexOf(s, 'play', indexOf(s, 'pauseStart', indexOf(s, 'play')))];
      assert.ok((pause?.playhead ?? 0) > 0.4, `pauseStart playhead ${pause?.playhead}`);
      assert.ok(Math.abs((pause?.playhead ?? 0) - pausedAt) < 0.5, `pauseStart playhead ${pause?.playhead} vs paused at ${pausedAt}`);
      assert.ok((resume?.playhead ?? 0) >= (pause?.playhead ?? 0) - 0.01, `resume playhead ${resume?.playhead}`);

      // ts: milliseconds, strictly increasing in the order the collector received them.
      const tss = s.events.map((e) => e.ts as number);
      assert.ok(tss.every((ts) => typeof ts === 'number' && ts > 1e12), detail);
      assert.ok(tss.every((ts, i) => i === 0 || ts > (tss[i - 1] as number)), `ts strictly increasing: ${detail}`);
    } finally {
      await page.close();
    }
  });
});
