/**
 * The HTML report: one self-contained file that opens anywhere without a network. No script at
 * all, a Content-Security-Policy that forbids any, and every captured string escaped: bodies come
 * from arbitrary web pages. Summary (with where the recording came from), the settings as a
 * table, an index of the sessions worst first (errors, then warnings, then clean), per-session
 * sections in the same order (each with a stable `id`, its anchor) holding the timeline (inline
 * SVG with a time axis and a legend, timeline-svg.ts), metrics and findings (html-findings.ts: a
 * finding repeated on several calls once; every `#n` of a request links to it), then every request
 * in an expandable section (`id="request-<index>"`) with all its findings. The only links are
 * these same-page ones.
 *
 * Captured strings go through html-text.ts: escaped, their invisible and bidi control characters
 * shown, isolated, long ones cut (see there). The report is made as chunks (`htmlChunks`), never
 * as one string: the CLI writes them as they come.
 */
import type { AnalysisResult } from '../analysis/analyser.ts';
import type { Exchange } from '../exchange.ts';
import type { Finding } from '../findings/finding.ts';
import type { SessionReport } from '../session/session-report.ts';
import type { SessionTimeline } from '../session/timeline.ts';
import { duration } from '../session/step-context.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { escapeXml as esc } from './escape.ts';
import { attr, block, BLOCK_MAX, CAPTURED_STYLE, code, INLINE_MAX, text, value } from './html-text.ts';
import { TIMELINE_STYLE, timelineSvg } from './timeline-svg.ts';
import { countBySeverity, groupBySession } from '../findings/finding.ts';
import { describeCadence } from '../session/ping-cadence.ts';
import { UNKNOWN_TO_ADOBE_STATE, unknownToAdobe, untitledName } from '../session/start-status.ts';
import { findingItems, findingsTable, LABEL_MAX, requestAnchor, when, type FindingsTable } from './html-findings.ts';
import { settingsTable } from './html-settings.ts';
import type { RecordedFrom } from './recorded-from.ts';
import { worstFirst } from './worst-first.ts';

const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The report is handed out in chunks of about this many characters. */
const CHUNK = 64 * 1024;

/**
 * Readable from a 700-px window up: tables never wider than the page (long words break anywhere,
 * CAPTURED_STYLE), the timeline scaled to the page, only a <pre> may scroll sideways on its own.
 */
const STYLE = `
body{font:13px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#202124}
h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:14px}
table{border-collapse:collapse;margin:6px 0;max-width:100%}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.error{color:#d93025}.warning{color:#b06000}.info{color:#1a73e8}
.sev{font-weight:600}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:6px;margin:4px 0;max-width:100%;overflow-x:auto}
details{border-bottom:1px solid #eee;padding:2px 0}summary{cursor:pointer}
.note{color:#5f6368}
.sid{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#5f6368}
table.index td.num{min-width:3em}
th,td.words,td.sev{overflow-wrap:normal}td.words code{white-space:nowrap}td.req{min-width:7em}
table.settings th{font-weight:400}
${TIMELINE_STYLE}
${CAPTURED_STYLE}`;

/** How many pages of the recording the summary names at most. */
const PAGES_SHOWN = 20;

export interface HtmlReportInput {
  exchanges: readonly Exchange[];
  analysis: AnalysisResult;
  timelines: ReadonlyMap<string, SessionTimeline>;
  source: string;
  createdAt?: Date;
  /**
   * Requests seen that are not Media Collection calls; default `analysis.ignored`. The panel
   * counts them without keeping them, so its exports pass its own count.
   */
  otherRequests?: number;
  /** The browser and pages the recording was made in and on, when known. */
  recordedFrom?: RecordedFrom | null;
}

/** The report as one string (the panel's export); the CLI writes `htmlChunks` as they come. */
export function toHtml(input: HtmlReportInput): string {
  let html = '';
  for (const chunk of htmlChunks(input)) html += chunk;
  return html;
}

