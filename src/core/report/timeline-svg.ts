/**
 * A session's timeline as static inline SVG for the HTML report: the same lanes and marks as the
 * panel (from buildTimeline), drawn once at full range, with <title> tooltips and no script.
 * Captured names in the tooltips go through html-text.ts `plain` (invisible characters shown,
 * isolated, cut): a tooltip can hold no element.
 */
import type { Finding } from '../findings/finding.ts';
import { SEVERITY_RANK, type Segment, type SessionTimeline } from '../session/timeline.ts';
import { escapeXml as esc } from './escape.ts';
import { attr, plain } from './html-text.ts';

/** Captured names in a tooltip are cut shorter than elsewhere: a tooltip is a line or two. */
const TIP_MAX = 200;

const W = 960;
const LABEL_W = 70;
const LANE_H = 12;
const LANES = ['playback', 'ads', 'chapters', 'states'] as const;
const COLOURS: Record<string, string> = {
  playing: '#34a853', paused: '#9aa0a6', buffering: '#fbbc04', ended: '#9aa0a6',
  break: '#e8d5fa', ad: '#a142f4', orphan: '#d93025', chapter: '#4285f4', state: '#00897b',
};
const SEVERITY_COLOUR = { error: '#d93025', warning: '#c77700', info: '#1a73e8' } as const;

export function timelineSvg(tl: SessionTimeline, findings: readonly Finding[]): string {
  const from = tl.start;
  const span = Math.max(tl.end - tl.start, 1000);
  const plot = W - LABEL_W - 10;
  const x = (t: number) => (LABEL_W + ((t - from) / span) * plot).toFixed(1);
  const laneY = (i: number) => 16 + i * (LANE_H + 4);
  const eventsY = laneY(LANES.length);
  const findingsY = eventsY + 20;
  const height = findingsY + 16;
  const parts: string[] = [];
  for (const [i, name] of LANES.entries()) parts.push(`<text x="4" y="${laneY(i) + 10}" class="lbl">${name}</text>`);
  parts.push(`<text x="4" y="${eventsY + 11}" class="lbl">events</text><text x="4" y="${findingsY + 9}" class="lbl">findings</text>`);
  const lanes: Segment[][] = [tl.playback, tl.ads, tl.chapters, tl.states];
  lanes.forEach((segments, i) => {
    for (const s of segments) {
      const w = Math.max(1, Number(x(s.end)) - Number(x(s.start)));
      parts.push(`<rect x="${x(s.start)}" y="${laneY(i)}" width="${w.toFixed(1)}" height="${LANE_H}" fill="${COLOURS[s.kind] ?? '#888'}" stroke="#fff" stroke-width="0.5"><title>${esc(`${plain(s.label, TIP_MAX)}: ${sec(s.start - from)} → ${sec(s.end - from)}`)}</title></rect>`);
    }
  });
  // One tick per pixel column at most.
  const cols = new Map<string, { ping: boolean; bad: boolean; label: string }>();
  for (const m of tl.marks) {
    const px = x(m.time);
    const c = cols.get(px);
    const bad = m.status === 0 || m.status >= 400;
    if (!c) cols.set(px, { ping: m.eventType === 'ping', bad, label: `#${m.exchange} ${plain(m.eventType, TIP_MAX)} at ${sec(m.time - from)}, status ${m.status || 'no reply'}` });
    else {
      c.ping = c.ping && m.eventType === 'ping';
      c.bad = c.bad || bad;
    }
  }
  for (const [px, c] of cols) {
    parts.push(`<line x1="${px}" x2="${px}" y1="${eventsY + (c.ping ? 6 : 0)}" y2="${eventsY + 14}" stroke="${c.bad ? '#d93025' : c.ping ? '#c0c4c8' : '#5f6368'}" stroke-width="${c.bad ? 2 : 1}"><title>${esc(c.label)}</title></line>`);
  }
  const dots = [...findings].filter((f) => f.time !== null).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  for (const f of dots) {
    parts.push(`<circle cx="${x(f.time as number)}" cy="${findingsY + 5}" r="${f.severity === 'info' ? 3 : 4.5}" fill="${SEVERITY_COLOUR[f.severity]}"><title>${esc(`${f.code} at ${sec((f.time as number) - from)}: ${plain(f.message)}`)}</title></circle>`);
  }
  parts.push(`<text x="${LABEL_W}" y="10" class="lbl">0 s</text><text x="${W - 10}" y="10" class="lbl" text-anchor="end">${esc(sec(tl.end - from))}</text>`);
  return `<svg class="timeline" viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="timeline of session ${attr(tl.sid)}">${parts.join('')}</svg>`;
}

function sec(ms: number): string {
  return `+${(ms / 1000).toFixed(3)} s`;
}
