import type { FindingCode } from './catalogue.ts';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Findings by session, in their order: each known session's list (empty when it has none), and
 * the loose ones (no sid, or a sid that is not one of the sessions).
 */
export function groupBySession<F extends { sid: string | null }>(findings: readonly F[], sids: readonly string[]): { bySid: Map<string, F[]>; loose: F[] } {
  const bySid = new Map<string, F[]>(sids.map((sid) => [sid, []]));
  const loose: F[] = [];
  for (const f of findings) {
    const list = f.sid === null ? undefined : bySid.get(f.sid);
    if (list) list.push(f);
    else loose.push(f);
  }
  return { bySid, loose };
}

/** How many findings there are of each severity. */
export function countBySeverity(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

/** Shared by everything without findings (calls, session rows): no array is allocated for the common case. */
export const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** One problem the inspector reports. Field names are part of the public JSON contract. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, in a sentence a tester can act on. */
  message: string;
  /** What the player should do instead. */
  fix: string;
  /** Index of the exchange the finding points at. */
  exchange: number;
  /** Session id the exchange belongs to, when known. */
  sid: string | null;
  /** Event time (`playerTime.ts`) or else send time, ms since epoch, when known. */
  time: number | null;
  /** For body findings: JSON pointer into the request body. */
  pointer?: string;
  /** For schema findings: the rule broken, what was expected, what was there. */
  rule?: string;
  expected?: string;
  actual?: string;
  /** The setting this finding depends on, when there is one. */
  setting?: string;
}
