/**
 * The collector's memory stays bounded under load (the short version of
 * test/bench/collector-soak.ts). The collector runs in a child process started with --expose-gc
 * (child-collector.ts), so its heap is measured alone, after full collections; the load comes
 * from this process over loopback (load.ts). Before the fix it kept every session and body
 * forever: 4,000 starts with 1 MB of metadata killed it in 25 s.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startChildCollector, type ChildCollector, type Measure } from './child-collector.ts';
import { drive, LoadClient, type LoadResult } from './load.ts';

const MB = 1024 * 1024;
const mb = (n: number) => (n / MB).toFixed(1);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const children: ChildCollector[] = [];
after(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

/** Runs the load while sampling the child's store every 200 ms; returns the load's result and the samples. */
async function driveSampled(c: ChildCollector, sessions: number): Promise<{ load: LoadResult; samples: Measure[] }> {
  const samples: Measure[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      samples.push(await c.sample());
      await sleep(200);
    }
  })();
  const load = await drive({ base: c.url, sessions, concurrency: 16, compact: true, bigBytes: 4 * 1024, hugeBytes: 64 * 1024 });
  running = false;
  await sampler;
  samples.push(await c.sample());
  return { load, samples };
}

describe('bounded memory under load', () => {
  test('20,000 sessions of mixed traffic: the store stays within its caps, frees everything once idle, and the heap does not grow', async (t) => {
    const caps = { maxSessions: 2000, maxEvents: 20_000, maxBodyBytes: 2 * MB };
    const c = await startChildCollector({ idleTimeoutS: 1, closedGraceS: 0.5, ...caps });
    children.push(c);
    const base = await c.measure();
    assert.ok(base.gc, 'the child runs with --expose-gc');
    const idle: Measure[] = [];
    let sent = 0;
    for (let round = 0; round < 2; round++) {
      const { load, samples } = await driveSampled(c, 10_000);
      sent += load.sessions;
      assert.equal(load.errors, 0, 'no request failed');
      assert.deepEqual(Object.keys(load.statuses).filter((s) => Number(s) >= 500 || Number(s) === 404), [], `statuses: ${JSON.stringify(load.statuses)}`);
      for (const s of samples) {
        const h = s.stats.held;
        assert.ok(h.sessions <= caps.maxSessions && h.events <= caps.maxEvents && h.bodyBytes <= caps.maxBodyBytes, `held ${JSON.stringify(h)}`);
      }
      const peak = Math.max(...samples.map((s) => s.memory.heapUsed));
      // Idle past the timeout and the grace, and a few sweeps.
      await sleep(2500);
      const m = await c.measure();
      idle.push(m);
      assert.deepEqual(m.stats.held, { sessions: 0, open: 0, closed: 0, events: 0, bodies: 0, bodyBytes: 0 }, 'everything freed once idle');
      t.diagnostic(`round ${round + 1}: ${load.sessions} sessions, ${load.requests} requests in ${(load.ms / 1000).toFixed(1)} s (${(load.requests / load.ms * 1000).toFixed(0)}/s, ${mb(load.bytesSent)} MB of bodies sent); `
        + `heap ${mb(base.memory.heapUsed)} MB at rest before, ${mb(peak)} MB at most during (not collected), ${mb(m.memory.heapUsed)} MB at rest after; rss ${mb(m.memory.rss)} MB; `
        + `freed ${m.stats.freed}, dropped ${JSON.stringify(m.stats.dropped)}`);
    }
    const last = idle[1] as Measure;
    assert.equal(last.stats.freed + last.stats.dropped.sessions, sent, 'every session was freed or counted as dropped');
    const growth = last.memory.heapUsed - (idle[0] as Measure).memory.heapUsed;
    assert.ok(growth < 4 * MB, `the heap at rest grew by ${mb(growth)} MB over the second 10,000 sessions`);
    assert.ok(last.memory.heapUsed - base.memory.heapUsed < 16 * MB, `the heap at rest is ${mb(last.memory.heapUsed)} MB, ${mb(base.memory.heapUsed)} MB before any traffic`);
  });

  test('starts with 1 MB of metadata, never ended: the bodies held stay under maxBodyBytes (default 64 MiB), the oldest dropped and counted', async () => {
    const c = await startChildCollector({});
    children.push(c);
    const base = await c.measure();
    const client = new LoadClient(new URL(c.url), 4);
    const huge = JSON.stringify({
      playerTime: { playhead: 0, ts: 1 }, eventType: 'sessionStart',
      params: { 'media.id': 'm', 'media.name': 'n', 'media.length': 60, 'media.contentType': 'vod', 'media.playerName': 'p', 'media.channel': 'c', 'analytics.trackingServer': 't', 'analytics.reportSuite': 'r', 'visitor.marketingCloudOrgId': 'o@AdobeOrg' },
      customMetadata: { pad: 'x'.repeat(MB - 1000) },
    });
    let next = 0;
    const statuses: number[] = [];
    try {
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next++ < 80) statuses.push((await client.post('/api/v1/sessions', huge)).status);
      }));
    } finally {
      client.close();
    }
    assert.deepEqual([...new Set(statuses)], [201]);
    const m = await c.measure();
    const { held, dropped } = m.stats;
    assert.equal(held.sessions, 80, 'the sessions are all held (open, within the idle timeout)');
    assert.ok(held.bodyBytes <= 64 * MB, `${mb(held.bodyBytes)} MB of bodies held`);
    assert.equal(held.bodies + dropped.bodies, 80);
    assert.ok(dropped.bodies >= 80 - 64, `${dropped.bodies} bodies dropped`);
    const grown = m.memory.heapUsed - base.memory.heapUsed;
    assert.ok(grown < 64 * MB + 32 * MB, `the heap grew by ${mb(grown)} MB for ${mb(80 * MB)} MB of bodies received`);

    const page = await fetch(`${c.url}/_mci/sessions?limit=10`);
    const doc = (await page.json()) as { dropped: { bodies: number }; sessions: { events: { body: unknown; bodyDropped?: boolean }[] }[] };
    assert.equal(doc.dropped.bodies, dropped.bodies, '/_mci/sessions says how many were dropped');
    assert.equal(doc.sessions[0]?.events[0]?.bodyDropped, true, 'the oldest body is marked dropped');
    assert.equal(doc.sessions[0]?.events[0]?.body, null);
  });
});
