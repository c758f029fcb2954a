/** One step of a session's state machine: the event's rules, then its transition. */
import { attributeGap } from './attribute-time.ts';
import { laneOf } from './lane.ts';
import { adBreakComplete, adBreakStart, adEnd, adStart, breakOpenAtComplete, checkBeforeFirstAd } from './rules/ads.ts';
import { chapterEnd, chapterStart, refreshStatesKey, stateEnd, stateNames, stateStart } from './rules/chapters-and-states.ts';
import { checkPings, restartAfterCall, restartPings } from './rules/pings.ts';
import { checkPlayhead } from './rules/playhead.ts';
import { checkTiming, MAX_SESSION_MS, SDK_IDLE_CLOSE_MS } from './rules/timing.ts';
import type { Closing, Ref, Restored, SessionState } from './session-state.ts';
import type { StepContext } from './step-context.ts';

export function step(c: StepContext): void {
  const { s, e } = c;
  const type = e.event.eventType;
  const rejected = rejectedByServer(e.call.exchange.status);
  attributeGap(s, e.time);
  if (s.firstTime === null) s.firstTime = e.time;
  // Recorded from the middle: the first event Adobe took shows playback under way, and pings are
  // due from there. Events it rejected before that (a sid it never knew answers 404 to all) start nothing.
  if (!s.startCaptured && !rejected && s.counts.events === 0) joinMidPlayback(c);
  if (!rejected) s.counts.events++;
  s.lastTime = e.time;

  checkTiming(c);
  if (s.closed === 'sessionEnd' && type !== 'sessionEnd') return finish(c);
  checkPlayhead(c);
  checkPings(c);
  checkBeforeFirstAd(c);
  // The rules above judge what the player sent; what follows is what Adobe made of it, and Adobe
  // dropped this event (http.* says why): no ad, chapter, state or count changes for it.
  if (rejected) {
    // The player's timer restarts on the reply all the same (the Web SDK's, after every call).
    if (c.client.restartsOnEveryCall) restartAfterCall(c);
    return finish(c);
  }

  switch (type) {
    case 'sessionStart': {
      const p = e.event.params ?? {};
      s.startTime = e.time;
      s.startTs = e.tsUsable ? e.event.ts : null;
      s.downloaded = p['media.downloaded'] === true || e.call.batch;
      s.contentType = typeof p['media.contentType'] === 'string' ? p['media.contentType'] : null;
      s.mediaLength = typeof p['media.length'] === 'number' ? p['media.length'] : null;
      s.restoring = { chapter: false, adBreak: false, ad: false, states: [] };
      break;
    }
    case 'play':
      if (!s.contentStarted && !s.adBreak) {
        s.contentStarted = true;
        s.firstPlay = { exchange: e.call.exchange.index, time: e.time, playhead: e.event.playhead };
        restartPings(c, 'main'); // the first ping is due 10 s after playback starts
      }
      playbackState(c, 'playing');
      break;
    case 'pauseStart':
      playbackState(c, 'paused');
      break;
    case 'bufferStart':
      playbackState(c, 'buffering');
      break;
    case 'ping':
      s.counts.pings++;
      endRestoring(s);
      break;
    case 'adBreakStart':
      adBreakStart(c);
      break;
    case 'adStart':
      adStart(c);
      break;
    case 'adComplete':
      adEnd(c, 'completed');
      break;
    case 'adSkip':
      adEnd(c, 'skipped');
      break;
    case 'adBreakComplete':
      adBreakComplete(c);
      break;
    case 'chapterStart':
      chapterStart(c);
      break;
    case 'chapterComplete':
      chapterEnd(c, 'completed');
      break;
    case 'chapterSkip':
      chapterEnd(c, 'skipped');
      break;
    case 'stateStart':
      for (const name of stateNames(e.event.params)) stateStart(c, name);
      refreshStatesKey(s);
      break;
    case 'stateEnd':
      for (const name of stateNames(e.event.params)) stateEnd(c, name);
      refreshStatesKey(s);
      break;
    case 'statesUpdate':
      for (const name of stateNames(e.event.params, 'statesEnd')) stateEnd(c, name);
      for (const name of stateNames(e.event.params, 'statesStart')) stateStart(c, name);
      refreshStatesKey(s);
      break;
    case 'error':
      s.counts.errors++;
      break;
    case 'bitrateChange':
      s.counts.bitrateChanges++;
      break;
    case 'sessionComplete':
      breakOpenAtComplete(c);
      s.completed = true;
      s.playback = 'ended';
      restartPings(c, null);
      break;
    case 'sessionEnd':
      if (!s.closed) {
        s.closed = 'sessionEnd';
        s.closedAt = { exchange: e.call.exchange.index, time: e.time };
      }
      s.closing ??= closingOf(s, { exchange: e.call.exchange.index, time: e.time });
      s.playback = 'ended';
      restartPings(c, null);
      break;
  }
  if (s.restoring && type !== 'sessionStart') noteRestored(s.restoring, type, e.event.params);
  if (c.client.restartsOnEveryCall) restartAfterCall(c);
  finish(c);
}

