/**
 * Every Media Collection call of the selected sessions, virtualised (only the rows in view are in
 * the DOM, so tens of thousands of rows stay fast), with navigation markers, filters applied and
 * counted ("12 of 87 shown", a hint when the filter text has a term it cannot read), Network-panel
 * habits (sortable, resizable and hideable columns, context menus, Ctrl/Cmd+F to find,
 * arrows/Page/Home/End), the tail followed while scrolled to the end, and the selected row kept in
 * view. Each row shows its session's colour chip; times are relative to the selected session, or
 * to the capture when several sessions share the list. The findings column keeps its room at
 * every width: other columns give way first, and a cell that cannot show every badge says how
 * many more there are.
 */
import { followDrag } from '../drag.ts';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { clip, clockTime, count } from '../format.ts';
import { sessionColours } from '../session-colour.ts';
import { createRowsBuilder, filterRows, matchesText, type Row } from '../store/rows.ts';
import { parseFilterText } from '../store/filter-text.ts';
import type { Navigation } from '../store/panel-store.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { contentWidths, layoutColumns, nextSort, sortRows, type Column, type ColumnId, type Sort, type Widths } from './request-columns.ts';
import { loadHidden, saveHidden, toggleColumn } from './column-visibility.ts';
import { ColumnMenu, type ColumnMenuAt } from './ColumnMenu.tsx';
import { RowMenu, type MenuAt } from './RowMenu.tsx';
import { FindBar, type FindState } from './FindBar.tsx';
import { announceFind, findPlace } from './find-in-body.tsx';
import { listTimes, sessionTitles } from './list-times.ts';
import { RequestRow } from './RequestRow.tsx';

const ROW_H = 20;
/** A resized column never takes the findings' room away: this wide at most. */
const MAX_COLUMN_PX = 400;
const OVERSCAN = 10;

/** A row, or a navigation marker among the rows (no wrapper objects: 100 000 rows are common). */
type Item = Row | Navigation;
const isNav = (it: Item): it is Navigation => 'url' in it;

