/**
 * What is under the pointer in the timeline's drawing: on a lane, the segment there (a click
 * selects the request that opened it: the orphan ad's bar selects its adStart, not the ping beside
 * it); elsewhere, or on a lane's empty stretch, the event nearest the pointer within 5 px.
 */
import type { Finding } from '../../../core/findings/finding.ts';
import { lowerBound as lowerIndex } from '../../../core/sorted-list.ts';
import type { Mark, Segment, SessionTimeline } from '../../../core/session/timeline.ts';
import { clip, durationText, playheadText, relativeTime } from '../../format.ts';
import { LABEL_W, lowerBound, rowAt, type View } from './layout.ts';

export type Hit =
  | { kind: 'mark'; mark: Mark; tl: SessionTimeline }
  | { kind: 'segment'; segment: Segment; tl: SessionTimeline };

/** Within this many px of the pointer, an event is under it. */
const NEAR = 5;

function lanesOf(tl: SessionTimeline): readonly Segment[][] {
  return [tl.playback, tl.ads, tl.chapters, tl.states];
}

/** The segment of a lane under x `px` (a bar is at least 1 px wide, and 1 px of slack either side). */
function segmentAt(list: readonly Segment[], px: number, x: (t: number) => number): Segment | null {
  // Segments of a lane follow one another in time: the last one starting left of the pointer.
  const i = lowerIndex(list, (s) => x(s.start) - 1 <= px) - 1;
  const s = list[i];
  if (!s) return null;
  return px <= Math.max(x(s.end), x(s.start) + 1) + 1 ? s : null;
}

function nearestMark(tl: SessionTimeline, px: number, x: (t: number) => number, timeAt: (px: number) => number): Mark | null {
  const t = timeAt(px);
  const i = lowerBound(tl.marks, t);
  let best: Mark | null = null;
  for (const m of [tl.marks[i - 1], tl.marks[i]]) if (m && (!best || Math.abs(m.time - t) < Math.abs(best.time - t))) best = m;
  return best && Math.abs(x(best.time) - px) <= NEAR ? best : null;
}

/** What is at (px, py) of the drawing, for these session blocks in view `v`. */
export function hitAt(px: number, py: number, timelines: readonly SessionTimeline[], v: View, plotW: number): Hit | null {
  // Marks out of the plot area are clipped away: nothing to hit there.
  if (px < LABEL_W - 2 || px > LABEL_W + plotW + 2) return null;
  const at = rowAt(py);
  const tl = at ? timelines[at.block] : undefined;
  if (!at || !tl) return null;
  const span = v.to - v.from;
  const x = (t: number) => LABEL_W + ((t - v.from) / span) * plotW;
  const timeAt = (p: number) => v.from + ((p - LABEL_W) / plotW) * span;
  if (at.row === 'lane') {
    const segment = segmentAt(lanesOf(tl)[at.lane] ?? [], px, x);
    if (segment) return { kind: 'segment', segment, tl };
  }
  const mark = nearestMark(tl, px, x, timeAt);
  return mark ? { kind: 'mark', mark, tl } : null;
}

/** The request a hit selects. */
export function exchangeOf(hit: Hit): number {
  return hit.kind === 'mark' ? hit.mark.exchange : hit.segment.exchange;
}

/** The event that opened a segment (its first mark at that request). */
function openingMark(tl: SessionTimeline, s: Segment): Mark | undefined {
  for (let i = lowerBound(tl.marks, s.start); i < tl.marks.length; i++) {
    const m = tl.marks[i] as Mark;
    if (m.exchange === s.exchange) return m;
    if (m.time > s.start) break;
  }
  return undefined;
}

/** What the tooltip says of a hit. */
export function hitText(hit: Hit, findings: readonly Finding[]): string {
  const { tl } = hit;
  if (hit.kind === 'segment') {
    const s = hit.segment;
    const opener = openingMark(tl, s);
    return `${clip(s.label, 80)} · ${relativeTime(s.start, tl.start)} → ${relativeTime(s.end, tl.start)} (${durationText(s.end - s.start)})\n`
      + `opened by #${s.exchange}${opener ? ` ${clip(opener.eventType || '(no event type)', 40)}` : ''} (click to select it)`;
  }
  const m = hit.mark;
  const fs = findings.filter((f) => f.exchange === m.exchange);
  return `#${m.exchange} ${clip(m.eventType || '(no event type)', 80)} · ${relativeTime(m.time, tl.start)} · playhead ${playheadText(m.playhead)} · status ${m.status || 'no reply'}${fs.map((f) => `\n${f.severity} ${f.code}`).join('')}`;
}
