/**
 * Captured text in the Markdown summary: a ticket shows what was captured, and nothing in it
 * links, mentions anyone, references an issue or becomes markup.
 *
 * How GitHub turns text into something else, and what stops each (the summary is written for
 * GitHub-flavoured Markdown as github.com renders it):
 * - Markup the parser sees: a backslash before the character (GFM honours it for every ASCII
 *   punctuation character), and only where the character could be markup, so that a ticket read
 *   as plain text shows no stray backslashes (`ERR_BLOCKED_BY_CLIENT`, `media.ad.id`, `a - b (c)`
 *   stay as they are):
 *   - always: code `` ` `` and link or image openers `[`;
 *   - emphasis and strikethrough `*` `~` unless a space is on both sides (" * " opens nothing),
 *     and `_` unless it sits inside a word (GFM never reads an intraword `_` as emphasis);
 *   - raw HTML and autolinks: `<` before a letter, `/`, `!` or `?` ("< 10 s", "<1 ms" are text);
 *   - an entity `&` only where it begins one (`&copy;`, `&#169;`); math `$` unless a space is on
 *     both sides; `\` before punctuation or at the end (elsewhere, as in `\u202E`, it is text);
 *   - `]` and `>` only in a text that also holds `[` or a tag-like `<` (they close nothing otherwise), and
 *     `|` in table cells;
 *   - at the start of a line (mdLineStart): what would begin a heading, list, quote or rule.
 *   `.`, `-`, `(`, `)`, `!`, `#`, `+`, `=` in a line are never markup there.
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

/** Characters that may be Markdown or GFM markup in text, looked at one by one (see `escaped`). */
const MAYBE_MARKUP = /[\\`*_[\]<>|~$&]/g;
/** A letter or digit of any script: an `_` between two of them is inside a word. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
/** What follows `<` in an HTML tag, comment, declaration or autolink. */
const TAG_START = /[A-Za-z/!?]/;
const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
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
  const shown = visible(cutText(text, max));
  const ctx: Context = { table, brackets: shown.includes('['), angles: /<[A-Za-z/!?]/.test(shown) };
  return shown.replace(/\S+/g, (w) => word(w, ctx));
}

/** What decides an escape beyond the word itself: the place, and whether the text opens anything `]` or `>` could close. */
interface Context {
  table: boolean;
  brackets: boolean;
  angles: boolean;
}

/**
 * Text that starts a line of its own: as `mdText`, and a first character that would make the line
 * a heading, a list item, a quote or a rule escaped.
 */
export function mdLineStart(text: string, place: MdPlace = {}): string {
  const md = mdText(text, place);
  const ordered = /^(\d{1,9})([.)])/.exec(md);
  if (ordered) return `${ordered[1]}\\${md.slice((ordered[1] as string).length)}`;
  // A heading, a list item ("- ", "+ ", "* "), a setext or thematic rule, a quote.
  return /^[#+=*>-]/.test(md) ? `\\${md}` : md;
}

/** Inline code that no captured string can break out of: one line, fenced by more backticks than it holds. */
export function mdCode(text: string, { max = VALUE_MAX, table = false }: MdPlace = {}): string {
  return codeSpan(visible(cutText(text, max)), table);
}

function word(w: string, ctx: Context): string {
  if (!LINKABLE.test(w)) return escaped(w, ctx);
  const [, before = '', core = w, after = ''] = AROUND.exec(w) ?? [];
  // Punctuation is taken off only when what links stays in the span (":smile:" keeps its colon).
  if (!LINKABLE.test(core)) return codeSpan(w, ctx.table);
  // The punctuation around the span touches it: escaped as if at the edge of a word.
  return `${escaped(before, ctx)}${codeSpan(core, ctx.table)}${escaped(after, ctx)}`;
}

/**
 * A word (no whitespace in it; its edges touch whitespace or a code span) with a backslash before
 * each character that could be markup where it stands (see the rules at the top). One pass: a run
 * of the same delimiter (`***`, `__`) is judged once, by what is on either side of it.
 */
function escaped(w: string, ctx: Context): string {
  let out = '';
  let from = 0;
  MAYBE_MARKUP.lastIndex = 0;
  for (let m = MAYBE_MARKUP.exec(w); m !== null; m = MAYBE_MARKUP.exec(w)) {
    const i = m.index;
    const ch = m[0];
    let end = i + 1;
    if (DELIMITERS.includes(ch)) while (w[end] === ch) end++;
    out += w.slice(from, i);
    const run = w.slice(i, end);
    out += isMarkup(w, ch, i, end, ctx) ? run.replace(/[\s\S]/g, '\\$&') : run;
    from = end;
    MAYBE_MARKUP.lastIndex = end;
  }
  return out + w.slice(from);
}

/** Characters that act as runs (emphasis, strikethrough, math). */
const DELIMITERS = '*_~$';

/** Whether the character at `i` (the run `i`…`end` for a delimiter) could be markup. */
function isMarkup(w: string, ch: string, i: number, end: number, ctx: Context): boolean {
  const next = end < w.length ? (w[end] as string) : '';
  switch (ch) {
    case '`':
    case '[':
      return true;
    case '*':
    case '~':
    case '$':
      // A run with whitespace on both sides (the whole word) opens and closes nothing.
      return !(i === 0 && end === w.length);
    case '_':
      // Inside a word (a letter or digit on both sides) an underscore run is never emphasis.
      return !(i > 0 && WORD_CHAR.test(w[i - 1] as string) && WORD_CHAR.test(next));
    case '<':
      return TAG_START.test(next);
    case '>':
      return ctx.angles;
    case ']':
      return ctx.brackets;
    case '|':
      return ctx.table;
    case '&':
      return ENTITY.test(w.slice(i, i + 40));
    case '\\':
      return next === '' || ASCII_PUNCT.test(next);
    default:
      return true;
  }
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