export function RequestList() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  const build = useMemo(createRowsBuilder, []);
  const rows = useMemo(() => build(analysis), [build, analysis]);
  const visible = useMemo(() => filterRows(rows, state.filter, state.selectedSessions), [rows, state.filter, state.selectedSessions]);
  const [sort, setSort] = useState<Sort | null>(null);
  const sorted = useMemo(() => sortRows(visible, sort), [visible, sort]);
  // Navigation markers belong to send order; a sorted list has none.
  // Only the navigations within the selected sessions' span (all of them with no session selected).
  const navigations = useMemo(() => store.navigationsFor(state.selectedSessions), [store, analysis, state.navigations, state.selectedSessions]);
  const items = useMemo(() => (sort ? sorted : withNavigations(sorted, navigations)), [sorted, sort, navigations]);
  const colours = useMemo(() => sessionColours(analysis.sessions), [analysis.sessions]);
  const titles = useMemo(() => sessionTitles(analysis.sessions, analysis.findings), [analysis.sessions, analysis.findings]);
  const times = useMemo(() => listTimes(rows, sorted, analysis.sessions, state.selectedSessions), [rows, sorted, analysis.sessions, state.selectedSessions]);
  const filterProblems = useMemo(() => parseFilterText(state.filter.text).problems, [state.filter.text]);

  const list = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = list.current;
    const Observer = el?.ownerDocument.defaultView?.ResizeObserver;
    if (!el || !Observer) return;
    const ro = new Observer(() => {
      setHeight(el.clientHeight || 400);
      setWidth(el.clientWidth);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const [widths, setWidths] = useState<Widths>({});
  // Hidden columns are remembered for the panel session (the panel window's sessionStorage).
  const [hidden, setHidden] = useState<ReadonlySet<ColumnId>>(() => new Set());
  useLayoutEffect(() => setHidden(loadHidden(list.current?.ownerDocument.defaultView)), []);
  const toggleHidden = useCallback((id: ColumnId) => setHidden((h) => {
    const next = toggleColumn(h, id);
    saveHidden(list.current?.ownerDocument.defaultView, next);
    return next;
  }), []);
  const maxIndex = rows.length ? Math.max((rows[0] as Row).index, (rows[rows.length - 1] as Row).index, rows.length - 1) : 0;
  const fit = useMemo(() => contentWidths(maxIndex, times.chars), [maxIndex, times.chars]);
  const { columns, template, wideFindings, dropped } = useMemo(() => layoutColumns(width, widths, hidden, fit), [width, widths, hidden, fit]);
  // Without a session column, the chip goes before the event: every row keeps its session's colour.
  const chipInEvent = !columns.some((c) => c.id === 'session');
  const [columnMenu, setColumnMenu] = useState<ColumnMenuAt | null>(null);
  const closeColumnMenu = useCallback(() => setColumnMenu(null), []);

  // Like DevTools' Network panel: while the list is scrolled to its end, new requests stay in view.
  // Following stops only when the user scrolls up: the scroll event of our own jump to the end comes
  // a frame later, when more rows may already have made the list longer (not at its end any more).
  const atEnd = useRef(state.source === 'devtools');
  const lastTop = useRef(0);
  useEffect(() => {
    const el = list.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [items.length]);

  // Found again only when the list or the selection changed, and without a scan when nothing is
  // selected or the selected row did not move (a live capture appends rows many times a second).
  const lastPos = useRef(-1);
  const selectedPos = useMemo(() => {
    const selected = state.selectedExchange;
    if (selected === null) return -1;
    const hint = items[lastPos.current];
    if (hint && !isNav(hint) && hint.index === selected) return lastPos.current;
    return items.findIndex((it) => !isNav(it) && it.index === selected);
  }, [items, state.selectedExchange]);
  lastPos.current = selectedPos;
  useEffect(() => {
    const el = list.current;
    if (!el || selectedPos < 0) return;
    const top = selectedPos * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  }, [selectedPos, state.selectedExchange]);

  // Find (Ctrl/Cmd+F): matching rows are highlighted, not filtered.
  const [find, setFind] = useState<FindState | null>(null);
  const needle = find?.text.trim().toLowerCase() ?? '';
  const matches = useMemo(() => (needle ? sorted.filter((r) => matchesText(r, needle)) : []), [sorted, needle]);
  // Where each match is: its cell is marked; a match only inside a body is shown in the details' body.
  const matchPlaces = useMemo(() => new Map(matches.map((r) => [r.index, findPlace(r, needle)])), [matches, needle]);
  const goToMatch = (row: Row | undefined, text: string) => {
    announceFind(store, row ?? null, text);
    if (row) store.select(row.index);
  };
  const stepFind = (delta: number) => {
    if (!find || matches.length === 0) return;
    const current = (find.current + delta + matches.length) % matches.length;
    setFind({ ...find, current });
    goToMatch(matches[current], needle);
  };
  useEffect(() => {
    const doc = list.current?.ownerDocument;
    if (!doc) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        e.stopPropagation();
        setFind((f) => f ?? { text: '', current: 0 });
      }
    };
    doc.addEventListener('keydown', onKey, true);
    return () => doc.removeEventListener('keydown', onKey, true);
  }, []);

  const [menu, setMenu] = useState<MenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  // The same handlers at every render, so that rows whose props did not change are not drawn again.
  const selectRow = useCallback((index: number) => store.select(index), [store]);
  const openMenu = useCallback((row: Row, x: number, y: number) => {
    store.select(row.index);
    setMenu({ row, x, y });
  }, [store]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const moveTo = (pos: number) => {
    const clamped = Math.max(0, Math.min(items.length - 1, pos));
    // Skip navigation markers: in the direction of travel first, then back the other way (Home/End).
    const forward = pos >= selectedPos;
    for (const step of forward ? [1, -1] : [-1, 1]) {
      for (let p = clamped; p >= 0 && p < items.length; p += step) {
        const it = items[p];
        if (it && !isNav(it)) return store.select(it.index);
      }
    }
  };
  const page = Math.max(1, Math.floor(height / ROW_H) - 1);
  const filteredOut = rows.length - visible.length;
  const scoped = state.selectedSessions.length;

  return (
    <div class={`requests${wideFindings ? ' findings-wide' : ''}`} style={{ '--row-template': template }}>
      <div class="pane-title list-title">
        <span data-testid="shown-count" title={filteredOut ? `${filteredOut} hidden by the session selection and the filters` : 'every captured Media Collection call'}>
          {visible.length === rows.length ? `${count(rows.length)} requests` : `${count(visible.length)} of ${count(rows.length)} shown`}
        </span>
        {scoped > 0 && (
          <>
            <span class="dim"> · {scoped === 1 ? 'one session' : `${scoped} sessions`}</span>
            <button type="button" class="link" onClick={() => store.showAllSessions()} data-testid="show-all-sessions">show all sessions</button>
          </>
        )}
        {filterProblems.length > 0 && (
          <span class="filter-hint" data-testid="filter-hint" title={filterProblems.join('\n')}>⚠ Filter: {filterProblems.join('; ')}</span>
        )}
      </div>
      {find && (
        <FindBar find={find} matches={matches.length}
          onChange={(text) => {
            setFind({ text, current: 0 });
            // As DevTools does: typing goes to the first match.
            const needleNow = text.trim().toLowerCase();
            goToMatch(needleNow ? sorted.find((r) => matchesText(r, needleNow)) : undefined, needleNow);
          }} onStep={stepFind}
          onClose={() => { setFind(null); announceFind(store, null, ''); list.current?.focus(); }} />
      )}
      <div class="header-row" role="row" data-testid="header-row" title="Right-click to show or hide columns"
        onContextMenu={(e) => {
          e.preventDefault();
          setColumnMenu({ x: e.clientX, y: e.clientY });
        }}>
        {columns.map((c) => <HeaderCell key={c.id} column={c} title={c.id === 'time' ? times.title : c.title} sort={sort} onSort={() => setSort(nextSort(sort, c.id))}
          onResize={(w) => setWidths((ws) => ({ ...ws, [c.id]: Math.min(MAX_COLUMN_PX, w) }))} />)}
      </div>
      <div class="list" ref={list} tabIndex={0} role="grid" aria-label="Requests" aria-rowcount={items.length} data-testid="request-list"
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H) atEnd.current = true;
          else if (el.scrollTop < lastTop.current) atEnd.current = false;
          lastTop.current = el.scrollTop;
          setScrollTop(el.scrollTop);
          setMenu(null);
          setColumnMenu(null);
          // The ResizeObserver may not have reported yet (or at all, in a panel first laid out hidden).
          if (el.clientHeight > 0) setHeight(el.clientHeight);
          if (el.clientWidth > 0 && el.clientWidth !== width) setWidth(el.clientWidth);
        }}
        onKeyDown={(e) => {
          const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
          const d = keys[e.key];
          if (d === undefined) return;
          e.preventDefault();
          if (d === -Infinity) moveTo(0);
          else if (d === Infinity) moveTo(items.length - 1);
          else moveTo((selectedPos < 0 ? -1 : selectedPos) + d);
        }}>
        <div class="rows" style={{ height: `${items.length * ROW_H}px`, position: 'relative' }}>
          <div style={{ position: 'absolute', top: `${first * ROW_H}px`, left: 0, right: 0 }}>
            {items.slice(first, last).map((it) => isNav(it)
              ? <div key={`nav${it.time}`} class="row navigation" data-testid="nav-marker">⟳ navigated to {it.url} at {clockTime(it.time)}</div>
              : <RequestRow key={it.index} row={it} columns={columns} origin={times.originOf(it)} format={times.format}
                  colour={it.sid === null ? undefined : colours.get(it.sid)} sessionTitle={it.sid === null ? 'no session id' : titles.get(it.sid) ?? clip(it.sid, 200)}
                  chipInEvent={chipInEvent} selected={it.index === state.selectedExchange} match={matchPlaces.get(it.index) ?? null}
                  onSelect={selectRow} onMenu={openMenu} />)}
          </div>
        </div>
        {items.length === 0 && <div class="empty">{rows.length ? `No request matches the filter (${filteredOut} hidden by the session selection and the filters).` : 'No request.'}</div>}
      </div>
      {menu && <RowMenu at={menu} listed={sorted} onClose={closeMenu} />}
      {columnMenu && <ColumnMenu at={columnMenu} hidden={hidden} dropped={dropped} onToggle={toggleHidden} onClose={closeColumnMenu} />}
    </div>
  );
}

