/**
 * One request can reach the capture by more than one road: live (onRequestFinished), in the
 * getHAR() snapshot of DevTools' network log taken at start (the back-fill), and restored from
 * before DevTools was reopened.
 *
 * The live road reports each request once, so two live reports are two requests, however alike:
 * a player that fires the same event twice in one millisecond must show two rows, and Firefox,
 * whose HAR times are whole milliseconds, reports quick localhost calls with identical start
 * times and durations. A snapshot lists the whole log, so it only adds the requests it holds
 * beyond those already taken.
 */
import type { Exchange } from '../../src/core/exchange.ts';

/** Same start time, method, URL, duration and body: the same request, when two roads report it. */
export function requestKey(ex: Pick<Exchange, 'startedAt' | 'method' | 'url' | 'durationMs' | 'requestBody'>): string {
  return `${ex.startedAt}|${ex.method}|${ex.url}|${ex.durationMs}|${bodyFingerprint(ex.requestBody)}`;
}

/** Length and FNV-1a hash: enough to tell bodies apart without keeping a second copy of each. */
function bodyFingerprint(body: string | null): string {
  if (body === null) return '-';
  let h = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193);
  return `${body.length}:${(h >>> 0).toString(36)}`;
}

interface Tally {
  /** Requests with this key taken so far, by any road. */
  taken: number;
  /** Of those, taken from a snapshot or restored, and not yet matched by their live report. */
  unclaimed: number;
}

export class ReportMatcher {
  private tallies = new Map<string, Tally>();

  private tally(key: string): Tally {
    let t = this.tallies.get(key);
    if (!t) {
      t = { taken: 0, unclaimed: 0 };
      this.tallies.set(key, t);
    }
    return t;
  }

  /** A live report: true when it is a new request (keep it), false when a snapshot already brought it. */
  live(key: string): boolean {
    const t = this.tally(key);
    if (t.unclaimed > 0) {
      t.unclaimed--;
      return false;
    }
    t.taken++;
    return true;
  }

  /** A request restored from an earlier capture; a snapshot that lists it again adds nothing. */
  restored(key: string): void {
    const t = this.tally(key);
    t.taken++;
    t.unclaimed++;
  }

  /** One snapshot of the whole log: which of its reports (by position) are requests not taken yet. */
  snapshot(keys: string[]): number[] {
    const seenInSnapshot = new Map<string, number>();
    const fresh: number[] = [];
    keys.forEach((key, i) => {
      const n = (seenInSnapshot.get(key) ?? 0) + 1;
      seenInSnapshot.set(key, n);
      const t = this.tally(key);
      if (n > t.taken) {
        t.taken++;
        t.unclaimed++;
        fresh.push(i);
      }
    });
    return fresh;
  }

  clear(): void {
    this.tallies.clear();
  }
}
