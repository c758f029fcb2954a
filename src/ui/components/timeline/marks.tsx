/**
 * What happened at a moment: a tick for every event (pings shorter and lighter), a red diamond for
 * a reply that lost data, a full-height loud marker with its status, and a dot per finding.
 */
import type { Finding } from '../../../core/findings/finding.ts';
import type { Mark, SessionTimeline } from '../../../core/session/timeline.ts';
import { bucket, bucketFindings } from './buckets.ts';
import { scale, type View } from './layout.ts';
import { badgeWidth, loudMarks, loudTitle, losesData, type BadRun } from './loud.ts';

/** How and when a session was closed (SessionReport.closedBy). */
export interface Closed {
  reason: string;
  exchange: number;
  time: number;
}

/** A session's event ticks, error marks and loud replies in view `v`. */
export function Ticks({ tl, runs, v, wide, plotW, closed, eventsY, fullTop, fullBottom }: {
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
                <rect class="loud-badge" x={l.x1 + 2} y={eventsY} width={badgeWidth(l.label)} height={13} data-exchange={l.first.exchange} />
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
export function FindingDots({ findings, v, wide, plotW, y }: { findings: Finding[]; v: View; wide: boolean; plotW: number; y: number }) {
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
