/**
 * The selected sessions drawn to scale: playback, ads, chapters and player states as lanes, a tick
 * for every event (pings lighter), every finding at its moment in its severity's colour, and
 * navigations. Wheel zooms around the pointer, drag (or Shift+wheel) pans, hover says what a mark
 * is, click selects its request. Dense stretches are drawn one mark per pixel column.
 *
 * Replies that lose data (4xx, 5xx, no reply) are loud: a full-height red marker with its status
 * as a badge, a band for a run of them. From a session's close (sessionEnd, idle timeout) on, the
 * lanes are hatched and labelled "closed", so events sent after it stand out. The zoom controls sit
 * in their own strip above the plot, and everything drawn to scale is clipped to the plot area, so
 * nothing paints over the label column when zoomed or panned.
 */
import type { VNode } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding, Severity } from '../../core/findings/finding.ts';
import { SEVERITY_RANK, type Mark, type Segment, type SessionTimeline } from '../../core/session/timeline.ts';
import { clip, durationText, playheadText, relativeTime } from '../format.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { effectiveSelectionOf } from '../store/selection.ts';

const LABEL_W = 70;
const RIGHT_MARGIN = 8;
const LANE_H = 12;
const LANES = ['playback', 'ads', 'chapters', 'states'] as const;
const BLOCK_H = 16 + LANES.length * (LANE_H + 3) + 18 + 14;
/** Width of a character of the 10 px axis and badge text, a little generous. */
const CHAR_W = 6;

interface View {
  from: number;
  to: number;
}

/** How and when a session was closed (SessionReport.closedBy). */
interface Closed {
  reason: string;
  exchange: number;
  time: number;
}

/** A reply that lost its event: no reply, or an error status. */
function losesData(status: number): boolean {
  return status === 0 || status >= 400;
}

