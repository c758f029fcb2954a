/**
 * A short Markdown summary for a bug ticket: sessions, content, findings with times and codes,
 * metrics. A finding repeated on several calls of a session is one row, at its first call.
 */
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { Finding } from '../findings/finding.ts';
import type { SessionReport } from '../session/session-report.ts';
import { duration } from '../session/step-context.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { isoTime } from '../iso-time.ts';
import { countBySeverity, groupBySession } from '../findings/finding.ts';
import { callsOf, groupRepeats, type FindingGroup } from '../findings/repeats.ts';
import { describeCadence } from '../session/ping-cadence.ts';

/** At most this many rows (findings, a repeated one counting once) per session; the rest are counted. */
const MAX_FINDINGS = 30;

export function toMarkdown(analysis: AnalysisResult, source: string): string {
  const n = countBySeverity(analysis.findings);
  const labels = new Map(analysis.calls.map((c) => [c.exchange.index, c.label]));
  const lines = [
    `### Media Collection: ${analysis.sessions.length} session${analysis.sessions.length === 1 ? '' : 's'}, ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info`,
    '',
    `${cell(source)} · ${analysis.calls.length} calls · ${TOOL_NAME} ${TOOL_VERSION}`,
  ];
  const { bySid, loose } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
  for (const s of analysis.sessions) {
    const findings = bySid.get(s.sid) ?? [];
    lines.push('', `**Session ${code(s.sid)}** · ${cell(describe(s))}`, '');
    if (findings.length === 0) lines.push('No finding.');
    else lines.push(...table(findings, s.metrics.start, labels));
    const m = s.metrics;
    // The ping interval is said only when it is not Adobe's default of 10 s.
    const pings = s.pingCadence.source === 'default' ? '' : ` · main pings every ${cell(describeCadence(s.pingCadence))}`;
    lines.push('', `Estimated: content ${duration(m.mainContentMs)} · ads ${duration(m.adMs)} · orphan ads counted as content ${duration(m.orphanAdCreditedToMainMs)} · paused ${duration(m.pausedMs)} · buffering ${duration(m.bufferingMs)} · ads ${m.counts.adsStarted} started / ${m.counts.adsCompleted} completed · ${m.counts.chaptersStarted} chapters · ${m.counts.errors} errors${pings}.`);
  }
  if (loose.length) lines.push('', '**Calls outside any session**', '', ...table(loose, null, labels));
  return `${lines.join('\n')}\n`;
}

/** The findings table, one row per group of repeats, at most MAX_FINDINGS rows; the findings left out are counted. */
function table(findings: readonly Finding[], start: number | null, labels: ReadonlyMap<number, string>): string[] {
  const groups = groupRepeats(findings);
  const shown = groups.slice(0, MAX_FINDINGS);
  const out = ['| time | request | severity | code | finding |', '| --- | --- | --- | --- | --- |'];
  for (const g of shown) out.push(row(g, start, labels.get(g.finding.exchange) ?? ''));
  const left = findings.length - shown.reduce((sum, g) => sum + g.count, 0);
  if (left > 0) out.push('', `… and ${left} more findings (see the JSON or HTML report).`);
  return out;
}

function describe(s: SessionReport): string {
  const m = s.media;
  const what = m.id ? `${m.id}${m.name ? ` "${m.name}"` : ''}` : s.startCaptured ? 'no media.id' : 'start not captured';
  const state = s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : 'open';
  return [what, m.contentType, m.playerName ? `player ${m.playerName}` : null, state, duration(s.metrics.durationMs)].filter(Boolean).join(' · ');
}

function row(g: FindingGroup, start: number | null, label: string): string {
  const f = g.finding;
  const when = f.time !== null && start !== null ? `+${((f.time - start) / 1000).toFixed(3)} s` : f.time !== null ? isoTime(f.time) : '';
  const request = `#${f.exchange} ${cell(label)}`;
  const more = repeats(g);
  return `| ${when} | ${more ? `${request.trimEnd()}${more}` : request} | ${f.severity} | \`${f.code}\` | ${cell(f.message)} |`;
}

/** " (and 12 more calls)" for a finding on 13 calls; " (3 times)" for one a call holds three times. */
function repeats(g: FindingGroup): string {
  if (g.count === 1) return '';
  const more = callsOf(g).length - 1;
  return more === 0 ? ` (${g.count} times)` : ` (and ${more} more call${more === 1 ? '' : 's'})`;
}

/** Inline code that no captured string can break: one line, fenced by more backticks than it holds. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat}${fence}`;
}

/** Table-safe text: no line breaks, pipes escaped, nothing that Markdown would turn into markup. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}
