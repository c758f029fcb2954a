/**
 * The request list's columns: widths (resizable), sort order, and which ones give way first when
 * the list is narrow. The findings column never does: it keeps at least FINDINGS_MIN pixels.
 */
import type { Row } from '../store/rows.ts';
import { SEVERITY_RANK } from '../../core/session/timeline.ts';

export type ColumnId = 'num' | 'time' | 'session' | 'event' | 'playhead' | 'status' | 'findings';

export interface Column {
  id: ColumnId;
  label: string;
  title: string;
  /** Default width in px (the findings column takes what is left). */
  width: number;
  numeric?: boolean;
  compare(a: Row, b: Row): number;
}

export const FINDINGS_MIN = 130;
const MIN_WIDTH = 32;

const text = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');
const finite = (n: number) => (Number.isFinite(n) ? n : 0);
const severity = (r: Row) => (r.worst === null ? 9 : SEVERITY_RANK[r.worst]);

export const COLUMNS: readonly Column[] = [
  { id: 'num', label: '#', title: 'request number, as findings refer to it', width: 40, numeric: true, compare: (a, b) => a.index - b.index },
  { id: 'time', label: 'time', title: 'event time, relative to the session start', width: 80, numeric: true, compare: (a, b) => finite(a.eventTime) - finite(b.eventTime) },
  { id: 'session', label: 'session', title: 'session id (first characters)', width: 72, compare: (a, b) => text(a.sid, b.sid) },
  { id: 'event', label: 'event', title: 'event type', width: 110, compare: (a, b) => text(a.label, b.label) },
  { id: 'playhead', label: 'playhead', title: 'playhead (s)', width: 76, numeric: true, compare: (a, b) => (a.playhead ?? -1) - (b.playhead ?? -1) },
  { id: 'status', label: 'status', title: 'HTTP status of the reply', width: 52, numeric: true, compare: (a, b) => a.status - b.status },
  { id: 'findings', label: 'findings', title: 'findings at this request, worst first', width: FINDINGS_MIN, compare: (a, b) => severity(a) - severity(b) || b.findings.length - a.findings.length },
];

export type Widths = Partial<Record<ColumnId, number>>;

/** Which columns give way first when the list is too narrow for all of them and the findings. */
const DROP_ORDER: readonly ColumnId[] = ['session', 'playhead', 'time'];
/** The row's padding and the scroll bar. */
const CHROME_PX = 24;

/** From this width the findings column shows a few badges side by side instead of one and "+N". */
const FINDINGS_WIDE_PX = 340;

/**
 * The columns shown at this list width (0: not measured yet), the CSS grid template that lays them
 * out, and whether the findings column is wide enough for several badges.
 */
export function layoutColumns(listWidth: number, widths: Widths): { columns: Column[]; template: string; wideFindings: boolean } {
  const width = (c: Column) => Math.max(MIN_WIDTH, widths[c.id] ?? c.width);
  let columns = [...COLUMNS];
  const needed = () => columns.reduce((sum, c) => sum + (c.id === 'findings' ? FINDINGS_MIN : width(c)), CHROME_PX);
  for (const id of DROP_ORDER) {
    if (listWidth === 0 || needed() <= listWidth) break;
    columns = columns.filter((c) => c.id !== id);
  }
  const template = columns.map((c) => (c.id === 'findings' ? `minmax(${FINDINGS_MIN}px, 1fr)` : `${width(c)}px`)).join(' ');
  const findingsWidth = listWidth - needed() + FINDINGS_MIN;
  return { columns, template, wideFindings: findingsWidth >= FINDINGS_WIDE_PX };
}

export interface Sort {
  column: ColumnId;
  descending: boolean;
}

/** Rows in the column's order (stable: send order breaks ties). */
export function sortRows(rows: readonly Row[], sort: Sort | null): readonly Row[] {
  if (!sort) return rows;
  const column = COLUMNS.find((c) => c.id === sort.column);
  if (!column) return rows;
  const sign = sort.descending ? -1 : 1;
  return rows.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => sign * column.compare(a, b) || i - j).map(([r]) => r);
}

/** Header click: ascending, then descending, then back to send order. */
export function nextSort(current: Sort | null, column: ColumnId): Sort | null {
  if (!current || current.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}
