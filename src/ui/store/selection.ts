/** The sessions shown: the selected ones, or the first session when none is selected. */
import type { SessionReport } from '../../core/session/session-report.ts';

export function effectiveSelectionOf(selected: readonly string[], sessions: readonly SessionReport[]): string[] {
  const known = selected.filter((sid) => sessions.some((s) => s.sid === sid));
  if (known.length) return known;
  return sessions[0] ? [sessions[0].sid] : [];
}
