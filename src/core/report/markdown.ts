/**
 * A short Markdown summary for a bug ticket: where and when it was captured, sessions worst first
 * (errors, then warnings, then clean), content, findings with times, codes, the call each is on
 * (`POST …/events → 410`) and its fix, metrics. A finding repeated on several calls of a session is
 * one row, at its first call. The panel's "Copy Markdown" and `mci report --format md` are this.
 * Captured text goes through markdown-text.ts: shown as captured, cut, and nothing in it links,
 * mentions or references (see there); the request numbers (`#12`) are code spans for the same
 * reason, or GitHub would link each to the issue of that number and note the mention there.
 */
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { SessionReport } from '../session/session-report.ts';
import { duration } from '../session/step-context.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { isDateMs, isoTime } from '../iso-time.ts';
import { countBySeverity, groupBySession } from '../findings/finding.ts';
import { callsOf, groupRepeats, type FindingGroup } from '../findings/repeats.ts';
import { describeCadence } from '../session/ping-cadence.ts';
import { UNKNOWN_TO_ADOBE_STATE, unknownToAdobe, untitledName } from '../session/start-status.ts';
import { cutText } from '../text/cut.ts';
import { callSummary } from './call-summary.ts';
import { MESSAGE_MAX, mdCode, mdLineStart, mdText, VALUE_MAX } from './markdown-text.ts';
import type { RecordedFrom } from './recorded-from.ts';
import { worstFirst } from './worst-first.ts';

/** At most this many rows (findings, a repeated one counting once) per session; the rest are counted. */
const MAX_FINDINGS = 30;

/** What a row needs of a call: its event label and the call itself. */
interface Calls {
  labels: ReadonlyMap<number, string>;
  exchanges: ReadonlyMap<number, Exchange>;
}

/**
 * `recordedFrom`: the browser and pages of the capture (render-report.ts passes the report
 * context's, already narrowed to these calls' pages); the "Captured" line says what is known.
 */
export function toMarkdown(analysis: AnalysisResult, source: string, recordedFrom: RecordedFrom | null = null): string {
  const n = countBySeverity(analysis.findings);
  const calls: Calls = {
    labels: new Map(analysis.calls.map((c) => [c.exchange.index, c.label])),
    exchanges: new Map(analysis.calls.map((c) => [c.exchange.index, c.exchange])),
  };
  const lines = [
    `### Media Collection: ${analysis.sessions.length} session${analysis.sessions.length === 1 ? '' : 's'}, ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info`,
    '',
    `${mdLineStart(source)} · ${analysis.calls.length} call${analysis.calls.length === 1 ? '' : 's'} · ${TOOL_NAME} ${TOOL_VERSION}`,
  ];
  const captured = capturedLine(analysis, recordedFrom);
  if (captured) lines.push('', captured);
  const { bySid, loose } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
  for (const s of worstFirst(analysis.sessions, bySid)) {
    const findings = bySid.get(s.sid) ?? [];
    lines.push('', `**Session ${mdCode(s.sid)}** · ${describe(s)}`, '');
    if (findings.length === 0) lines.push('No finding.');
    else lines.push(...table(findings, s.metrics.start, calls));
    const m = s.metrics;
    // The ping interval is said only when it is not Adobe's default of 10 s.
    const pings = s.pingCadence.source === 'default' ? '' : ` · main pings every ${mdText(describeCadence(s.pingCadence))}`;
    lines.push('', `Estimated: content ${duration(m.mainContentMs)} · ads ${duration(m.adMs)} · orphan ads counted as content ${duration(m.orphanAdCreditedToMainMs)} · paused ${duration(m.pausedMs)} · buffering ${duration(m.bufferingMs)} · ads ${m.counts.adsStarted} started / ${m.counts.adsCompleted} completed · ${m.counts.chaptersStarted} chapters · ${m.counts.errors} errors${pings}.`);
  }
  if (loose.length) lines.push('', '**Calls outside any session**', '', ...table(loose, null, calls));
  return `${lines.join('\n')}\n`;
}