export function Timeline() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  const sids = effectiveSelectionOf(state.selectedSessions, analysis.sessions);
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
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const win = el.ownerDocument.defaultView;
    const Observer = win?.ResizeObserver;
    if (!Observer) return;
    const ro = new Observer(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(200, el.clientWidth));
    return () => ro.disconnect();
  }, []);
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null);
  const drag = useRef<{ x: number; view: View } | null>(null);
  // While a drag pans, the marks keep the coordinates of one view (the anchor) and only their group
  // moves: one transform per frame instead of re-placing every mark (the pan's frames were mostly
  // Preact's diff and setAttribute on each tick). Re-anchored after a plot width of travel.
  const [anchor, setAnchor] = useState<View | null>(null);

  const plotW = width - LABEL_W - RIGHT_MARGIN;
  const plotRight = LABEL_W + plotW;
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
  const height = timelines.length * BLOCK_H + 16;
  const selectedIndex = state.selectedExchange;
  const start = timelines[0]?.start ?? v.from;
  const sessionOf = (sid: string) => analysis.sessions.find((s) => s.sid === sid);

  /** The pointer's position in the plot's coordinates (the drawing's, not the toolbar's). */
  const local = (e: MouseEvent) => {
    const rect = (plotRef.current ?? (e.currentTarget as Element)).getBoundingClientRect();
    return { px: e.clientX - rect.left, py: e.clientY - rect.top };
  };
  const inToolbar = (e: Event) => !!(e.target as Element | null)?.closest?.('.tl-toolbar');

  const nearest = (px: number, py: number): { mark: Mark; tl: SessionTimeline } | null => {
    // Marks out of the plot area are clipped away: nothing to hit there.
    if (px < LABEL_W - 2 || px > plotRight + 2) return null;
    const block = Math.floor((py - 16) / BLOCK_H);
    const tl = timelines[block];
    if (!tl) return null;
    const t = timeAt(px);
    const i = lowerBound(tl.marks, t);
    let best: Mark | null = null;
    for (const m of [tl.marks[i - 1], tl.marks[i]]) if (m && (!best || Math.abs(m.time - t) < Math.abs(best.time - t))) best = m;
    if (!best || Math.abs(x(best.time) - px) > 5) return null;
    return { mark: best, tl };
  };

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
        const hit = nearest(px, py);
        if (!hit) return setTip(null);
        const fs = (findingsBySid.get(hit.tl.sid) ?? []).filter((f) => f.exchange === hit.mark.exchange);
        setTip({
          x: Math.max(0, Math.min(px + 12, width - 300)), y: py + 12,
          text: `#${hit.mark.exchange} ${clip(hit.mark.eventType || '(no event type)', 80)} · ${relativeTime(hit.mark.time, hit.tl.start)} · playhead ${playheadText(hit.mark.playhead)} · status ${hit.mark.status || 'no reply'}${fs.map((f) => `\n${f.severity} ${f.code}`).join('')}`,
        });
      }}
      onClick={(e) => {
        if (inToolbar(e)) return;
        if (drag.current && Math.abs(e.clientX - drag.current.x) > 3) return;
        // A finding's dot or a loud reply knows its request; an event tick is found by time.
        const own = (e.target as Element | null)?.closest?.('[data-exchange]');
        if (own && plotRef.current?.contains(own)) {
          const index = own.getAttribute('data-exchange');
          if (index !== null && index !== '') return store.select(Number(index));
        }
        const { px, py } = local(e);
        const hit = nearest(px, py);
        if (hit) store.select(hit.mark.exchange);
      }}>
      <div class="tl-toolbar" data-testid="timeline-toolbar">
        <span class="tl-range" data-testid="timeline-range">
          {zoomed ? `${relativeTime(Math.max(v.from, start), start)} → ${relativeTime(v.to, start)}` : 'whole session'}
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
            <Axis v={v} x={x} height={height} start={start} plotW={plotW} />
            {state.navigations.map((n) => n.time >= v.from && n.time <= v.to && (
              <line key={`nav${n.time}`} class="navline" x1={x(n.time)} x2={x(n.time)} y1={14} y2={height}><title>{`navigation to ${n.url}`}</title></line>
            ))}
            {timelines.map((tl, i) => (
              <SessionBlock key={tl.sid} tl={tl} top={16 + i * BLOCK_H} x={x} v={v} plotW={plotW} anchor={pinned} shift={pinned ? shiftOf(pinned, v) : 0}
                findings={findingsBySid.get(tl.sid) ?? []} selected={selectedIndex}
                closed={sessionOf(tl.sid)?.closedBy ?? null} hatch={`url(#${hatchId})`} />
            ))}
          </g>
          {/* The label column, never covered: drawn after (on top of) the plot, outside its clip. */}
          <g class="tl-labels" data-testid="timeline-labels">
            {timelines.map((tl, i) => (
              <SessionLabels key={tl.sid} top={16 + i * BLOCK_H} title={titleOf(sessionOf(tl.sid), tl)} />
            ))}
          </g>
        </svg>
        {tip && <div class="tooltip" style={{ left: `${tip.x}px`, top: `${tip.y}px` }} data-testid="timeline-tooltip">{tip.text}</div>}
      </div>
    </div>
  );
}

function titleOf(s: { media: { id: string | null; name: string | null } } | undefined, tl: SessionTimeline): string {
  return `${clip(s?.media.name ?? s?.media.id ?? 'session', 80)} · ${tl.sid.slice(0, 8)}… · ${durationText(tl.end - tl.start)}`;
}

function Axis({ v, x, height, start, plotW }: { v: View; x: (t: number) => number; height: number; start: number; plotW: number }) {
  const span = v.to - v.from;
  const steps = [100, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000, 7200000];
  // At most 10 labels, and no more than their width allows.
  const most = Math.max(2, Math.min(10, Math.floor(plotW / 70)));
  const step = steps.find((s) => span / s <= most) ?? 14400000;
  const ticks: number[] = [];
  for (let t = Math.ceil((v.from - start) / step) * step + start; t <= v.to; t += step) ticks.push(t);
  const right = LABEL_W + plotW;
  return (
    <g>
      {ticks.map((t, i) => {
        const label = relativeTime(t, start).replace(' s', 's');
        // A label that would run past the plot's right edge ends at its gridline instead.
        const end = x(t) + 2 + label.length * CHAR_W > right;
        return (
          <g key={i}>
            <line class="gridline" x1={x(t)} x2={x(t)} y1={12} y2={height} />
            <text class="axis" x={x(t)} dx={end ? -2 : 2} y={10} text-anchor={end ? 'end' : 'start'}>{label}</text>
          </g>
        );
      })}
    </g>
  );
}

