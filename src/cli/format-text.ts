/**
 * Human-readable `mci check` output: per session its state, estimated metrics and findings in time
 * order. A finding repeated on several calls of a session is printed once, under its first call,
 * with the calls it is on; the totals still count every finding, as the JSON output does.
 */
import { countBySeverity, groupBySession, SEVERITIES, type Finding, type Severity } from '../core/findings/finding.ts';
import { describeRepeats, groupRepeats } from '../core/findings/repeats.ts';
import type { CheckResult, ExchangeRow, SessionRow } from '../core/report/check-result.ts';
import { DEFAULT_MAIN_PING_MS, type PingCadence } from '../core/session/ping-cadence.ts';
import { duration } from '../core/session/step-context.ts';
import { UNKNOWN_TO_ADOBE_STATE, unknownToAdobe, untitledName } from '../core/session/start-status.ts';
import { visible } from '../core/text/visible.ts';
import type { Colors } from './colors.ts';

const MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

/**
 * Captured strings come from arbitrary pages: control characters (terminal escape sequences,
 * carriage returns, line feeds, NUL) are shown as \xNN, bidi controls and other invisible
 * characters as \uXXXX (core/text/visible.ts, shared with the reports), so a recording can
 * neither rewrite, hide or forge output lines nor make them read backwards.
 */
function safe(text: string): string {
  return visible(text, 'line');
}

