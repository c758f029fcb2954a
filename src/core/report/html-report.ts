/**
 * The HTML report: one self-contained file that opens anywhere without a network. No script at
 * all, a Content-Security-Policy that forbids any, and every captured string escaped: bodies come
 * from arbitrary web pages. Summary, per-session timeline (inline SVG), metrics and findings,
 * then every request in an expandable section.
 */
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { SessionReport } from '../session/session-report.ts';
import type { SessionTimeline } from '../session/timeline.ts';
import { duration } from '../session/step-context.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { escapeXml as esc } from './escape.ts';
import { isoTime } from '../iso-time.ts';
import { timelineSvg } from './timeline-svg.ts';
import { countBySeverity, groupBySession } from '../findings/finding.ts';

const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Bodies longer than this are cut in the report (the JSON report keeps them whole). */
const BODY_MAX = 200_000;

const STYLE = `
body{font:13px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#202124}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:14px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.error{color:#d93025}.warning{color:#b06000}.info{color:#1a73e8}
.sev{font-weight:600}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:6px;margin:4px 0}
details{border-bottom:1px solid #eee;padding:2px 0}summary{cursor:pointer}
.timeline{border:1px solid #ddd;margin:6px 0}.lbl{font:10px system-ui;fill:#5f6368}
.note{color:#5f6368}
`;

export interface HtmlReportInput {
  exchanges: readonly Exchange[];
  analysis: AnalysisResult;
  timelines: ReadonlyMap<string, SessionTimeline>;
  source: string;
  createdAt?: Date;
}

export function toHtml(input: HtmlReportInput): string {
  const { analysis, exchanges } = input;
  const n = countBySeverity(analysis.findings);
  const byExchange = new Map<number, Finding[]>();
  for (const f of analysis.findings) (byExchange.get(f.exchange) ?? byExchange.set(f.exchange, []).get(f.exchange))?.push(f);
  const labels = new Map(analysis.calls.map((c) => [c.exchange.index, c.label]));
  const { bySid, loose } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
  const body = [
    `<h1>Media Collection report</h1>`,
    `<p>${esc(input.source)} · created ${esc((input.createdAt ?? new Date()).toISOString())} · ${esc(TOOL_NAME)} ${esc(TOOL_VERSION)}</p>`,
    `<table><tbody>`,
    `<tr><th>Media Collection calls</th><td class="num">${analysis.calls.length}</td></tr>`,
    `<tr><th>Sessions</th><td class="num">${analysis.sessions.length}</td></tr>`,
    `<tr><th>Findings</th><td><span class="error">${n.error} errors</span> · <span class="warning">${n.warning} warnings</span> · <span class="info">${n.info} info</span></td></tr>`,
    `<tr><th>Other requests</th><td class="num">${analysis.ignored}</td></tr>`,
    `<tr><th>Settings</th><td><code>${esc(JSON.stringify(analysis.settings))}</code></td></tr>`,
    `</tbody></table>`,
    ...analysis.sessions.map((s) => sessionSection(s, bySid.get(s.sid) ?? [], input.timelines.get(s.sid), labels)),
    loose.length ? `<h2>Calls outside any session</h2>${findingsTable(loose, null, labels)}` : '',
    `<h2>Requests</h2>`,
    `<p class="note">Every Media Collection request, in send order; open one to see its body, its reply and its findings.</p>`,
    ...[...exchanges].filter((e) => labels.has(e.index)).sort((a, b) => (a.startedAt || 0) - (b.startedAt || 0) || a.index - b.index)
      .map((e) => requestSection(e, labels.get(e.index) ?? '', byExchange.get(e.index) ?? [])),
  ];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width">',
    `<title>Media Collection report · ${esc(input.source)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

function sessionSection(s: SessionReport, findings: Finding[], tl: SessionTimeline | undefined, labels: Map<number, string>): string {
  const m = s.metrics;
  const media = [s.media.id, s.media.name && `"${s.media.name}"`, s.media.contentType, s.media.playerName && `player ${s.media.playerName}`].filter(Boolean).join(' · ');
  const state = s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : `open, ${s.state.playback}`;
  const metrics: [string, string][] = [
    ['Main content played', duration(m.mainContentMs)], ['of which orphan ads', duration(m.orphanAdCreditedToMainMs)],
    ['Ads played (valid)', duration(m.adMs)], ['Paused', duration(m.pausedMs)], ['Buffering', duration(m.bufferingMs)],
    ['Session span', duration(m.durationMs)],
    ['Ads started / completed / skipped', `${m.counts.adsStarted} / ${m.counts.adsCompleted} / ${m.counts.adsSkipped}`],
    ['Chapters started / completed / skipped', `${m.counts.chaptersStarted} / ${m.counts.chaptersCompleted} / ${m.counts.chaptersSkipped}`],
    ['Errors / bitrate changes / pings / events', `${m.counts.errors} / ${m.counts.bitrateChanges} / ${m.counts.pings} / ${m.counts.events}`],
    ...m.chapters.map((c): [string, string] => [`Chapter ${c.index ?? '?'}${c.name ? ` "${c.name}"` : ''} (${c.end})`, duration(c.playedMs)]),
    ...Object.entries(m.playerStatesMs).map(([k, v]): [string, string] => [`State ${k}`, duration(v)]),
  ];
  return [
    `<h2>Session <code>${esc(s.sid)}</code></h2>`,
    `<p>${esc(media || (s.startCaptured ? 'no media.id' : 'start not captured'))} · ${esc(state)}</p>`,
    tl ? timelineSvg(tl, findings) : '',
    `<h3>Estimated metrics</h3><table><tbody>${metrics.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`).join('')}</tbody></table>`,
    `<h3>Findings (${findings.length})</h3>`,
    findingsTable(findings, m.start, labels),
  ].join('\n');
}

