/**
 * Each session's colour chip, the same in the sessions pane, the request list and the timeline:
 * two sessions of the same content differ by more than an 8-character sid prefix. A session's
 * colour is its position among the analysis' sessions (in the order they started), so it does not
 * change when a list is sorted or filtered. Eight hues (styles.css `.chip.c0`…`.c7`, one set per
 * theme), chosen to stay apart from one another and from the severity colours' meaning: the chip
 * is a name, never a verdict.
 */
export const SESSION_COLOURS = 8;

/** The colour number (0–7) of every session, by sid. */
export function sessionColours(sessions: readonly { sid: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  sessions.forEach((s, i) => out.set(s.sid, i % SESSION_COLOURS));
  return out;
}

/** The chip's class for a colour number (`chip c3`); `chip` alone for a session without one. */
export function chipClass(colour: number | undefined): string {
  return colour === undefined ? 'chip' : `chip c${colour}`;
}
