/**
 * Sessions as a ticket wants them: those with an error first, then those with a warning, then the
 * rest, each group in the analysis' order (a stable sort). The Markdown summary and the HTML
 * report's index and sections read them in this order.
 */
import type { Finding } from '../findings/finding.ts';

/** 0 with an error, 1 with a warning, 2 otherwise. */
export function worstRank(findings: readonly Pick<Finding, 'severity'>[] | undefined): number {
  let rank = 2;
  for (const f of findings ?? []) {
    if (f.severity === 'error') return 0;
    if (f.severity === 'warning') rank = 1;
  }
  return rank;
}

export function worstFirst<S extends { sid: string }>(sessions: readonly S[], bySid: ReadonlyMap<string, readonly Pick<Finding, 'severity'>[]>): S[] {
  return sessions
    .map((s, i) => ({ s, i, rank: worstRank(bySid.get(s.sid)) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.s);
}
