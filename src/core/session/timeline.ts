/**
 * A session's timeline, drawn to scale by the panel and the HTML report: lanes of segments
 * (playback, ads, chapters, player states) and a mark for every event.
 */
import type { Severity } from '../findings/finding.ts';
import type { Lane } from './lane.ts';
import type { SeqEntry } from './seq-entry.ts';

export interface Segment {
  start: number;
  end: number;
  /** playing, paused, buffering, not-started, ended / break, ad, orphan / chapter / state. */
  kind: string;
  label: string;
  /** Exchange of the event that began the segment. */
  exchange: number;
}

export interface Mark {
  time: number;
  exchange: number;
  eventType: string;
  playhead: number | null;
  status: number;
}

export interface SessionTimeline {
  sid: string;
  start: number;
  end: number;
  playback: Segment[];
  ads: Segment[];
  chapters: Segment[];
  states: Segment[];
  marks: Mark[];
}

/** Worst severity first, for colouring a mark with several findings. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function buildTimeline(sid: string, entries: readonly SeqEntry[]): SessionTimeline {
  const first = entries[0];
  const last = entries[entries.length - 1];
  const t: SessionTimeline = {
    sid, start: first?.time ?? 0, end: last?.time ?? 0, playback: [], ads: [], chapters: [], states: [], marks: [],
  };
  const lanes = {
    // Content waits during a valid pod; an orphan ad plays as content, as Adobe counts it.
    playback: new LaneBuilder(t.playback, (l) => (l.closed || l.playback === 'not-started' || l.ad === 'ad' || l.ad === 'break' ? null : { kind: l.playback, label: l.playback })),
    ads: new LaneBuilder(t.ads, (l) => {
      if (l.ad === null) return null;
      if (l.ad === 'break') return { kind: 'break', label: `ad break${l.podIndex !== null ? ` ${l.podIndex}` : ''}` };
      return { kind: l.ad, label: `${l.ad === 'orphan' ? 'orphan ad' : 'ad'}${l.adId ? ` ${l.adId}` : ''}` };
    }),
    chapters: new LaneBuilder(t.chapters, (l) => (l.chapter === null && !l.chapterName ? null : { kind: 'chapter', label: `chapter ${l.chapter ?? '?'}${l.chapterName ? ` "${l.chapterName}"` : ''}` })),
    states: new LaneBuilder(t.states, (l) => (l.states ? { kind: 'state', label: l.states } : null)),
  };
  for (const e of entries) {
    t.marks.push({ time: e.time, exchange: e.call.exchange.index, eventType: e.event.eventType, playhead: e.event.playhead, status: e.call.exchange.status });
    if (!e.lane) continue;
    for (const lane of Object.values(lanes)) lane.at(e.time, e.call.exchange.index, e.lane);
  }
  for (const lane of Object.values(lanes)) lane.close(t.end);
  return t;
}

class LaneBuilder {
  private open: Segment | null = null;
  private lastLane: Lane | null = null;

  constructor(private readonly out: Segment[], private readonly describe: (l: Lane) => { kind: string; label: string } | null) {}

  at(time: number, exchange: number, lane: Lane): void {
    if (lane === this.lastLane) return; // unchanged lanes are shared objects
    this.lastLane = lane;
    const d = this.describe(lane);
    if (this.open && d && d.kind === this.open.kind && d.label === this.open.label) return;
    this.close(time);
    if (d) this.open = { start: time, end: time, kind: d.kind, label: d.label, exchange };
  }

  close(time: number): void {
    if (!this.open) return;
    this.open.end = Math.max(time, this.open.start);
    this.out.push(this.open);
    this.open = null;
  }
}
