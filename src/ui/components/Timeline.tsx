/**
 * The selected sessions drawn to scale: playback, ads, chapters and player states as lanes, a tick
 * for every event (pings lighter), every finding at its moment in its severity's colour, and
 * navigations. Wheel zooms around the pointer, drag (or Shift+wheel) pans, hover says what a mark
 * is, click selects its request. Dense stretches are drawn one mark per pixel column.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding, Severity } from '../../core/findings/finding.ts';
import { SEVERITY_RANK, type Mark, type Segment, type SessionTimeline } from '../../core/session/timeline.ts';
import { clip, durationText, playheadText, relativeTime } from '../format.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { effectiveSelectionOf } from '../store/selection.ts';

const LABEL_W = 70;
const LANE_H = 12;
const LANES = ['playback', 'ads', 'chapters', 'states'] as const;
const BLOCK_H = 16 + LANES.length * (LANE_H + 3) + 18 + 14;

interface View {
  from: number;
  to: number;
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

  const plotW = width - LABEL_W - 8;
  const x = (t: number) => LABEL_W + ((t - v.from) / (v.to - v.from)) * plotW;
  const timeAt = (px: number) => v.from + ((px - LABEL_W) / plotW) * (v.to - v.from);
  const zoom = (factor: number, around: number) => {
    const span = Math.max(200, Math.min((v.to - v.from) * factor, (domain.to - domain.from) * 4));
    const ratio = (around - v.from) / (v.to - v.from);
    setView({ from: around - span * ratio, to: around + span * (1 - ratio) });
  };
  const pan = (ms: number) => setView({ from: v.from + ms, to: v.to + ms });

  if (!timelines.length) return <div class="timeline" ref={box} />;
  const height = timelines.length * BLOCK_H + 16;
  const selectedIndex = state.selectedExchange;

  const nearest = (px: number, py: number): { mark: Mark; tl: SessionTimeline } | null => {
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

  return (
    <div class="timeline" ref={box} data-testid="timeline"
      onWheel={(e) => {
        e.preventDefault();
        const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
        if (e.shiftKey) pan(((e.deltaY || e.deltaX) / plotW) * (v.to - v.from));
        else zoom(e.deltaY > 0 ? 1.25 : 0.8, timeAt(e.clientX - rect.left));
      }}
      onMouseDown={(e) => { drag.current = { x: e.clientX, view: v }; }}
      onMouseUp={() => { drag.current = null; }}
      onMouseLeave={() => { drag.current = null; setTip(null); }}
      onMouseMove={(e) => {
        const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
        const px = e.clientX - rect.left;
        const py = e.clientY - rect.top;
        if (drag.current && Math.abs(e.clientX - drag.current.x) > 3) {
          const dt = ((drag.current.x - e.clientX) / plotW) * (drag.current.view.to - drag.current.view.from);
          setView({ from: drag.current.view.from + dt, to: drag.current.view.to + dt });
          return;
        }
        const hit = nearest(px, py);
        if (!hit) return setTip(null);
        const fs = (findingsBySid.get(hit.tl.sid) ?? []).filter((f) => f.exchange === hit.mark.exchange);
        setTip({
          x: Math.min(px + 12, width - 300), y: py + 12,
          text: `#${hit.mark.exchange} ${clip(hit.mark.eventType || '(no event type)', 80)} · ${relativeTime(hit.mark.time, hit.tl.start)} · playhead ${playheadText(hit.mark.playhead)} · status ${hit.mark.status || 'no reply'}${fs.map((f) => `\n${f.severity} ${f.code}`).join('')}`,
        });
      }}
      onClick={(e) => {
        if (drag.current && Math.abs(e.clientX - drag.current.x) > 3) return;
        // A finding's dot knows its request; an event tick is found by time.
        const own = (e.target as Element).getAttribute?.('data-exchange');
        if (own !== null && own !== undefined && own !== '') return store.select(Number(own));
        const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
        const hit = nearest(e.clientX - rect.left, e.clientY - rect.top);
        if (hit) store.select(hit.mark.exchange);
      }}>
      <div class="controls">
        <button type="button" title="Zoom in" onClick={() => zoom(0.5, (v.from + v.to) / 2)}>+</button>
        <button type="button" title="Zoom out" onClick={() => zoom(2, (v.from + v.to) / 2)}>−</button>
        <button type="button" title="Fit the whole session" onClick={() => setView(null)} data-testid="timeline-fit">Fit</button>
      </div>
      <svg width={width} height={height} role="img" aria-label="Session timeline">
        <Axis v={v} x={x} height={height} start={timelines[0]?.start ?? v.from} />
        {state.navigations.map((n) => n.time >= v.from && n.time <= v.to && (
          <line key={`nav${n.time}`} class="navline" x1={x(n.time)} x2={x(n.time)} y1={14} y2={height}><title>{`navigation to ${n.url}`}</title></line>
        ))}
        {timelines.map((tl, i) => (
          <SessionBlock key={tl.sid} tl={tl} top={16 + i * BLOCK_H} x={x} v={v} plotW={plotW}
            findings={findingsBySid.get(tl.sid) ?? []} selected={selectedIndex}
            title={titleOf(analysis.sessions.find((s) => s.sid === tl.sid), tl)} />
        ))}
      </svg>
      {tip && <div class="tooltip" style={{ left: `${tip.x}px`, top: `${tip.y}px` }} data-testid="timeline-tooltip">{tip.text}</div>}
    </div>
  );
}

function titleOf(s: { media: { id: string | null; name: string | null } } | undefined, tl: SessionTimeline): string {
  return `${clip(s?.media.name ?? s?.media.id ?? 'session', 80)} · ${tl.sid.slice(0, 8)}… · ${durationText(tl.end - tl.start)}`;
}

function Axis({ v, x, height, start }: { v: View; x: (t: number) => number; height: number; start: number }) {
  const span = v.to - v.from;
  const steps = [100, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000, 7200000];
  const step = steps.find((s) => span / s <= 10) ?? 14400000;
  const ticks: number[] = [];
  for (let t = Math.ceil((v.from - start) / step) * step + start; t <= v.to; t += step) ticks.push(t);
  return (
    <g>
      {ticks.map((t, i) => (
        <g key={i}>
          <line class="gridline" x1={x(t)} x2={x(t)} y1={12} y2={height} />
          <text class="axis" x={x(t) + 2} y={10}>{relativeTime(t, start).replace(' s', 's')}</text>
        </g>
      ))}
    </g>
  );
}

function SessionBlock({ tl, top, x, v, plotW, findings, selected, title }: {
  tl: SessionTimeline; top: number; x: (t: number) => number; v: View; plotW: number; findings: Finding[]; selected: number | null; title: string;
}) {
  const laneY = (i: number) => top + 14 + i * (LANE_H + 3);
  const eventsY = laneY(LANES.length);
  const findingsY = eventsY + 18;
  const segs = (list: Segment[], i: number) => list.filter((s) => s.end >= v.from && s.start <= v.to).map((s) => (
    <rect key={`${s.start}-${s.kind}`} class={`seg-${s.kind}`} x={Math.max(x(s.start), 0)} y={laneY(i)}
      width={Math.max(1, x(s.end) - Math.max(x(s.start), 0))} height={LANE_H} data-kind={s.kind}>
      <title>{`${clip(s.label)} · ${relativeTime(s.start, tl.start)} → ${relativeTime(s.end, tl.start)} (${durationText(s.end - s.start)})`}</title>
    </rect>
  ));
  const markCols = bucket(tl.marks, v, x, plotW, (m) => ({ ping: m.eventType === 'ping', bad: m.status === 0 || m.status >= 400 }));
  const findingCols = bucketFindings(findings, v, x);
  return (
    <g data-sid={tl.sid}>
      <text class="lane-label" x={4} y={top + 9} style={{ fontWeight: 600 }}>{title}</text>
      {LANES.map((name, i) => <text key={name} class="lane-label" x={4} y={laneY(i) + 10}>{name}</text>)}
      {segs(tl.playback, 0)}
      {segs(tl.ads, 1)}
      {segs(tl.chapters, 2)}
      {segs(tl.states, 3)}
      <text class="lane-label" x={4} y={eventsY + 11}>events</text>
      {/* Keyed by position, not by pixel: while panning, elements are updated, not re-created. */}
      {markCols.map((c, i) => (
        <line key={i} class={`mark${c.ping ? ' ping' : ''}`} x1={c.px} x2={c.px} y1={eventsY + (c.ping ? 6 : 0)} y2={eventsY + 14} data-exchange={c.exchange} />
      ))}
      {markCols.filter((c) => c.bad).map((c, i) => (
        <path key={i} class="fmark error" d={`M${c.px} ${eventsY - 1} l4 4 l-4 4 l-4 -4 z`} data-status="bad" />
      ))}
      {selected !== null && tl.marks.filter((m) => m.exchange === selected).map((m) => (
        <line key="sel" class="mark selected" x1={x(m.time)} x2={x(m.time)} y1={laneY(0)} y2={findingsY + 10} />
      ))}
      <text class="lane-label" x={4} y={findingsY + 9}>findings</text>
      {findingCols.map((c, i) => (
        <circle key={i} class={`fmark ${c.severity}`} cx={c.px} cy={findingsY + 5} r={c.severity === 'info' ? 3 : 4.5} data-code={c.codes.join(' ')} data-exchange={c.exchange}>
          <title>{c.codes.join(', ')}</title>
        </circle>
      ))}
    </g>
  );
}

/** One mark per pixel column in view: a 100 000-event session draws at most the plot's width. */
function bucket(marks: readonly Mark[], v: View, x: (t: number) => number, plotW: number, kind: (m: Mark) => { ping: boolean; bad: boolean }) {
  const cols = new Map<number, { px: number; ping: boolean; bad: boolean; exchange: number }>();
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
