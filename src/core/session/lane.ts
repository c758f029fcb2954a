/** What a session is doing after an event: the rows of its timeline. */
import type { Playback, SessionState } from './session-state.ts';

export interface Lane {
  playback: Playback;
  /** `break`: a pod is open between ads; `ad`: a valid ad plays; `orphan`: an ad outside any break. */
  ad: 'break' | 'ad' | 'orphan' | null;
  adId: string | null;
  podIndex: number | null;
  chapter: number | null;
  chapterName: string | null;
  /** Active player states, sorted and joined with ", " ("" for none). */
  states: string;
  closed: boolean;
}

/** The lane after the current step; returns `previous` itself when nothing changed (saves memory). */
export function laneOf(s: SessionState, previous: Lane | null): Lane {
  const chapter = s.chapter ? s.chapters[s.chapter.slot] : undefined;
  const next: Lane = {
    playback: s.playback,
    ad: s.ad ? (s.ad.orphan !== null ? 'orphan' : 'ad') : s.adBreak ? 'break' : null,
    adId: s.ad?.id ?? null,
    podIndex: s.adBreak?.podIndex ?? null,
    chapter: chapter ? chapter.index : null,
    chapterName: chapter?.name ?? null,
    states: s.activeStates.size ? [...s.activeStates].sort().join(', ') : '',
    closed: s.closed !== null,
  };
  if (previous && sameLane(previous, next)) return previous;
  return next;
}

function sameLane(a: Lane, b: Lane): boolean {
  return a.playback === b.playback && a.ad === b.ad && a.adId === b.adId && a.podIndex === b.podIndex &&
    a.chapter === b.chapter && a.chapterName === b.chapterName && a.states === b.states && a.closed === b.closed;
}
