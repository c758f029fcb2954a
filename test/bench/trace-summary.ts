/**
 * A Chromium trace (devtools.timeline) summarised as the Performance panel's summary does: the
 * renderer main thread's self time by kind of work. Used by panel-trace.ts.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Trace event names (DevTools' timeline model) by the kind of work they are; the rest is "other". */
const KINDS: Record<string, string> = {
  FunctionCall: 'scripting', EvaluateScript: 'scripting', 'v8.compile': 'scripting', 'v8.compileModule': 'scripting',
  'v8.evaluateModule': 'scripting', 'v8.run': 'scripting', 'V8.Execute': 'scripting', TimerFire: 'scripting', EventDispatch: 'scripting',
  FireAnimationFrame: 'scripting', RunMicrotasks: 'scripting', FireIdleCallback: 'scripting', 'v8.callFunction': 'scripting',
  ResizeObserverController: 'scripting', XHRLoad: 'scripting', HitTest: 'scripting',
  MinorGC: 'gc', MajorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', 'V8.GCScavenger': 'gc', 'V8.GCFinalizeMC': 'gc', 'V8.GCIncrementalMarking': 'gc',
  'BlinkGC.AtomicPhase': 'gc', 'CppGC.AtomicMark': 'gc', 'CppGC.IncrementalMark': 'gc',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style',
  Layout: 'layout', 'LocalFrameView::layout': 'layout', IntersectionObserverController: 'layout',
  Paint: 'paint', PrePaint: 'paint', Layerize: 'paint', UpdateLayer: 'paint', UpdateLayerTree: 'paint', CompositeLayers: 'paint',
  Commit: 'paint', PaintImage: 'paint', 'Document::updateStyleAndLayout': 'layout',
};

/** The renderer main thread with the most traced time (the viewer page's). */
function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } | null {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number; total: number } | null = null;
  for (const m of mains) {
    const total = events.reduce((sum, e) => sum + (e.pid === m.pid && e.tid === m.tid && e.ph === 'X' ? e.dur ?? 0 : 0), 0);
    if (!best || total > best.total) best = { pid: m.pid, tid: m.tid, total };
  }
  return best;
}

/** Self time (ms) of the main thread's work, by kind: nested events are subtracted from their parent. */
export function byKind(events: readonly TraceEvent[]): Record<string, number> {
  const main = mainThread(events);
  if (!main) return {};
  const spans: { name: string; start: number; end: number }[] = [];
  const open = new Map<string, number[]>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.ph === 'X') spans.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0) });
    else if (e.ph === 'B') (open.get(e.name) ?? open.set(e.name, []).get(e.name))?.push(e.ts);
    else if (e.ph === 'E') {
      const start = open.get(e.name)?.pop();
      if (start !== undefined) spans.push({ name: e.name, start, end: e.ts });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const totals: Record<string, number> = {};
  const stack: { name: string; end: number; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length && (stack[stack.length - 1] as { end: number }).end <= until) {
      const s = stack.pop() as { name: string; self: number };
      const kind = KINDS[s.name] ?? 'other';
      totals[kind] = (totals[kind] ?? 0) + s.self / 1000;
    }
  };
  for (const s of spans) {
    close(s.start);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= s.end - s.start;
    stack.push({ name: s.name, end: s.end, self: s.end - s.start });
  }
  close(Infinity);
  return totals;
}
