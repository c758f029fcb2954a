/**
 * The restart rules (session.resume-missing, session.state-not-restored): Adobe's SDKs end a
 * session after 30 minutes without playing and at 24 hours, and start a new one for the same
 * media with params["media.resume"] = true, sending again at once whatever was open (chapter, ad
 * break, ad, player states). A cross-session rule, computed whenever the result is read.
 */
import type { Finding } from '../findings/finding.ts';
import { makeFinding, shortSid } from '../findings/make-finding.ts';
import type { Closing, Restored } from '../session/session-state.ts';
import { duration } from '../session/step-context.ts';

/** What one session tells the restart rules. */
export interface RestartFacts {
  sid: string;
  /** Player name and media id: a restart continues the same media on the same player. */
  media: string | null;
  /** The session's sessionStart, when captured. */
  start: { exchange: number; time: number; resume: boolean } | null;
  /** What it sent again right after its sessionStart. */
  restored: Restored | null;
  /** How its sessionEnd closed it, if one did. */
  closing: Closing | null;
}

/** A session started this long after a 24-hour close is new playback, not the SDKs' restart. */
const DAY_RESTART_WITHIN_MS = 60 * 1000;

export function restartFindings(sessions: readonly RestartFacts[]): Finding[] {
  const byMedia = new Map<string, RestartFacts[]>();
  for (const s of sessions) {
    if (s.media === null || s.start === null) continue;
    const list = byMedia.get(s.media) ?? [];
    list.push(s);
    byMedia.set(s.media, list);
  }
  const out: Finding[] = [];
  for (const list of byMedia.values()) {
    list.sort((a, b) => (a.start?.time ?? 0) - (b.start?.time ?? 0));
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1] as RestartFacts;
      const after = list[i] as RestartFacts;
      const closing = before.closing;
      const start = after.start;
      if (!closing || !start || start.time < closing.time) continue;
      const sdkRestart = closing.boundary === 'idle' || (closing.boundary === 'day' && start.time - closing.time <= DAY_RESTART_WITHIN_MS);
      if (!sdkRestart && !start.resume) continue;
      const at = { exchange: start.exchange, sid: after.sid, time: start.time };
      const why = closing.boundary === 'day' ? `closed at 24 hours (#${closing.exchange})`
        : closing.boundary === 'idle' ? `closed by sessionEnd after 30 minutes without playback (#${closing.exchange})`
        : `ended by sessionEnd ${duration(start.time - closing.time)} earlier (#${closing.exchange})`;
      if (sdkRestart && !start.resume) {
        out.push(makeFinding('session.resume-missing', at,
          `This session continues ${shortSid(before.sid)}, ${why}, but its sessionStart does not say params["media.resume"] = true: Adobe counts a new media start instead of a resumed one.`,
          { pointer: '/params' }));
      }
      const missing = notRestored(closing, after.restored);
      if (missing.length > 0) {
        out.push(makeFinding('session.state-not-restored', at,
          `This session continues ${shortSid(before.sid)}, ${why}, but does not send again what was open there: ${missing.join(', ')}. Without it, the time that follows is not credited to them.`));
      }
    }
  }
  return out;
}

/** What was open at the close and not sent again after the new sessionStart. */
function notRestored(closing: Closing, restored: Restored | null): string[] {
  const { open } = closing;
  const missing: string[] = [];
  if (open.chapter && !restored?.chapter) missing.push(open.chapter);
  if (open.adBreak && !restored?.adBreak) missing.push(open.adBreak);
  if (open.ad && !restored?.ad) missing.push(open.ad);
  for (const name of open.states) if (!restored?.states.includes(name)) missing.push(`state "${name}"`);
  return missing;
}
