/**
 * A lane's segments (playback, ads, chapters, player states) drawn to scale, each knowing the
 * request that opened it (a click on the bar selects that request). Ads and chapters wide enough
 * carry their name inside the bar, shortened with "…" when only part of it fits, and never drawn
 * past the bar's end (a nested <svg> is its own clip).
 */
import type { Segment } from '../../../core/session/timeline.ts';
import { clip, durationText, relativeTime } from '../../format.ts';
import { LABEL_W, LANE_H, type View } from './layout.ts';

/** Width of a character of the 9 px text inside a bar, a little generous. */
export const SEG_CHAR_W = 5.6;
/** Room left and right of a name inside its bar. */
const SEG_PAD = 3;

/** The part of `label` that fits in a bar `width` px wide: whole, cut with "…" (at least 3 characters), or nothing. */
export function fitLabel(label: string, width: number): string {
  const most = Math.floor((width - 2 * SEG_PAD) / SEG_CHAR_W);
  if (label.length <= most) return label;
  return most >= 4 ? `${label.slice(0, most - 1)}…` : '';
}

export function LaneSegments({ list, y, x, v, right, start, named }: {
  list: readonly Segment[]; y: number; x: (t: number) => number; v: View; right: number; start: number;
  /** Whether the bars carry their name (ads, chapters). */
  named: boolean;
}) {
  // Zoomed in, a segment can be millions of px long: draw only the part in view (the clip does the rest).
  return (
    <>
      {list.filter((s) => s.end >= v.from && s.start <= v.to).map((s) => {
        const a = Math.max(x(s.start), LABEL_W - 2);
        const b = Math.min(x(s.end), right + 2);
        const width = Math.max(1, b - a);
        // The visible part of the bar: its name starts at the plot's left edge when the bar began before it.
        const shownFrom = Math.max(a, LABEL_W);
        const name = named ? fitLabel(s.label, Math.min(b, right) - shownFrom) : '';
        return (
          <g key={`${s.start}-${s.kind}`}>
            <rect class={`seg-${s.kind}`} x={a} y={y} width={width} height={LANE_H} data-kind={s.kind} data-exchange={s.exchange}>
              <title>{`${clip(s.label)} · ${relativeTime(s.start, start)} → ${relativeTime(s.end, start)} (${durationText(s.end - s.start)})`}</title>
            </rect>
            {name && (
              <svg class="seg-name" x={shownFrom} y={y} width={Math.max(0, Math.min(b, right) - shownFrom)} height={LANE_H} data-testid="segment-name">
                <text class={`seg-label on-${s.kind}`} x={SEG_PAD} y={9}>{name}</text>
              </svg>
            )}
          </g>
        );
      })}
    </>
  );
}
