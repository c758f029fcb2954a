/** The request list's rows: every Media Collection call in send order, with its findings, filtered. */
import type { AnalysisResult } from '../../core/analysis/analyser.ts';
import type { Finding, Severity } from '../../core/findings/finding.ts';
import { SEVERITY_RANK } from '../../core/session/timeline.ts';
import type { InspectedCall } from '../../core/protocol/call.ts';
import type { Filter } from './panel-store.ts';
import { isPlausibleMsTs } from '../../core/session/seq-entry.ts';
import { callOfExchange, lowerBound } from '../../core/sorted-list.ts';
import { sameFindings } from '../../core/findings/sorted-findings.ts';
import { matchesQuery, parseFilterText } from './filter-text.ts';

export interface Row {
  index: number;
  call: InspectedCall;
  /** Send time (the list's order). */
  time: number;
  /** The event's ts when usable, else the send time: what the session's clock says. */
  eventTime: number;
  sid: string | null;
  label: string;
  playhead: number | null;
  status: number;
  findings: Finding[];
  /** One finding per code, worst first: the badges the list draws. */
  badges: Finding[];
  worst: Severity | null;
}

const NONE: Finding[] = [];

/**
 * Rows survive from one analysis to the next while their findings do not change (live capture).
 * A plain map owned by one list's builder, not a module-wide WeakMap: a WeakMap of 100,000 rows
 * is an ephemeron table every garbage collection walks, which showed in the panel's load.
 */
type RowCache = Map<InspectedCall, Row>;

/** Rows in send order (then capture order), each with every finding that points at it. */
export function buildRows(analysis: AnalysisResult, byExchange = findingsByExchange(analysis.findings), cache?: RowCache): Row[] {
  const rows = analysis.calls.map((call) => rowOf(call, byExchange.get(call.exchange.index) ?? NONE, cache));
  rows.sort(compareRows);
  return rows;
}

/**
 * buildRows for one list over time. A live capture only appends calls, and a new call changes the
 * findings of a few others: those rows are replaced and the new ones inserted in order, instead
 * of looking up and sorting every row again (100,000 rows took ~30 ms per captured request at
 * 2x CPU throttling). Anything else (a new analyser, a call replaced) builds every row.
 */
export function createRowsBuilder(): (analysis: AnalysisResult) => Row[] {
  let last: { calls: readonly InspectedCall[]; byExchange: Map<number, Finding[]>; rows: Row[] } | null = null;
  let cache: RowCache = new Map();
  return (analysis) => {
    const byExchange = findingsByExchange(analysis.findings);
    let rows = last ? appended(last, analysis.calls, byExchange, cache) : null;
    if (!rows) {
      // Everything again: keep only the rows of calls still there (a cleared capture lets its go).
      const kept: RowCache = new Map();
      rows = buildRows(analysis, byExchange, cache);
      for (const row of rows) kept.set(row.call, row);
      cache = kept;
    }
    last = { calls: analysis.calls, byExchange, rows };
    return rows;
  };
}

/** The rows after calls were appended to `last.calls`, or null when they were not only appended. */
function appended(last: { calls: readonly InspectedCall[]; byExchange: Map<number, Finding[]>; rows: Row[] }, calls: readonly InspectedCall[], byExchange: Map<number, Finding[]>, cache: RowCache): Row[] | null {
  if (calls === last.calls) return last.rows;
  if (calls.length < last.calls.length) return null;
  for (let i = 0; i < last.calls.length; i++) if (calls[i] !== last.calls[i]) return null;
  const rows = last.rows.slice();
  const changed = new Set<number>();
  for (const [ex, list] of byExchange) if (!sameFindings(last.byExchange.get(ex) ?? NONE, list)) changed.add(ex);
  for (const ex of last.byExchange.keys()) if (!byExchange.has(ex)) changed.add(ex);
  for (const ex of changed) {
    const call = callOfExchange(last.calls, ex);
    if (!call) continue;
    const at = positionOf(rows, call.exchange.startedAt, ex);
    if (rows[at]?.call === call) rows[at] = rowOf(call, byExchange.get(ex) ?? NONE, cache);
    else return null;
  }
  for (let i = last.calls.length; i < calls.length; i++) {
    const call = calls[i] as InspectedCall;
    const row = rowOf(call, byExchange.get(call.exchange.index) ?? NONE, cache);
    const at = positionOf(rows, row.time, row.index);
    if (at === rows.length) rows.push(row);
    else rows.splice(at, 0, row);
  }
  return rows;
}

