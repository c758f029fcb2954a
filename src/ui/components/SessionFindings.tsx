/**
 * The findings of the session the summary shows, one line per finding, a finding repeated on
 * several calls once ("on 13 calls"): a session whose player sends the same mistake on every call
 * reads as one problem, not a wall of them. A click selects the line's first call.
 */
import { useMemo } from 'preact/hooks';
import type { Severity } from '../../core/findings/finding.ts';
import { groupRepeats, repeatCount } from '../../core/findings/repeats.ts';
import { clip } from '../format.ts';
import { useStore } from '../store/use-store.ts';

const MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
/** Lines drawn at most: a session with thousands of different findings keeps the pane usable. */
const SHOWN = 100;

export function SessionFindings({ sid }: { sid: string }) {
  const store = useStore();
  const analysis = store.analysis();
  // Recomputed only when the analysis changes (the store keeps one result per change) or the session does.
  const groups = useMemo(() => groupRepeats(analysis.findings.filter((f) => f.sid === sid)), [analysis, sid]);
  if (groups.length === 0) return null;
  return (
    <div class="summary-findings" data-testid="summary-findings">
      <div class="summary-findings-title">Findings</div>
      <ul>
        {groups.slice(0, SHOWN).map((g, i) => {
          const f = g.finding;
          return (
            <li key={i}>
              <button type="button" class="summary-finding" data-testid="summary-finding" data-code={f.code} data-exchange={f.exchange}
                data-count={g.count} title={`${f.severity} ${f.code}: ${clip(f.message, 300)} (select request #${f.exchange})`}
                onClick={() => store.select(f.exchange)}>
                <span class={`sev-${f.severity}`}>{MARK[f.severity]} <span class="code">{f.code}</span></span>
                {' '}<span class="message">{clip(f.message, 160)}</span>
                {g.count > 1 && <span class="repeats" data-testid="summary-finding-repeats"> · {repeatCount(g)}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {groups.length > SHOWN && <div class="note">… and {groups.length - SHOWN} more: see the request list.</div>}
    </div>
  );
}
