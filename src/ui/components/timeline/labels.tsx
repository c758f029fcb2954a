/**
 * The label column of a session's block: its colour chip (the same as in the sessions pane and the
 * list, session-colour.ts), its title, and the names of its rows. The chip's colour comes from the
 * `.chip cN` classes' --chip custom property, so one stylesheet rule colours all three panes.
 */
import { chipClass } from '../../session-colour.ts';
import { blockRows, BLOCK_H, LANES } from './layout.ts';

export function SessionLabels({ top, title, tip, colour, sid }: { top: number; title: string; tip: string; colour: number | undefined; sid: string }) {
  const { laneY, eventsY } = blockRows(top);
  return (
    <g>
      <g class="tl-session-head">
        <title>{tip}</title>
        {/* A <g>: the .chip rule's box properties (width, height, background) mean nothing to it; its --chip reaches the rects. */}
        <g class={`${chipClass(colour)} tl-chip`} data-testid="timeline-chip" data-chip-sid={sid} data-colour={colour ?? ''}>
          <rect class="tl-chip-stripe" x={0} y={top + 2} width={2} height={BLOCK_H - 6} />
          <rect class="tl-chip-dot" x={4} y={top + 2} width={8} height={8} rx={2} />
        </g>
        <text class="lane-label tl-session-title" x={16} y={top + 9} style={{ fontWeight: 600 }}>{title}</text>
      </g>
      {LANES.map((name, i) => <text key={name} class="lane-label" x={4} y={laneY(i) + 10}>{name}</text>)}
      <text class="lane-label" x={4} y={eventsY + 11}>events</text>
      <text class="lane-label" x={4} y={eventsY + 18 + 9}>findings</text>
    </g>
  );
}