function HeaderCell({ column: c, title, sort, onSort, onResize }: { column: Column; title: string; sort: Sort | null; onSort(): void; onResize(width: number): void }) {
  const sorted = sort?.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <span class={`head${c.numeric ? ' num' : ''}`} role="columnheader" aria-sort={sorted} title={`${title} (click to sort; right-click for columns)`} data-column={c.id} data-testid="column-header"
      onClick={onSort}>
      {/* The label gives way (ellipsis), the sort arrow never does. */}
      <span class="label">{c.label}</span>{sorted !== 'none' && <span class="arrow">{sorted === 'ascending' ? '▲' : '▼'}</span>}
      {c.id !== 'findings' && (
        <span class="resizer" title="Drag to resize" data-testid="column-resizer"
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => {
            e.preventDefault();
            e.stopPropagation();
            const handle = e.currentTarget;
            const cell = handle.parentElement;
            if (!cell) return;
            const startX = e.clientX;
            const startW = cell.getBoundingClientRect().width;
            followDrag(handle, e.pointerId, (m) => onResize(Math.round(startW + m.clientX - startX)));
          }} />
      )}
    </span>
  );
}

/** Navigation markers go where they happened among the rows (by time). */
function withNavigations(rows: readonly Row[], navigations: readonly Navigation[]): readonly Item[] {
  if (navigations.length === 0) return rows;
  const items: Item[] = [];
  let n = 0;
  for (const row of rows) {
    while (n < navigations.length && (navigations[n] as Navigation).time <= row.time) items.push(navigations[n++] as Navigation);
    items.push(row);
  }
  while (n < navigations.length) items.push(navigations[n++] as Navigation);
  return items;
}
