/** Ad breaks and ads: ads count only inside a break (spec section 4, "Ads"). */
import { inRestartPrelude } from '../session-state.ts';
import type { StepContext } from '../step-context.ts';
import { restartPings } from './pings.ts';

/** Events that move playback, which do not belong between adBreakStart and the first adStart. */
const PLAYBACK_EVENTS = new Set(['play', 'pauseStart', 'bufferStart', 'chapterStart', 'chapterComplete', 'chapterSkip']);

export function checkBeforeFirstAd(c: StepContext): void {
  const { s, e } = c;
  // A restart re-sends an open break and then the playback state before any ad: Adobe's SDKs do.
  if (s.adBreak && s.adBreak.adsStarted === 0 && PLAYBACK_EVENTS.has(e.event.eventType) && !inRestartPrelude(s, e.event.ts)) {
    c.emit('ad.event-before-ad',
      `${e.event.eventType} was sent between adBreakStart (#${s.adBreak.exchange}) and the first adStart: Adobe may count it against the ad break or main content; send adStart right after adBreakStart.`);
  }
}

export function adBreakStart(c: StepContext): void {
  const { s, e } = c;
  const playhead = e.event.playhead ?? s.prev?.playhead ?? 0;
  if (s.adBreak) {
    const open = s.adBreak;
    c.emit('ad.break-nested',
      `adBreakStart while the break started at #${open.exchange} is still open: Adobe cannot nest breaks, so the ads of one of them are miscounted.`);
    c.emit('ad.break-unclosed',
      `This ad break was never completed: a new adBreakStart (#${e.call.exchange.index}) came before any adBreakComplete.`,
      {}, { exchange: open.exchange, time: open.time });
  }
  endOrphan(c);
  // A pre-roll: the break starts before the content moved from where the first play found it
  // (0 for VOD, the second of the day for live).
  const unmoved = s.firstPlay && Math.abs(playhead - (s.firstPlay.playhead ?? 0)) <= 1;
  if (s.firstPlay && unmoved && !s.reported.has('preroll-play')) {
    s.reported.add('preroll-play');
    c.emit('ad.play-before-preroll',
      `play was sent before this pre-roll break: Adobe counts a content start before the ads (too early) and the time until the break as content. Send play only when main content starts.`,
      {}, s.firstPlay);
  }
  const podIndex = e.event.params?.['media.ad.podIndex'];
  s.adBreak = {
    exchange: e.call.exchange.index, time: e.time, playhead,
    podIndex: typeof podIndex === 'number' ? podIndex : null, adsStarted: 0, playheadMovedReported: false,
  };
  s.counts.adBreaks++;
  s.adSeen = true;
  restartPings(c, 'ad');
}

/** Recording began inside an ad break: open one silently, as it started before we could see. */
function assumeBreakFromBefore(c: StepContext): boolean {
  const { s, e } = c;
  if (s.startCaptured || s.adSeen || s.adBreak) return false;
  s.adSeen = true;
  s.adBreak = {
    exchange: e.call.exchange.index, time: e.time, playhead: e.event.playhead ?? s.prev?.playhead ?? 0,
    podIndex: null, adsStarted: 1, playheadMovedReported: false,
  };
  return true;
}

export function adStart(c: StepContext): void {
  const { s, e } = c;
  const idParam = e.event.params?.['media.ad.id'];
  const id = typeof idParam === 'string' ? idParam : null;
  if (s.ad) {
    if (s.ad.orphan === null) {
      c.emit('ad.overlap',
        `adStart${id ? ` for "${id}"` : ''} while the previous ad (#${s.ad.exchange}) was neither completed nor skipped: Adobe counts the previous ad as not completed.`);
    }
    endOrphan(c);
  }
  s.counts.adsStarted++;
  assumeBreakFromBefore(c);
  s.adSeen = true;
  if (!s.adBreak) {
    s.orphans.push({ exchange: e.call.exchange.index, time: e.time, id, creditedMs: 0 });
    s.ad = { exchange: e.call.exchange.index, time: e.time, id, orphan: s.orphans.length - 1 };
    // The message, with the seconds credited to content, is written when the session is read.
    // The player believes it plays an ad, so its pings follow the ad cadence.
    restartPings(c, 'ad');
    return;
  }
  s.adBreak.adsStarted++;
  s.ad = { exchange: e.call.exchange.index, time: e.time, id, orphan: null };
  restartPings(c, 'ad');
}

export function adEnd(c: StepContext, how: 'completed' | 'skipped'): void {
  const { s, e } = c;
  if (how === 'completed') s.counts.adsCompleted++;
  else s.counts.adsSkipped++;
  if (assumeBreakFromBefore(c)) return; // the ad started before the recording
  if (s.ad && s.ad.orphan !== null) {
    // Ends an orphan ad: ad.orphan-start already explains the problem; no second finding.
    endOrphan(c);
    restartPings(c, s.contentStarted ? 'main' : null);
    return;
  }
  if (!s.adBreak || !s.ad) {
    c.emit('ad.orphan-end',
      `${e.event.eventType} with ${s.adBreak ? 'no ad open in this break' : 'no ad break open'}: Adobe ignores it, so the ad is not counted as ${how}.`);
    return;
  }
  s.ad = null;
}

export function adBreakComplete(c: StepContext): void {
  const { s } = c;
  assumeBreakFromBefore(c); // the break may have started before the recording
  if (!s.adBreak) {
    endOrphan(c);
    c.emit('ad.orphan-end', 'adBreakComplete with no ad break open: Adobe ignores it.');
    return;
  }
  s.adBreak = null;
  s.ad = null;
  // After a mid-roll, main content resumes without a play (spec section 4).
  if (s.contentStarted && s.playback !== 'ended') s.playback = 'playing';
  restartPings(c, s.contentStarted ? 'main' : null);
}

/** At sessionComplete: a break still open is reported; at sessionEnd it is legitimate. */
export function breakOpenAtComplete(c: StepContext): void {
  const { s } = c;
  if (s.adBreak) {
    const open = s.adBreak;
    c.emit('ad.break-unclosed',
      `This ad break was still open when the session completed (#${c.e.call.exchange.index}): send adBreakComplete when the pod ends.`,
      {}, { exchange: open.exchange, time: open.time });
    s.adBreak = null;
    s.ad = null;
  }
}

/** A new or closing break ends whatever ad was open (an orphan ad's credited time stops here). */
function endOrphan(c: StepContext): void {
  c.s.ad = null;
}
