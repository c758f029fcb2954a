/**
 * From a session's close (sessionEnd, idle timeout, stalled playhead) on, its lanes are hatched and
 * labelled "closed": events sent after it stand out, since the back end drops them.
 */
import { relativeTime } from '../../format.ts';
import { CHAR_W, LABEL_W, type BlockRows } from './layout.ts';
import type { Closed } from './marks.tsx';

export function closedText(reason: string): string {
  return reason === 'idle-timeout' ? 'idle timeout' : reason === 'stalled-playhead' ? 'stalled playhead' : reason;
}

export function ClosedRegion({ closed, x, right, rows, start, hatch }: {
  closed: Closed; x: (t: number) => number; right: number; rows: BlockRows; start: number; hatch: string;
}) {
  const cx = x(closed.time);
  const from = Math.max(cx, LABEL_W - 2);
  const label = `closed · ${closedText(closed.reason)}`;
  const what = `Session closed by ${closedText(closed.reason)} (request #${closed.exchange}) at ${relativeTime(closed.time, start)}: the back end drops what is sent after it`;
  const { fullTop, fullBottom } = rows;
  const textY = rows.laneY(0) + 10;
  return (
    <g class="tl-closed" data-testid="closed-region" data-reason={closed.reason} data-exchange={closed.exchange}>
      <rect class="tl-closed-bg" x={from} y={fullTop} width={Math.max(1, right + 2 - from)} height={fullBottom - fullTop} pointer-events="none" />
      <rect class="tl-closed-hatch" x={from} y={fullTop} width={Math.max(1, right + 2 - from)} height={fullBottom - fullTop} fill={hatch} pointer-events="none" />
      <line class="tl-closed-edge" x1={cx} x2={cx} y1={fullTop} y2={fullBottom}><title>{what}</title></line>
      {/* Right of the edge when there is room; else left of it, pointing at the closed part. */}
      {from + 4 + label.length * CHAR_W <= right ? (
        <text class="tl-closed-label" x={from + 4} y={textY}>{label}<title>{what}</title></text>
      ) : (
        <text class="tl-closed-label" x={cx - 4} y={textY} text-anchor="end">{`${closedText(closed.reason)} → closed`}<title>{what}</title></text>
      )}
    </g>
  );
}
