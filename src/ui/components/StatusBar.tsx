/** Counts and the last notice (imports, errors), at the bottom like DevTools' own panels. */
import { count } from '../format.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { countBySeverity } from '../../core/findings/finding.ts';

export function StatusBar() {
  const store = useStore();
  const state = usePanelState();
  const a = store.analysis();
  const n = countBySeverity(a.findings);
  return (
    <div class="statusbar" data-testid="statusbar">
      <span>{plural(a.calls.length, 'Media Collection call')}</span>
      <span>{plural(a.sessions.length, 'session')}</span>
      <span><span class="sev-error">{n.error} errors</span> · <span class="sev-warning">{n.warning} warnings</span> · <span class="sev-info">{n.info} info</span></span>
      <span>{plural(state.otherRequests, 'other request')}</span>
      {!state.recording && <span class="sev-warning">recording paused</span>}
      {state.notice && <span class="notice" data-testid="notice">{state.notice}</span>}
    </div>
  );
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
