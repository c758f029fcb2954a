/**
 * The timeline's geometry: a label column on the left, then the plot; one block of rows per
 * session (title, four lanes of segments, events, findings), and the scale from time to x.
 */
import type { Mark } from '../../../core/session/timeline.ts';

export const LABEL_W = 70;
export const RIGHT_MARGIN = 8;
export const LANE_H = 12;
const LANE_GAP = 3;
export const LANES = ['playback', 'ads', 'chapters', 'states'] as const;
/** The axis labels' strip above the first block. */
export const AXIS_H = 16;
const EVENTS_H = 18;
const FINDINGS_H = 14;
export const BLOCK_H = 16 + LANES.length * (LANE_H + LANE_GAP) + EVENTS_H + FINDINGS_H;
/** Width of a character of the 10 px axis and badge text, a little generous. */
export const CHAR_W = 6;

/** A time range in view (ms, the sessions' clock). */
export interface View {
  from: number;
  to: number;
}

/** Where the rows of the session block at `top` are. */
export interface BlockRows {
  top: number;
  laneY(i: number): number;
  eventsY: number;
  findingsY: number;
  /** From the first lane to the findings: what a full-height marker spans. */
  fullTop: number;
  fullBottom: number;
}

export function blockTop(index: number): number {
  return AXIS_H + index * BLOCK_H;
}

export function blockRows(top: number): BlockRows {
  const laneY = (i: number) => top + 14 + i * (LANE_H + LANE_GAP);
  const eventsY = laneY(LANES.length);
  const findingsY = eventsY + EVENTS_H;
  return { top, laneY, eventsY, findingsY, fullTop: laneY(0) - 1, fullBottom: findingsY + 10 };
}

/** The row under a y of the drawing: which block, and its title, a lane, the events or the findings. */
export type RowAt =
  | { block: number; row: 'title' | 'events' | 'findings' }
  | { block: number; row: 'lane'; lane: number };

export function rowAt(py: number): RowAt | null {
  if (py < AXIS_H) return null;
  const block = Math.floor((py - AXIS_H) / BLOCK_H);
  const rows = blockRows(blockTop(block));
  if (py < rows.laneY(0)) return { block, row: 'title' };
  if (py < rows.eventsY) return { block, row: 'lane', lane: Math.min(LANES.length - 1, Math.floor((py - rows.laneY(0)) / (LANE_H + LANE_GAP))) };
  return { block, row: py < rows.findingsY ? 'events' : 'findings' };
}

/** The plot's x of a time in view `v`, and what to draw: `v`, or a plot width more on either side when `wide`. */
export function scale(v: View, wide: boolean, plotW: number): { x: (t: number) => number; range: View } {
  const span = v.to - v.from;
  return { x: (t) => LABEL_W + ((t - v.from) / span) * plotW, range: wide ? { from: v.from - span, to: v.to + span } : v };
}

/** The first mark at or after `t` (marks are in time order). */
export function lowerBound(marks: readonly Mark[], t: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((marks[mid] as Mark).time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
