/**
 * A call as a ticket names it: `POST …/events → 410`. The method, the last segment of the path
 * (the sid, the host and the query are elsewhere in the report), and the reply's status, or "no
 * reply". Built from captured text: callers escape it for their format.
 */
import type { Exchange } from '../exchange.ts';

export function callSummary(ex: Pick<Exchange, 'method' | 'url' | 'status'>): string {
  return `${ex.method} ${shortPath(ex.url)} → ${ex.status || 'no reply'}`;
}

/** "…/events" for https://host/api/v1/sessions/<sid>/events?x=1; the URL as it is when it has no path. */
export function shortPath(url: string): string {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/[?#].*$/s, '');
  const segments = path.split('/').filter((p) => p !== '');
  const last = segments[segments.length - 1];
  if (last === undefined) return path || '/';
  return segments.length > 1 || path.startsWith('/') ? `…/${last.length > 80 ? `${last.slice(0, 80)}…` : last}` : last;
}
