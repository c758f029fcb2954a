/**
 * Every session side by side, with what tells them apart: its colour chip, content, start time,
 * sid, state, its worst finding. Selecting one (Ctrl/Cmd-click for several) is the one notion of
 * "session" in the panel: the request list shows the selected sessions' requests, the timeline and
 * summary follow, and a plain click leads to the session's first finding. "All sessions" lists
 * every request again; the timeline and summary then follow the selected request's session (the
 * newest when no request is selected). "With findings only" hides the sessions marked ok.
 *
 * Each row is drawn again only when its own props change: selecting one session among 2,000 redraws
 * two rows, not 2,000 (that redraw was most of a second).
 */
import { useMemo, useState } from 'preact/hooks';
import type { Finding, Severity } from '../../core/findings/finding.ts';
import type { SessionReport } from '../../core/session/session-report.ts';
import { UNKNOWN_TO_ADOBE_STATE, unknownToAdobe, untitledName } from '../../core/session/start-status.ts';
import { clip, clockTime, durationText, shortSid, count, plural } from '../format.ts';
import { worstOf } from '../store/rows.ts';
import type { PanelStore } from '../store/panel-store.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { chipClass, sessionColours } from '../session-colour.ts';
import { pure } from './pure.ts';

const NONE: Finding[] = [];

/** Each session's findings, by sid. */
function findingsBySid(findings: readonly Finding[]): Map<string, Finding[]> {
  const bySid = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.sid) continue;
    const list = bySid.get(f.sid);
    if (list) list.push(f);
    else bySid.set(f.sid, [f]);
  }
  return bySid;
}

/** Whether a session is more than "ok": it has an error or a warning. */
function hasProblems(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' || f.severity === 'warning');
}

export function SessionList() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  const bySid = useMemo(() => findingsBySid(analysis.findings), [analysis]);
  const colours = useMemo(() => sessionColours(analysis.sessions), [analysis]);
  const [onlyFindings, setOnlyFindings] = useState(false);
  const selected = useMemo(() => new Set(state.selectedSessions), [state.selectedSessions]);
  const explicit = analysis.sessions.some((s) => selected.has(s.sid));
  const shown = store.shownSessions();
  const requestSid = store.sessionOf(state.selectedExchange);
  // A selected session stays listed, whatever the switch says.
  const listed = onlyFindings ? analysis.sessions.filter((s) => selected.has(s.sid) || hasProblems(bySid.get(s.sid) ?? NONE)) : analysis.sessions;
  const move = (delta: number) => {
    const at = listed.findIndex((s) => s.sid === shown[0]);
    const next = listed[Math.max(0, Math.min(listed.length - 1, at + delta))];
    if (next) store.selectSession(next.sid);
  };
  return (
    <div class="sessions" tabIndex={0} role="listbox" aria-label="Sessions" aria-multiselectable="true" data-testid="sessions"
      onKeyDown={(e) => {
        if ((e.target as Element | null)?.closest?.('label, input')) return;
        if (e.key === 'ArrowDown') { move(1); e.preventDefault(); }
        if (e.key === 'ArrowUp') { move(-1); e.preventDefault(); }
      }}>
      <div class="pane-title sessions-title">
        <span class="pane-name">Sessions ({listed.length === analysis.sessions.length ? count(analysis.sessions.length) : `${count(listed.length)} of ${count(analysis.sessions.length)}`})</span>
        <label class="only-findings" title="List only the sessions with an error or a warning (those marked ok are hidden; a selected session stays)">
          <input type="checkbox" checked={onlyFindings} onChange={(e) => setOnlyFindings(e.currentTarget.checked)} data-testid="sessions-with-findings" /> With findings only
        </label>
      </div>
      <div class={`session all${explicit ? '' : ' selected'}`} role="option" aria-selected={!explicit} data-testid="all-sessions"
        title="List the requests of every session; the timeline and the summary show the selected request's session (the newest when none is selected)" onClick={() => store.showAllSessions()}>
        <span class="dot none" />
        <span class="title">All sessions</span>
        <span class="counts dim">{plural(analysis.calls.length, 'request')}</span>
      </div>
      {listed.map((s) => {
        const isShown = shown.includes(s.sid) && !selected.has(s.sid);
        return (
          <SessionItem key={s.sid} store={store} session={s} findings={bySid.get(s.sid) ?? NONE} colour={colours.get(s.sid)}
            selected={selected.has(s.sid)} shownWhy={isShown ? (s.sid === requestSid ? 'the selected request\'s session' : 'the newest session') : null} />
        );
      })}
      {listed.length === 0 && <div class="session-none dim" data-testid="sessions-none">No session has an error or a warning.</div>}
    </div>
  );
}

