/**
 * Replies that lose data (no reply, 4xx, 5xx): runs of the same status in time order, merged where
 * they share a pixel column, each with a badge where there is room and a title that says what was
 * lost.
 */
import type { Mark } from '../../../core/session/timeline.ts';
import { clip, relativeTime } from '../../format.ts';
import { CHAR_W, type View } from './layout.ts';

/** A reply that lost its event: no reply, or an error status. */
export function losesData(status: number): boolean {
  return status === 0 || status >= 400;
}

const REASONS: Record<number, string> = {
  0: 'no reply (the call failed)', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
  410: 'Gone', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function statusText(status: number): string {
  if (status === 0) return REASONS[0] as string;
  return `HTTP ${status}${REASONS[status] ? ` ${REASONS[status]}` : ''}`;
}

/** Consecutive marks (in time order) answered with the same data-losing status. */
export interface BadRun {
  status: number;
  first: Mark;
  last: Mark;
  count: number;
  eventTypes: string[];
}

export function badRuns(marks: readonly Mark[]): BadRun[] {
  const out: BadRun[] = [];
  let open: BadRun | null = null;
  for (const m of marks) {
    if (!losesData(m.status)) {
      open = null;
      continue;
    }
    if (open && open.status === m.status) {
      open.last = m;
      open.count++;
      if (open.eventTypes.length < 4 && !open.eventTypes.includes(m.eventType)) open.eventTypes.push(m.eventType);
      continue;
    }
    open = { status: m.status, first: m, last: m, count: 1, eventTypes: [m.eventType] };
    out.push(open);
  }
  return out;
}

export interface Loud {
  statuses: number[];
  first: Mark;
  last: Mark;
  count: number;
  eventTypes: string[];
  x1: number;
  x2: number;
  label: string;
  badge: boolean;
}

/** The runs in view, those sharing a pixel column merged; a badge wherever there is room for one. */
export function loudMarks(runs: readonly BadRun[], v: View, x: (t: number) => number): Loud[] {
  const out: Loud[] = [];
  for (const r of runs) {
    if (r.last.time < v.from || r.first.time > v.to) continue;
    const x1 = Math.round(x(r.first.time));
    const x2 = Math.round(x(r.last.time));
    const prev = out[out.length - 1];
    if (prev && x1 - prev.x2 <= 1) {
      prev.x2 = Math.max(prev.x2, x2);
      prev.last = r.last;
      prev.count += r.count;
      if (!prev.statuses.includes(r.status)) prev.statuses.push(r.status);
      for (const t of r.eventTypes) if (prev.eventTypes.length < 4 && !prev.eventTypes.includes(t)) prev.eventTypes.push(t);
      continue;
    }
    out.push({ statuses: [r.status], first: r.first, last: r.last, count: r.count, eventTypes: [...r.eventTypes], x1, x2, label: '', badge: false });
  }
  let free = -Infinity;
  for (const l of out) {
    l.label = `${l.statuses.map((s) => (s === 0 ? 'failed' : String(s))).join('/')}${l.count > 1 ? ` ×${l.count}` : ''}`;
    l.badge = l.x1 + 2 >= free;
    if (l.badge) free = l.x1 + 2 + badgeWidth(l.label) + 2;
  }
  return out;
}

/** The badge's width for its label. */
export function badgeWidth(label: string): number {
  return label.length * CHAR_W + 8;
}

export function loudTitle(l: Loud, start: number): string {
  const status = l.statuses.map(statusText).join(', ');
  const types = l.eventTypes.map((t) => clip(t || '(no event type)', 40)).join(', ');
  if (l.count === 1) {
    return `${status} on ${types} · request #${l.first.exchange} · ${relativeTime(l.first.time, start)}: the event was lost (click to select the request)`;
  }
  return `${status} on ${l.count} calls (${types}${l.eventTypes.length >= 4 ? ', …' : ''}) · requests #${l.first.exchange} to #${l.last.exchange} · ${relativeTime(l.first.time, start)} → ${relativeTime(l.last.time, start)}: their events were lost (click to select the first)`;
}
