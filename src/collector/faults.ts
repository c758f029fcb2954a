/**
 * Fault injection for tests: make the next N API calls answer 500, hang, or drop the connection.
 * The queue is bounded (MAX_PENDING_FAULTS in all, kept as runs of one mode, not one entry per
 * fault): a test needs a handful, and an unbounded queue let a few thousand posts exhaust memory.
 */
export type FaultMode = '500' | 'hang' | 'abort';

const FAULT_MODES: readonly FaultMode[] = ['500', 'hang', 'abort'];

/** Faults that may wait at once, all posts together (and so the most one post may ask for). */
export const MAX_PENDING_FAULTS = 10_000;

interface Run {
  mode: FaultMode;
  count: number;
}

export class Faults {
  private runs: Run[] = [];
  private total = 0;

  /** Queues `count` faults; false (nothing queued) when the queue has no room for them all. */
  add(mode: FaultMode, count: number): boolean {
    if (!Number.isInteger(count) || count < 1 || count > this.room()) return false;
    const last = this.runs[this.runs.length - 1];
    if (last?.mode === mode) last.count += count;
    else this.runs.push({ mode, count });
    this.total += count;
    return true;
  }

  /** The fault for this call, if any: a `?fault=` on the URL wins over the queue. */
  take(fromUrl: string | null): FaultMode | null {
    if (isFaultMode(fromUrl)) return fromUrl;
    const first = this.runs[0];
    if (!first) return null;
    if (--first.count === 0) this.runs.shift();
    this.total--;
    return first.mode;
  }

  pending(): number {
    return this.total;
  }

  room(): number {
    return MAX_PENDING_FAULTS - this.total;
  }

  clear(): void {
    this.runs = [];
    this.total = 0;
  }
}

export function isFaultMode(v: unknown): v is FaultMode {
  return typeof v === 'string' && (FAULT_MODES as readonly string[]).includes(v);
}