export function formatText(result: CheckResult, c: Colors): string {
  const lines: string[] = [];
  const paint = (s: Severity, text: string) => (s === 'error' ? c.red(text) : s === 'warning' ? c.yellow(text) : c.blue(text));
  const tally = (findings: readonly Finding[]) => {
    const n = countBySeverity(findings);
    return findings.length === 0 ? c.dim('no findings') : SEVERITIES.filter((s) => n[s]).map((s) => paint(s, `${n[s]} ${plural(s, n[s])}`)).join(', ');
  };
  const rows = new Map(result.exchanges.map((r) => [r.index, r]));

  const printFindings = (findings: readonly Finding[], t0: number | null) => {
    let lastExchange = -1;
    for (const group of groupRepeats(findings)) {
      const f = group.finding;
      if (f.exchange !== lastExchange) {
        lastExchange = f.exchange;
        const row = rows.get(f.exchange);
        const when = f.time !== null && t0 !== null ? `+${((f.time - t0) / 1000).toFixed(3)}s` : '';
        lines.push(`  ${c.dim(`#${f.exchange}`.padEnd(6))}${when.padStart(11)}  ${safe(row?.eventType ?? '').padEnd(16)} ${c.dim(row ? safe(`${row.method} ${row.kind} → ${row.status || 'no reply'}`) : '')}`);
      }
      const repeats = group.count > 1 ? ` ${c.dim(`(${describeRepeats(group)})`)}` : '';
      lines.push(`      ${paint(f.severity, `${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.code}`)}  ${safe(f.message)}${repeats}`);
      lines.push(`        ${c.dim(`fix: ${safe(f.fix)}`)}`);
    }
  };

  for (const input of result.inputs) {
    lines.push(c.bold(safe(input.file)) + c.dim(` (${input.entries} requests${input.creator ? `, recorded by ${safe(input.creator)}` : ''})`));
  }
  for (const session of result.sessions) {
    lines.push('', `${c.bold(`Session ${safe(session.sid)}`)}  ${c.dim(safe(describeMedia(session)))}  ${tally(session.findings)}`);
    lines.push(`  ${c.dim('state')}      ${safe(describeState(session))}`);
    for (const line of describeMetrics(session)) lines.push(`  ${c.dim(line.label.padEnd(10))} ${safe(line.text)}`);
    printFindings(session.findings, session.metrics.start);
  }
  const sids = new Set(result.sessions.map((s) => s.sid));
  const loose = result.exchanges.filter((r) => r.sid === null || !sids.has(r.sid));
  if (loose.length > 0) {
    const looseFindings = groupBySession(result.findings, [...sids]).loose;
    lines.push('', `${c.bold('Calls outside any session')}  ${c.dim(`${loose.length} call${loose.length === 1 ? '' : 's'}`)}  ${tally(looseFindings)}`);
    printFindings(looseFindings, firstTime(loose));
  }
  const s = result.summary;
  const total = SEVERITIES.map((sev) => paint(sev, `${s.findings[sev]} ${plural(sev, s.findings[sev])}`)).join(', ');
  lines.push(
    '',
    `${s.exchanges} Media Collection call${s.exchanges === 1 ? '' : 's'} in ${s.sessions} session${s.sessions === 1 ? '' : 's'}, ${s.ignored} other request${s.ignored === 1 ? '' : 's'} ignored: ${total}`,
    '',
  );
  return lines.join('\n');
}

function describeMedia(s: SessionRow): string {
  const m = s.media;
  const parts = [
    m.id ? `${m.id}${m.name ? ` "${m.name}"` : ''}` : untitledName(s),
    m.contentType,
    m.playerName ? `player ${m.playerName}` : null,
    `${s.calls.length} call${s.calls.length === 1 ? '' : 's'}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function describeState(s: SessionRow): string {
  const st = s.state;
  if (unknownToAdobe(s)) return UNKNOWN_TO_ADOBE_STATE;
  const status = st.closed ? `closed (${st.closed})` : st.completed ? 'completed, still open' : 'open';
  return [
    status,
    `playback ${st.playback}`,
    st.inAdBreak ? `in an ad break${st.ad ? ` (ad ${st.ad})` : ''}` : st.ad ? `orphan ad ${st.ad} playing` : null,
    st.chapter !== null ? `in chapter ${st.chapter}` : null,
    st.activeStates.length ? `player states: ${st.activeStates.join(', ')}` : null,
  ].filter(Boolean).join(' · ');
}

function describeMetrics(s: SessionRow): { label: string; text: string }[] {
  const m = s.metrics;
  const n = m.counts;
  const out = [
    // Only a cadence other than Adobe's default is said: the output of every other session is as it was.
    ...(s.pingCadence.source === 'default' ? [] : [{ label: 'pings', text: describePings(s.pingCadence) }]),
    { label: 'estimates', text: `duration ${duration(m.durationMs)} · content ${duration(m.mainContentMs)} · ads ${duration(m.adMs)} · paused ${duration(m.pausedMs)} · buffering ${duration(m.bufferingMs)}${m.orphanAdCreditedToMainMs ? ` · orphan ads credited to content ${duration(m.orphanAdCreditedToMainMs)}` : ''}` },
    { label: 'counts', text: `${n.events} events · ${n.adBreaks} ad breaks · ads ${n.adsStarted} started, ${n.adsCompleted} completed, ${n.adsSkipped} skipped · chapters ${n.chaptersStarted} (${n.chaptersCompleted} completed, ${n.chaptersSkipped} skipped) · ${n.errors} errors · ${n.bitrateChanges} bitrate changes · ${n.pings} pings` },
  ];
  const per = [
    ...m.chapters.map((ch) => `chapter ${ch.index ?? '?'}${ch.name ? ` "${ch.name}"` : ''} ${duration(ch.playedMs)}`),
    ...Object.entries(m.playerStatesMs).map(([name, ms]) => `state ${name} ${duration(ms)}`),
  ];
  if (per.length) out.push({ label: '', text: per.join(' · ') });
  return out;
}

/** The main ping interval the session was judged by, when it is not Adobe's default of 10 s. */
function describePings(c: PingCadence): string {
  const why = c.source === 'setting' ? 'setting: main ping interval' : `this session's own interval, read from its first pings; Adobe's default is ${DEFAULT_MAIN_PING_MS / 1000} s`;
  return `every ${c.mainMs / 1000} s in main content (${why})`;
}

function firstTime(rows: readonly ExchangeRow[]): number | null {
  const t = rows.map((r) => (r.startedDateTime ? Date.parse(r.startedDateTime) : Number.NaN)).filter(Number.isFinite);
  return t.length ? Math.min(...t) : null;
}

function plural(s: Severity, n: number): string {
  return n === 1 || s === 'info' ? s : `${s}s`;
}