function SessionLabels({ top, title }: { top: number; title: string }) {
  const laneY = (i: number) => top + 14 + i * (LANE_H + 3);
  const eventsY = laneY(LANES.length);
  return (
    <g>
      <text class="lane-label tl-session-title" x={4} y={top + 9} style={{ fontWeight: 600 }}>{title}</text>
      {LANES.map((name, i) => <text key={name} class="lane-label" x={4} y={laneY(i) + 10}>{name}</text>)}
      <text class="lane-label" x={4} y={eventsY + 11}>events</text>
      <text class="lane-label" x={4} y={eventsY + 18 + 9}>findings</text>
    </g>
  );
}

function SessionBlock({ tl, top, x, v, plotW, anchor, shift, findings, selected, closed, hatch }: {
  tl: SessionTimeline; top: number; x: (t: number) => number; v: View; plotW: number; anchor: View | null; shift: number; findings: Finding[];
  selected: number | null; closed: Closed | null; hatch: string;
}) {
  const laneY = (i: number) => top + 14 + i * (LANE_H + 3);
  const eventsY = laneY(LANES.length);
  const findingsY = eventsY + 18;
  const right = LABEL_W + plotW;
  // Zoomed in, a segment can be millions of px long: draw only the part in view (the clip does the rest).
  const segs = (list: Segment[], i: number) => list.filter((s) => s.end >= v.from && s.start <= v.to).map((s) => {
    const a = Math.max(x(s.start), LABEL_W - 2);
    const b = Math.min(x(s.end), right + 2);
    return (
      <rect key={`${s.start}-${s.kind}`} class={`seg-${s.kind}`} x={a} y={laneY(i)} width={Math.max(1, b - a)} height={LANE_H} data-kind={s.kind}>
        <title>{`${clip(s.label)} · ${relativeTime(s.start, tl.start)} → ${relativeTime(s.end, tl.start)} (${durationText(s.end - s.start)})`}</title>
      </rect>
    );
  });
  const fullTop = laneY(0) - 1;
  const fullBottom = findingsY + 10;
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
  return (
    <g data-sid={tl.sid}>
      {segs(tl.playback, 0)}
      {segs(tl.ads, 1)}
      {segs(tl.chapters, 2)}
      {segs(tl.states, 3)}
      {closed && closed.time <= v.to && (() => {
        const cx = x(closed.time);
        const from = Math.max(cx, LABEL_W - 2);
        const label = `closed · ${closedText(closed.reason)}`;
        const what = `Session closed by ${closedText(closed.reason)} (request #${closed.exchange}) at ${relativeTime(closed.time, tl.start)}: the back end drops what is sent after it`;
        return (
          <g class="tl-closed" data-testid="closed-region" data-reason={closed.reason} data-exchange={closed.exchange}>
            <rect class="tl-closed-bg" x={from} y={fullTop} width={Math.max(1, right + 2 - from)} height={fullBottom - fullTop} pointer-events="none" />
            <rect class="tl-closed-hatch" x={from} y={fullTop} width={Math.max(1, right + 2 - from)} height={fullBottom - fullTop} fill={hatch} pointer-events="none" />
            <line class="tl-closed-edge" x1={cx} x2={cx} y1={fullTop} y2={fullBottom}><title>{what}</title></line>
            {/* Right of the edge when there is room; else left of it, pointing at the closed part. */}
            {from + 4 + label.length * CHAR_W <= right ? (
              <text class="tl-closed-label" x={from + 4} y={laneY(0) + 10}>{label}<title>{what}</title></text>
            ) : (
              <text class="tl-closed-label" x={cx - 4} y={laneY(0) + 10} text-anchor="end">{`${closedText(closed.reason)} → closed`}<title>{what}</title></text>
            )}
          </g>
        );
      })()}
      {moved(ticks)}
      {selected !== null && tl.marks.filter((m) => m.exchange === selected).map((m) => (
        <line key="sel" class="mark selected" x1={x(m.time)} x2={x(m.time)} y1={laneY(0)} y2={findingsY + 10} />
      ))}
      {moved(dots)}
    </g>
  );
}

/** The plot's x of a time in view `v`, and what to draw: `v`, or a plot width more on either side when `wide`. */
function scale(v: View, wide: boolean, plotW: number): { x: (t: number) => number; range: View } {
  const span = v.to - v.from;
  return { x: (t) => LABEL_W + ((t - v.from) / span) * plotW, range: wide ? { from: v.from - span, to: v.to + span } : v };
}

