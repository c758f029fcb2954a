/**
 * The two roads a request reaches the panel by, merged so that each request is kept once and as
 * the browser really answered it: the DevTools network API (live and getHAR(), already merged by
 * ReportMatcher) and, with "Capture without loss", the webRequest capture of the background.
 *
 * The same request on both roads has the same method, URL and body and start times within a
 * couple of seconds; pairs are one to one, so a player that sends a call twice still shows two.
 * DevTools' report is richer (timings, a reply body where Chromium cannot stream one through the
 * extension), so it is kept; the webRequest one only fills what DevTools lost: it waits a moment
 * (HOLD_WEB_MS) for DevTools' report before it is taken. One exception: a DevTools report without
 * a reply (status 0) while the webRequest capture is on waits for the webRequest one, and gives
 * way to it when that one has the reply (Firefox shows a call cut off by a navigation as failed
 * although it got its answer).
 */
import type { CaptureSource, Exchange } from '../../src/core/exchange.ts';

export type CapturedExchange = Omit<Exchange, 'index'>;

/** How long a webRequest report waits for DevTools' report of the same request. */
export const HOLD_WEB_MS = 1500;
/** How long a DevTools report without a reply waits for the webRequest report. */
export const HOLD_FAILED_MS = 2500;
/** Start times of one request on the two roads differ by less than this. */
const SAME_REQUEST_MS = 2000;
/** Records older than this (behind the newest request) cannot be matched any more and are dropped. */
const KEEP_MS = 60_000;

interface Entry {
  key: string;
  startedAt: number;
  /** The report taken (in the store) or held (waiting). */
  exchange: CapturedExchange;
  taken: boolean;
  /** The roads that reported it. */
  roads: Set<CaptureSource>;
  /** A later getHAR() listing was paired with it (reconciliation). */
  inLog: boolean;
  timer: unknown;
}

export interface RoadMergeOptions {
  /** Puts a request in the store. */
  take(exchange: CapturedExchange): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class RoadMerge {
  private entries: Entry[] = [];
  private newest = Number.NEGATIVE_INFINITY;
  /** Whether the webRequest road is open (else DevTools' reports go straight through). */
  webOn = false;

  constructor(private readonly o: RoadMergeOptions) {}

  /**
   * A request found only in a later getHAR() listing (reconciliation): DevTools' log may give a
   * request it reported live with slightly other timings, so one reported live within moments
   * with the same method, URL and body is that request (each pairs once), not a new one.
   */
  devtoolsFromLog(ex: CapturedExchange): void {
    const key = keyOf(ex);
    const twin = this.entries.find((e) => e.key === key && e.roads.has('devtools') && !e.inLog && Math.abs(finite(e.startedAt) - finite(ex.startedAt)) <= SAME_REQUEST_MS);
    if (twin) {
      twin.inLog = true;
      return;
    }
    this.devtools(ex, true);
  }

  /** A request from DevTools (not already taken by that road). */
  devtools(ex: CapturedExchange, fromLog = false): void {
    ex.capturedBy = ['devtools'];
    const match = this.find(ex, 'devtools');
    if (match) {
      match.roads.add('devtools');
      if (!match.taken) {
        // The webRequest report was waiting: DevTools' (richer) is taken, unless it lacks the reply the other has.
        this.cancel(match);
        const web = match.exchange;
        const keep = ex.status === 0 && web.status !== 0 ? web : ex;
        keep.capturedBy = ['devtools', 'webRequest'];
        this.takeEntry(match, keep);
      } else {
        match.exchange.capturedBy = [...match.roads];
      }
      return;
    }
    if (this.webOn && ex.status === 0) {
      this.hold(ex, 'devtools', HOLD_FAILED_MS).inLog = fromLog;
      return;
    }
    this.record(ex, 'devtools', true).inLog = fromLog;
    this.o.take(ex);
  }

  /** A request from the webRequest capture. */
  web(ex: CapturedExchange): void {
    ex.capturedBy = ['webRequest'];
    const match = this.find(ex, 'webRequest');
    if (match) {
      match.roads.add('webRequest');
      if (!match.taken) {
        // DevTools' report without a reply was waiting: this one has the browser's answer.
        this.cancel(match);
        const keep = ex.status !== 0 ? ex : match.exchange;
        keep.capturedBy = ['devtools', 'webRequest'];
        this.takeEntry(match, keep);
      } else {
        match.exchange.capturedBy = [...match.roads];
      }
      return;
    }
    this.hold(ex, 'webRequest', HOLD_WEB_MS);
  }

  /** Forgets everything (a navigation with preserve log off, a clear). Waiting reports are taken first. */
  clear(): void {
    for (const e of this.entries) if (!e.taken) this.takeEntry(e, e.exchange);
    this.entries = [];
  }

  private hold(ex: CapturedExchange, road: CaptureSource, ms: number): Entry {
    const entry = this.record(ex, road, false);
    entry.timer = (this.o.setTimer ?? setTimeout)(() => {
      entry.timer = null;
      if (!entry.taken) this.takeEntry(entry, entry.exchange);
    }, ms);
    return entry;
  }

  private takeEntry(entry: Entry, ex: CapturedExchange): void {
    entry.taken = true;
    entry.exchange = ex;
    this.o.take(ex);
  }

  private cancel(entry: Entry): void {
    if (entry.timer !== null) (this.o.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(entry.timer);
    entry.timer = null;
  }

  private record(ex: CapturedExchange, road: CaptureSource, taken: boolean): Entry {
    const entry: Entry = { key: keyOf(ex), startedAt: ex.startedAt, exchange: ex, taken, roads: new Set([road]), inLog: false, timer: null };
    this.entries.push(entry);
    if (Number.isFinite(ex.startedAt) && ex.startedAt > this.newest) {
      this.newest = ex.startedAt;
      this.prune();
    }
    return entry;
  }

  /** The nearest entry of the same request not yet reported by `road`. */
  private find(ex: CapturedExchange, road: CaptureSource): Entry | null {
    const key = keyOf(ex);
    let best: Entry | null = null;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const e of this.entries) {
      if (e.key !== key || e.roads.has(road)) continue;
      const gap = Math.abs(finite(e.startedAt) - finite(ex.startedAt));
      if (gap <= SAME_REQUEST_MS && gap < bestGap) {
        best = e;
        bestGap = gap;
      }
    }
    return best;
  }

  private prune(): void {
    if (this.entries.length < 256) return;
    const limit = this.newest - KEEP_MS;
    this.entries = this.entries.filter((e) => !e.taken || !(e.startedAt < limit));
  }
}

/** Method, URL and body: what the two roads agree on for one request. */
function keyOf(ex: Pick<CapturedExchange, 'method' | 'url' | 'requestBody'>): string {
  const body = ex.requestBody;
  let h = 0x811c9dc5;
  if (body !== null) for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193);
  return `${ex.method}|${ex.url}|${body === null ? '-' : `${body.length}:${(h >>> 0).toString(36)}`}`;
}

function finite(t: number): number {
  return Number.isFinite(t) ? t : 0;
}
