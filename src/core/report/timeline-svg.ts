/**
 * A session's timeline as static inline SVG for the HTML report: the same lanes and marks as the
 * panel (from buildTimeline), drawn once at full range, with <title> tooltips and no script. A
 * time axis (whole seconds, or m:ss past 100 s; a label that would touch its neighbour is left
 * out), every failed call (404, 410, 5xx, no reply…) as a red marker with its status, and a small
 * legend. Captured names in the tooltips go through html-text.ts `plain` (invisible characters
 * shown, isolated, cut): a tooltip can hold no element. Elements used: svg, g, rect, line, text,
 * circle (one per timed finding, nothing else), title.
 */
import type { Finding } from '../findings/finding.ts';
import { SEVERITY_RANK, type Segment, type SessionTimeline } from '../session/timeline.ts';
import { escapeXml as esc } from './escape.ts';
import { attr, plain } from './html-text.ts';

/** Captured names in a tooltip are cut shorter than elsewhere: a tooltip is a line or two. */
const TIP_MAX = 200;

/** Width of the drawing in its own units; it is scaled to the page (CSS caps it), so text stays readable at 700 px. */
export const TIMELINE_W = 800;
const LABEL_W = 62;
const RIGHT = 14;
const LANE_H = 12;
/**
 * Font size in drawing units (TIMELINE_STYLE): about 9 px on a 700-px page, 11 px at full width.
 * Texts coloured by an attribute (a failed call's status, the legend's dots) have a class that
 * sets no fill: a style sheet's fill would override the attribute.
 */
const FONT = 11;
/** Width of one character of the labels, in drawing units (a little more than the font's average, to keep a gap). */
const CHAR_W = FONT * 0.62;
const LANES = ['playback', 'ads', 'chapters', 'states'] as const;
const COLOURS: Record<string, string> = {
  playing: '#34a853', paused: '#9aa0a6', buffering: '#fbbc04', ended: '#9aa0a6',
  break: '#e8d5fa', ad: '#a142f4', orphan: '#d93025', chapter: '#4285f4', state: '#00897b',
};
const SEVERITY_COLOUR = { error: '#d93025', warning: '#c77700', info: '#1a73e8' } as const;
const FAILED = '#d93025';
/** Tick steps of the axis (s): the first that keeps labels apart is used. */
const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

const LEGEND: [string, string][] = [
  ['playing', COLOURS.playing as string], ['paused', COLOURS.paused as string], ['buffering', COLOURS.buffering as string],
  ['ad break', COLOURS.break as string], ['ad', COLOURS.ad as string], ['orphan ad', COLOURS.orphan as string],
  ['chapter', COLOURS.chapter as string], ['player state', COLOURS.state as string],
];

/** The report's style for the drawing. */
export const TIMELINE_STYLE = `
.timeline{border:1px solid #ddd;margin:6px 0;max-width:${TIMELINE_W * 1.25}px;display:block}
.timeline .lbl,.timeline .dot,.timeline .status{font:${FONT}px system-ui,sans-serif}
.timeline .lbl{fill:#5f6368}.timeline .status{font-weight:700}
`;

