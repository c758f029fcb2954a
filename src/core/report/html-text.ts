/**
 * Captured text in the HTML report: shown as it is, never as what it makes the page do.
 *
 * - Escaped for HTML (escape.ts), and its invisible and bidi control characters shown as styled
 *   escapes (`<span class="esc">\u202E</span>`, core/text/visible.ts).
 * - Isolated: a string that holds a right-to-left character sits in `<span dir="auto">` (an
 *   element with `dir` is a bidi isolate), so that neither honest right-to-left text nor a control
 *   the escapes missed can reorder the report around it ("410" after a Hebrew event name stays
 *   "410"). Other strings cannot reorder anything and are written as before. In attribute values
 *   and SVG <title> tooltips, where no element can go, the isolate is U+2068 … U+2069 (FSI … PDI).
 * - Cut: over INLINE_MAX characters a value shows its start; where the report can hold a
 *   <details> (a table cell, a block), the whole value (up to BLOCK_MAX) is one click away.
 */
import { cutIndex } from '../text/cut.ts';
import { mapVisible, type Layout } from '../text/visible.ts';
import { escapeXml as esc } from './escape.ts';

/** Longer values are shown cut (a 1 MB URL is kept from making the page millions of pixels wide). */
export const INLINE_MAX = 2_000;
/** Bodies, header lists and whole values longer than this are cut (the JSON report keeps them whole). */
export const BLOCK_MAX = 200_000;

/**
 * What can reorder the text around it once the bidi controls are escaped: right-to-left letters
 * and digits (the blocks of the right-to-left scripts: Hebrew to Arabic Extended, their
 * presentation forms, the historic ones of U+10800–U+10FFF, Mende Kikakui, Adlam and Arabic
 * mathematical letters). Everything else is left-to-right or neutral and, in this left-to-right
 * report, stays where it is.
 */
const MAY_REORDER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Escaped and shown, not cut nor isolated. */
function shown(text: string, layout: Layout): string {
  return mapVisible(text, layout, esc, (escape) => `<span class="esc">${escape}</span>`);
}

/** The HTML of `html` (from `text`), in an isolate when the text needs one. */
function isolated(text: string, html: string): string {
  return MAY_REORDER.test(text) ? `<span dir="auto">${html}</span>` : html;
}

/** Captured text inside a line of the report's own (headings, summaries, links): cut at `max`. */
export function text(value: string, max = INLINE_MAX): string {
  const at = cutIndex(value, max);
  const head = at < value.length ? value.slice(0, at) : value;
  const html = isolated(head, shown(head, 'line'));
  return at < value.length ? `${html}<span class="note">… (${(value.length - at).toLocaleString('en')} more characters)</span>` : html;
}

/** The same in <code>. */
export function code(value: string, max = INLINE_MAX): string {
  return `<code>${text(value, max)}</code>`;
}

/**
 * A value where a block may go (a table cell, a <div>): as `text`, or when long its start as the
 * summary of a <details> that holds the whole value (cut at BLOCK_MAX). `asCode` sets it in <code>.
 */
export function value(v: string, asCode = false): string {
  const wrap = (html: string) => (asCode ? `<code>${html}</code>` : html);
  if (v.length <= INLINE_MAX) return wrap(text(v));
  return `<details class="cut"><summary>${wrap(text(v, INLINE_MAX))}</summary>${wrap(text(v, BLOCK_MAX))}</details>`;
}

/** A body, header list or reply shown as lines in a <pre>: tabs and line breaks kept, cut at BLOCK_MAX. */
export function block(v: string): string {
  const at = cutIndex(v, BLOCK_MAX);
  if (at === v.length) return shown(v, 'block');
  return `${shown(v.slice(0, at), 'block')}\n… (${v.length - at} more characters: see the JSON report)`;
}

/**
 * Captured text for an attribute value or an SVG <title>, before escaping (callers escape the
 * whole value they build): invisible characters as plain escapes (no element can go there), cut at
 * `max`, isolated with FSI … PDI when it is not ASCII.
 */
export function plain(v: string, max = INLINE_MAX): string {
  const at = cutIndex(v, max);
  const head = mapVisible(at < v.length ? v.slice(0, at) : v, 'line', same, same);
  const cut = at < v.length ? `${head}… (${(v.length - at).toLocaleString('en')} more characters)` : head;
  return MAY_REORDER.test(head) ? `\u2068${cut}\u2069` : cut;
}

/** The same, escaped: a whole attribute value. */
export function attr(v: string, max = INLINE_MAX): string {
  return esc(plain(v, max));
}

function same(s: string): string {
  return s;
}

/** The report's style for the above. */
export const CAPTURED_STYLE = `
body{overflow-wrap:anywhere}
.esc{color:#a50e0e;background:#fce8e6;border-radius:2px;padding:0 1px;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
details.cut{border:0;padding:0}details.cut>summary{list-style-position:inside}
`;
