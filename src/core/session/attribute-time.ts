/**
 * Estimated time attribution (spec section 5): the gap between two consecutive events goes to
 * the state the session was in after the first of them.
 */
import type { SessionState } from './session-state.ts';
import { IDLE_TIMEOUT_MS } from './rules/timing.ts';

export function attributeGap(s: SessionState, time: number): void {
  if (!s.prev || s.closed) return;
  // Past the idle timeout the back end has closed the session: count no more than that.
  const dt = Math.min(Math.max(0, time - s.prev.time), IDLE_TIMEOUT_MS);
  if (dt === 0) return;
  for (const name of s.activeStates) s.stateMs.set(name, (s.stateMs.get(name) ?? 0) + dt);
  if (s.playback === 'paused') {
    s.pausedMs += dt;
    return;
  }
  if (s.playback === 'buffering') {
    s.bufferingMs += dt;
    return;
  }
  if (s.ad && s.ad.orphan === null && s.adBreak) {
    s.adMs += dt;
    return;
  }
  if (s.adBreak) return; // between ads of a pod
  const orphan = s.ad?.orphan ?? null;
  if (orphan !== null || (s.playback === 'playing' && s.contentStarted)) {
    // An orphan ad plays as main content in Adobe's eyes (spec section 4).
    s.mainMs += dt;
    if (orphan !== null) {
      s.orphanMs += dt;
      const o = s.orphans[orphan];
      if (o) o.creditedMs += dt;
    }
    const chapter = s.chapter ? s.chapters[s.chapter.slot] : undefined;
    if (chapter) chapter.playedMs += dt;
  }
}