function findingsTable(findings: readonly Finding[], start: number | null, labels: Map<number, string>): string {
  if (!findings.length) return '<p>No finding.</p>';
  const rows = findings.map((f) => `<tr><td class="num">${esc(when(f.time, start))}</td><td>#${f.exchange} ${esc(labels.get(f.exchange) ?? '')}</td><td class="sev ${f.severity}">${f.severity}</td><td><code>${esc(f.code)}</code></td><td>${esc(f.message)}${f.pointer && f.pointer !== '/' ? `<br><code>${esc(f.pointer)}</code>` : ''}<br><span class="note">Fix: ${esc(f.fix)}</span></td></tr>`);
  return `<table><thead><tr><th>time</th><th>request</th><th>severity</th><th>code</th><th>finding</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function requestSection(e: Exchange, label: string, findings: Finding[]): string {
  const badges = findings.map((f) => `<span class="sev ${f.severity}">${esc(f.code)}</span>`).join(' ');
  const reqHeaders = e.requestHeaders.map((h) => `${h.name}: ${h.value}`).join('\n');
  const resHeaders = e.responseHeaders.map((h) => `${h.name}: ${h.value}`).join('\n');
  return [
    `<details><summary>#${e.index} · ${esc(when(e.startedAt, null))} · ${esc(label || '(no event)')} · ${e.status || 'no reply'} ${badges}</summary>`,
    `<p><code>${esc(`${e.method} ${e.url}`)}</code></p>`,
    `<h4>Request body</h4><pre>${e.requestBody === null ? '(not exposed by the browser)' : esc(pretty(e.requestBody))}</pre>`,
    reqHeaders ? `<h4>Request headers</h4><pre>${esc(reqHeaders)}</pre>` : '',
    `<h4>Reply</h4><pre>${esc(`${e.status ? `${e.status} ${e.statusText}` : `no reply${e.failure ? ` (${e.failure})` : ''}`}\n${resHeaders}`)}</pre>`,
    e.responseBody ? `<pre>${esc(cut(e.responseBody))}</pre>` : '',
    findings.length ? `<ul>${findings.map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> <code>${esc(f.code)}</code>: ${esc(f.message)}</li>`).join('')}</ul>` : '',
    '</details>',
  ].join('\n');
}

function pretty(body: string): string {
  try {
    return cut(JSON.stringify(JSON.parse(body), null, 2));
  } catch {
    return cut(body);
  }
}

function cut(s: string): string {
  return s.length > BODY_MAX ? `${s.slice(0, BODY_MAX)}\n… (${s.length - BODY_MAX} more characters: see the JSON report)` : s;
}

function when(t: number | null, start: number | null): string {
  if (t === null || !Number.isFinite(t)) return '';
  return start !== null ? `+${((t - start) / 1000).toFixed(3)} s` : isoTime(t);
}
