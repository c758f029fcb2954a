/** Every session side by side: content, player, state, duration, error and warning counts. */
import type { Finding, Severity } from '../../core/findings/finding.ts';
import type { SessionReport } from '../../core/session/session-report.ts';
import { clip, durationText, shortSid } from '../format.ts';
import { worstOf } from '../store/rows.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { effectiveSelectionOf } from '../store/selection.ts';

export function SessionList() {
  const store = useStore();
  const state = usePanelState();
  const analysis = store.analysis();
  const bySid = new Map<string, Finding[]>();
  for (const f of analysis.findings) if (f.sid) (bySid.get(f.sid) ?? bySid.set(f.sid, []).get(f.sid))?.push(f);
  const selected = effectiveSelectionOf(state.selectedSessions, analysis.sessions);
  const move = (delta: number) => {
    const list = analysis.sessions;
    const at = list.findIndex((s) => s.sid === selected[0]);
    const next = list[Math.max(0, Math.min(list.length - 1, at + delta))];
    if (next) store.selectSession(next.sid);
  };
  return (
    <div class="sessions" tabIndex={0} role="listbox" aria-label="Sessions" data-testid="sessions"
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') { move(1); e.preventDefault(); }
        if (e.key === 'ArrowUp') { move(-1); e.preventDefault(); }
      }}>
      <div class="pane-title">Sessions ({analysis.sessions.length})</div>
      {analysis.sessions.map((s) => (
        <SessionItem key={s.sid} session={s} findings={bySid.get(s.sid) ?? []} selected={selected.includes(s.sid)}
          onSelect={(additive) => store.selectSession(s.sid, additive)} />
      ))}
    </div>
  );
}

function SessionItem({ session: s, findings, selected, onSelect }: { session: SessionReport; findings: Finding[]; selected: boolean; onSelect(additive: boolean): void }) {
  const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
  const worst = worstOf(findings);
  const errors = count('error');
  const warnings = count('warning');
  const title = clip(s.media.name ?? s.media.id ?? (s.startCaptured ? '(no media.id)' : 'start not captured'));
  const status = s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : s.state.inAdBreak ? 'in ad break' : s.state.playback;
  return (
    <div class={`session${selected ? ' selected' : ''}`} role="option" aria-selected={selected} data-sid={s.sid} data-testid="session"
      title={`sid ${clip(s.sid, 200)}`} onClick={(e) => onSelect(e.ctrlKey || e.metaKey)}>
      <span class={`dot ${worst ?? ''}`} />
      <span class="title">{title}</span>
      <span class="counts">
        {errors > 0 && <span class="badge error" title={`${errors} errors`}>{errors}</span>}
        {warnings > 0 && <span class="badge warning" title={`${warnings} warnings`}>{warnings}</span>}
        {errors + warnings === 0 && <span class="sev-ok">ok</span>}
      </span>
      <span class="meta">
        {[s.media.id && s.media.name ? s.media.id : null, s.media.contentType, s.media.playerName, status, durationText(s.metrics.durationMs), shortSid(s.sid)].filter(Boolean).map((x) => clip(String(x), 60)).join(' · ')}
      </span>
    </div>
  );
}

/** The selected sessions, or the first one when none is selected. */
