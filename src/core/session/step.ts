/** One step of a session's state machine: the event's rules, then its transition. */
import { attributeGap } from './attribute-time.ts';
import { laneOf } from './lane.ts';
import { adBreakComplete, adBreakStart, adEnd, adStart, breakOpenAtComplete, checkBeforeFirstAd } from './rules/ads.ts';
import { chapterEnd, chapterStart, stateEnd, stateNames, stateStart } from './rules/chapters-and-states.ts';
import { checkPings, restartPings } from './rules/pings.ts';
import { checkPlayhead } from './rules/playhead.ts';
import { checkTiming } from './rules/timing.ts';
import type { StepContext } from './step-context.ts';

export function step(c: StepContext): void {
  const { s, e } = c;
  const type = e.event.eventType;
  attributeGap(s, e.time);
  s.counts.events++;
  if (s.firstTime === null) {
    s.firstTime = e.time;
    if (!s.startCaptured) restartPings(c, 'main'); // joined mid-playback: pings are due from here
  }
  s.lastTime = e.time;

  checkTiming(c);
  if (s.closed === 'sessionEnd' && type !== 'sessionEnd') return finish(c);
  checkPlayhead(c);
  checkPings(c);
  checkBeforeFirstAd(c);

  switch (type) {
    case 'sessionStart': {
      const p = e.event.params ?? {};
      s.startTime = e.time;
      s.contentType = typeof p['media.contentType'] === 'string' ? p['media.contentType'] : null;
      s.mediaLength = typeof p['media.length'] === 'number' ? p['media.length'] : null;
      break;
    }
    case 'play':
      if (!s.contentStarted && !s.adBreak) {
        s.contentStarted = true;
        s.firstPlay = { exchange: e.call.exchange.index, time: e.time, playhead: e.event.playhead };
        restartPings(c, 'main'); // the first ping is due 10 s after playback starts
      }
      s.playback = 'playing';
      break;
    case 'pauseStart':
      s.playback = 'paused';
      break;
    case 'bufferStart':
      s.playback = 'buffering';
      break;
    case 'ping':
      s.counts.pings++;
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
      break;
    case 'stateEnd':
      for (const name of stateNames(e.event.params)) stateEnd(c, name);
      break;
    case 'statesUpdate':
      for (const name of stateNames(e.event.params, 'statesEnd')) stateEnd(c, name);
      for (const name of stateNames(e.event.params, 'statesStart')) stateStart(c, name);
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
      s.playback = 'ended';
      restartPings(c, null);
      break;
  }
  finish(c);
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
  } else {
    s.prev = { time: e.time, playhead, type: e.event.eventType, ts };
  }
}

