/**
 * The stored bodies' bytes, all sessions together, kept under a budget: past it the oldest body
 * is dropped (its record stays, with `bodyDropped`). Bodies are most of what a session weighs (a
 * start with 1 MB of metadata is 1 MB), so they get a budget of their own.
 */
export interface BodyHolder {
  /** The body as received (JSON); null when it was not JSON or was dropped. */
  bodyText: string | null;
  /** Its UTF-8 size while the budget counts it; 0 once dropped or released. */
  bodyBytes: number;
  bodyDropped: boolean;
}

export class BodyBudget {
  /** Holders in arrival order; a released one stays until the queue is compacted. */
  private queue: (BodyHolder | undefined)[] = [];
  private head = 0;
  private live = 0;
  bytes = 0;
  dropped = 0;
  droppedBytes = 0;

  constructor(private readonly maxBytes: number) {}

  get held(): number {
    return this.live;
  }

  /** Counts a new record's body, then drops the oldest bodies while over the budget. */
  add(h: BodyHolder): void {
    if (h.bodyText === null) return;
    h.bodyBytes = Buffer.byteLength(h.bodyText, 'utf8');
    if (h.bodyBytes === 0) return;
    this.queue.push(h);
    this.live++;
    this.bytes += h.bodyBytes;
    while (this.bytes > this.maxBytes && this.dropOldest());
  }

  /**
   * Stops counting a record freed with its session, and lets its text go at once: the queue
   * still holds the record until it is compacted, and would otherwise hold the text too.
   */
  release(h: BodyHolder): void {
    if (h.bodyBytes === 0) return;
    this.bytes -= h.bodyBytes;
    h.bodyBytes = 0;
    h.bodyText = null;
    this.live--;
    // Released holders stay in the queue; without this it would grow with every body ever stored.
    if (this.queue.length - this.head > 2 * this.live + 1024) {
      this.queue = this.queue.slice(this.head).filter((x) => x !== undefined && x.bodyBytes > 0);
      this.head = 0;
    }
  }

  clear(): void {
    this.queue = [];
    this.head = 0;
    this.live = 0;
    this.bytes = 0;
    this.dropped = 0;
    this.droppedBytes = 0;
  }

  private dropOldest(): boolean {
    while (this.head < this.queue.length) {
      const h = this.queue[this.head];
      this.queue[this.head++] = undefined;
      if (!h || h.bodyBytes === 0) continue;
      this.bytes -= h.bodyBytes;
      this.droppedBytes += h.bodyBytes;
      this.dropped++;
      this.live--;
      h.bodyBytes = 0;
      h.bodyText = null;
      h.bodyDropped = true;
      this.trimHead();
      return true;
    }
    this.trimHead();
    return false;
  }

  /** The consumed front of the queue is given back once it is half of it. */
  private trimHead(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
