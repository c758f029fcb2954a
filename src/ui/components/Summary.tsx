/** Estimated metrics of the selected session: what Adobe's back end should count. */
import { clip, durationText } from '../format.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { effectiveSelectionOf } from '../store/selection.ts';

export function Summary() {
  const store = useStore();
  const state = usePanelState();
  const sessions = store.analysis().sessions;
  const sid = effectiveSelectionOf(state.selectedSessions, sessions)[0];
  const s = sessions.find((x) => x.sid === sid);
  if (!s) return null;
  const m = s.metrics;
  const c = m.counts;
  const rows: [string, string][] = [
    ['Main content played', durationText(m.mainContentMs)],
    ['  of which orphan ads', durationText(m.orphanAdCreditedToMainMs)],
    ['Ads played (valid)', durationText(m.adMs)],
    ['Paused', durationText(m.pausedMs)],
    ['Buffering', durationText(m.bufferingMs)],
    ['Session span', durationText(m.durationMs)],
    ['Ads started / completed / skipped', `${c.adsStarted} / ${c.adsCompleted} / ${c.adsSkipped}`],
    ['Ad breaks', String(c.adBreaks)],
    ['Chapters started / completed / skipped', `${c.chaptersStarted} / ${c.chaptersCompleted} / ${c.chaptersSkipped}`],
    ['Errors', String(c.errors)],
    ['Bitrate changes', String(c.bitrateChanges)],
    ['Pings', String(c.pings)],
    ['Events', String(c.events)],
    ...m.chapters.map((ch): [string, string] => [`Chapter ${ch.index ?? '?'}${ch.name ? ` “${clip(ch.name, 60)}”` : ''} (${ch.end})`, durationText(ch.playedMs)]),
    ...Object.entries(m.playerStatesMs).map(([name, ms]): [string, string] => [`State ${clip(name, 60)}`, durationText(ms)]),
  ];
  return (
    <div class="summary" data-testid="summary">
      <div class="pane-title">Summary · estimates</div>
      <table>
        <tbody>
          {rows.map(([k, v]) => <tr key={k}><td style={k.startsWith('  ') ? { paddingLeft: '18px' } : undefined}>{k.trim()}</td><td class="num">{v}</td></tr>)}
        </tbody>
      </table>
      <div class="note">Estimated from the events' ts, as Adobe's back end counts time; the reports may differ slightly.</div>
    </div>
  );
}
