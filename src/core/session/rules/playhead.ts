/** Rules about the playhead: seeks, units, movement inside ad breaks, beyond the content length. */
import { SETTING_NAMES } from '../settings.ts';
import type { StepContext } from '../step-context.ts';

const AD_EVENTS = new Set(['adBreakStart', 'adStart', 'adComplete', 'adSkip', 'adBreakComplete']);
/** Playhead movement (s) below this is noise (players round differently). */
const EPSILON_S = 1;

export function checkPlayhead(c: StepContext): void {
  const { s, e } = c;
  const playhead = e.event.playhead;
  if (playhead === null) return;
  const prev = s.prev?.playhead ?? null;

  if (prev !== null && playhead !== prev) s.lastPlayheadMove = e.time;
  else if (s.lastPlayheadMove === null) s.lastPlayheadMove = e.time;

  const brk = s.adBreak;
  if (brk && playhead > brk.playhead + EPSILON_S && !AD_EVENTS.has(e.event.eventType)) {
    if (s.ad) {
      if (!brk.playheadMovedReported) {
        brk.playheadMovedReported = true;
        c.emit('playhead.moves-in-ad',
          `The playhead moved from ${brk.playhead} to ${playhead} inside an ad break: during ads it must stay at the main-content position where the break started, or Adobe counts the ad as content progress.`);
      }
    } else {
      // No ad open and the main playhead advances again: main content resumed without adBreakComplete.
      c.emit('ad.break-unclosed',
        `The ad break started at #${brk.exchange} was never completed, yet main content resumed (the playhead moved from ${brk.playhead} to ${playhead}): Adobe keeps counting the time as ad break.`,
        {}, { exchange: brk.exchange, time: brk.time });
      s.adBreak = null;
      s.contentStarted = true;
      if (s.playback === 'not-started') s.playback = 'playing';
    }
  }

  if (prev !== null && playhead < prev - 0.5 && !s.adBreak) {
    c.emit('playhead.backwards', `The playhead went back from ${prev} to ${playhead} (a seek back, most likely).`);
  }

  if (prev !== null && s.prev && s.playback === 'playing' && !s.adBreak && !s.ad) {
    const dtS = (e.time - s.prev.time) / 1000;
    const rate = (playhead - prev) / dtS;
    // About 1000 per second, twice in a row: one fast interval alone is a seek forward.
    const fast = dtS >= 2 && rate > 500 && rate < 2000;
    if (dtS >= 2) s.fastIntervals = fast ? s.fastIntervals + 1 : 0;
    if (fast && s.fastIntervals === 1) s.firstFast = { exchange: e.call.exchange.index, time: e.time };
    if (s.fastIntervals >= 2 && !s.reported.has('playhead.not-seconds')) {
      s.reported.add('playhead.not-seconds');
      c.emit('playhead.not-seconds',
        `The playhead advanced ${playhead - prev} in ${dtS.toFixed(1)} s of playback (about ${Math.round(rate)} per second), and as fast before: it looks like milliseconds sent where seconds are expected, which breaks progress and completion metrics.`,
        {}, s.firstFast ?? undefined);
    }
  }

  const live = s.contentType !== null && /^(live|linear)$/i.test(s.contentType);
  if (!live && s.mediaLength !== null && playhead > s.mediaLength + c.settings.playheadToleranceS) {
    c.emitOnce('playhead.beyond-length',
      `The playhead (${playhead} s) is beyond media.length (${s.mediaLength} s) of this ${s.contentType ?? 'VOD'} content (setting: ${SETTING_NAMES.playheadToleranceS} ${c.settings.playheadToleranceS} s): progress markers and completion are computed wrong.`,
      { setting: 'playheadToleranceS' });
  }
}
