/**
 * The request list's columns: widths (resizable, and grown to fit their content), sort order, the
 * ones the user hid (the header's context menu), and which ones give way first when the list is
 * narrow. The findings column never gives way: it keeps at least FINDINGS_MIN pixels.
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

/**
 * Default widths fit each header with its sort arrow ("status ▲" at DevTools' 12 px) and the
 * values usually in the column; num and time grow with their content (`Fit`).
 */
export const COLUMNS: readonly Column[] = [
  { id: 'num', label: '#', title: 'request number, as findings refer to it', width: 40, numeric: true, compare: (a, b) => a.index - b.index },
  { id: 'time', label: 'time', title: 'event time', width: 80, numeric: true, compare: (a, b) => finite(a.eventTime) - finite(b.eventTime) },
  { id: 'session', label: 'session', title: 'session: its colour and the first characters of its id', width: 92, compare: (a, b) => text(a.sid, b.sid) },
  { id: 'event', label: 'event', title: 'event type', width: 108, compare: (a, b) => text(a.label, b.label) },
  { id: 'playhead', label: 'playhead', title: 'playhead (s)', width: 82, numeric: true, compare: (a, b) => (a.playhead ?? -1) - (b.playhead ?? -1) },
  { id: 'status', label: 'status', title: 'HTTP status of the reply', width: 62, numeric: true, compare: (a, b) => a.status - b.status },
  { id: 'findings', label: 'findings', title: 'findings at this request, worst first', width: FINDINGS_MIN, compare: (a, b) => severity(a) - severity(b) || b.findings.length - a.findings.length },
];

export type Widths = Partial<Record<ColumnId, number>>;

/** Which columns give way first when the list is too narrow for all of them and the findings. */
const DROP_ORDER: readonly ColumnId[] = ['session', 'playhead', 'time'];
/** The row's padding (the list's clientWidth already leaves its scroll bar out). */
const CHROME_PX = 8;

/** From this width the findings column shows a few badges side by side instead of one and "+N". */
const FINDINGS_WIDE_PX = 340;

/** A digit at DevTools' 12 px (the widest of the fonts seen, DejaVu Sans: 7.6 px), rounded up. */
const DIGIT_PX = 8;

/**
 * The widths the content needs where it may outgrow the defaults: the request number's digits
 * ("100000" in a 100,000-call file) and the time's characters (10 fit the default: "+999.999 s",
 * "+16:40.260"; "+100:00.000" needs one more).
 */
export function contentWidths(maxIndex: number, timeChars: number): Widths {
  return {
    num: Math.max(40, String(Math.max(0, Math.floor(maxIndex))).length * DIGIT_PX + 10),
    time: 80 + DIGIT_PX * Math.max(0, timeChars - 10),
  };
}

export interface ColumnLayout {
  /** The columns drawn, in order. */
  columns: Column[];
  /** The CSS grid template that lays them out. */
  template: string;
  /** Whether the findings column is wide enough for several badges. */
  wideFindings: boolean;
  /** Columns the user wants but the list has no room for now. */
  dropped: ColumnId[];
}

/**
 * The columns shown at this list width (0: not measured yet): those not hidden by the user,
 * less the ones that give way when the list is too narrow. A width the user dragged wins over the
 * content's (`fit`), which wins over the default when wider.
 */
export function layoutColumns(listWidth: number, widths: Widths, hidden: ReadonlySet<ColumnId> = new Set(), fit: Widths = {}): ColumnLayout {
  const width = (c: Column) => Math.max(MIN_WIDTH, widths[c.id] ?? Math.max(c.width, fit[c.id] ?? 0));
  let columns = COLUMNS.filter((c) => !hidden.has(c.id));
  const dropped: ColumnId[] = [];
  const needed = () => columns.reduce((sum, c) => sum + (c.id === 'findings' ? FINDINGS_MIN : width(c)), CHROME_PX);
  for (const id of DROP_ORDER) {
    if (listWidth === 0 || needed() <= listWidth) break;
    if (!columns.some((c) => c.id === id)) continue;
    columns = columns.filter((c) => c.id !== id);
    dropped.push(id);
  }
  const template = columns.map((c) => (c.id === 'findings' ? `minmax(${FINDINGS_MIN}px, 1fr)` : `${width(c)}px`)).join(' ');
  const findingsWidth = listWidth - needed() + FINDINGS_MIN;
  return { columns, template, wideFindings: columns.some((c) => c.id === 'findings') && findingsWidth >= FINDINGS_WIDE_PX, dropped };
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