/** What a session is called: its media, or why it has none ("unknown to Adobe" is a player bug, not a capture gap). */
export function sessionTitle(s: SessionReport, _findings: readonly Finding[]): string {
  const media = s.media.name ?? s.media.id;
  if (media) return clip(media);
  if (s.startCaptured) return '(no media.id)';
  // The core's name (startStatus), the same in the CLI and the reports.
  return untitledName(s);
}

function stateText(s: SessionReport): string {
  if (unknownToAdobe(s)) return UNKNOWN_TO_ADOBE_STATE;
  if (s.state.closed) return s.state.closed === 'sessionEnd' ? 'ended' : `closed (${s.state.closed})`;
  if (s.state.completed) return 'completed';
  return s.state.inAdBreak ? 'in ad break' : s.state.playback;
}

/** The row's tooltip: what the session is (content, start, player) and its sid; why it is outlined. */
function tooltipOf(s: SessionReport, title: string, shownWhy: string | null): string {
  return [
    title,
    s.media.id && s.media.name ? `media.id ${clip(s.media.id, 120)}` : null,
    `started ${s.metrics.start !== null ? clockTime(s.metrics.start) : '— (start not captured)'}`,
    `player ${s.media.playerName ? clip(s.media.playerName, 120) : '— (not named)'}`,
    `sid ${clip(s.sid, 200)}`,
    shownWhy ? `(shown on the timeline and in the summary: ${shownWhy})` : null,
  ].filter(Boolean).join('\n');
}

/** The worst finding to lead with: the first of the worst severity. */
function leadingFinding(findings: readonly Finding[], worst: Severity | null): Finding | undefined {
  return worst === null ? undefined : findings.find((f) => f.severity === worst);
}

interface ItemProps {
  store: PanelStore;
  session: SessionReport;
  findings: Finding[];
  colour: number | undefined;
  selected: boolean;
  /** Why the session is shown without being selected (outlined), or null. */
  shownWhy: string | null;
}

const SessionItem = pure(({ store, session: s, findings, colour, selected, shownWhy }: ItemProps) => {
  const sev = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const worst = worstOf(findings);
  const errors = sev('error');
  const warnings = sev('warning');
  const first = leadingFinding(findings, worst);
  const title = sessionTitle(s, findings);
  return (
    <div class={`session${selected ? ' selected' : ''}${shownWhy ? ' shown' : ''}`} role="option" aria-selected={selected} data-sid={s.sid} data-testid="session"
      title={tooltipOf(s, title, shownWhy)} onClick={(e) => store.selectSession(s.sid, e.ctrlKey || e.metaKey)}>
      <span class={`dot ${worst ?? ''}`} />
      <span class="title"><span class={chipClass(colour)} data-testid="session-chip" data-colour={colour} />{title}</span>
      <span class="counts">
        {errors > 0 && <span class="badge error" title={plural(errors, 'error')}>{errors}</span>}
        {warnings > 0 && <span class="badge warning" title={plural(warnings, 'warning')}>{warnings}</span>}
        {errors + warnings === 0 && <span class="sev-ok">ok</span>}
      </span>
      <span class="state" data-testid="session-state">
        {s.protocol === 'media-edge' && <span class="proto" data-testid="session-protocol" title="Sent through Adobe's Media Edge API (XDM over the Edge Network)">{s.style ? `Edge · ${s.style}` : 'Edge'}</span>}
        {stateText(s)} · {s.metrics.start !== null ? clockTime(s.metrics.start).slice(0, 8) : '—'} · {shortSid(s.sid)}
      </span>
      <span class="meta">
        {[s.media.id && s.media.name ? s.media.id : null, s.media.contentType, s.media.playerName, durationText(s.metrics.durationMs)].filter(Boolean).map((x) => clip(String(x), 60)).join(' · ')}
      </span>
      {first && <span class={`first sev-${first.severity}`} data-testid="session-first-finding" title={clip(first.message, 300)}>{first.code}</span>}
    </div>
  );
}, 'SessionItem');