/** The report in chunks of about `chunkSize` characters: no string of the whole report is made. */
export function* htmlChunks(input: HtmlReportInput, chunkSize = CHUNK): Generator<string, void, undefined> {
  let parts: string[] = [];
  let size = 0;
  for (const part of htmlParts(input)) {
    parts.push(part);
    size += part.length;
    if (size >= chunkSize) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield parts.join('');
}

/** The report's text in document order, in pieces of a line or a section each. */
function* htmlParts(input: HtmlReportInput): Generator<string, void, undefined> {
  const { analysis, exchanges } = input;
  const n = countBySeverity(analysis.findings);
  const byExchange = new Map<number, Finding[]>();
  for (const f of analysis.findings) (byExchange.get(f.exchange) ?? byExchange.set(f.exchange, []).get(f.exchange))?.push(f);
  const labels = new Map(analysis.calls.map((c) => [c.exchange.index, c.label]));
  const sids = new Map(analysis.calls.map((c) => [c.exchange.index, c.sid]));
  const { bySid, loose } = groupBySession(analysis.findings, analysis.sessions.map((s) => s.sid));
  const anchors = sessionAnchors(analysis.sessions.map((s) => s.sid));
  const requests = [...exchanges].filter((e) => labels.has(e.index)).sort((a, b) => (a.startedAt || 0) - (b.startedAt || 0) || a.index - b.index);
  // Each request's section is the anchor `request-<index>` the findings tables link to (an index
  // is unique in a recording; should one repeat, its first section alone carries the id).
  const anchored = new Set<number>();
  const requestIds = requests.map((e) => (anchored.has(e.index) ? null : (anchored.add(e.index), requestAnchor(e.index))));
  const table: FindingsTable = { labels, anchored };
  const line = (s: string) => `${s}\n`;
  yield line([
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width">',
    `<title>Media Collection report · ${attr(input.source)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>Media Collection report</h1>`,
    `<p>${text(input.source)} · created ${esc((input.createdAt ?? new Date()).toISOString())} · ${esc(TOOL_NAME)} ${esc(TOOL_VERSION)}</p>`,
    `<table><tbody>`,
    `<tr><th>Media Collection calls</th><td class="num">${analysis.calls.length}</td></tr>`,
    `<tr><th>Sessions</th><td class="num">${analysis.sessions.length}</td></tr>`,
    `<tr><th>Findings</th><td><span class="error">${n.error} errors</span> · <span class="warning">${n.warning} warnings</span> · <span class="info">${n.info} info</span></td></tr>`,
    `<tr><th>Other requests</th><td class="num">${input.otherRequests ?? analysis.ignored}</td></tr>`,
    ...recordedFromRows(input.recordedFrom ?? null),
    `</tbody></table>`,
    `<h3>Settings</h3>`,
    settingsTable(analysis.settings),
  ].join('\n'));
  // Worst first, in the index and in the sections alike: errors, then warnings, then clean.
  const sessions = worstFirst(analysis.sessions, bySid);
  yield* sessionIndex(sessions, bySid, anchors);
  for (const s of sessions) yield line(sessionSection(s, bySid.get(s.sid) ?? [], input.timelines.get(s.sid), table, anchors.get(s.sid) ?? ''));
  yield line(loose.length ? `<h2>Calls outside any session</h2>${findingsTable(loose, null, table)}` : '');
  yield line(`<h2>Requests</h2>`);
  yield line(`<p class="note">Every Media Collection request, in send order; open one to see its body, its reply and its findings.</p>`);
  for (const [i, e] of requests.entries()) {
    yield line(requestSection(e, labels.get(e.index) ?? '', sids.get(e.index) ?? null, byExchange.get(e.index) ?? [], requestIds[i] ?? null, anchored));
  }
  yield line('</body></html>');
}

/** The browser and the pages, as rows of the summary table (none when unknown). */
function recordedFromRows(from: RecordedFrom | null): string[] {
  if (!from) return [];
  const rows: string[] = [];
  if (from.browsers.length) {
    rows.push(`<tr><th>Recorded in</th><td>${from.browsers.map((b) => text(`${b.name} ${b.version}`.trim())).join('<br>')}</td></tr>`);
  }
  if (from.pages.length) {
    const shown = from.pages.slice(0, PAGES_SHOWN).map((p) => {
      const what = p.url !== null ? value(p.url, true) : text(p.title ?? '');
      const title = p.url !== null && p.title ? ` ${text(p.title)}` : '';
      const since = p.startedDateTime ? ` <span class="note">from ${text(p.startedDateTime)}</span>` : '';
      return `${what}${title}${since}`;
    });
    if (from.pages.length > PAGES_SHOWN) shown.push(`<span class="note">… and ${from.pages.length - PAGES_SHOWN} more</span>`);
    rows.push(`<tr><th>${from.pages.length === 1 ? 'Page' : 'Pages'}</th><td>${shown.join('<br>')}</td></tr>`);
  }
  return rows;
}

/**
 * A stable anchor per session, derived from its sid: `session-<sid>` for a sid of letters,
 * digits, `-` and `_` (every sid Adobe hands out), otherwise what is left of it plus a hash of it.
 */
export function sessionAnchors(sids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const sid of sids) {
    let id = /^[A-Za-z0-9_-]{1,64}$/.test(sid) ? `session-${sid}` : `session-${sid.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32)}-${fnv1a(sid)}`;
    for (let n = 2; used.has(id); n++) id = `${id.replace(/~\d+$/, '')}~${n}`;
    used.add(id);
    out.set(sid, id);
  }
  return out;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The first characters of a sid, the whole of it in the title (hover; cut when very long). */
function shortSid(sid: string | null): string {
  if (sid === null) return '<span class="sid">no session</span>';
  // The first 10 code points at most: a hostile sid may be megabytes long.
  const chars = Array.from(sid.slice(0, 22));
  const short = chars.length > 10 ? `${chars.slice(0, 8).join('')}…` : sid;
  return `<span class="sid" title="${attr(sid)}">${text(short)}</span>`;
}

function stateOf(s: SessionReport): string {
  if (unknownToAdobe(s)) return UNKNOWN_TO_ADOBE_STATE;
  return s.state.closed ? `closed (${s.state.closed})` : s.state.completed ? 'completed' : `open, ${s.state.playback}`;
}

function titleOf(s: SessionReport): string {
  return s.media.name || s.media.id || untitledName(s);
}

/**
 * The index at the top: per session its title, sid, state and error and warning counts, and the
 * anchor of its section (`report.html#session-…`). No <a> element: the report holds no link.
 */
function* sessionIndex(sessions: readonly SessionReport[], bySid: ReadonlyMap<string, Finding[]>, anchors: ReadonlyMap<string, string>): Generator<string, void, undefined> {
  if (sessions.length === 0) {
    yield '\n';
    return;
  }
  yield `<h2>Sessions (${sessions.length})</h2>\n<table class="index"><thead><tr><th>#</th><th>title</th><th>sid</th><th>state</th><th>errors</th><th>warnings</th><th>anchor</th></tr></thead><tbody>`;
  for (const [i, s] of sessions.entries()) {
    const n = countBySeverity(bySid.get(s.sid) ?? []);
    const anchor = anchors.get(s.sid) ?? '';
    // A same-page link: the report stays free of anything that loads or runs.
    yield `<tr data-anchor="${esc(anchor)}"><td class="num">${i + 1}</td><td><a href="#${esc(anchor)}">${text(titleOf(s), LABEL_MAX)}</a></td><td>${shortSid(s.sid)}</td><td class="words">${text(stateOf(s))}</td>`
      + `<td class="num${n.error ? ' error' : ''}">${n.error}</td><td class="num${n.warning ? ' warning' : ''}">${n.warning}</td><td><code>#${esc(anchor)}</code></td></tr>`;
  }
  yield '</tbody></table>\n';
}

function sessionSection(s: SessionReport, findings: Finding[], tl: SessionTimeline | undefined, table: FindingsTable, anchor: string): string {
  const m = s.metrics;
  const media = [s.media.id, s.media.name && `"${s.media.name}"`, s.media.contentType, s.media.playerName && `player ${s.media.playerName}`].filter(Boolean).join(' · ');
  const state = stateOf(s);
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
    `<div class="session" id="${esc(anchor)}">`,
    // A sid too long for its heading is whole one click away, under it.
    `<h2>Session ${code(s.sid)}</h2>${s.sid.length > INLINE_MAX ? `\n<div>${value(s.sid, true)}</div>` : ''}`,
    `<p>${text(media || untitledName(s))} · ${text(state)}</p>`,
    tl ? timelineSvg(tl, findings) : '',
    `<h3>Estimated metrics</h3><table><tbody>${metrics.map(([k, v]) => `<tr><td>${value(k)}</td><td class="num">${esc(v)}</td></tr>`).join('')}</tbody></table>`,
    // Said only when the session was not judged by Adobe's default of a ping every 10 s.
    s.pingCadence.source === 'default' ? '' : `<p class="note">Main-content pings judged at one every ${esc(describeCadence(s.pingCadence))}.</p>`,
    `<h3>Findings (${findings.length})</h3>`,
    findingsTable(findings, m.start, table),
    '</div>',
  ].join('\n');
}

