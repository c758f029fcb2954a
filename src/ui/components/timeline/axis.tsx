/** The time axis over the plot: gridlines down through every session, labels that never overlap. */
import { axisTicks } from './axis-ticks.ts';
import type { View } from './layout.ts';

export function Axis({ v, height, start, plotW }: { v: View; height: number; start: number; plotW: number }) {
  return (
    <g data-testid="timeline-axis">
      {axisTicks(v, start, plotW).map((t, i) => (
        <g key={i}>
          <line class="gridline" x1={t.x} x2={t.x} y1={12} y2={height} />
          {t.label && <text class="axis" x={t.x} dx={t.end ? -2 : 2} y={10} text-anchor={t.end ? 'end' : 'start'}>{t.label}</text>}
        </g>
      ))}
    </g>
  );
}
