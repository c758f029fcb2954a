/**
 * Keeps what the panel captured for a tab in the extension's IndexedDB, so that closing and
 * reopening DevTools loses nothing: the devtools page (and its memory) dies with DevTools, the
 * database does not. Append-only: each captured exchange is written once, in batches. No
 * permission is needed and nothing leaves the machine.
 *
 * What is kept, and for how long (README, "Privacy"):
 * - each request for a day from when it was captured (not from the last write), and every
 *   request older than that is deleted, of every tab, whenever a panel starts;
 * - a capture belongs to its tab *and* its page: a tab that reuses the id (tab ids start again
 *   after a browser restart) on another site does not get it, and it is deleted then;
 * - sensitive header values were never in it (PanelStore removes them before anything is kept).
 */
import type { Exchange } from '../../src/core/exchange.ts';
import type { Navigation } from '../../src/ui/store/panel-store.ts';

const DB = 'media-collection-inspector';
const EXCHANGES = 'exchanges';
const TABS = 'tabs';
const BY_CAPTURE_TIME = 'capturedAt';
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface TabRecord {
  tabId: number;
  /** The origin of the inspected page when the capture was saved (null when it could not be read). */
  origin: string | null;
  savedAt: number;
  navigations: Navigation[];
}

interface StoredExchange extends Exchange {
  tabId: number;
  /** When it was captured (written): its age counts from here. */
  capturedAt: number;
}

interface SavedCapture {
  exchanges: Exchange[];
  navigations: Navigation[];
}

function openDb(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Version 3: each request's capture time, and the tab's page.
    const req = idb.open(DB, 3);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
      const exchanges = db.createObjectStore(EXCHANGES, { keyPath: ['tabId', 'index'] });
      exchanges.createIndex(BY_CAPTURE_TIME, 'capturedAt');
      db.createObjectStore(TABS, { keyPath: 'tabId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => resolve();
    tx.onabort = () => resolve();
  });
}

const tabRange = (tabId: number) => IDBKeyRange.bound([tabId, -Infinity], [tabId, Infinity]);

export class CapturePersistence {
  private readonly db: Promise<IDBDatabase>;
  private queue: Exchange[] = [];
  private navigations: Navigation[] = [];
  private origin: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly tabId: number, idb: IDBFactory = indexedDB, private readonly now: () => number = Date.now) {
    this.db = openDb(idb);
  }

  /**
   * What was captured for this tab on this page before DevTools was last closed. First deletes
   * every request of every tab captured more than a day ago, and this tab's capture when it was
   * made on another page (`origin`: the inspected page's now).
   */
  async restore(origin: string | null = null): Promise<SavedCapture | null> {
    this.origin = origin;
    await this.purgeOld();
    const db = await this.db;
    const mine = (await done(db.transaction(TABS, 'readonly').objectStore(TABS).get(this.tabId))) as TabRecord | undefined;
    if (!mine) return null;
    if (mine.origin !== origin) {
      await forgetTab(db, this.tabId);
      return null;
    }
    const rows = (await done(db.transaction(EXCHANGES, 'readonly').objectStore(EXCHANGES).getAll(tabRange(this.tabId)))) as StoredExchange[];
    const exchanges = rows.map(({ tabId: _t, capturedAt: _c, ...ex }) => ex as Exchange);
    const cutoff = this.now() - MAX_AGE_MS;
    this.navigations = mine.navigations.filter((n) => !(n.time < cutoff));
    return exchanges.length ? { exchanges, navigations: this.navigations } : null;
  }

  /** Deletes every request captured more than a day ago, and the tabs left with none. */
  async purgeOld(): Promise<void> {
    await purgeExpired(await this.db, this.now());
  }

  /** Queues a captured exchange; writes happen in batches. */
  append(ex: Exchange): void {
    this.queue.push(ex);
    this.schedule();
  }

  setNavigations(navigations: readonly Navigation[]): void {
    this.navigations = [...navigations];
    this.schedule();
  }

  /** The inspected page's origin now (a navigation may move the tab to another site). */
  setOrigin(origin: string | null): void {
    if (origin === this.origin) return;
    this.origin = origin;
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), 300);
  }

  async flush(): Promise<void> {
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    const db = await this.db;
    const tx = db.transaction([EXCHANGES, TABS], 'readwrite');
    const store = tx.objectStore(EXCHANGES);
    const at = this.now();
    for (const ex of batch) store.put({ ...ex, tabId: this.tabId, capturedAt: at } satisfies StoredExchange);
    tx.objectStore(TABS).put({ tabId: this.tabId, origin: this.origin, savedAt: at, navigations: this.navigations } satisfies TabRecord);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }

  /** The user cleared the panel: the saved capture goes too. */
  async forget(): Promise<void> {
    this.queue = [];
    this.navigations = [];
    await forgetTab(await this.db, this.tabId);
  }
}

async function forgetTab(db: IDBDatabase, tabId: number): Promise<void> {
  const tx = db.transaction([EXCHANGES, TABS], 'readwrite');
  tx.objectStore(EXCHANGES).delete(tabRange(tabId));
  tx.objectStore(TABS).delete(tabId);
  await finished(tx);
}

async function purgeExpired(db: IDBDatabase, now: number): Promise<void> {
  const tx = db.transaction([EXCHANGES, TABS], 'readwrite');
  const index = tx.objectStore(EXCHANGES).index(BY_CAPTURE_TIME);
  const cursor = index.openCursor(IDBKeyRange.upperBound(now - MAX_AGE_MS, true));
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (!c) return;
    c.delete();
    c.continue();
  };
  await finished(tx);
  // Tabs whose every request is gone.
  const tabs = (await done(db.transaction(TABS, 'readonly').objectStore(TABS).getAll())) as TabRecord[];
  for (const t of tabs) {
    const count = await done(db.transaction(EXCHANGES, 'readonly').objectStore(EXCHANGES).count(tabRange(t.tabId)));
    if (count === 0) await forgetTab(db, t.tabId);
  }
}

/**
 * Deletes every saved request captured more than a day ago, of every tab. The devtools page runs
 * it whenever a panel starts, and the background whenever the browser starts or the extension is
 * installed or updated, so that nothing older waits on disk for a DevTools that is never opened.
 */
export async function purgeExpiredCaptures(idb: IDBFactory = indexedDB, now: number = Date.now()): Promise<void> {
  const db = await openDb(idb);
  try {
    await purgeExpired(db, now);
  } finally {
    db.close();
  }
}
