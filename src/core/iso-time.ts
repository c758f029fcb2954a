/** True when a Date can hold the time (ms since the epoch): finite and within ±8.64e15. */
export function isDateMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/** ISO 8601 for a time in ms since the epoch; a value no Date can hold (ts of 1e300) is shown as it is. */
export function isoTime(ms: number): string {
  return isDateMs(ms) ? new Date(ms).toISOString() : `${ms} ms`;
}

/** Character code of "0". */
const ZERO = 48;

/**
 * Date.parse, with a fast path for the form every browser writes in HAR files
 * (`2026-11-02T08:00:00.123Z`): read by position instead of by the general date parser, which
 * showed as a tenth of reading a HAR entry in the benchmark's profile. Any other form goes to
 * Date.parse.
 */
export function parseIsoTime(s: string): number {
  if (s.length === 24 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 && s.charCodeAt(19) === 46 && s.charCodeAt(23) === 90) {
    const year = digits(s, 0, 4);
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    const ms = digits(s, 20, 3);
    // Out-of-range fields (month 13, hour 24…) are left to Date.parse, which knows what to reject;
    // so are years below 100, which Date.UTC would read as 19xx.
    if (year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0 &&
      day <= daysIn(year, month)) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(s);
}

/** The number written by `len` digits from `from`, or -1 when one of them is not a digit. */
function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] as number);
}
