/**
 * One session's block of the plot: its lanes of segments, the closed part, its event ticks and
 * loud replies, the selected request's line and its findings.
 */
import type { VNode } from 'preact';
import { useMemo } from 'preact/hooks';
import type { Finding } from '../../../core/findings/finding.ts';
import type { SessionTimeline } from '../../../core/session/timeline.ts';
import { ClosedRegion } from './closed.tsx';
import { blockRows, LABEL_W, type View } from './layout.ts';
import { badRuns } from './loud.ts';
import { FindingDots, Ticks, type Closed } from './marks.tsx';
import { LaneSegments } from './segments.tsx';

export function SessionBlock({ tl, top, x, v, plotW, anchor, shift, findings, selected, closed, hatch }: {
  tl: SessionTimeline; top: number; x: (t: number) => number; v: View; plotW: number;
  /** While a drag pans: the view the marks are placed in (then only moved by `shift` px). */
  anchor: View | null; shift: number; findings: Finding[];
  selected: number | null; closed: Closed | null; hatch: string;
}) {
  const rows = blockRows(top);
  const { laneY, eventsY, findingsY, fullTop, fullBottom } = rows;
  const right = LABEL_W + plotW;
  const runs = useMemo(() => badRuns(tl.marks), [tl]);
  // Marks, finding dots and loud replies: placed in the anchor's coordinates while a drag pans (a
  // plot width on either side drawn too, clipped), and then only moved; else in the view's own.
  const at = anchor ?? v;
  const wide = anchor !== null;
  const ticks = useMemo(
    () => <Ticks tl={tl} runs={runs} v={at} wide={wide} plotW={plotW} closed={closed} eventsY={eventsY} fullTop={fullTop} fullBottom={fullBottom} />,
    [tl, runs, at.from, at.to, wide, plotW, closed?.exchange, closed?.time, top],
  );
  const dots = useMemo(() => <FindingDots findings={findings} v={at} wide={wide} plotW={plotW} y={findingsY + 5} />, [findings, at.from, at.to, wide, plotW, top]);
  const moved = (el: VNode) => (wide ? <g transform={`translate(${shift} 0)`}>{el}</g> : el);
  const lane = (list: SessionTimeline['playback'], i: number, named: boolean) => (
    <LaneSegments list={list} y={laneY(i)} x={x} v={v} right={right} start={tl.start} named={named} />
  );
  return (
    <g data-sid={tl.sid}>
      {lane(tl.playback, 0, false)}
      {lane(tl.ads, 1, true)}
      {lane(tl.chapters, 2, true)}
      {lane(tl.states, 3, false)}
      {closed && closed.time <= v.to && <ClosedRegion closed={closed} x={x} right={right} rows={rows} start={tl.start} hatch={hatch} />}
      {moved(ticks)}
      {selected !== null && tl.marks.filter((m) => m.exchange === selected).map((m) => (
        <line key="sel" class="mark selected" x1={x(m.time)} x2={x(m.time)} y1={laneY(0)} y2={findingsY + 10} pointer-events="none" />
      ))}
      {moved(dots)}
    </g>
  );
}
