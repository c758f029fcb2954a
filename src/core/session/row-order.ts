/**
 * Rows of a session's columns in some order (session order, send order): an Int32Array kept
 * sorted by a comparator as rows arrive. Live traffic appends; an out-of-order row costs one
 * binary search and one memmove.
 */
export class RowOrder {
  private rows = new Int32Array(64);
  length = 0;

  constructor(private readonly compare: (a: number, b: number) => number) {}

  at(i: number): number {
    return this.rows[i] as number;
  }

  /** Inserts after the rows that sort equal (arrival order among equals); returns its position. */
  insert(row: number): number {
    if (this.length === this.rows.length) {
      const next = new Int32Array(this.rows.length * 2);
      next.set(this.rows);
      this.rows = next;
    }
    const rows = this.rows;
    let lo = 0;
    let hi = this.length;
    if (hi > 0 && this.compare(rows[hi - 1] as number, row) <= 0) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(rows[mid] as number, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.length) rows.copyWithin(lo + 1, lo, this.length);
    rows[lo] = row;
    this.length++;
    return lo;
  }

  /** Drops every row for which `gone` is true, keeping the order of the others. */
  removeWhere(gone: (row: number) => boolean): void {
    let k = 0;
    for (let i = 0; i < this.length; i++) {
      const row = this.rows[i] as number;
      if (!gone(row)) this.rows[k++] = row;
    }
    this.length = k;
  }

  bytes(): number {
    return this.rows.byteLength;
  }
}
