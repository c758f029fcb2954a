/**
 * What the extension keeps of a capture, and for how long (README, "Privacy"): each request a day
 * from when it was captured, older ones deleted on every start of a panel and of the browser, and
 * a saved capture given back only to its own tab on its own site.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { CapturePersistence, MAX_AGE_MS, purgeExpiredCaptures } from '../../extension/capture/persist.ts';
import type { Exchange } from '../../src/core/exchange.ts';

const HOUR = 60 * 60 * 1000;
const SITE = 'https://player.example';

function exchange(index: number): Exchange {
  return {
    index,
    method: 'POST',
    url: `https://example.hb-api.omtrdc.net/api/v1/sessions/s${index}/events`,
    startedAt: index,
    requestHeaders: [],
    requestBody: '{}',
    status: 204,
    responseHeaders: [],
    responseBody: '',
  } as unknown as Exchange;
}

/** A clock the test moves. */
function clock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function capture(idb: IDBFactory, tabId: number, now: () => number, origin: string | null, indexes: number[]): Promise<CapturePersistence> {
  const p = new CapturePersistence(tabId, idb, now);
  await p.restore(origin);
  for (const i of indexes) p.append(exchange(i));
  await p.flush();
  return p;
}

async function restored(idb: IDBFactory, tabId: number, now: () => number, origin: string | null): Promise<number[]> {
  const saved = await new CapturePersistence(tabId, idb, now).restore(origin);
  return saved ? saved.exchanges.map((e) => e.index) : [];
}

test('a request is kept a day from its capture, not from the last write', async () => {
  const idb = new IDBFactory();
  const t = clock();
  const p = await capture(idb, 1, t.now, SITE, [0, 1]);
  // The tab keeps writing every 20 hours for three days: the first requests still go after a day.
  for (let i = 2; i < 6; i++) {
    t.advance(20 * HOUR);
    p.append(exchange(i));
    await p.flush();
  }
  // 80 h after the first capture: requests 0–1 (80 h), 2 (60 h), 3 (40 h) are older than a day.
  assert.deepEqual(await restored(idb, 1, t.now, SITE), [4, 5]);
  t.advance(MAX_AGE_MS + 1);
  assert.deepEqual(await restored(idb, 1, t.now, SITE), [], 'a day after the last write nothing is left');
});

test('73-hour-old requests do not come back, whatever was written since', async () => {
  const idb = new IDBFactory();
  const t = clock();
  const p = await capture(idb, 1, t.now, SITE, [0, 1, 2]);
  t.advance(73 * HOUR);
  p.append(exchange(3));
  await p.flush();
  assert.deepEqual(await restored(idb, 1, t.now, SITE), [3]);
});

test('every panel start deletes the expired requests of every tab, and the browser start does too', async () => {
  const idb = new IDBFactory();
  const t = clock();
  await capture(idb, 1, t.now, SITE, [0, 1]);
  await capture(idb, 2, t.now, 'https://other.example', [0]);
  t.advance(30 * 24 * HOUR);
  // A panel on a third tab starts: tabs 1 and 2 are never reopened, their data goes anyway.
  await capture(idb, 3, t.now, SITE, [0]);
  assert.equal(await count(idb), 1, 'only the new tab\'s request is on disk');

  t.advance(25 * HOUR);
  // No DevTools at all: the browser starts (the background's purge).
  await purgeExpiredCaptures(idb, t.now());
  assert.equal(await count(idb), 0, 'nothing older than a day left on disk');
  assert.deepEqual(await tabIds(idb), [], 'no tab record left either');
});

test('a capture comes back to its own tab on its own site only', async () => {
  const idb = new IDBFactory();
  const t = clock();
  await capture(idb, 5, t.now, SITE, [0, 1]);
  t.advance(HOUR);
  // A browser restart reuses tab id 5 for another site: it gets nothing, and the old capture is deleted.
  assert.deepEqual(await restored(idb, 5, t.now, 'https://news.example'), []);
  assert.deepEqual(await restored(idb, 5, t.now, SITE), [], 'deleted, not only hidden');
  assert.equal(await count(idb), 0);
});

test('a tab that navigated to another site saves under that site', async () => {
  const idb = new IDBFactory();
  const t = clock();
  const p = await capture(idb, 5, t.now, SITE, [0]);
  p.setOrigin('https://next.example');
  p.append(exchange(1));
  await p.flush();
  assert.deepEqual(await restored(idb, 5, t.now, 'https://next.example'), [0, 1]);
});

test('a page whose origin cannot be read keeps nothing of a site\'s capture', async () => {
  const idb = new IDBFactory();
  const t = clock();
  await capture(idb, 5, t.now, SITE, [0]);
  assert.deepEqual(await restored(idb, 5, t.now, null), []);
  await capture(idb, 6, t.now, null, [0, 1]);
  assert.deepEqual(await restored(idb, 6, t.now, null), [0, 1], 'a capture made without an origin returns to the same');
});

async function count(idb: IDBFactory): Promise<number> {
  const db = await open(idb);
  const n = await request(db.transaction('exchanges').objectStore('exchanges').count());
  db.close();
  return n;
}

async function tabIds(idb: IDBFactory): Promise<number[]> {
  const db = await open(idb);
  const keys = await request(db.transaction('tabs').objectStore('tabs').getAllKeys());
  db.close();
  return keys as number[];
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
  return request(idb.open('media-collection-inspector', 3));
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
