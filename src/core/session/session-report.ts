/** What the analysis says about one session: who, where it stands, estimated metrics, findings. */
import type { Finding } from '../findings/finding.ts';
import type { PingCadence } from './ping-cadence.ts';
import type { ChapterTime, ClosedReason, Counts, Playback, SessionState } from './session-state.ts';
import type { StartStatus } from './start-status.ts';

export interface SessionMedia {
  id: string | null;
  name: string | null;
  contentType: string | null;
  length: number | null;
  playerName: string | null;
  streamType: string | null;
}

export interface SessionStateSummary {
  playback: Playback;
  inAdBreak: boolean;
  ad: string | null;
  chapter: number | null;
  activeStates: string[];
  completed: boolean;
  closed: ClosedReason | null;
}

/** Estimates of what Adobe's back end counts (labelled as estimates wherever shown). */
export interface SessionMetrics {
  estimated: true;
  /** First and last event time (ms since epoch) and the span between them. */
  start: number | null;
  end: number | null;
  durationMs: number;
  mainContentMs: number;
  adMs: number;
  /** Ad time of orphan ads, credited to main content (included in mainContentMs). */
  orphanAdCreditedToMainMs: number;
  pausedMs: number;
  bufferingMs: number;
  chapters: ChapterTime[];
  playerStatesMs: Record<string, number>;
  counts: Counts;
}

export interface SessionReport {
  sid: string;
  /** The protocol its calls spoke: 'media-collection' or 'media-edge'. */
  protocol: string;
  /** How the client reached it, when that says more ("Web SDK": a Media Edge session started through interact). */
  style: string | null;
  startCaptured: boolean;
  /**
   * What is known of the start (added field): `captured`, `not-captured` (the recording began
   * later), or `unknown-to-adobe` (no start, and Adobe answered 404: the sid never existed there).
   */
  startStatus: StartStatus;
  media: SessionMedia;
  /** Exchange indexes of the session's calls, in send order. */
  calls: number[];
  state: SessionStateSummary;
  /** How and when the session was closed, if it was (for cross-session rules). */
  closedBy: { reason: ClosedReason; exchange: number; time: number } | null;
  /**
   * The main-content ping interval the session was judged by and where it came from: Adobe's
   * default (10 s), the interval the session keeps itself (Media Edge: 10 to 50 s), or the settings.
   */
  pingCadence: PingCadence;
  metrics: SessionMetrics;
  /** Sequence findings of this session, in time order (request findings stay with their calls). */
  findings: Finding[];
}

export function summariseState(s: SessionState): SessionStateSummary {
  return {
    playback: s.playback,
    inAdBreak: s.adBreak !== null,
    ad: s.ad ? (s.ad.id ?? '(unnamed ad)') : null,
    chapter: s.chapter ? (s.chapters[s.chapter.slot]?.index ?? null) : null,
    activeStates: [...s.activeStates].sort(),
    completed: s.completed,
    closed: s.closed,
  };
}

export function metricsOf(s: SessionState): SessionMetrics {
  // A live session's report is rebuilt after every event; copying every chapter each time would
  // make that O(chapters). Only the open chapter still changes (closed ones are final), so it is
  // copied now and the rest when first read.
  const all = s.chapters;
  const count = all.length;
  const openSlot = s.chapter?.slot ?? -1;
  const openNow = openSlot >= 0 && all[openSlot] ? { ...all[openSlot] } : null;
  let chapters: ChapterTime[] | null = null;
  return {
    estimated: true,
    start: s.firstTime,
    end: s.lastTime,
    durationMs: s.firstTime !== null && s.lastTime !== null ? s.lastTime - s.firstTime : 0,
    mainContentMs: s.mainMs,
    adMs: s.adMs,
    orphanAdCreditedToMainMs: s.orphanMs,
    pausedMs: s.pausedMs,
    bufferingMs: s.bufferingMs,
    get chapters() {
      chapters ??= all.slice(0, count).map((c, i) => (i === openSlot && openNow ? openNow : { ...c }));
      return chapters;
    },
    playerStatesMs: Object.fromEntries([...s.stateMs].sort(([a], [b]) => (a < b ? -1 : 1))),
    counts: { ...s.counts },
  };
}
