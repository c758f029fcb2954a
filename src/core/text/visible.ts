/**
 * What a captured string holds, shown as it is: the characters that are invisible, or that change
 * how the text around them is laid out, become visible escapes. One definition for every output
 * (the HTML and Markdown reports, the CLI text) and for the `body.invisible-characters` finding.
 *
 * Escaped:
 * - C0 controls, DEL and C1 controls, as `\xNN` (a terminal runs them; a report hides them);
 * - bidi controls: the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the
 *   marks U+200E, U+200F and U+061C (one U+202E makes everything after it read backwards);
 * - invisible format characters: U+200B zero width space, U+2060–U+2064 (word joiner, invisible
 *   operators), U+206A–U+206F (deprecated format characters), U+FEFF, U+00AD soft hyphen, U+180E,
 *   U+FFF9–U+FFFB (interlinear annotation), U+2028 and U+2029 (line and paragraph separators),
 *   and the tag characters U+E0000–U+E007F (invisible ASCII look-alikes: text hidden in plain
 *   sight; the price is that the three subdivision flag emoji show as escapes);
 * - U+200C zero width non-joiner and U+200D zero width joiner, except between two visible
 *   non-ASCII characters: there they do their job (emoji sequences, Persian, Indic scripts), and
 *   escaping them would misshow honest text; next to ASCII, a space or the edge of the string they
 *   only make two names that look alike differ;
 * - lone UTF-16 surrogates (shown only: no encoder can write them), as `\uD800`.
 *
 * Everything else is escaped as `\uXXXX` (`\u{XXXXX}` beyond the BMP). A string that holds the
 * text `\u202E` reads the same as one that holds the character: the HTML report tells them apart
 * by styling its escapes; text and Markdown cannot, and say what they show in their own words.
 */

/** Always escaped, in every layout (ranges for a RegExp character class with the `u` flag). */
const FORMAT = '\\u007F-\\u009F\\u00AD\\u061C\\u180E\\u200B\\u200E\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF\\uFFF9-\\uFFFB\\u{E0000}-\\u{E007F}';
/** C0 controls but tab, line feed and carriage return, which a block of text keeps. */
const C0_BUT_WHITESPACE = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F';
const C0 = '\\u0000-\\u001F';
/** A character next to which a joiner is honest: visible and not ASCII. */
const JOINS = `[^\\u0000-\\u007F\\s${FORMAT}\\u200C\\u200D\\uD800-\\uDFFF]`;
/** A joiner not between two such characters (the joiner is matched first: cheap on long strings). */
const STRAY_JOINER = `[\\u200C\\u200D](?:(?<!${JOINS}[\\u200C\\u200D])|(?!${JOINS}))`;
const LONE_SURROGATE = '[\\uD800-\\uDFFF]';

/**
 * `line`: one line of text (a table cell, a CLI line): every control is escaped, tab and line
 * breaks too, so that a captured string can neither start a line of its own nor hide in a space.
 * `block`: a body or a header list shown as lines: tab, line feed and carriage return are kept.
 */
export type Layout = 'line' | 'block';

// The classes below hold U+200D on purpose (the joiner is one of the characters looked for), which
// the lint rule takes for a joined emoji sequence written into a class.
/* eslint-disable no-misleading-character-class */
const SHOWN: Record<Layout, RegExp> = {
  line: new RegExp(`[${C0}${FORMAT}]|${STRAY_JOINER}|${LONE_SURROGATE}`, 'gu'),
  block: new RegExp(`[${C0_BUT_WHITESPACE}${FORMAT}]|${STRAY_JOINER}|${LONE_SURROGATE}`, 'gu'),
};

/** What the finding looks for: the block set without lone surrogates (not a layout trick, an encoding fault). */
const INVISIBLE = new RegExp(`[${C0_BUT_WHITESPACE}${FORMAT}]|${STRAY_JOINER}`, 'gu');
/* eslint-enable no-misleading-character-class */

/** The escape that stands for one character: `\x1b`, `\u202E`, `\u{E0041}`. */
export function escapeOf(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0x9f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  const hex = cp.toString(16).toUpperCase();
  return cp <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/** The text with every character of the set shown as its escape. */
export function visible(text: string, layout: Layout = 'line'): string {
  return mapVisible(text, layout, same, same);
}

function same(s: string): string {
  return s;
}

/**
 * The text in pieces: `plain(piece)` for the runs between escapes, `escaped(escape)` for each
 * escape (the HTML report styles them). One linear pass.
 */
export function mapVisible(text: string, layout: Layout, plain: (s: string) => string, escaped: (escape: string) => string): string {
  const re = SHOWN[layout];
  re.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > from) out += plain(text.slice(from, m.index));
    out += escaped(escapeOf(m[0]));
    from = m.index + m[0].length;
  }
  return from === 0 ? plain(text) : from < text.length ? out + plain(text.slice(from)) : out;
}

/** Whether the text holds a bidi control or another invisible character (not tab or a line break). */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/** The distinct invisible characters of a text, as "U+202E", at most `max` of them. */
export function invisibleCharacters(text: string, max: number): string[] {
  const out = new Set<string>();
  INVISIBLE.lastIndex = 0;
  for (let m = INVISIBLE.exec(text); m !== null && out.size < max; m = INVISIBLE.exec(text)) {
    out.add(`U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...out];
}

/** The names of the characters a finding most often meets, for its message. */
const NAMES: Record<string, string> = {
  'U+00AD': 'soft hyphen',
  'U+061C': 'Arabic letter mark',
  'U+200B': 'zero width space',
  'U+200C': 'zero width non-joiner',
  'U+200D': 'zero width joiner',
  'U+200E': 'left-to-right mark',
  'U+200F': 'right-to-left mark',
  'U+2028': 'line separator',
  'U+2029': 'paragraph separator',
  'U+202A': 'left-to-right embedding',
  'U+202B': 'right-to-left embedding',
  'U+202C': 'pop directional formatting',
  'U+202D': 'left-to-right override',
  'U+202E': 'right-to-left override',
  'U+2060': 'word joiner',
  'U+2066': 'left-to-right isolate',
  'U+2067': 'right-to-left isolate',
  'U+2068': 'first strong isolate',
  'U+2069': 'pop directional isolate',
  'U+FEFF': 'zero width no-break space',
};

/** "U+202E (right-to-left override)", or "U+0007" for a character without a name here. */
export function describeCharacter(code: string): string {
  const name = NAMES[code];
  return name ? `${code} (${name})` : code;
}