/** The findings table, one row per group of repeats, at most MAX_FINDINGS rows; the findings left out are counted. */
function table(findings: readonly Finding[], start: number | null, calls: Calls): string[] {
  const groups = groupRepeats(findings);
  const shown = groups.slice(0, MAX_FINDINGS);
  const out = ['| time | request | severity | code | finding |', '| --- | --- | --- | --- | --- |'];
  for (const g of shown) out.push(row(g, start, calls));
  const left = findings.length - shown.reduce((sum, g) => sum + g.count, 0);
  if (left > 0) out.push('', `… and ${left} more findings (see the JSON or HTML report).`);
  return out;
}

/** The session's content and state, each captured value cut on its own, the line escaped as a whole. */
function describe(s: SessionReport): string {
  const m = s.media;
  const cut = (v: string) => cutText(v, VALUE_MAX);
  const what = m.id ? `${cut(m.id)}${m.name ? ` "${cut(m.name)}"` : ''}` : untitledName(s);
  const state = unknownToAdobe(s) ? UNKNOWN_TO_ADOBE_STATE : s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : 'open';
  const line = [what, m.contentType && cut(m.contentType), m.playerName ? `player ${cut(m.playerName)}` : null, state, duration(s.metrics.durationMs)].filter(Boolean).join(' · ');
  return mdText(line, { max: Infinity });
}

/**
 * One finding: when, on which request and call (`#7` ping · `POST …/events → 410`), how serious,
 * its code, what is wrong and its fix.
 */
function row(g: FindingGroup, start: number | null, calls: Calls): string {
  const f = g.finding;
  const when = f.time !== null && start !== null ? `+${((f.time - start) / 1000).toFixed(3)} s` : f.time !== null ? isoTime(f.time) : '';
  const label = calls.labels.get(f.exchange) ?? '';
  const ex = calls.exchanges.get(f.exchange);
  const request = [`\`#${f.exchange}\``, label && mdText(label, { table: true }), ex && `· ${mdCode(callSummary(ex), { table: true })}`].filter(Boolean).join(' ');
  const finding = `${mdText(f.message, { max: MESSAGE_MAX, table: true })} **Fix:** ${mdText(f.fix, { max: MESSAGE_MAX, table: true })}`;
  return `| ${when} | ${request}${repeats(g)} | ${f.severity} | \`${f.code}\` | ${finding} |`;
}

/**
 * "Captured on 2026-11-02 10:00:00 UTC, `https://site.example/watch`, Chrome 150.0": the time of
 * the first call, the page (the first one, and how many more), the browser; what is unknown is left
 * out, and without any of it there is no line.
 */
function capturedLine(analysis: AnalysisResult, from: RecordedFrom | null): string | null {
  let first = Infinity;
  for (const c of analysis.calls) if (isDateMs(c.exchange.startedAt) && c.exchange.startedAt < first) first = c.exchange.startedAt;
  const parts: string[] = [];
  if (first !== Infinity) parts.push(`on ${isoTime(first).replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`);
  const pages = from?.pages ?? [];
  const page = pages[0];
  if (page) {
    const what = page.url !== null ? mdText(page.url) : mdText(page.title ?? '');
    parts.push(`${what}${pages.length > 1 ? ` (and ${pages.length - 1} more page${pages.length === 2 ? '' : 's'})` : ''}`);
  }
  const browsers = (from?.browsers ?? []).map((b) => mdText(`${b.name} ${b.version}`.trim()));
  if (browsers.length) parts.push(browsers.join(' and '));
  if (parts.length === 0) return null;
  return first !== Infinity ? `Captured ${parts.join(', ')}` : `Captured: ${parts.join(', ')}`;
}

/** " (and 12 more calls)" for a finding on 13 calls; " (3 times)" for one a call holds three times. */
function repeats(g: FindingGroup): string {
  if (g.count === 1) return '';
  const more = callsOf(g).length - 1;
  return more === 0 ? ` (${g.count} times)` : ` (and ${more} more call${more === 1 ? '' : 's'})`;
}
