/**
 * Which request-list columns the user hid (the header's context menu), remembered for the panel
 * session as DevTools remembers its Network columns: in the panel window's sessionStorage, so that
 * a cleared capture (the list unmounts for the empty state) or a reopened list keeps them, and a
 * new DevTools window starts with every column.
 */
import { COLUMNS, type ColumnId } from './request-columns.ts';

const KEY = 'mci.hiddenColumns';
const IDS = new Set<string>(COLUMNS.map((c) => c.id));

/** Storage may be refused (a sandboxed or storage-less document): then nothing is remembered. */
function storage(win: Window | null | undefined): Storage | null {
  try {
    return win?.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function loadHidden(win: Window | null | undefined): Set<ColumnId> {
  try {
    const saved: unknown = JSON.parse(storage(win)?.getItem(KEY) ?? '[]');
    const ids = Array.isArray(saved) ? saved.filter((id): id is ColumnId => typeof id === 'string' && IDS.has(id)) : [];
    // Never every column: a list with none could not be right-clicked to bring them back.
    return ids.length >= IDS.size ? new Set() : new Set(ids);
  } catch {
    return new Set();
  }
}

export function saveHidden(win: Window | null | undefined, hidden: ReadonlySet<ColumnId>): void {
  try {
    storage(win)?.setItem(KEY, JSON.stringify([...hidden]));
  } catch {
    // Full or refused: the choice holds until the list unmounts.
  }
}

/** Hidden becomes shown and shown hidden; the last shown column stays. */
export function toggleColumn(hidden: ReadonlySet<ColumnId>, id: ColumnId): Set<ColumnId> {
  const next = new Set(hidden);
  if (next.has(id)) next.delete(id);
  else if (next.size < IDS.size - 1) next.add(id);
  return next;
}