export function timelineSvg(tl: SessionTimeline, findings: readonly Finding[]): string {
  const from = tl.start;
  const span = Math.max(tl.end - tl.start, 1000);
  const plot = TIMELINE_W - LABEL_W - RIGHT;
  const xOf = (t: number) => LABEL_W + ((t - from) / span) * plot;
  const x = (t: number) => xOf(t).toFixed(1);
  const axisY = 12;
  const laneY = (i: number) => axisY + 8 + i * (LANE_H + 4);
  const eventsY = laneY(LANES.length);
  const statusY = eventsY + 16;
  const findingsY = statusY + 16;
  const legendY = findingsY + 28;
  const height = legendY + 34;
  const parts: string[] = [];
  for (const [i, name] of LANES.entries()) parts.push(`<text x="4" y="${laneY(i) + 10}" class="lbl">${name}</text>`);
  parts.push(`<text x="4" y="${eventsY + 11}" class="lbl">events</text><text x="4" y="${findingsY + 9}" class="lbl">findings</text>`);
  parts.push(...axis(span, (ms) => xOf(from + ms), axisY, findingsY + 12));
  const lanes: Segment[][] = [tl.playback, tl.ads, tl.chapters, tl.states];
  lanes.forEach((segments, i) => {
    for (const s of segments) {
      const w = Math.max(1, xOf(s.end) - xOf(s.start));
      parts.push(`<rect x="${x(s.start)}" y="${laneY(i)}" width="${w.toFixed(1)}" height="${LANE_H}" fill="${COLOURS[s.kind] ?? '#888'}" stroke="#fff" stroke-width="0.5"><title>${esc(`${plain(s.label, TIP_MAX)}: ${sec(s.start - from)} → ${sec(s.end - from)}`)}</title></rect>`);
    }
  });
  // One tick per pixel column at most; a failed call wins its column.
  const cols = new Map<string, { ping: boolean; failed: { status: number; label: string } | null; label: string }>();
  for (const m of tl.marks) {
    const px = x(m.time);
    const c = cols.get(px);
    const label = `#${m.exchange} ${plain(m.eventType, TIP_MAX)} at ${sec(m.time - from)}, status ${m.status || 'no reply'}`;
    const failed = m.status === 0 || m.status >= 400 ? { status: m.status, label } : null;
    if (!c) cols.set(px, { ping: m.eventType === 'ping', failed, label });
    else {
      c.ping = c.ping && m.eventType === 'ping';
      c.failed ??= failed;
    }
  }
  const failedAt: { px: number; text: string; label: string }[] = [];
  for (const [px, c] of cols) {
    if (c.failed) {
      failedAt.push({ px: Number(px), text: c.failed.status ? String(c.failed.status) : 'no reply', label: c.failed.label });
      continue;
    }
    parts.push(`<line x1="${px}" x2="${px}" y1="${eventsY + (c.ping ? 6 : 0)}" y2="${eventsY + 14}" stroke="${c.ping ? '#9aa0a6' : '#5f6368'}" stroke-width="1"><title>${esc(c.label)}</title></line>`);
  }
  // Failed calls on top, red from the events lane down to their status.
  let lastEnd = -Infinity;
  for (const f of failedAt.sort((a, b) => a.px - b.px)) {
    parts.push(`<line x1="${f.px.toFixed(1)}" x2="${f.px.toFixed(1)}" y1="${eventsY - 2}" y2="${statusY + 2}" stroke="${FAILED}" stroke-width="2.5" class="failed"><title>${esc(f.label)}</title></line>`);
    // Its status beside it, unless that would touch the previous one (the marker stays, its tooltip says it).
    const width = f.text.length * CHAR_W;
    const left = Math.min(f.px + 3, TIMELINE_W - width - 2);
    if (left > lastEnd + 3) {
      parts.push(`<text x="${left.toFixed(1)}" y="${statusY + 10}" class="status" fill="${FAILED}">${esc(f.text)}<title>${esc(f.label)}</title></text>`);
      lastEnd = left + width;
    }
  }
  const dots = [...findings].filter((f) => f.time !== null).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  for (const f of dots) {
    parts.push(`<circle cx="${x(f.time as number)}" cy="${findingsY + 5}" r="${f.severity === 'info' ? 3 : 4.5}" fill="${SEVERITY_COLOUR[f.severity]}"><title>${esc(`${f.code} at ${sec((f.time as number) - from)}: ${plain(f.message)}`)}</title></circle>`);
  }
  parts.push(...legend(legendY));
  return `<svg class="timeline" viewBox="0 0 ${TIMELINE_W} ${height}" width="100%" role="img" aria-label="timeline of session ${attr(tl.sid)}">${parts.join('')}</svg>`;
}

