/** ISO 8601 for a time in ms since the epoch; a value no Date can hold (ts of 1e300) is shown as it is. */
export function isoTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`;
}
