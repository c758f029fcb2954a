import type { Finding } from './finding.ts';

/** Canonical finding order: by time, then exchange, then code, pointer and message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (a.time ?? Number.MAX_SAFE_INTEGER) - (b.time ?? Number.MAX_SAFE_INTEGER) ||
    a.exchange - b.exchange ||
    cmp(a.code, b.code) || cmp(a.pointer ?? '', b.pointer ?? '') || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
