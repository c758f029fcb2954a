/** True when a Date can hold the time (ms since the epoch): finite and within ±8.64e15. */
export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/** ISO 8601 for a time in ms since the epoch; a value no Date can hold (ts of 1e300) is shown as it is. */
export function isoTime(ms: number): string {
  return isDateMs(ms) ? new Date(ms).toISOString() : `${ms} ms`;
}
