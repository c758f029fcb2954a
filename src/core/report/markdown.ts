/** A short Markdown summary for a bug ticket: sessions, content, findings with times and codes, metrics. */
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { Finding } from '../findings/finding.ts';
import type { SessionReport } from '../session/session-report.ts';
import { duration } from '../session/step-context.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { isoTime } from '../iso-time.ts';
import { countBySeverity, groupBySession } from '../findings/finding.ts';

/** At most this many findings per session; the rest are counted. */
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
    else {
      lines.push('| time | request | severity | code | finding |', '| --- | --- | --- | --- | --- |');
      for (const f of findings.slice(0, MAX_FINDINGS)) lines.push(row(f, s.metrics.start, labels.get(f.exchange) ?? ''));
      if (findings.length > MAX_FINDINGS) lines.push('', `… and ${findings.length - MAX_FINDINGS} more findings (see the JSON or HTML report).`);
    }
    const m = s.metrics;
    lines.push('', `Estimated: content ${duration(m.mainContentMs)} · ads ${duration(m.adMs)} · orphan ads counted as content ${duration(m.orphanAdCreditedToMainMs)} · paused ${duration(m.pausedMs)} · buffering ${duration(m.bufferingMs)} · ads ${m.counts.adsStarted} started / ${m.counts.adsCompleted} completed · ${m.counts.chaptersStarted} chapters · ${m.counts.errors} errors.`);
  }
  if (loose.length) {
    lines.push('', '**Calls outside any session**', '', '| time | request | severity | code | finding |', '| --- | --- | --- | --- | --- |');
    for (const f of loose.slice(0, MAX_FINDINGS)) lines.push(row(f, null, labels.get(f.exchange) ?? ''));
    if (loose.length > MAX_FINDINGS) lines.push('', `… and ${loose.length - MAX_FINDINGS} more findings (see the JSON or HTML report).`);
  }
  return `${lines.join('\n')}\n`;
}

function describe(s: SessionReport): string {
  const m = s.media;
  const what = m.id ? `${m.id}${m.name ? ` "${m.name}"` : ''}` : s.startCaptured ? 'no media.id' : 'start not captured';
  const state = s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : 'open';
  return [what, m.contentType, m.playerName ? `player ${m.playerName}` : null, state, duration(s.metrics.durationMs)].filter(Boolean).join(' · ');
}

function row(f: Finding, start: number | null, label: string): string {
  const when = f.time !== null && start !== null ? `+${((f.time - start) / 1000).toFixed(3)} s` : f.time !== null ? isoTime(f.time) : '';
  return `| ${when} | #${f.exchange} ${cell(label)} | ${f.severity} | \`${f.code}\` | ${cell(f.message)} |`;
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
