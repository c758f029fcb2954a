/**
 * A short Markdown summary for a bug ticket: sessions, content, findings with times and codes,
 * metrics. A finding repeated on several calls of a session is one row, at its first call.
 * Captured text goes through markdown-text.ts: shown as captured, cut, and nothing in it links,
 * mentions or references (see there); the request numbers (`#12`) are code spans for the same
 * reason, or GitHub would link each to the issue of that number and note the mention there.
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
import { cutText } from '../text/cut.ts';
import { MESSAGE_MAX, mdCode, mdLineStart, mdText, VALUE_MAX } from './markdown-text.ts';

/** At most this many rows (findings, a repeated one counting once) per session; the rest are counted. */
const MAX_FINDINGS = 30;

export function toMarkdown(analysis: AnalysisResult, source: string): string {
  const n = countBySeverity(analysis.findings);
  const labels = new Map(analysis.calls.map((c) => [c.exchange.index, c.label]));
  const lines = [
    `### Media Collection: ${analysis.sessions.length} session${analysis.sessions.length === 1 ? '' : 's'}, ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info`,
    '',
    `${mdLineStart(source)} · ${analysis.calls.length} calls · ${TOOL_NAME} ${TOOL_VERSION}`,
  ];
  const { bySid, loose } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
  for (const s of analysis.sessions) {
    const findings = bySid.get(s.sid) ?? [];
    lines.push('', `**Session ${mdCode(s.sid)}** · ${describe(s)}`, '');
    if (findings.length === 0) lines.push('No finding.');
    else lines.push(...table(findings, s.metrics.start, labels));
    const m = s.metrics;
    // The ping interval is said only when it is not Adobe's default of 10 s.
    const pings = s.pingCadence.source === 'default' ? '' : ` · main pings every ${mdText(describeCadence(s.pingCadence))}`;
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

/** The session's content and state, each captured value cut on its own, the line escaped as a whole. */
function describe(s: SessionReport): string {
  const m = s.media;
  const cut = (v: string) => cutText(v, VALUE_MAX);
  const what = m.id ? `${cut(m.id)}${m.name ? ` "${cut(m.name)}"` : ''}` : s.startCaptured ? 'no media.id' : 'start not captured';
  const state = s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : 'open';
  const line = [what, m.contentType && cut(m.contentType), m.playerName ? `player ${cut(m.playerName)}` : null, state, duration(s.metrics.durationMs)].filter(Boolean).join(' · ');
  return mdText(line, { max: Infinity });
}

function row(g: FindingGroup, start: number | null, label: string): string {
  const f = g.finding;
  const when = f.time !== null && start !== null ? `+${((f.time - start) / 1000).toFixed(3)} s` : f.time !== null ? isoTime(f.time) : '';
  const request = `\`#${f.exchange}\` ${mdText(label, { table: true })}`;
  const more = repeats(g);
  return `| ${when} | ${more ? `${request.trimEnd()}${more}` : request} | ${f.severity} | \`${f.code}\` | ${mdText(f.message, { max: MESSAGE_MAX, table: true })} |`;
}

/** " (and 12 more calls)" for a finding on 13 calls; " (3 times)" for one a call holds three times. */
function repeats(g: FindingGroup): string {
  if (g.count === 1) return '';
  const more = callsOf(g).length - 1;
  return more === 0 ? ` (${g.count} times)` : ` (and ${more} more call${more === 1 ? '' : 's'})`;
}
