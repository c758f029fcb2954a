/**
 * Estimated metrics of one session: what Adobe's back end should count, the ping interval it was
 * judged by, and its findings. It says which session it shows; with several selected, which of
 * them, with ‹ › to go through the others.
 * It shows the selected session, or with none selected the selected request's session (a click on
 * another session's 410 in *All sessions* brings that session here), else the newest.
 */
import { untitledName } from '../../core/session/start-status.ts';
import { useMemo, useState } from 'preact/hooks';
import type { PingCadence } from '../../core/session/ping-cadence.ts';
import type { SessionReport } from '../../core/session/session-report.ts';
import { clip, durationText, shortSid } from '../format.ts';
import { usePanelState, useStore } from '../store/use-store.ts';
import { SessionFindings } from './SessionFindings.tsx';
import { chipClass, sessionColours } from '../session-colour.ts';

/** The main ping interval and where it came from: a session's pings are judged late against it. */
function cadenceText(c: PingCadence): string {
  const why = c.source === 'inferred' ? "this session's own, read from its pings" : c.source === 'setting' ? 'setting' : "Adobe's default";
  return `${c.mainMs / 1000} s (${why})`;
}

/** The session's name as the sessions list gives it. */
function titleOf(s: SessionReport): string {
  return clip(s.media.name ?? s.media.id ?? untitledName(s), 60);
}

export function Summary() {
  const store = useStore();
  usePanelState(); // re-rendered on every change of the selection
  const [chosen, setChosen] = useState<string | null>(null);
  const sessions = store.analysis().sessions;
  // The selected sessions; with none, the selected request's session (else the newest).
  const shown = store.shownSessions();
  const colours = useMemo(() => sessionColours(sessions), [sessions]);
  const at = Math.max(0, chosen === null ? 0 : shown.indexOf(chosen));
  const sid = shown[at];
  const s = sessions.find((x) => x.sid === sid);
  if (!s) return null;
  const several = shown.length > 1;
  const go = (delta: number) => setChosen(shown[(at + delta + shown.length) % shown.length] ?? null);
  const m = s.metrics;
  const c = m.counts;
  // [label, value, the value may wrap (a sentence, not a figure)]
  const rows: [string, string, boolean?][] = [
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
    ['Main ping interval', cadenceText(s.pingCadence), true],
    ['Events', String(c.events)],
    ...m.chapters.map((ch): [string, string] => [`Chapter ${ch.index ?? '?'}${ch.name ? ` “${clip(ch.name, 60)}”` : ''} (${ch.end})`, durationText(ch.playedMs)]),
    ...Object.entries(m.playerStatesMs).map(([name, ms]): [string, string] => [`State ${clip(name, 60)}`, durationText(ms)]),
  ];
  return (
    <div class="summary" data-testid="summary">
      <div class="pane-title summary-title" data-testid="summary-of" data-sid={clip(s.sid, 200)} title={`sid ${clip(s.sid, 200)}`}>
        <span class="which"><span class={chipClass(colours.get(s.sid))} data-testid="summary-chip" /> Summary of <span class="name">{titleOf(s)}</span> ({shortSid(s.sid)}) · estimates</span>
        {several && (
          <span class="switch" data-testid="summary-switch">
            <button type="button" title="Previous selected session" aria-label="Previous selected session" onClick={() => go(-1)} data-testid="summary-prev">‹</button>
            <span class="pos">{at + 1} of {shown.length} selected</span>
            <button type="button" title="Next selected session" aria-label="Next selected session" onClick={() => go(1)} data-testid="summary-next">›</button>
          </span>
        )}
      </div>
      <table>
        <tbody>
          {rows.map(([k, v, wraps]) => <tr key={k}><td style={k.startsWith('  ') ? { paddingLeft: '18px' } : undefined}>{k.trim()}</td><td class={wraps ? 'num wraps' : 'num'}>{v}</td></tr>)}
        </tbody>
      </table>
      <div class="note">Estimated from the events' ts, as Adobe's back end counts time; the reports may differ slightly.</div>
      <SessionFindings sid={s.sid} />
    </div>
  );
}
