/**
 * Finds where a JSON text stops being valid, for messages that say "line 3, column 14".
 * V8's JSON.parse errors carry a position only for some mistakes, so we scan ourselves (only
 * after JSON.parse has failed). Iterative: deep nesting cannot overflow the stack.
 * Returns the offset of the first error, `text.length` when the text ends too early, or -1 when
 * the text is valid JSON.
 */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

export function locateJsonError(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let expect: Expect = 'value';
  const afterValue = (): Expect => (stack.length ? 'commaOrClose' : 'end');
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    if (i >= n) return expect === 'end' ? -1 : n;
    const c = text[i] as string;
    switch (expect) {
      case 'value':
      case 'valueOrClose':
        if (c === ']' && expect === 'valueOrClose') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '{') {
          stack.push('{');
          i++;
          expect = 'keyOrClose';
        } else if (c === '[') {
          stack.push('[');
          i++;
          expect = 'valueOrClose';
        } else if (c === '"') {
          i = scanString(text, i);
          if (i < 0) return -i - 1;
          expect = afterValue();
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return i + 1 >= n ? n : i + 1;
          i += m[0].length;
          const next = text[i];
          if (next === '.' || next === 'e' || next === 'E') return i + 1 >= n ? n : i;
          expect = afterValue();
        } else {
          const word = ['true', 'false', 'null'].find((w) => w[0] === c);
          if (!word) return i;
          for (let k = 0; k < word.length; k++) {
            if (i + k >= n) return n;
            if (text[i + k] !== word[k]) return i + k;
          }
          i += word.length;
          expect = afterValue();
        }
        break;
      case 'key':
      case 'keyOrClose':
        if (c === '}' && expect === 'keyOrClose') {
          stack.pop();
          i++;
          expect = afterValue();
        } else if (c === '"') {
          i = scanString(text, i);
          if (i < 0) return -i - 1;
          expect = 'colon';
        } else {
          return i;
        }
        break;
      case 'colon':
        if (c !== ':') return i;
        i++;
        expect = 'value';
        break;
      case 'commaOrClose': {
        const top = stack[stack.length - 1];
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          return i;
        }
        break;
      }
      case 'end':
        return i;
    }
  }
}

/** Offset after the closing quote, or -(errorOffset + 1). An unterminated string errs at the end. */
function scanString(text: string, start: number): number {
  const n = text.length;
  let j = start + 1;
  while (j < n) {
    const ch = text.charCodeAt(j);
    if (ch === 34) return j + 1;
    if (ch < 0x20) return -j - 1;
    if (ch === 92) {
      const esc = text[j + 1];
      if (esc === undefined) return -n - 1;
      if (esc === 'u') {
        for (let k = 2; k < 6; k++) {
          if (j + k >= n) return -n - 1;
          if (!/[0-9a-fA-F]/.test(text[j + k] as string)) return -(j + k) - 1;
        }
        j += 6;
        continue;
      }
      if (!ESCAPES.has(esc)) return -(j + 1) - 1;
      j += 2;
      continue;
    }
    j++;
  }
  return -n - 1;
}

/** "line 3, column 14" (1-based) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where a (known invalid) JSON text goes wrong, e.g. `unexpected "}" at line 1, column 12 (near …)`. */
export function describeJsonError(text: string): string {
  const offset = locateJsonError(text);
  if (offset < 0) return 'it could not be parsed';
  const { line, column } = lineAndColumn(text, offset);
  if (offset >= text.length) return `it ends too early (truncated at line ${line}, column ${column})`;
  const near = JSON.stringify(text.slice(Math.max(0, offset - 20), offset + 20));
  return `unexpected ${JSON.stringify(text[offset])} at line ${line}, column ${column} (near ${near})`;
}
