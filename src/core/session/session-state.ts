/**
 * The state of one session's state machine, as plain data (Maps and Sets allowed) so that it can
 * be checkpointed with structuredClone and replayed from any point.
 */
import type { Lane } from './lane.ts';

export type Playback = 'not-started' | 'playing' | 'paused' | 'buffering' | 'ended';
export type ClosedReason = 'sessionEnd' | 'idle-timeout' | 'stalled-playhead';

export interface Ref {
  /** Exchange index and effective time of the event. */
  exchange: number;
  time: number;
}

export interface OpenBreak extends Ref {
  podIndex: number | null;
  playhead: number;
  adsStarted: number;
  playheadMovedReported: boolean;
}

export interface OpenAd extends Ref {
  id: string | null;
  /** Index into `orphans` when the ad started outside a break. */
  orphan: number | null;
}

export interface OrphanAd extends Ref {
  id: string | null;
  /** Ad time the back end credits to main content, as estimated. */
  creditedMs: number;
}

export interface ChapterTime {
  index: number | null;
  name: string | null;
  playedMs: number;
  end: 'completed' | 'skipped' | 'open' | 'replaced';
}

export interface Counts {
  events: number;
  pings: number;
  adBreaks: number;
  adsStarted: number;
  adsCompleted: number;
  adsSkipped: number;
  chaptersStarted: number;
  chaptersCompleted: number;
  chaptersSkipped: number;
  errors: number;
  bitrateChanges: number;
}

/** What a session left open when it was closed: what a restart must send again (Adobe's SDKs do). */
export interface OpenAtClose {
  chapter: string | null;
  adBreak: string | null;
  ad: string | null;
  states: string[];
}

/**
 * How a sessionEnd closed the session, for the restart rules: `idle` when playback had stopped
 * for 30 minutes (the SDKs' idle close), `day` when the session was 24 hours old (their restart).
 */
export interface Closing extends Ref {
  boundary: 'idle' | 'day' | null;
  open: OpenAtClose;
}

/** What a new session sent again right after its sessionStart (until its first playback state or ping). */
export interface Restored {
  chapter: boolean;
  adBreak: boolean;
  ad: boolean;
  states: string[];
}

/** What a step remembers of the event before it (params and qoe by reference: they are never changed). */
export interface PrevEvent {
  time: number;
  playhead: number | null;
  type: string;
  ts: number | null;
  known: boolean;
  params: Record<string, unknown> | null;
  qoe: Record<string, unknown> | null;
}

export interface SessionState {
  /**
   * False when the recording began mid-session: until the first ad, chapter or state event shows
   * otherwise (adSeen, chapterSeen, distinctStates), an end whose start we never saw is assumed
   * to have started before the recording.
   */
  startCaptured: boolean;
  startTime: number | null;
  /** The sessionStart's ts: Adobe's SDKs send a restart's re-sent events at that same millisecond. */
  startTs: number | null;
  /** Downloaded content (media.downloaded, or a batch): the SDKs ping every 50 s there. */
  downloaded: boolean;
  contentType: string | null;
  mediaLength: number | null;
  playback: Playback;
  /** Main content has started (first play outside a break, or the recording began mid-playback). */
  contentStarted: boolean;
  firstPlay: (Ref & { playhead: number | null }) | null;
  adSeen: boolean;
  chapterSeen: boolean;
  /** Consecutive playing intervals where the playhead ran ~1000x faster than ts. */
  fastIntervals: number;
  firstFast: Ref | null;
  completed: boolean;
  closed: ClosedReason | null;
  closedAt: Ref | null;
  adBreak: OpenBreak | null;
  ad: OpenAd | null;
  orphans: OrphanAd[];
  chapter: (Ref & { slot: number }) | null;
  chapters: ChapterTime[];
  activeStates: Set<string>;
  /** The active states sorted and joined with ", ", kept up to date for the timeline. */
  statesKey: string;
  distinctStates: Set<string>;
  stateMs: Map<string, number>;
  /** The previous event: effective time, playhead, type, and its `ts` when usable. */
  prev: PrevEvent | null;
  lastPlayheadMove: number | null;
  /** Ping bookkeeping: reference time of the last ping or context switch; null when no ping is due. */
  pingRef: number | null;
  pingContext: 'main' | 'ad';
  lastPing: number | null;
  lateReported: boolean;
  /** Late gaps come in streaks (a player whose timer is off): reported once per streak. */
  lateStreak: boolean;
  earlyStreak: boolean;
  /** Since when playback is not playing (paused or buffering), for the SDKs' 30-minute idle close. */
  stoppedSince: number | null;
  /** Collected from the sessionStart until the first playback state or ping; null once complete. */
  restoring: Restored | null;
  /** Final once the prelude is over. */
  restored: Restored | null;
  /** Set by sessionEnd. */
  closing: Closing | null;
  /** The lane of the previous event, shared while unchanged (not part of the replayed logic). */
  lastLane: Lane | null;
  /** One-per-session findings already reported. */
  reported: Set<string>;
  mainMs: number;
  adMs: number;
  orphanMs: number;
  pausedMs: number;
  bufferingMs: number;
  firstTime: number | null;
  lastTime: number | null;
  counts: Counts;
}

export function initialState(startCaptured: boolean): SessionState {
  return {
    startCaptured,
    startTime: null,
    startTs: null,
    downloaded: false,
    contentType: null,
    mediaLength: null,
    // Without the start, the recording began mid-playback: step.ts says so at the first event
    // Adobe accepted (a session whose every call was refused never played for Adobe).
    playback: 'not-started',
    contentStarted: false,
    firstPlay: null,
    adSeen: false,
    chapterSeen: false,
    fastIntervals: 0,
    firstFast: null,
    completed: false,
    closed: null,
    closedAt: null,
    adBreak: null,
    ad: null,
    orphans: [],
    chapter: null,
    chapters: [],
    activeStates: new Set(),
    statesKey: '',
    distinctStates: new Set(),
    stateMs: new Map(),
    prev: null,
    lastPlayheadMove: null,
    pingRef: null,
    pingContext: 'main',
    lastPing: null,
    lateReported: false,
    lateStreak: false,
    earlyStreak: false,
    stoppedSince: null,
    restoring: null,
    restored: null,
    closing: null,
    reported: new Set(),
    lastLane: null,
    mainMs: 0,
    adMs: 0,
    orphanMs: 0,
    pausedMs: 0,
    bufferingMs: 0,
    firstTime: null,
    lastTime: null,
    counts: {
      events: 0, pings: 0, adBreaks: 0, adsStarted: 0, adsCompleted: 0, adsSkipped: 0,
      chaptersStarted: 0, chaptersCompleted: 0, chaptersSkipped: 0, errors: 0, bitrateChanges: 0,
    },
  };
}

/**
 * Whether an event at `ts` is part of a restart's prelude: what Adobe's SDKs send again right
 * after a new sessionStart, at that sessionStart's millisecond.
 */
export function inRestartPrelude(s: SessionState, ts: number | null): boolean {
  return s.restoring !== null && ts !== null && ts === s.startTs;
}

export function cloneState(s: SessionState): SessionState {
  return structuredClone(s);
}
