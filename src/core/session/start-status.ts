/**
 * What is known of a session's start, and the one name every view gives a session without a
 * content name (the panel, `mci check`, the HTML and Markdown reports).
 *
 * - `captured`: its sessions call (or Media Edge sessionStart) is in the recording.
 * - `not-captured`: the recording began after it; Adobe knows the session (session.unknown).
 * - `unknown-to-adobe`: no start in the recording and Adobe answered 404 (http.session-not-found):
 *   the sid never existed at Adobe, a player bug rather than a late recording. Nothing of it was
 *   recorded, so it is neither "playing" nor "open at the end" (session.open-at-end).
 */
import type { SessionReport } from './session-report.ts';

export type StartStatus = 'captured' | 'not-captured' | 'unknown-to-adobe';

/** The status from whether the opening call was seen and the replies to the session's calls. */
export function startStatusOf(opened: boolean, calls: readonly { exchange: { status: number } }[]): StartStatus {
  if (opened) return 'captured';
  return calls.some((c) => c.exchange.status === 404) ? 'unknown-to-adobe' : 'not-captured';
}

/** What a session with neither media name nor id is called. */
export const UNTITLED: Record<StartStatus, string> = {
  'captured': 'no media.id',
  'not-captured': 'start not captured',
  'unknown-to-adobe': 'sid unknown to Adobe (404)',
};

/** The state of a session Adobe never knew, in place of "open, playing". */
export const UNKNOWN_TO_ADOBE_STATE = 'unknown to Adobe, nothing recorded';

/** The session's name when it has no media name or id (a report read from an older file may lack `startStatus`). */
export function untitledName(s: Pick<SessionReport, 'startCaptured'> & { startStatus?: StartStatus }): string {
  return UNTITLED[s.startStatus ?? (s.startCaptured ? 'captured' : 'not-captured')];
}

/** Whether Adobe never knew the session (see above). */
export function unknownToAdobe(s: { startStatus?: StartStatus }): boolean {
  return s.startStatus === 'unknown-to-adobe';
}
