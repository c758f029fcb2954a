/**
 * A small key under the timeline: what each colour and mark means, for what is drawn now only
 * (a clean session's key has no "lost reply"). Swatches have classes of their own (`k-<key>`,
 * styles.css, on the drawing's colour variables), so that a query for the drawing's marks
 * (`line.mark`, `circle.fmark`) never finds the key.
 */
import type { VNode } from 'preact';
import type { Finding, Severity } from '../../../core/findings/finding.ts';
import type { Mark, SessionTimeline } from '../../../core/session/timeline.ts';
import { losesData } from './loud.ts';

interface Key {
  key: string;
  label: string;
  swatch: VNode;
}

const bar = (key: string) => <rect class={`k-${key}`} x={0} y={1} width={14} height={8} />;
const tick = (key: string, short = false) => <line class={`k-${key}`} x1={7} x2={7} y1={short ? 4 : 0} y2={10} />;

const SEGMENTS: Record<string, string> = {
  playing: 'playing', paused: 'paused', buffering: 'buffering', ended: 'ended',
  break: 'ad break', ad: 'ad', orphan: 'orphan ad', chapter: 'chapter', state: 'player state',
};
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** The keys of what these sessions draw, in the order of the lanes. */
export function legendKeys(timelines: readonly SessionTimeline[], findings: readonly Finding[], navigations: number, closedHatch: string | null): Key[] {
  const kinds = new Set<string>();
  for (const tl of timelines) for (const lane of [tl.playback, tl.ads, tl.chapters, tl.states]) for (const s of lane) kinds.add(s.kind);
  const keys: Key[] = Object.entries(SEGMENTS).filter(([k]) => kinds.has(k)).map(([k, label]) => ({ key: k, label, swatch: bar(k) }));
  const anyMark = (test: (m: Mark) => boolean) => timelines.some((tl) => tl.marks.some(test));
  if (anyMark((m) => m.eventType !== 'ping')) keys.push({ key: 'event', label: 'event', swatch: tick('event') });
  if (anyMark((m) => m.eventType === 'ping')) keys.push({ key: 'ping', label: 'ping', swatch: tick('ping', true) });
  if (anyMark((m) => losesData(m.status))) keys.push({ key: 'lost', label: 'lost reply (4xx, 5xx, none)', swatch: tick('lost') });
  for (const sev of SEVERITIES) {
    if (findings.some((f) => f.severity === sev)) keys.push({ key: sev, label: `${sev} finding`, swatch: <circle class={`k-${sev}`} cx={7} cy={5} r={sev === 'info' ? 3 : 4} /> });
  }
  if (navigations) keys.push({ key: 'navigation', label: 'navigation', swatch: tick('navigation') });
  if (closedHatch) keys.push({ key: 'closed', label: 'closed', swatch: <rect class="k-closed" x={0} y={1} width={14} height={8} fill={closedHatch} /> });
  return keys;
}

export function Legend({ keys }: { keys: readonly Key[] }) {
  return (
    <div class="tl-legend" data-testid="timeline-legend">
      {keys.map((k) => (
        <span key={k.key} class="tl-key" data-key={k.key}>
          <svg width={14} height={10} aria-hidden="true">{k.swatch}</svg>
          {k.label}
        </span>
      ))}
    </div>
  );
}