/** A session's event ticks, error marks and loud replies in view `v`. */
function Ticks({ tl, runs, v, wide, plotW, closed, eventsY, fullTop, fullBottom }: {
  tl: SessionTimeline; runs: BadRun[]; v: View; wide: boolean; plotW: number; closed: Closed | null; eventsY: number; fullTop: number; fullBottom: number;
}) {
  const { x, range } = scale(v, wide, plotW);
  const isAfterEnd = (m: Mark) => closed !== null && m.exchange !== closed.exchange && m.time >= closed.time;
  const markCols = bucket(tl.marks, range, x, wide ? 3 * plotW : plotW, (m) => ({ ping: m.eventType === 'ping', bad: losesData(m.status), late: isAfterEnd(m) }));
  const loud = loudMarks(runs, range, x);
  return (
    <>
      {/* Keyed by position, not by pixel: while zooming, elements are updated, not re-created. */}
      {markCols.map((c, i) => (
        <line key={i} class={`mark${c.ping ? ' ping' : ''}${c.late ? ' after-end' : ''}`} x1={c.px} x2={c.px} y1={eventsY + (c.ping ? 6 : 0)} y2={eventsY + 14} data-exchange={c.exchange} />
      ))}
      {markCols.filter((c) => c.bad).map((c, i) => (
        <path key={i} class="fmark error" d={`M${c.px} ${eventsY - 1} l4 4 l-4 4 l-4 -4 z`} data-status="bad" />
      ))}
      {loud.map((l, i) => {
        const what = loudTitle(l, tl.start);
        return (
          <g key={i} class="loud-mark error" data-testid="loud-mark" data-status={l.statuses.join(' ')} data-first={l.first.exchange} data-last={l.last.exchange}>
            {l.x2 - l.x1 >= 2 && <rect class="loud-band" x={l.x1} y={fullTop} width={l.x2 - l.x1} height={fullBottom - fullTop}><title>{what}</title></rect>}
            <line class="loud-line" x1={l.x1} x2={l.x1} y1={fullTop} y2={fullBottom} data-exchange={l.first.exchange}><title>{what}</title></line>
            {l.x2 - l.x1 >= 2 && <line class="loud-line" x1={l.x2} x2={l.x2} y1={fullTop} y2={fullBottom} data-exchange={l.last.exchange}><title>{what}</title></line>}
            {l.badge && (
              <g class="loud-badge-group" data-exchange={l.first.exchange}>
                <rect class="loud-badge" x={l.x1 + 2} y={eventsY} width={l.label.length * CHAR_W + 8} height={13} data-exchange={l.first.exchange} />
                <text class="loud-label" x={l.x1 + 5} y={eventsY + 10} data-exchange={l.first.exchange}>{l.label}</text>
                <title>{what}</title>
              </g>
            )}
          </g>
        );
      })}
    </>
  );
}

/** A session's findings in view `v`, one dot per 3 px, errors on top. */
function FindingDots({ findings, v, wide, plotW, y }: { findings: Finding[]; v: View; wide: boolean; plotW: number; y: number }) {
  const { x, range } = scale(v, wide, plotW);
  return (
    <>
      {bucketFindings(findings, range, x).map((c, i) => (
        <circle key={i} class={`fmark ${c.severity}`} cx={c.px} cy={y} r={c.severity === 'info' ? 3 : 4.5} data-code={c.codes.join(' ')} data-exchange={c.exchange}>
          <title>{c.codes.join(', ')}</title>
        </circle>
      ))}
    </>
  );
}

function closedText(reason: string): string {
  return reason === 'idle-timeout' ? 'idle timeout' : reason === 'stalled-playhead' ? 'stalled playhead' : reason;
}

