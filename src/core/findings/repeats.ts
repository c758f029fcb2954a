/**
 * The same finding on many calls of a session, read as one. Adobe's legacy Media JS API over the
 * Web SDK sends `"qoeDataDetails": null` on every call, so one mistake of the player gives the
 * same schema.violation on each call: the views (text output, HTML and Markdown reports, panel)
 * show it once with the calls it is on. The JSON output and JUnit keep one finding per call: that
 * is their public contract.
 */
import type { Finding } from './finding.ts';

export interface FindingGroup {
  /** The group's first finding, in the order given. */
  finding: Finding;
  /** How many findings the group holds (every one still counts in the totals). */
  count: number;
  /** The exchange index of each of its findings, in the order given. */
  exchanges: number[];
}

/** Index lists longer than this are shortened to their first ones, "…" and the last. */
const LISTED = 8;

/**
 * What makes two findings "the same": everything but the exchange and the time. JSON of an array
 * cannot be ambiguous, whatever the captured strings in a message or pointer hold.
 */
export function repeatKey(f: Finding): string {
  return JSON.stringify([f.sid, f.code, f.severity, f.message, f.fix, f.pointer ?? null, f.rule ?? null, f.expected ?? null, f.actual ?? null, f.setting ?? null]);
}

/** Groups identical findings (see repeatKey), in the order of each group's first finding. O(n). */
export function groupRepeats(findings: readonly Finding[]): FindingGroup[] {
  const groups: FindingGroup[] = [];
  const byKey = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = repeatKey(f);
    const group = byKey.get(key);
    if (group) {
      group.count++;
      group.exchanges.push(f.exchange);
      continue;
    }
    const created = { finding: f, count: 1, exchanges: [f.exchange] };
    byKey.set(key, created);
    groups.push(created);
  }
  return groups;
}

/**
 * The calls a group is on, each once, in order. Two events of one call can give the same finding
 * twice (a Media Edge call may carry several), which is one call, not two.
 */
export function callsOf(group: FindingGroup): number[] {
  return group.exchanges.length === 1 ? group.exchanges : [...new Set(group.exchanges)];
}

/** "on 13 calls", or "3 times on 2 calls" when a call holds it more than once. */
export function repeatCount(group: FindingGroup): string {
  const calls = callsOf(group).length;
  const on = `on ${calls} call${calls === 1 ? '' : 's'}`;
  return group.count === calls ? on : `${group.count} times ${on}`;
}

/**
 * The calls as a short list: "#3, #5, #7" or, past eight of them, the first eight, "…" and the
 * last ("#3, #5, …, #17, … #40"), so a session-long repeat stays one line.
 */
export function callList(calls: readonly number[]): string {
  const refs = (list: readonly number[]) => list.map((n) => `#${n}`).join(', ');
  return calls.length <= LISTED + 1 ? refs(calls) : `${refs(calls.slice(0, LISTED))}, … #${calls[calls.length - 1]}`;
}

/** The note the text output and reports add to a repeated finding: "on 13 calls: #3, #5, … #40". */
export function describeRepeats(group: FindingGroup): string {
  return `${repeatCount(group)}: ${callList(callsOf(group))}`;
}

/** For one call's finding: "also on 12 other calls of this session" (the calls other than `exchange`). */
export function otherCallsNote(others: number, inSession: boolean): string {
  return `also on ${others} other call${others === 1 ? '' : 's'}${inSession ? ' of this session' : ' outside any session'}`;
}
