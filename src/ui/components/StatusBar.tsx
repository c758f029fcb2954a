/** Counts and the last notice (imports, errors), at the bottom like DevTools' own panels. */
import { usePanelState, useStore } from '../store/use-store.ts';

export function StatusBar() {
  const store = useStore();
  const state = usePanelState();
  const a = store.analysis();
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of a.findings) n[f.severity]++;
  return (
    <div class="statusbar" data-testid="statusbar">
      <span>{a.calls.length.toLocaleString('en')} Media Collection calls</span>
      <span>{a.sessions.length} sessions</span>
      <span><span class="sev-error">{n.error} errors</span> · <span class="sev-warning">{n.warning} warnings</span> · <span class="sev-info">{n.info} info</span></span>
      <span>{state.otherRequests.toLocaleString('en')} other requests</span>
      {!state.recording && <span class="sev-warning">recording paused</span>}
      {state.notice && <span class="notice" data-testid="notice">{state.notice}</span>}
    </div>
  );
}