function requestSection(e: Exchange, label: string, sid: string | null, findings: Finding[], id: string | null, anchored: ReadonlySet<number>): string {
  const badges = findings.map((f) => `<span class="sev ${f.severity}">${esc(f.code)}</span>`).join(' ');
  const reqHeaders = e.requestHeaders.map((h) => `${h.name}: ${h.value}`).join('\n');
  const resHeaders = e.responseHeaders.map((h) => `${h.name}: ${h.value}`).join('\n');
  const target = `${e.method} ${e.url}`;
  return [
    // The request's anchor, the target of the findings tables' links, wraps its <details>.
    id ? `<div id="${id}">` : '<div>',
    `<details><summary>#${e.index} · ${esc(when(e.startedAt, null))} · ${shortSid(sid)} · ${text(label || '(no event)', LABEL_MAX)} · ${e.status || 'no reply'} ${badges}</summary>`,
    // A <details> cannot go in a <p>: a long URL takes a <div>.
    target.length > INLINE_MAX ? `<div>${value(target, true)}</div>` : `<p>${code(target)}</p>`,
    `<h4>Request body</h4><pre>${e.requestBody === null ? '(not exposed by the browser)' : block(pretty(e.requestBody))}</pre>`,
    reqHeaders ? `<h4>Request headers</h4><pre>${block(reqHeaders)}</pre>` : '',
    `<h4>Reply</h4><pre>${block(`${e.status ? `${e.status} ${e.statusText}` : `no reply${e.failure ? ` (${e.failure})` : ''}`}\n${resHeaders}`)}</pre>`,
    e.responseBody ? `<pre>${block(e.responseBody)}</pre>` : '',
    findingItems(findings, anchored),
    '</details>',
    '</div>',
  ].join('\n');
}

/**
 * A JSON body pretty-printed; any other as it is. A body longer than the report shows is not
 * parsed again only to be cut: it is shown as sent (a 300 MB body would cost seconds and twice
 * its size for the first 200,000 characters).
 */
function pretty(body: string): string {
  if (body.length > BLOCK_MAX) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
