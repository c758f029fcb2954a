/**
 * The selected sessions drawn to scale: playback, ads, chapters and player states as lanes, a tick
 * for every event (pings lighter), every finding at its moment in its severity's colour, and the
 * navigations within the sessions' span. Wheel zooms around the pointer, drag (or Shift+wheel)
 * pans, hover says what a mark or bar is, click selects its request (a bar: the request that
 * opened it), revealing it in the list when a filter hid it. Dense stretches are drawn one mark
 * per pixel column.
 *
 * Replies that lose data (4xx, 5xx, no reply) are loud: a full-height red marker with its status
 * as a badge, a band for a run of them. From a session's close (sessionEnd, idle timeout) on, the
 * lanes are hatched and labelled "closed", so events sent after it stand out. The zoom controls sit
 * in their own strip above the plot, and everything drawn to scale is clipped to the plot area, so
 * nothing paints over the label column when zoomed or panned. Each session carries its colour chip.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding } from '../../../core/findings/finding.ts';
import type { SessionReport } from '../../../core/session/session-report.ts';
import type { SessionTimeline } from '../../../core/session/timeline.ts';
import { clip, clockTime, durationText } from '../../format.ts';
import { sessionColours } from '../../session-colour.ts';
import { usePanelState, useStore } from '../../store/use-store.ts';
import { Axis } from './axis.tsx';
import { rangeText } from './axis-ticks.ts';
import { SessionBlock } from './block.tsx';
import { exchangeOf, hitAt, hitText } from './hit.ts';
import { SessionLabels } from './labels.tsx';
import { AXIS_H, BLOCK_H, blockTop, LABEL_W, RIGHT_MARGIN, type View } from './layout.ts';
import { Legend, legendKeys } from './legend.tsx';
import { selectFromTimeline } from './reveal.ts';
import { useWidth } from './use-width.ts';

export function Timeline() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  // The selected sessions; with none selected, the selected request's session (a click on another
  // session's 410 brings it into view), else the newest (store/selection.ts).
  const sids = store.shownSessions();
  const timelines = useMemo(
    () => sids.map((sid) => store.timeline(sid)).filter((t): t is SessionTimeline => t !== null),
    [store, analysis, sids.join(',')],
  );
  const findingsBySid = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of analysis.findings) if (f.sid && f.time !== null) (m.get(f.sid) ?? m.set(f.sid, []).get(f.sid))?.push(f);
    for (const list of m.values()) list.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
    return m;
  }, [analysis]);
  const colours = useMemo(() => sessionColours(analysis.sessions), [analysis]);
  // Only the page loads during the shown sessions, not every navigation of the capture.
  const navigations = useMemo(() => store.navigationsFor(sids), [state.navigations, analysis, sids.join(','), store]);
  const domain = useMemo(() => {
    if (!timelines.length) return { from: 0, to: 1 };
    const from = Math.min(...timelines.map((t) => t.start));
    const to = Math.max(...timelines.map((t) => t.end));
    const pad = Math.max((to - from) * 0.02, 500);
    return { from: from - pad, to: to + pad };
  }, [timelines]);
  const [view, setView] = useState<View | null>(null);
  const v = view ?? domain;
  useEffect(() => setView(null), [sids.join(',')]);

  const box = useRef<HTMLDivElement>(null);
  const plotRef = useRef<SVGSVGElement>(null);
  const ids = useId();
  const clipId = `tl-clip-${ids}`;
  const hatchId = `tl-hatch-${ids}`;
  const width = useWidth(box);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const drag = useRef<{ x: number; view: View } | null>(null);
  // While a drag pans, the marks keep the coordinates of one view (the anchor) and only their group
  // moves: one transform per frame instead of re-placing every mark (the pan's frames were mostly
  // Preact's diff and setAttribute on each tick). Re-anchored after a plot width of travel.
  const [anchor, setAnchor] = useState<View | null>(null);
  const sessionOf = (sid: string) => analysis.sessions.find((s) => s.sid === sid);
  const anyClosed = timelines.some((tl) => sessionOf(tl.sid)?.closedBy);
  const legend = useMemo(
    () => legendKeys(timelines, timelines.flatMap((tl) => findingsBySid.get(tl.sid) ?? []), navigations.length, anyClosed ? `url(#${hatchId})` : null),
    [timelines, findingsBySid, navigations.length, anyClosed, hatchId],
  );

  const plotW = width - LABEL_W - RIGHT_MARGIN;
  const x = (t: number) => LABEL_W + ((t - v.from) / (v.to - v.from)) * plotW;
  const timeAt = (px: number) => v.from + ((px - LABEL_W) / plotW) * (v.to - v.from);
  const zoom = (factor: number, around: number) => {
    const span = Math.max(200, Math.min((v.to - v.from) * factor, (domain.to - domain.from) * 4));
    const ratio = (around - v.from) / (v.to - v.from);
    setView({ from: around - span * ratio, to: around + span * (1 - ratio) });
  };
  const pan = (ms: number) => setView({ from: v.from + ms, to: v.to + ms });
  const span = v.to - v.from;
  const pinned = anchor && Math.abs(anchor.to - anchor.from - span) <= span * 1e-9 ? anchor : null;
  const shiftOf = (a: View, view: View) => ((a.from - view.from) / (view.to - view.from)) * plotW;
  const endDrag = () => {
    drag.current = null;
    setAnchor(null);
  };

  if (!timelines.length) return <div class="timeline" ref={box} />;
  const height = timelines.length * BLOCK_H + AXIS_H;
  const start = timelines[0]?.start ?? v.from;

  /** The pointer's position in the plot's coordinates (the drawing's, not the toolbar's). */
  const local = (e: MouseEvent) => {
    const rect = (plotRef.current ?? (e.currentTarget as Element)).getBoundingClientRect();
    return { px: e.clientX - rect.left, py: e.clientY - rect.top };
  };
  const inToolbar = (e: Event) => !!(e.target as Element | null)?.closest?.('.tl-toolbar, .tl-legend');

  const zoomed = view !== null;
  return (
    <div class="timeline" ref={box} data-testid="timeline"
      onWheel={(e) => {
        e.preventDefault();
        if (e.shiftKey) pan(((e.deltaY || e.deltaX) / plotW) * (v.to - v.from));
        else zoom(e.deltaY > 0 ? 1.25 : 0.8, timeAt(local(e).px));
      }}
      onMouseDown={(e) => { if (!inToolbar(e)) drag.current = { x: e.clientX, view: v }; }}
      onMouseUp={endDrag}
      onMouseLeave={() => { endDrag(); setTip(null); }}
      onMouseMove={(e) => {
        if (drag.current && Math.abs(e.clientX - drag.current.x) > 3) {
          const dt = ((drag.current.x - e.clientX) / plotW) * (drag.current.view.to - drag.current.view.from);
          const next = { from: drag.current.view.from + dt, to: drag.current.view.to + dt };
          setView(next);
          if (!pinned || Math.abs(shiftOf(pinned, next)) > plotW) setAnchor(next);
          return;
        }
        if (inToolbar(e)) return setTip(null);
        const { px, py } = local(e);
        const hit = hitAt(px, py, timelines, v, plotW);
        if (!hit) return setTip(null);
        setTip({ x: Math.max(0, Math.min(px + 12, width - 300)), y: py + 12, text: hitText(hit, findingsBySid.get(hit.tl.sid) ?? []) });
      }}
      onClick={(e) => {
        if (inToolbar(e)) return;
        if (drag.current && Math.abs(e.clientX - drag.current.x) > 3) return;
        // A finding's dot, a loud reply or a bar knows its request; elsewhere the pointer's place decides.
        const own = (e.target as Element | null)?.closest?.('[data-exchange]');
        if (own && plotRef.current?.contains(own)) {
          const index = own.getAttribute('data-exchange');
          if (index !== null && index !== '') return selectFromTimeline(store, Number(index));
        }
        const { px, py } = local(e);
        const hit = hitAt(px, py, timelines, v, plotW);
        if (hit) selectFromTimeline(store, exchangeOf(hit));
      }}>
      <div class="tl-toolbar" data-testid="timeline-toolbar">
        <span class="tl-range" data-testid="timeline-range">
          {zoomed ? rangeText(v, start) : 'whole session'}
        </span>
        <span class="tl-hint">wheel: zoom · drag: pan</span>
        <div class="controls" data-testid="timeline-controls">
          <button type="button" title="Zoom in" onClick={() => zoom(0.5, (v.from + v.to) / 2)}>+</button>
          <button type="button" title="Zoom out" onClick={() => zoom(2, (v.from + v.to) / 2)}>−</button>
          <button type="button" title="Fit the whole session" onClick={() => setView(null)} data-testid="timeline-fit">Fit</button>
        </div>
      </div>
      <div class="tl-canvas">
        <svg ref={plotRef} width={width} height={height} role="img" aria-label="Session timeline">
          <defs>
            <clipPath id={clipId} data-testid="timeline-clip">
              <rect x={LABEL_W} y={0} width={plotW} height={height} />
            </clipPath>
            <pattern id={hatchId} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
              <line class="tl-hatch" x1={0} y1={0} x2={0} y2={6} />
            </pattern>
          </defs>
          {/* Everything drawn to scale: clipped to the plot, right of the label column. */}
          <g class="tl-plot" clip-path={`url(#${clipId})`} data-testid="timeline-plot">
            <Axis v={v} height={height} start={start} plotW={plotW} />
            {navigations.map((n) => n.time >= v.from && n.time <= v.to && (
              <line key={`nav${n.time}`} class="navline" x1={x(n.time)} x2={x(n.time)} y1={14} y2={height}><title>{`navigation to ${n.url}`}</title></line>
            ))}
            {timelines.map((tl, i) => (
              <SessionBlock key={tl.sid} tl={tl} top={blockTop(i)} x={x} v={v} plotW={plotW} anchor={pinned} shift={pinned ? shiftOf(pinned, v) : 0}
                findings={findingsBySid.get(tl.sid) ?? []} selected={state.selectedExchange}
                closed={sessionOf(tl.sid)?.closedBy ?? null} hatch={`url(#${hatchId})`} />
            ))}
          </g>
          {/* The label column, never covered: drawn after (on top of) the plot, outside its clip. */}
          <g class="tl-labels" data-testid="timeline-labels">
            {timelines.map((tl, i) => (
              <SessionLabels key={tl.sid} sid={tl.sid} top={blockTop(i)} title={titleOf(sessionOf(tl.sid), tl)} tip={tipOf(sessionOf(tl.sid), tl)} colour={colours.get(tl.sid)} />
            ))}
          </g>
        </svg>
        {tip && <div class="tooltip" style={{ left: `${tip.x}px`, top: `${tip.y}px` }} data-testid="timeline-tooltip">{tip.text}</div>}
      </div>
      <Legend keys={legend} />
    </div>
  );
}

function titleOf(s: SessionReport | undefined, tl: SessionTimeline): string {
  return `${clip(s?.media.name ?? s?.media.id ?? 'session', 80)} · ${tl.sid.slice(0, 8)}… · ${durationText(tl.end - tl.start)}`;
}

/** The session's identity on hover: content, start, player, the whole sid. */
function tipOf(s: SessionReport | undefined, tl: SessionTimeline): string {
  const content = clip(s?.media.name ?? s?.media.id ?? 'session (content not named)', 120);
  return `${content}\nstarted ${clockTime(tl.start)}${s?.media.playerName ? ` · player ${clip(s.media.playerName, 60)}` : ''}\nsid ${tl.sid}`;
}