/**
 * Whether the server turned the call down (400 invalid body, 404 unknown sid, 410 closed session,
 * 5xx…): Adobe keeps nothing of its events. No reply (0) is not a refusal: the call may have
 * reached Adobe, the capture only lost the answer.
 */
export function rejectedByServer(status: number): boolean {
  return status >= 400;
}

/** The recording began mid-session: playback is taken as under way from the first event Adobe took. */
function joinMidPlayback(c: StepContext): void {
  const { s } = c;
  s.playback = 'playing';
  s.contentStarted = true;
  restartPings(c, 'main'); // joined mid-playback: pings are due from here
}

/** Between a sessionStart and its first playback state: what the new session sends again. */
function noteRestored(r: Restored, type: string, params: Record<string, unknown> | null): void {
  if (type === 'chapterStart') r.chapter = true;
  else if (type === 'adBreakStart') r.adBreak = true;
  else if (type === 'adStart') r.ad = true;
  else if (type === 'stateStart' || type === 'statesUpdate') for (const name of stateNames(params, type === 'statesUpdate' ? 'statesStart' : undefined)) r.states.push(name);
}

/**
 * A playback-state event: Adobe's SDKs restart their ping timer here (the first ping after a pause
 * comes 10 s after the pauseStart), and close the session after 30 minutes without playing.
 */
function playbackState(c: StepContext, playback: 'playing' | 'paused' | 'buffering'): void {
  const { s, e } = c;
  if (s.pingRef !== null) restartPings(c, s.pingContext);
  if (playback === 'playing') s.stoppedSince = null;
  else s.stoppedSince ??= e.time;
  s.playback = playback;
  endRestoring(s);
}

/** The restart prelude (what a new session sends again) ends at its first playback state or ping. */
function endRestoring(s: SessionState): void {
  if (!s.restoring) return;
  s.restored = s.restoring;
  s.restoring = null;
}

function closingOf(s: SessionState, at: Ref): Closing {
  const boundary = s.startTime !== null && at.time - s.startTime >= MAX_SESSION_MS ? 'day'
    : s.stoppedSince !== null && at.time - s.stoppedSince >= SDK_IDLE_CLOSE_MS ? 'idle'
    : null;
  const chapter = s.chapter ? s.chapters[s.chapter.slot] : undefined;
  return {
    ...at,
    boundary,
    open: {
      chapter: chapter ? `chapter ${chapter.index ?? '?'}${chapter.name ? ` "${chapter.name}"` : ''}` : null,
      adBreak: s.adBreak ? `ad break${s.adBreak.podIndex !== null ? ` ${s.adBreak.podIndex}` : ''}` : null,
      ad: s.ad ? `ad${s.ad.id ? ` "${s.ad.id}"` : ''}` : null,
      states: [...s.activeStates].sort(),
    },
  };
}

function finish(c: StepContext): void {
  const { s, e } = c;
  e.lane = laneOf(s, s.lastLane);
  s.lastLane = e.lane;
  const playhead = e.event.playhead ?? s.prev?.playhead ?? null;
  const ts = e.tsUsable ? e.event.ts : null;
  // Updated in place: one object per session, not one per event.
  if (s.prev) {
    s.prev.time = e.time;
    s.prev.playhead = playhead;
    s.prev.type = e.event.eventType;
    s.prev.ts = ts;
    s.prev.known = e.event.known;
    s.prev.params = e.event.params;
    s.prev.qoe = e.event.qoe;
  } else {
    s.prev = { time: e.time, playhead, type: e.event.eventType, ts, known: e.event.known, params: e.event.params, qoe: e.event.qoe };
  }
}

