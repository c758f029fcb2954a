/** Sorted arrays: one binary search for every ordered list the engine and the panel keep. */

/**
 * The first position in `list` (sorted) whose item is not before the one sought: `before(item)`
 * is true for a prefix of the list and false after it.
 */
export function lowerBound<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Inserts `item` after every item that sorts before it or equal to it (arrival order among
 * equals); live traffic lands at the end, which is checked first. Returns the position.
 */
export function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): number {
  const end = list.length;
  if (end === 0 || compare(list[end - 1] as T, item) <= 0) {
    list.push(item);
    return end;
  }
  const at = lowerBound(list, (x) => compare(x, item) <= 0);
  list.splice(at, 0, item);
  return at;
}

/** The call of exchange `index` in calls sorted by exchange index, or null. */
export function callOfExchange<C extends { exchange: { index: number } }>(calls: readonly C[], index: number): C | null {
  const found = calls[lowerBound(calls, (c) => c.exchange.index < index)];
  return found && found.exchange.index === index ? found : null;
}
