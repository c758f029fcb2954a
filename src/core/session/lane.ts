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

/** The lane after the current step; returns `previous` itself when nothing changed (no allocation then). */
export function laneOf(s: SessionState, previous: Lane | null): Lane {
  const chapter = s.chapter ? s.chapters[s.chapter.slot] : undefined;
  const ad: Lane['ad'] = s.ad ? (s.ad.orphan !== null ? 'orphan' : 'ad') : s.adBreak ? 'break' : null;
  const adId = s.ad?.id ?? null;
  const podIndex = s.adBreak?.podIndex ?? null;
  const chapterIndex = chapter ? chapter.index : null;
  const chapterName = chapter?.name ?? null;
  const closed = s.closed !== null;
  const states = s.statesKey;
  if (previous && previous.playback === s.playback && previous.ad === ad && previous.adId === adId && previous.podIndex === podIndex &&
    previous.chapter === chapterIndex && previous.chapterName === chapterName && previous.states === states && previous.closed === closed) {
    return previous;
  }
  return { playback: s.playback, ad, adId, podIndex, chapter: chapterIndex, chapterName, states, closed };
}
