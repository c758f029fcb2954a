/**
 * Counts and the last notice (imports, errors), at the bottom like DevTools' own panels. As the
 * console's counts do, a finding count filters the list when clicked (again: shows everything);
 * the active one looks pressed. A zero count is grey: nothing to look at.
 */
import { Fragment } from 'preact';
import { countBySeverity, type Severity } from '../../core/findings/finding.ts';
import { count, plural } from '../format.ts';
import { usePanelState, useStore } from '../store/use-store.ts';

/** What each count says and what its filter shows (the severity filter keeps that severity and worse). */
const COUNTS: { severity: Severity; noun: (n: number) => string; shows: string }[] = [
  { severity: 'error', noun: (n) => plural(n, 'error'), shows: 'only requests with an error' },
  { severity: 'warning', noun: (n) => plural(n, 'warning'), shows: 'only requests with a warning or an error' },
  { severity: 'info', noun: (n) => `${count(n)} info`, shows: 'only requests with a finding' },
];

export function StatusBar() {
  const store = useStore();
  const state = usePanelState();
  const a = store.analysis();
  const n = countBySeverity(a.findings);
  const active = state.filter.severity;
  return (
    <div class="statusbar" data-testid="statusbar">
      <span>{plural(a.calls.length, 'Media Collection call')}</span>
      <span>{plural(a.sessions.length, 'session')}</span>
      <span class="sev-counts">
        {COUNTS.map(({ severity, noun, shows }, i) => {
          const pressed = active === severity;
          return (
            <Fragment key={severity}>
              {i > 0 && ' · '}
              <button type="button" class={`count sev-${severity}${n[severity] === 0 ? ' zero' : ''}`} aria-pressed={pressed}
                title={pressed ? 'Show every request again' : `Show ${shows}`} data-testid={`status-${severity}`}
                onClick={() => store.setFilter({ severity: pressed ? 'all' : severity })}><span>{noun(n[severity])}</span></button>
            </Fragment>
          );
        })}
      </span>
      <span>{plural(state.otherRequests, 'other request')}</span>
      {!state.recording && <span class="sev-warning">recording paused</span>}
      {state.notice && <span class="notice" data-testid="notice">{state.notice}</span>}
    </div>
  );
}
