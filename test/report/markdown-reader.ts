/**
 * Reading the Markdown summary back as GitHub would show it, for the tests: what a line or a
 * table cell displays (backslash escapes resolved, code spans literal), and the text GitHub looks
 * in for links, mentions and references after rendering (everything but the code spans).
 */

export interface Inline {
  /** What the reader sees. */
  text: string;
  /** The shown text outside code spans, one entry per run between them. */
  outside: string[];
  /** The raw Markdown outside code spans, one entry per run (for unescaped markup). */
  rawOutside: string[];
}

const PUNCT = /[!-/:-@[-`{-~]/;

/**
 * A line or a cell as CommonMark and GFM read it: in a table, `\|` is first a plain `|` (GFM
 * unescapes pipes before inline parsing, inside code spans too); a backslash before ASCII
 * punctuation is that character; a run of n backticks opens a code span closed by the next run
 * of exactly n (one space stripped at both ends when both are spaces and not all is space).
 */
export function readInline(md: string, inTable = false): Inline {
  const s = inTable ? md.replace(/\\\|/g, '|') : md;
  let text = '';
  const outside: string[] = [''];
  const rawOutside: string[] = [''];
  const add = (shown: string, raw: string) => {
    text += shown;
    outside[outside.length - 1] += shown;
    rawOutside[rawOutside.length - 1] += raw;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1] as string)) {
      add(s[i + 1] as string, s.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (s[i + n] === '`') n++;
      const close = closingRun(s, i + n, n);
      if (close === -1) {
        add('`'.repeat(n), '`'.repeat(n));
        i += n;
        continue;
      }
      let content = s.slice(i + n, close);
      if (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
      text += content;
      outside.push('');
      rawOutside.push('');
      i = close + n;
      continue;
    }
    add(c, c);
    i++;
  }
  return { text, outside, rawOutside };
}

/** Where the next run of exactly n backticks from `from` starts, or -1. */
function closingRun(s: string, from: number, n: number): number {
  let i = from;
  while (i < s.length) {
    if (s[i] !== '`') {
      i++;
      continue;
    }
    let m = 0;
    while (s[i + m] === '`') m++;
    if (m === n) return i;
    i += m;
  }
  return -1;
}

/**
 * What GitHub would turn into a link, a mention, a reference or an emoji in rendered text
 * (outside code): extended autolinks (a scheme's `://`, `www.`), e-mail addresses and @mentions
 * (`@` before a word character), issue references (`#12`, `GH-12`, `owner/repo#12`), `:emoji:`.
 */
export const LIVE = /:\/\/|www\.|@\w|#\d|GH-\d|:[a-z0-9_+-]*[a-z][a-z0-9_+-]*:/i;

/** Markup characters left unescaped in raw Markdown outside code spans (each must follow an odd number of backslashes). */
export function unescapedMarkup(raw: string, chars: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!chars.includes(raw[i] as string)) continue;
    let bs = 0;
    for (let j = i - 1; j >= 0 && raw[j] === '\\'; j--) bs++;
    if (bs % 2 === 0) out.push(`${raw[i]} at ${i} in ${raw.slice(Math.max(0, i - 20), i + 20)}`);
  }
  return out;
}

/**
 * Markup GitHub would act on in raw Markdown outside code spans, read from the CommonMark and GFM
 * rules (not from the summary's writer): the characters a reader of the ticket would see vanish
 * or turn into something else. `runs` are the raw runs between code spans (Inline.rawOutside); a
 * code span counts as punctuation to its neighbours, as its backticks do. Escaped characters (an
 * odd number of backslashes before) are text. What is looked for:
 * - emphasis and strikethrough: a run of unescaped `*`, `_`, `~` (and `$`, GitHub's math) that
 *   can open or close, by the flanking rules (`_` inside a word can do neither);
 * - a code span opener `` ` ``, a link or image opener `[`, and `]` after an unescaped `[`;
 * - raw HTML or an autolink: `<` before a letter, `/`, `!` or `?`;
 * - an entity: `&` that begins `&name;`, `&#123;` or `&#x1F;`;
 * - in a table cell, `|`.
 */
export function liveMarkup(runs: readonly string[], inTable = false): string[] {
  // Tokens as the parser sees them: [character, escaped?]; a code span is one punctuation token.
  const tokens: [string, boolean][] = [];
  runs.forEach((raw, n) => {
    if (n > 0) tokens.push(['`', true]);
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (c === '\\' && i + 1 < raw.length && PUNCT.test(raw[i + 1] as string)) {
        tokens.push([raw[i + 1] as string, true]);
        i++;
      } else tokens.push([c, false]);
    }
  });
  const out: string[] = [];
  const at = (i: number) => `${tokens[i]?.[0]} at ${i} in ${tokens.slice(Math.max(0, i - 20), i + 20).map((t) => t[0]).join('')}`;
  const ws = (i: number) => i < 0 || i >= tokens.length || /\s/u.test(tokens[i]?.[0] as string);
  const punct = (i: number) => !ws(i) && /[\p{P}\p{S}]/u.test(tokens[i]?.[0] as string);
  let openBracket = false;
  for (let i = 0; i < tokens.length; i++) {
    const [c, escaped] = tokens[i] as [string, boolean];
    if (escaped) continue;
    if ('*_~$'.includes(c)) {
      let end = i;
      while (end + 1 < tokens.length && tokens[end + 1]?.[0] === c && !tokens[end + 1]?.[1]) end++;
      const left = !ws(end + 1) && (!punct(end + 1) || ws(i - 1) || punct(i - 1));
      const right = !ws(i - 1) && (!punct(i - 1) || ws(end + 1) || punct(end + 1));
      const live = c === '_' ? (left && (!right || punct(i - 1))) || (right && (!left || punct(end + 1))) : left || right;
      if (live) out.push(at(i));
      i = end;
      continue;
    }
    const next = tokens[i + 1];
    if (c === '`' || c === '[') {
      out.push(at(i));
      if (c === '[') openBracket = true;
    } else if (c === ']' && openBracket) out.push(at(i));
    else if (c === '<' && next && !next[1] && /[A-Za-z/!?]/.test(next[0])) out.push(at(i));
    else if (c === '&' && /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.test(tokens.slice(i, i + 40).map((t) => t[0]).join(''))) out.push(at(i));
    else if (c === '|' && inTable) out.push(at(i));
  }
  return out;
}
