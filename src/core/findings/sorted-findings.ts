/**
 * Findings kept in canonical order (compareFindings) as they come and go, so that reading a
 * result never sorts everything: a change costs a binary search and a splice per finding, and a
 * large change (a replay after an out-of-order arrival) one linear merge.
 */
import type { Finding } from './finding.ts';
import { compareFindings } from './order.ts';
import { lowerBound } from '../sorted-list.ts';

/** Above this many changes at once, filtering and merging the whole list beats splicing. */
const SPLICE_LIMIT = 64;

/** A batch of changes to a sorted list: findings that went away and findings that came. */
export interface FindingChanges {
  removed: Finding[];
  added: Finding[];
}

export function noChanges(): FindingChanges {
  return { removed: [], added: [] };
}

/** Adds `more` to the end of the log `into` (one by one: a log can be longer than a call's arguments may be). */
export function appendChanges(into: FindingChanges, more: FindingChanges): void {
  for (const f of more.removed) into.removed.push(f);
  for (const f of more.added) into.added.push(f);
}

export class SortedFindings {
  private list: Finding[] = [];

  /** The findings in order (a live view: copy it to keep it). */
  get items(): readonly Finding[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  apply(changes: FindingChanges): void {
    const { removed, added } = netChanges(changes);
    if (removed.length === 0 && added.length === 0) return;
    if (removed.length + added.length > SPLICE_LIMIT) {
      const gone = new Set(removed);
      const kept = gone.size ? this.list.filter((f) => !gone.has(f)) : this.list;
      this.list = mergeSorted(kept, [...added].sort(compareFindings));
      return;
    }
    for (const f of removed) this.remove(f);
    for (const f of added) this.add(f);
  }

  add(f: Finding): void {
    const list = this.list;
    // Live traffic mostly adds at the end.
    if (list.length === 0 || compareFindings(list[list.length - 1] as Finding, f) <= 0) {
      list.push(f);
      return;
    }
    list.splice(lowerBound(list, (g) => compareFindings(g, f) <= 0), 0, f);
  }

  /** Removes this very finding (by identity); false when it is not there. */
  remove(f: Finding): boolean {
    const list = this.list;
    for (let i = lowerBound(list, (g) => compareFindings(g, f) < 0); i < list.length; i++) {
      const g = list[i] as Finding;
      if (g === f) {
        list.splice(i, 1);
        return true;
      }
      if (compareFindings(g, f) !== 0) break;
    }
    return false;
  }
}

/**
 * A log of changes can add a finding and remove it again before it is applied (a row re-checked
 * twice): such a finding cancels out. Each finding object is added at most once.
 */
function netChanges(changes: FindingChanges): FindingChanges {
  const { removed, added } = changes;
  if (removed.length === 0 || added.length === 0) return changes;
  const addedSet = new Set(added);
  const removedSet = new Set(removed);
  return { removed: removed.filter((f) => !addedSet.has(f)), added: added.filter((f) => !removedSet.has(f)) };
}

/** Two lists in canonical order merged into one (equal findings of `a` first, as a stable sort would). */
export function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  if (b.length === 0) return a.slice();
  if (a.length === 0) return b.slice();
  const out: Finding[] = new Array<Finding>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Finding;
    const y = b[j] as Finding;
    if (compareFindings(y, x) < 0) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as Finding;
  while (j < b.length) out[k++] = b[j++] as Finding;
  return out;
}

/** Whether two lists hold findings that read the same, in the same order. */
export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Finding;
    const y = b[i] as Finding;
    if (x !== y && (compareFindings(x, y) !== 0 || x.severity !== y.severity || x.sid !== y.sid)) return false;
  }
  return true;
}