const REASONS: Record<number, string> = {
  0: 'no reply (the call failed)', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
  410: 'Gone', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function statusText(status: number): string {
  if (status === 0) return REASONS[0] as string;
  return `HTTP ${status}${REASONS[status] ? ` ${REASONS[status]}` : ''}`;
}

/** Consecutive marks (in time order) answered with the same data-losing status. */
interface BadRun {
  status: number;
  first: Mark;
  last: Mark;
  count: number;
  eventTypes: string[];
}

function badRuns(marks: readonly Mark[]): BadRun[] {
  const out: BadRun[] = [];
  let open: BadRun | null = null;
  for (const m of marks) {
    if (!losesData(m.status)) {
      open = null;
      continue;
    }
    if (open && open.status === m.status) {
      open.last = m;
      open.count++;
      if (open.eventTypes.length < 4 && !open.eventTypes.includes(m.eventType)) open.eventTypes.push(m.eventType);
      continue;
    }
    open = { status: m.status, first: m, last: m, count: 1, eventTypes: [m.eventType] };
    out.push(open);
  }
  return out;
}

interface Loud {
  statuses: number[];
  first: Mark;
  last: Mark;
  count: number;
  eventTypes: string[];
  x1: number;
  x2: number;
  label: string;
  badge: boolean;
}

/** The runs in view, those sharing a pixel column merged; a badge wherever there is room for one. */
function loudMarks(runs: readonly BadRun[], v: View, x: (t: number) => number): Loud[] {
  const out: Loud[] = [];
  for (const r of runs) {
    if (r.last.time < v.from || r.first.time > v.to) continue;
    const x1 = Math.round(x(r.first.time));
    const x2 = Math.round(x(r.last.time));
    const prev = out[out.length - 1];
    if (prev && x1 - prev.x2 <= 1) {
      prev.x2 = Math.max(prev.x2, x2);
      prev.last = r.last;
      prev.count += r.count;
      if (!prev.statuses.includes(r.status)) prev.statuses.push(r.status);
      for (const t of r.eventTypes) if (prev.eventTypes.length < 4 && !prev.eventTypes.includes(t)) prev.eventTypes.push(t);
      continue;
    }
    out.push({ statuses: [r.status], first: r.first, last: r.last, count: r.count, eventTypes: [...r.eventTypes], x1, x2, label: '', badge: false });
  }
  let free = -Infinity;
  for (const l of out) {
    l.label = `${l.statuses.map((s) => (s === 0 ? 'failed' : String(s))).join('/')}${l.count > 1 ? ` ×${l.count}` : ''}`;
    l.badge = l.x1 + 2 >= free;
    if (l.badge) free = l.x1 + 2 + l.label.length * CHAR_W + 8 + 2;
  }
  return out;
}

function loudTitle(l: Loud, start: number): string {
  const status = l.statuses.map(statusText).join(', ');
  const types = l.eventTypes.map((t) => clip(t || '(no event type)', 40)).join(', ');
  if (l.count === 1) {
    return `${status} on ${types} · request #${l.first.exchange} · ${relativeTime(l.first.time, start)}: the event was lost (click to select the request)`;
  }
  return `${status} on ${l.count} calls (${types}${l.eventTypes.length >= 4 ? ', …' : ''}) · requests #${l.first.exchange} to #${l.last.exchange} · ${relativeTime(l.first.time, start)} → ${relativeTime(l.last.time, start)}: their events were lost (click to select the first)`;
}

/** One mark per pixel column in view: a 100 000-event session draws at most the plot's width. */
function bucket(marks: readonly Mark[], v: View, x: (t: number) => number, plotW: number, kind: (m: Mark) => { ping: boolean; bad: boolean; late: boolean }) {
  const cols = new Map<number, { px: number; ping: boolean; bad: boolean; late: boolean; exchange: number }>();
  for (let i = lowerBound(marks, v.from); i < marks.length; i++) {
    const m = marks[i] as Mark;
    if (m.time > v.to) break;
    const px = Math.round(x(m.time));
    const k = kind(m);
    const c = cols.get(px);
    if (!c) cols.set(px, { px, ...k, exchange: m.exchange });
    else {
      c.ping = c.ping && k.ping;
      c.bad = c.bad || k.bad;
      c.late = c.late || k.late;
    }
    if (cols.size > plotW + 2) break;
  }
  return [...cols.values()];
}

function bucketFindings(findings: readonly Finding[], v: View, x: (t: number) => number) {
  const cols = new Map<number, { px: number; severity: Severity; codes: string[]; exchange: number }>();
  for (const f of findings) {
    const t = f.time as number;
    if (t < v.from || t > v.to) continue;
    const px = Math.round(x(t) / 3) * 3;
    const c = cols.get(px);
    if (!c) cols.set(px, { px, severity: f.severity, codes: [f.code], exchange: f.exchange });
    else {
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[c.severity]) c.severity = f.severity;
      if (!c.codes.includes(f.code)) c.codes.push(f.code);
    }
  }
  // Errors drawn last, on top.
  return [...cols.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

function lowerBound(marks: readonly Mark[], t: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((marks[mid] as Mark).time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
