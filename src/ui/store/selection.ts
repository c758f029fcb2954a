/**
 * What the timeline and the summary show, from the one selection the tester made: the selected
 * sessions; with none selected (the request list then shows every session), the session of the
 * selected request, so that a click on another session's 410 brings that session into view; with no
 * request selected either, the newest session, so that a new repro comes into view.
 *
 * And which navigations belong to what is shown: those within the shown sessions' span.
 */
import type { SessionReport } from '../../core/session/session-report.ts';
import type { Navigation } from './panel-store.ts';

/**
 * The sessions shown: the selected ones that exist; else `requestSid` (the selected request's
 * session) when it is one of `sessions`; else the newest.
 */
export function effectiveSelectionOf(selected: readonly string[], sessions: readonly SessionReport[], requestSid: string | null = null): string[] {
  const known = selected.length ? selected.filter((sid) => sessions.some((s) => s.sid === sid)) : [];
  if (known.length) return known;
  if (requestSid !== null && sessions.some((s) => s.sid === requestSid)) return [requestSid];
  const newest = sessions[sessions.length - 1];
  return newest ? [newest.sid] : [];
}

/** A stretch of send times (ms since the epoch), ends included. */
export interface Span {
  from: number;
  to: number;
}

/**
 * From the first to the last call (send time) of these sessions; null when none of them has a
 * call with a send time. `sentAt` gives an exchange's send time (PanelStore.exchange(i)?.startedAt).
 * A session's calls are in send order, so only its first and last are read.
 */
export function callSpanOf(sessions: readonly SessionReport[], sids: readonly string[], sentAt: (exchange: number) => number | undefined): Span | null {
  let from = Infinity;
  let to = -Infinity;
  const wanted = new Set(sids);
  for (const s of sessions) {
    if (!wanted.has(s.sid) || s.calls.length === 0) continue;
    const first = sentAt(s.calls[0] as number);
    const last = sentAt(s.calls[s.calls.length - 1] as number);
    for (const t of [first, last]) {
      if (t === undefined || !Number.isFinite(t)) continue;
      if (t < from) from = t;
      if (t > to) to = t;
    }
  }
  return from <= to ? { from, to } : null;
}

/**
 * The navigations within `span` (every one when `span` is null: the whole capture is shown). A
 * one-session list or timeline then shows only the page loads during that session, not every
 * navigation of the capture.
 */
export function navigationsInSpan(navigations: readonly Navigation[], span: Span | null): readonly Navigation[] {
  if (!span) return navigations;
  return navigations.filter((n) => n.time >= span.from && n.time <= span.to);
}
