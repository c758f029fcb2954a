/**
 * Captured text in the Markdown summary: a ticket shows what was captured, and nothing in it
 * links, mentions anyone, references an issue or becomes markup.
 *
 * How GitHub turns text into something else, and what stops each (the summary is written for
 * GitHub-flavoured Markdown as github.com renders it):
 * - Markup the parser sees (emphasis `*` `_`, strikethrough `~`, code `` ` ``, links and images
 *   `[` `]`, raw HTML and `<…>` autolinks `<` `>`, entities `&`, math `$`, table cells `|`): a
 *   backslash before the character. GFM honours it for every ASCII punctuation character.
 * - Links and references github.com makes after parsing, from the text of the rendered page:
 *   extended autolinks (`http://`, `https://`, any `scheme://`, `www.`), e-mail addresses and
 *   `mailto:`, @mentions (`@user`, `@org/team`), issue references (`#123`, `GH-123`,
 *   `owner/repo#123`), and `:emoji:` codes. A backslash does not stop these (it is gone from the
 *   text they are looked for in); an inline code span does: none is looked for inside <code>. So
 *   each whitespace-separated word holding one of `://`, `www.`, `@`, `#` before a digit,
 *   `GH-` before a digit or `:name:` is set in a code span, the punctuation around it left out.
 * - Not handled: a commit SHA (7 to 40 hex digits) links only to a commit that exists in the
 *   ticket's repository, and notifies no one; sids and ids are often hex, and quoting every one
 *   as code would make the summary hard to read. GitLab's own references (`!12`, `%12`, `~label`)
 *   are not GitHub's and are left as they are.
 *
 * Invisible and bidi control characters are shown as escapes (core/text/visible.ts), every text
 * is one line, and long ones are cut (a ticket needs the start of a 1 MB id, not all of it).
 * Every helper is one linear pass: no spread of a match list, no recursion.
 */
import { cutText } from '../text/cut.ts';
import { visible } from '../text/visible.ts';

/** Captured values (ids, names, event types, file names) are cut to this many characters. */
export const VALUE_MAX = 300;
/** Finding messages (already within 1,000 characters when made) are cut to this many. */
export const MESSAGE_MAX = 2_000;

/** Characters that are Markdown or GFM markup in text; `|` also inside code spans in a table. */
const MARKUP = /[\\`*_[\]<>|~$&]/g;
/** A word GitHub would link, mention, reference or turn into an emoji. */
const LINKABLE = /:\/\/|www\.|@|#\d|GH-\d|:[a-z0-9_+-]*[a-z][a-z0-9_+-]*:/i;
/** Punctuation around a word that stays outside its code span. */
const AROUND = /^([("'[{]*)([\s\S]*?)([)"'\]},.;:!?]*)$/;

/** Where the text goes: a table cell (where `|` splits cells, even inside a code span) or a line. */
export interface MdPlace {
  max?: number;
  table?: boolean;
}

/** Text for a table cell or a line: one line, invisible characters shown, cut, nothing live. */
export function mdText(text: string, { max = VALUE_MAX, table = false }: MdPlace = {}): string {
  return visible(cutText(text, max)).replace(/\S+/g, (w) => word(w, table));
}

/**
 * Text that starts a line of its own: as `mdText`, and a first character that would make the line
 * a heading, a list item, a quote or a rule escaped.
 */
export function mdLineStart(text: string, place: MdPlace = {}): string {
  const md = mdText(text, place);
  const ordered = /^(\d{1,9})([.)])/.exec(md);
  if (ordered) return `${ordered[1]}\\${md.slice((ordered[1] as string).length)}`;
  return /^[#+=-]/.test(md) ? `\\${md}` : md;
}

/** Inline code that no captured string can break out of: one line, fenced by more backticks than it holds. */
export function mdCode(text: string, { max = VALUE_MAX, table = false }: MdPlace = {}): string {
  return codeSpan(visible(cutText(text, max)), table);
}

function word(w: string, table: boolean): string {
  if (!LINKABLE.test(w)) return escaped(w);
  const [, before = '', core = w, after = ''] = AROUND.exec(w) ?? [];
  // Punctuation is taken off only when what links stays in the span (":smile:" keeps its colon).
  if (!LINKABLE.test(core)) return codeSpan(w, table);
  return `${escaped(before)}${codeSpan(core, table)}${escaped(after)}`;
}

function escaped(text: string): string {
  return text.replace(MARKUP, '\\$&');
}

/**
 * A code span around `text` (one line already): a fence one backtick longer than its longest
 * run of backticks, a space inside the fences when it starts or ends with a backtick (or with a
 * space at both ends, which CommonMark would strip), and in a table `|` escaped (GFM splits
 * cells before it reads code spans; `\|` in a span in a cell shows `|`).
 */
function codeSpan(text: string, table: boolean): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  const fence = '`'.repeat(longest + 1);
  const body = table ? text.replace(/\|/g, '\\|') : text;
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
