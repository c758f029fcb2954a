/**
 * Dense stretches drawn one mark per pixel column: a 100,000-event session draws at most the
 * plot's width of ticks, and its findings one dot per 3 px, the worst severity on top.
 */
import type { Finding, Severity } from '../../../core/findings/finding.ts';
import { SEVERITY_RANK, type Mark } from '../../../core/session/timeline.ts';
import { lowerBound, type View } from './layout.ts';

export interface MarkKind {
  ping: boolean;
  bad: boolean;
  late: boolean;
}

export interface MarkColumn extends MarkKind {
  px: number;
  /** The first request in the column. */
  exchange: number;
}

/** One mark per pixel column in view: a column is a ping only when all its events are pings. */
export function bucket(marks: readonly Mark[], v: View, x: (t: number) => number, plotW: number, kind: (m: Mark) => MarkKind): MarkColumn[] {
  const cols = new Map<number, MarkColumn>();
  for (let i = lowerBound(marks, v.from); i < marks.length; i++) {
    const m = marks[i] as Mark;
    if (m.time > v.to) break;
    const px = Math.round(x(m.time));
    const k = kind(m);
    const c = cols.get(px);
    if (!c) cols.set(px, { px, ...k, exchange: m.exchange });
    else {
      c.ping = c.ping && k.ping;
      c.bad = c.bad || k.bad;
      c.late = c.late || k.late;
    }
    if (cols.size > plotW + 2) break;
  }
  return [...cols.values()];
}

export interface FindingColumn {
  px: number;
  severity: Severity;
  codes: string[];
  exchange: number;
}

export function bucketFindings(findings: readonly Finding[], v: View, x: (t: number) => number): FindingColumn[] {
  const cols = new Map<number, FindingColumn>();
  for (const f of findings) {
    const t = f.time as number;
    if (t < v.from || t > v.to) continue;
    const px = Math.round(x(t) / 3) * 3;
    const c = cols.get(px);
    if (!c) cols.set(px, { px, severity: f.severity, codes: [f.code], exchange: f.exchange });
    else {
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[c.severity]) c.severity = f.severity;
      if (!c.codes.includes(f.code)) c.codes.push(f.code);
    }
  }
  // Errors drawn last, on top.
  return [...cols.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}