function findingsByExchange(findings: readonly Finding[]): Map<number, Finding[]> {
  const byExchange = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byExchange.get(f.exchange);
    if (list) list.push(f);
    else byExchange.set(f.exchange, [f]);
  }
  return byExchange;
}

/** The row of a call with these findings: the one made before while its findings read the same. */
function rowOf(call: InspectedCall, findings: Finding[], cache?: RowCache): Row {
  const cached = cache?.get(call);
  if (cached && sameFindings(cached.findings, findings)) return cached;
  // Read once: a kept call rebuilds its events from the session's columns on each read.
  const first = call.events[0];
  const ts = first?.ts ?? null;
  const row: Row = {
    index: call.exchange.index,
    call,
    time: call.exchange.startedAt,
    eventTime: isPlausibleMsTs(ts) ? ts : call.exchange.startedAt,
    sid: call.sid,
    label: call.label,
    playhead: first?.playhead ?? null,
    status: call.exchange.status,
    findings,
    badges: badgesOf(findings),
    worst: worstOf(findings),
  };
  cache?.set(call, row);
  return row;
}

/** The list's order: send time, then capture order. */
function compareRows(a: Row, b: Row): number {
  return (finite(a.time) - finite(b.time)) || a.index - b.index;
}

/** Where a row with this send time and index is (or goes) in rows sorted by compareRows. */
function positionOf(rows: readonly Row[], time: number, index: number): number {
  const t = finite(time);
  return lowerBound(rows, (r) => (finite(r.time) - t || r.index - index) < 0);
}


function badgesOf(findings: readonly Finding[]): Finding[] {
  if (findings.length === 0) return NONE;
  const codes = new Map<string, Finding>();
  for (const f of [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])) if (!codes.has(f.code)) codes.set(f.code, f);
  return [...codes.values()];
}

export function worstOf(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

/**
 * Applies the filter to the rows of the selected sessions (every row when none is selected); free
 * text also searches request and response bodies and finding codes. A ping with a finding stays
 * when pings are hidden: a filter never hides the evidence.
 */
export function filterRows(rows: readonly Row[], filter: Filter, sessions: readonly string[] = []): readonly Row[] {
  if (!filter.hidePings && sessions.length === 0 && filter.eventTypes.length === 0 && filter.severity === 'all' && !filter.text.trim()) return rows;
  const query = parseFilterText(filter.text);
  const types = filter.eventTypes.length ? new Set(filter.eventTypes) : null;
  const limit = filter.severity === 'all' ? null : SEVERITY_RANK[filter.severity];
  const only = sessions.length ? new Set(sessions) : null;
  return rows.filter((r) => {
    if (filter.hidePings && r.label === 'ping' && r.findings.length === 0) return false;
    if (only && (r.sid === null || !only.has(r.sid))) return false;
    if (types && !types.has(r.label)) return false;
    if (limit !== null && (r.worst === null || SEVERITY_RANK[r.worst] > limit)) return false;
    if (query.terms.length && !matchesQuery(r, query, matchesText)) return false;
    return true;
  });
}

/** Whether a row mentions `text` (lower case): label, URL, status, bodies, findings. */
export function matchesText(r: Row, text: string): boolean {
  const ex = r.call.exchange;
  return r.label.toLowerCase().includes(text) ||
    ex.url.toLowerCase().includes(text) ||
    String(ex.status) === text ||
    (ex.requestBody?.toLowerCase().includes(text) ?? false) ||
    (ex.responseBody?.toLowerCase().includes(text) ?? false) ||
    r.findings.some((f) => f.code.includes(text) || f.message.toLowerCase().includes(text));
}

function finite(t: number): number {
  return Number.isFinite(t) ? t : 0;
}
