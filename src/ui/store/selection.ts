/**
 * The sessions the timeline and summary show: the selected ones, or, when none is selected (the
 * request list then shows every session), the newest one, so a new repro comes into view.
 */
import type { SessionReport } from '../../core/session/session-report.ts';

export function effectiveSelectionOf(selected: readonly string[], sessions: readonly SessionReport[]): string[] {
  const known = selected.filter((sid) => sessions.some((s) => s.sid === sid));
  if (known.length) return known;
  const newest = sessions[sessions.length - 1];
  return newest ? [newest.sid] : [];
}
