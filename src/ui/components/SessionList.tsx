/**
 * Every session side by side, with what tells them apart: content, start time, sid, state, the
 * first finding. Selecting one (Ctrl/Cmd-click for several) is the one notion of "session" in the
 * panel: the request list shows the selected sessions' requests, the timeline and summary follow,
 * and a plain click leads to the session's first finding. "All sessions" lists every request
 * again, and the timeline then follows the newest session, as a new repro arrives.
 */
import type { Finding, Severity } from '../../core/findings/finding.ts';
import type { SessionReport } from '../../core/session/session-report.ts';
import { clip, clockTime, durationText, shortSid, count } from '../format.ts';
import { worstOf } from '../store/rows.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { effectiveSelectionOf } from '../store/selection.ts';

export function SessionList() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  const bySid = new Map<string, Finding[]>();
  for (const f of analysis.findings) if (f.sid) (bySid.get(f.sid) ?? bySid.set(f.sid, []).get(f.sid))?.push(f);
  const explicit = state.selectedSessions.filter((sid) => analysis.sessions.some((s) => s.sid === sid));
  const shown = effectiveSelectionOf(state.selectedSessions, analysis.sessions);
  const move = (delta: number) => {
    const list = analysis.sessions;
    const at = list.findIndex((s) => s.sid === shown[0]);
    const next = list[Math.max(0, Math.min(list.length - 1, at + delta))];
    if (next) store.selectSession(next.sid);
  };
  return (
    <div class="sessions" tabIndex={0} role="listbox" aria-label="Sessions" aria-multiselectable="true" data-testid="sessions"
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') { move(1); e.preventDefault(); }
        if (e.key === 'ArrowUp') { move(-1); e.preventDefault(); }
      }}>
      <div class="pane-title">Sessions ({analysis.sessions.length})</div>
      <div class={`session all${explicit.length === 0 ? ' selected' : ''}`} role="option" aria-selected={explicit.length === 0} data-testid="all-sessions"
        title="List the requests of every session; the timeline shows the newest" onClick={() => store.showAllSessions()}>
        <span class="dot none" />
        <span class="title">All sessions</span>
        <span class="counts dim">{count(analysis.calls.length)} requests</span>
      </div>
      {analysis.sessions.map((s) => (
        <SessionItem key={s.sid} session={s} findings={bySid.get(s.sid) ?? []} selected={explicit.includes(s.sid)} shown={shown.includes(s.sid)}
          onSelect={(additive) => store.selectSession(s.sid, additive)} />
      ))}
    </div>
  );
}

/** What a session is called: its media, or why it has none ("unknown to Adobe" is a player bug, not a capture gap). */
export function sessionTitle(s: SessionReport, findings: readonly Finding[]): string {
  const media = s.media.name ?? s.media.id;
  if (media) return clip(media);
  if (s.startCaptured) return '(no media.id)';
  if (findings.some((f) => f.code === 'http.session-not-found')) return 'sid unknown to Adobe (404)';
  return 'start not captured';
}

function stateText(s: SessionReport): string {
  if (s.state.closed) return s.state.closed === 'sessionEnd' ? 'ended' : `closed (${s.state.closed})`;
  if (s.state.completed) return 'completed';
  return s.state.inAdBreak ? 'in ad break' : s.state.playback;
}

function SessionItem({ session: s, findings, selected, shown, onSelect }: {
  session: SessionReport; findings: Finding[]; selected: boolean; shown: boolean; onSelect(additive: boolean): void;
}) {
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  const worst = worstOf(findings);
  const errors = count('error');
  const warnings = count('warning');
  const first = findings.find((f) => f.severity === worst);
  return (
    <div class={`session${selected ? ' selected' : ''}${shown && !selected ? ' shown' : ''}`} role="option" aria-selected={selected} data-sid={s.sid} data-testid="session"
      title={`sid ${clip(s.sid, 200)}${shown && !selected ? '\n(shown on the timeline: the newest session)' : ''}`} onClick={(e) => onSelect(e.ctrlKey || e.metaKey)}>
      <span class={`dot ${worst ?? ''}`} />
      <span class="title">{s.protocol === 'media-edge' && <span class="proto" data-testid="session-protocol" title="Sent through Adobe's Media Edge API (XDM over the Edge Network)">{s.style ? `Edge · ${s.style}` : 'Edge'}</span>}{sessionTitle(s, findings)}</span>
      <span class="counts">
        {errors > 0 && <span class="badge error" title={`${errors} errors`}>{errors}</span>}
        {warnings > 0 && <span class="badge warning" title={`${warnings} warnings`}>{warnings}</span>}
        {errors + warnings === 0 && <span class="sev-ok">ok</span>}
      </span>
      <span class="state" data-testid="session-state">{stateText(s)} · {s.metrics.start !== null ? clockTime(s.metrics.start).slice(0, 8) : '—'} · {shortSid(s.sid)}</span>
      <span class="meta">
        {[s.media.id && s.media.name ? s.media.id : null, s.media.contentType, s.media.playerName, durationText(s.metrics.durationMs)].filter(Boolean).map((x) => clip(String(x), 60)).join(' · ')}
      </span>
      {first && <span class={`first sev-${first.severity}`} data-testid="session-first-finding" title={clip(first.message, 300)}>{first.code}</span>}
    </div>
  );
}
