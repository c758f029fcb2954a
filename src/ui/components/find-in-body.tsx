/**
 * Ctrl/Cmd+F in the request list, when the text is found only inside a body: the details open that
 * body (Raw for the request, Response for the reply) with the text marked, as DevTools' Network
 * search opens the place it found, instead of a highlight on the event cell that says nothing.
 *
 * The list announces, the details listen. The announcement belongs to the panel's store (one per
 * panel, kept only as long as the store), not to the module: a WeakMap keyed by the store.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelStore } from '../store/panel-store.ts';
import type { Row } from '../store/rows.ts';

/** Where a find text was found in a row: the cell that shows it, or a body (shown in the details only). */
export type FindPlace = 'event' | 'status' | 'findings' | 'url' | 'request-body' | 'response-body';

/** Where in the row `needle` (lower case) is, in the order the list's find looks (rows.ts matchesText). */
export function findPlace(r: Row, needle: string): FindPlace | null {
  const ex = r.call.exchange;
  if (r.label.toLowerCase().includes(needle)) return 'event';
  if (String(ex.status) === needle) return 'status';
  if (r.findings.some((f) => f.code.includes(needle) || f.message.toLowerCase().includes(needle))) return 'findings';
  if (ex.url.toLowerCase().includes(needle)) return 'url';
  if (ex.requestBody?.toLowerCase().includes(needle)) return 'request-body';
  if (ex.responseBody?.toLowerCase().includes(needle)) return 'response-body';
  return null;
}

export interface BodyFind {
  exchange: number;
  part: 'request' | 'response';
  /** Lower case. */
  needle: string;
  /** Grows with every announcement: the same match found again opens its tab again. */
  nonce: number;
}

interface Channel {
  current: BodyFind | null;
  listeners: Set<(find: BodyFind | null) => void>;
}

const channels = new WeakMap<PanelStore, Channel>();

function channelOf(store: PanelStore): Channel {
  let c = channels.get(store);
  if (!c) channels.set(store, (c = { current: null, listeners: new Set() }));
  return c;
}

/** The list: this row was reached by a find of `needle` (null: the find closed or matched elsewhere). */
export function announceFind(store: PanelStore, row: Row | null, needle: string): void {
  const c = channelOf(store);
  const place = row && needle ? findPlace(row, needle) : null;
  const part = place === 'request-body' ? 'request' : place === 'response-body' ? 'response' : null;
  const next = row && part ? { exchange: row.index, part, needle, nonce: (c.current?.nonce ?? 0) + 1 } as BodyFind : null;
  if (next === null && c.current === null) return;
  c.current = next;
  for (const l of c.listeners) l(next);
}

/**
 * The details: the body find of the list, and the tab that shows it opened on each new one
 * (`openTab('Raw' | 'Response')`).
 */
export function useBodyFind(store: PanelStore, openTab: (tab: 'Raw' | 'Response') => void): BodyFind | null {
  const [find, setFind] = useState<BodyFind | null>(() => channelOf(store).current);
  const open = useRef(openTab);
  open.current = openTab;
  useEffect(() => {
    const c = channelOf(store);
    const listener = (f: BodyFind | null) => {
      setFind(f);
      if (f) open.current(f.part === 'request' ? 'Raw' : 'Response');
    };
    c.listeners.add(listener);
    return () => void c.listeners.delete(listener);
  }, [store]);
  return find;
}

/** Marks drawn at most in one body (a ping's "0" in a 100 kB body would be thousands). */
const MAX_MARKS = 500;

/**
 * A body's text with every occurrence of the find marked, the first one scrolled into view inside
 * the details' own scrolling box (scrollIntoView would scroll the panel around it too).
 */
export function FoundText({ text, find, exchange, part }: { text: string; find: BodyFind | null; exchange: number; part: BodyFind['part'] }) {
  const first = useRef<HTMLElement>(null);
  const needle = find && find.exchange === exchange && find.part === part ? find.needle : '';
  useLayoutEffect(() => {
    const mark = first.current;
    const box = mark?.closest('.tab-body');
    if (!mark || !box) return;
    const m = mark.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (m.top < b.top || m.bottom > b.bottom) box.scrollTop += m.top - b.top - b.height / 3;
  }, [needle, find?.nonce]);
  const lower = needle ? text.toLowerCase() : '';
  // Lower case may change a string's length (a dotted capital I): then the places would be wrong.
  if (!needle || lower.length !== text.length) return <>{text}</>;
  const parts = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0 && parts.length < MAX_MARKS * 2; at = lower.indexOf(needle, at + needle.length)) {
    parts.push(text.slice(from, at));
    parts.push(<mark key={at} ref={parts.length === 1 ? first : undefined} class="find-mark" data-testid="find-mark">{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
