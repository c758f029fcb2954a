/**
 * Findings in the HTML report: the tables of the sessions (and of the calls outside them) and the
 * list in each request's section. A request number, `#18`, in the request column or in a finding's
 * text is a link to that request's section (`#request-18`) when the report has one: a same-page
 * link, the only kind the report holds (no script, its CSP unchanged).
 */
import type { Finding } from '../findings/finding.ts';
import { callsOf, groupRepeats, repeatCount } from '../findings/repeats.ts';
import { isoTime } from '../iso-time.ts';
import { escapeXml as esc } from './escape.ts';
import { code, text } from './html-text.ts';

/** Labels (event types) in tables are cut shorter: their body is one click away. */
export const LABEL_MAX = 200;

/** What a findings table needs besides its findings: the calls' labels, and which requests have an anchor. */
export interface FindingsTable {
  labels: ReadonlyMap<number, string>;
  anchored: ReadonlySet<number>;
}

export function requestAnchor(index: number): string {
  return `request-${index}`;
}

/** "#12", linked to the request's section when the report has one. */
export function requestRef(index: number, anchored: ReadonlySet<number>): string {
  return anchored.has(index) ? `<a href="#${requestAnchor(index)}">#${index}</a>` : `#${index}`;
}

/**
 * A finding's message as HTML with each `#<n>` that names a request of the report linked to it.
 * The message is escaped first (html-text.ts), so what is matched is text: escapes add no `#`
 * followed by a digit, and a `#` right after a letter, a digit, `&`, `;` or another `#` is not a
 * request number (`a#1`, `&#…`).
 */
export function messageHtml(message: string, anchored: ReadonlySet<number>): string {
  return text(message).replace(/(?<![\w&;#])#(\d{1,15})(?!\d)/g, (whole, n: string) => (anchored.has(Number(n)) ? requestRef(Number(n), anchored) : whole));
}

/**
 * One row per finding, except that a finding repeated on several calls (the same code, message,
 * pointer… on each) is one row, at its first call, saying on how many calls and linking to each.
 */
export function findingsTable(findings: readonly Finding[], start: number | null, table: FindingsTable): string {
  if (!findings.length) return '<p>No finding.</p>';
  const rows = groupRepeats(findings).map((g) => {
    const f = g.finding;
    const repeats = g.count > 1 ? `<br><span class="note">${esc(repeatCount(g))}: ${callsOf(g).map((n) => requestRef(n, table.anchored)).join(', ')}</span>` : '';
    return `<tr><td class="num">${esc(when(f.time, start))}</td><td class="req">${requestRef(f.exchange, table.anchored)} ${text(table.labels.get(f.exchange) ?? '', LABEL_MAX)}${repeats}</td><td class="sev ${f.severity}">${f.severity}</td><td class="words"><code>${esc(f.code)}</code></td><td>${messageHtml(f.message, table.anchored)}${f.pointer && f.pointer !== '/' ? `<br>${code(f.pointer)}` : ''}<br><span class="note">Fix: ${text(f.fix)}</span></td></tr>`;
  });
  return `<table><thead><tr><th>time</th><th>request</th><th>severity</th><th>code</th><th>finding</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The findings of one request, in its section. */
export function findingItems(findings: readonly Finding[], anchored: ReadonlySet<number>): string {
  return findings.length ? `<ul>${findings.map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> <code>${esc(f.code)}</code>: ${messageHtml(f.message, anchored)}</li>`).join('')}</ul>` : '';
}

export function when(t: number | null, start: number | null): string {
  if (t === null || !Number.isFinite(t)) return '';
  return start !== null ? `+${((t - start) / 1000).toFixed(3)} s` : isoTime(t);
}