/**
 * The time axis: a tick every `step` seconds, the step the smallest of STEPS_S whose labels do
 * not touch, a faint line down through the lanes at each tick; a label that would still touch its
 * neighbour (or the right edge) is left out.
 */
function axis(span: number, xOf: (msFromStart: number) => number, y: number, bottom: number): string[] {
  const spanS = span / 1000;
  const mmss = spanS >= 100;
  const widest = label(Math.ceil(spanS), mmss).length * CHAR_W;
  const plotW = xOf(span) - xOf(0);
  const out: string[] = [];
  if (!Number.isFinite(spanS) || !(plotW > 0)) return out;
  // Past a day of span (a hostile ts), whole days as far apart as the labels need: never more ticks than fit.
  const step = STEPS_S.find((s) => (s / spanS) * plotW >= widest + 12) ?? Math.ceil((spanS * (widest + 12)) / plotW / 86400) * 86400;
  let lastEnd = -Infinity;
  for (let t = 0; t <= spanS + 1e-9; t += step) {
    const px = xOf(t * 1000);
    const text = label(t, mmss);
    const width = text.length * CHAR_W;
    const left = Math.min(Math.max(px - width / 2, xOf(0)), TIMELINE_W - width - 1);
    out.push(`<line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${y + 2}" y2="${bottom}" stroke="#e8eaed" stroke-width="1" class="tick"></line>`);
    if (left <= lastEnd + 4) continue;
    out.push(`<text x="${left.toFixed(1)}" y="${y}" class="lbl axis">${text}</text>`);
    lastEnd = left + width;
  }
  return out;
}

/** "35 s" below 100 s of span, else "1:05" or "1:02:05". */
export function label(seconds: number, mmss: boolean): string {
  const s = Math.round(seconds);
  if (!mmss) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Two rows: the lanes' colours, then the marks (event, ping, failed call, finding severities). */
function legend(y: number): string[] {
  const out: string[] = [];
  let at = LABEL_W;
  for (const [name, colour] of LEGEND) {
    out.push(`<rect x="${at}" y="${y - 8}" width="10" height="8" fill="${colour}" class="key"></rect><text x="${at + 13}" y="${y}" class="lbl">${name}</text>`);
    at += 13 + name.length * CHAR_W + 10;
  }
  const row2 = y + 16;
  at = LABEL_W;
  const marks: [string, string][] = [
    [`<line x1="${at + 4}" x2="${at + 4}" y1="${row2 - 9}" y2="${row2 + 1}" stroke="#5f6368" stroke-width="1"></line>`, 'event'],
    [`<line x1="${at + 4}" x2="${at + 4}" y1="${row2 - 4}" y2="${row2 + 1}" stroke="#9aa0a6" stroke-width="1"></line>`, 'ping'],
    [`<line x1="${at + 4}" x2="${at + 4}" y1="${row2 - 9}" y2="${row2 + 1}" stroke="${FAILED}" stroke-width="2.5"></line>`, 'failed call, its status'],
    [`<text x="${at}" y="${row2}" fill="${SEVERITY_COLOUR.error}" class="dot">●</text>`, 'error'],
    [`<text x="${at}" y="${row2}" fill="${SEVERITY_COLOUR.warning}" class="dot">●</text>`, 'warning'],
    [`<text x="${at}" y="${row2}" fill="${SEVERITY_COLOUR.info}" class="dot">●</text>`, 'info finding'],
  ];
  for (const [mark, name] of marks) {
    // Each mark is drawn at LABEL_W, then moved to its place.
    out.push(`<g transform="translate(${(at - LABEL_W).toFixed(1)} 0)">${mark}</g><text x="${(at + 11).toFixed(1)}" y="${row2}" class="lbl">${name}</text>`);
    at += 11 + name.length * CHAR_W + 12;
  }
  return out;
}

function sec(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}
