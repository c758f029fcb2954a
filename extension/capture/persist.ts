/**
 * Keeps what the panel captured for a tab in the extension's IndexedDB, so that closing and
 * reopening DevTools loses nothing: the devtools page (and its memory) dies with DevTools, the
 * database does not. Append-only: each captured exchange is written once, in batches. No
 * permission is needed and nothing leaves the machine. Captures older than a day are dropped.
 */
import type { Exchange } from '../../src/core/exchange.ts';
import type { Navigation } from '../../src/ui/store/panel-store.ts';

const DB = 'media-collection-inspector';
const EXCHANGES = 'exchanges';
const TABS = 'tabs';
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

interface TabRecord {
  tabId: number;
  savedAt: number;
  navigations: Navigation[];
}

interface SavedCapture {
  exchanges: Exchange[];
  navigations: Navigation[];
}

function openDb(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
      db.createObjectStore(EXCHANGES, { keyPath: ['tabId', 'index'] });
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

const tabRange = (tabId: number) => IDBKeyRange.bound([tabId, -Infinity], [tabId, Infinity]);

export class CapturePersistence {
  private readonly db: Promise<IDBDatabase>;
  private queue: Exchange[] = [];
  private navigations: Navigation[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly tabId: number, idb: IDBFactory = indexedDB, private readonly now: () => number = Date.now) {
    this.db = openDb(idb);
  }

  /** What was captured for this tab before DevTools was last closed; drops stale captures. */
  async restore(): Promise<SavedCapture | null> {
    const db = await this.db;
    const tabs = (await done(db.transaction(TABS, 'readonly').objectStore(TABS).getAll())) as TabRecord[];
    for (const t of tabs) if (this.now() - t.savedAt > MAX_AGE_MS) await this.forgetTab(t.tabId);
    const mine = tabs.find((t) => t.tabId === this.tabId && this.now() - t.savedAt <= MAX_AGE_MS);
    if (!mine) return null;
    const rows = (await done(db.transaction(EXCHANGES, 'readonly').objectStore(EXCHANGES).getAll(tabRange(this.tabId)))) as (Exchange & { tabId?: number })[];
    const exchanges = rows.map(({ tabId: _t, ...ex }) => ex as Exchange);
    this.navigations = mine.navigations;
    return exchanges.length ? { exchanges, navigations: mine.navigations } : null;
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
    for (const ex of batch) store.put({ ...ex, tabId: this.tabId });
    tx.objectStore(TABS).put({ tabId: this.tabId, savedAt: this.now(), navigations: this.navigations } satisfies TabRecord);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }

  /** The user cleared the panel: the saved capture goes too. */
  async forget(): Promise<void> {
    this.queue = [];
    this.navigations = [];
    await this.forgetTab(this.tabId);
  }

  private async forgetTab(tabId: number): Promise<void> {
    const db = await this.db;
    const tx = db.transaction([EXCHANGES, TABS], 'readwrite');
    tx.objectStore(EXCHANGES).delete(tabRange(tabId));
    tx.objectStore(TABS).delete(tabId);
    await new Promise<void>((resolve) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => resolve();
    });
  }
}
