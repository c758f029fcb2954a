/**
 * Every Media Collection call, virtualised (only the rows in view are in the DOM, so tens of
 * thousands of rows stay fast), with navigation markers, filters applied, keyboard navigation
 * (arrows, Page Up/Down, Home/End), and the selected row kept in view.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding } from '../../core/findings/finding.ts';
import { clip, clockTime, playheadText, relativeTime, shortSid } from '../format.ts';
import { buildRows, filterRows, type Row } from '../store/rows.ts';
import type { Navigation } from '../store/panel-store.ts';
import { usePanelState, useStore } from '../store/use-store.ts';

const ROW_H = 20;
const OVERSCAN = 10;

/** A row, or a navigation marker among the rows (no wrapper objects: 100 000 rows are common). */
type Item = Row | Navigation;
const isNav = (it: Item): it is Navigation => 'url' in it;

export function RequestList() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  const rows = useMemo(() => buildRows(analysis), [analysis]);
  const visible = useMemo(() => filterRows(rows, state.filter), [rows, state.filter]);
  const items = useMemo(() => withNavigations(visible, state.navigations), [visible, state.navigations]);
  const starts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of analysis.sessions) if (s.metrics.start !== null) m.set(s.sid, s.metrics.start);
    return m;
  }, [analysis]);

  const list = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = list.current;
    const Observer = el?.ownerDocument.defaultView?.ResizeObserver;
    if (!el || !Observer) return;
    const ro = new Observer(() => setHeight(el.clientHeight || 400));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Like DevTools' Network panel: while the list is scrolled to its end, new requests stay in view.
  const atEnd = useRef(state.source === 'devtools');
  useEffect(() => {
    const el = list.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [items.length]);

  const selectedPos = useMemo(() => items.findIndex((it) => !isNav(it) && it.index === state.selectedExchange), [items, state.selectedExchange]);
  useEffect(() => {
    const el = list.current;
    if (!el || selectedPos < 0) return;
    const top = selectedPos * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  }, [selectedPos]);

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

  return (
    <div class="requests">
      <div class="header-row" role="row">
        <span class="num">#</span><span>time</span><span>session</span><span>event</span><span class="num">playhead</span><span class="num">status</span><span>findings</span>
      </div>
      <div class="list" ref={list} tabIndex={0} role="grid" aria-label="Requests" aria-rowcount={items.length} data-testid="request-list"
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H;
          setScrollTop(el.scrollTop);
          // The ResizeObserver may not have reported yet (or at all, in a panel first laid out hidden).
          if (el.clientHeight > 0) setHeight(el.clientHeight);
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
        <div style={{ height: `${items.length * ROW_H}px`, position: 'relative' }}>
          <div style={{ position: 'absolute', top: `${first * ROW_H}px`, left: 0, right: 0 }}>
            {items.slice(first, last).map((it) => isNav(it)
              ? <div key={`nav${it.time}`} class="row navigation" data-testid="nav-marker">⟳ navigated to {it.url} at {clockTime(it.time)}</div>
              : <RequestRow key={it.index} row={it} start={it.sid ? starts.get(it.sid) ?? null : null}
                  selected={it.index === state.selectedExchange} onSelect={() => store.select(it.index)} />)}
          </div>
        </div>
        {items.length === 0 && <div class="empty">No request matches the filter.</div>}
      </div>
    </div>
  );
}

function RequestRow({ row, start, selected, onSelect }: { row: Row; start: number | null; selected: boolean; onSelect(): void }) {
  const failed = row.status === 0 || row.status >= 400;
  return (
    <div class={`row${selected ? ' selected' : ''}${failed ? ' failed' : ''}`} role="row" aria-selected={selected}
      data-testid="request-row" data-exchange={row.index} data-event={clip(row.label, 200)} data-sid={clip(row.sid ?? '', 200)} data-time={row.eventTime}
      data-codes={row.findings.map((f) => f.code).join(' ')} onClick={onSelect}>
      <span class="num" title="request number, as findings refer to it">{row.index}</span>
      <span title={`event time ${clockTime(row.eventTime)} · sent ${clockTime(row.time)}`}>{relativeTime(row.eventTime, start)}</span>
      <span title={clip(row.sid ?? 'no session id', 200)}>{shortSid(row.sid)}</span>
      <span title={clip(row.label, 200)}>{clip(row.label, 60) || '(none)'}</span>
      <span class="num">{playheadText(row.playhead)}</span>
      <span class="num status">{row.status || 'failed'}</span>
      <span>{badges(row.findings)}</span>
    </div>
  );
}

function badges(findings: readonly Finding[]) {
  const codes = new Map<string, Finding>();
  for (const f of findings) if (!codes.has(f.code)) codes.set(f.code, f);
  return [...codes.values()].map((f) => <span key={f.code} class={`badge ${f.severity}`} title={`${f.code}: ${f.message}`} data-code={f.code}>{f.code}</span>);
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
