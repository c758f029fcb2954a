/**
 * The request list's time column: what its times are relative to, and how they are written.
 * With one session selected, a row's time is relative to that session's start (its first event);
 * when several sessions share the list (All sessions, or several selected), to the capture's first
 * event, so that the times of different sessions compare (+10.005, +11.010, +23.010…, never
 * restarting at each session). A list whose times pass 999 s writes them all as m:ss.mmm
 * ("+16:40.260"), which keeps them in the column and comparable to one another.
 */
import type { Finding } from '../../core/findings/finding.ts';
import type { SessionReport } from '../../core/session/session-report.ts';
import { clip, clockTime, relativeClock, relativeTime } from '../format.ts';
import type { Row } from '../store/rows.ts';
import { sessionTitle } from './SessionList.tsx';

export type TimeFormat = 'seconds' | 'clock';

export interface ListTimes {
  /** The origin of a row's time (null: unknown, drawn "—"). */
  originOf(row: Row): number | null;
  format: TimeFormat;
  /** The longest time's length in characters (for the column's width). */
  chars: number;
  /** The column header's tooltip: what the times are relative to. */
  title: string;
}

export function timeText(ms: number, origin: number | null, format: TimeFormat): string {
  return format === 'clock' ? relativeClock(ms, origin) : relativeTime(ms, origin);
}

/**
 * `all`: every row of the capture (the capture's first event is among them, whatever the filter);
 * `shown`: the rows listed (their longest time decides the format).
 */
export function listTimes(all: readonly Row[], shown: readonly Row[], sessions: readonly SessionReport[], selected: readonly string[]): ListTimes {
  const known = new Map(sessions.map((s) => [s.sid, s]));
  const explicit = selected.filter((sid) => known.has(sid));
  let originOf: (row: Row) => number | null;
  let title: string;
  if (explicit.length === 1) {
    const session = known.get(explicit[0] as string) as SessionReport;
    const start = session.metrics.start;
    originOf = (row) => (row.sid === session.sid ? start : null);
    title = start === null
      ? 'event time: the selected session\'s start is unknown, so its times are too (hover a time for its clock time)'
      : `event time, relative to the selected session's start (${clockTime(start)})`;
  } else {
    let first = Infinity;
    for (const r of all) if (Number.isFinite(r.eventTime) && r.eventTime < first) first = r.eventTime;
    const origin = Number.isFinite(first) ? first : null;
    originOf = () => origin;
    title = `event time, relative to the capture's first event${origin === null ? '' : ` (${clockTime(origin)})`}: ${explicit.length ? 'several sessions are' : 'every session is'} listed, so the times of different sessions compare; select one session for times from its start`;
  }
  let longest = 0;
  for (const r of shown) {
    const origin = originOf(r);
    if (origin !== null && Number.isFinite(r.eventTime)) longest = Math.max(longest, Math.abs(r.eventTime - origin));
  }
  // "+1000.000 s" would not fit: the whole list in m:ss.mmm.
  const format: TimeFormat = Number((longest / 1000).toFixed(3)) >= 1000 ? 'clock' : 'seconds';
  const chars = format === 'clock' ? relativeClock(longest, 0).length : 10;
  return { originOf, format, chars, title };
}

/**
 * Each session's tooltip, the same wherever its chip is drawn: id, name (as the sessions pane
 * names it), start, player.
 */
export function sessionTitles(sessions: readonly SessionReport[], findings: readonly Finding[]): Map<string, string> {
  const bySid = new Map<string, Finding[]>();
  for (const f of findings) if (f.sid !== null) (bySid.get(f.sid) ?? bySid.set(f.sid, []).get(f.sid))?.push(f);
  const out = new Map<string, string>();
  for (const s of sessions) {
    const parts = [
      sessionTitle(s, bySid.get(s.sid) ?? []),
      s.metrics.start === null ? null : `started ${clockTime(s.metrics.start)}`,
      s.media.playerName ? `player ${clip(s.media.playerName, 60)}` : null,
    ].filter(Boolean);
    out.set(s.sid, `session ${clip(s.sid, 80)}\n${parts.join(' · ')}`);
  }
  return out;
}
