/**
 * The text of `JSON.stringify(value, null, 2)`, byte for byte, as a sequence of chunks of about
 * `chunkSize` characters: a report of a big capture is tens of megabytes, and building it as one
 * string (then one buffer to write it) costs memory and time the CLI does not need to spend.
 *
 * The walk is iterative (an explicit stack, one generator frame), so a chunk is handed out only
 * when the buffer is full, not once per value. It follows JSON.stringify's rules: toJSON called
 * with the property's key, enumerable own string keys in Object.keys order (getters read once),
 * undefined, functions and symbols omitted from objects and `null` in arrays, non-finite numbers
 * `null`, boxed primitives unwrapped, a TypeError on a cycle or a BigInt.
 */

const CHUNK = 64 * 1024;

interface Frame {
  value: Record<string, unknown> | unknown[];
  /** Object.keys of an object; null for an array. */
  keys: string[] | null;
  length: number;
  next: number;
  depth: number;
  /** An object's opening `{` is written with its first kept member: with none it is `{}`. */
  open: boolean;
}

/** Yields nothing when JSON.stringify gives undefined (undefined, a function or a symbol). */
export function* jsonChunks(value: unknown, chunkSize = CHUNK): Generator<string, void, undefined> {
  const v = toJsonValue(value, '');
  if (isOmitted(v)) return;
  const leaf = leafText(v);
  if (leaf !== undefined) {
    yield leaf;
    return;
  }
  const w = new Walk(v as object, chunkSize);
  while (w.stack.length > 0) {
    w.walkTop();
    if (w.size >= chunkSize) yield w.take();
  }
  if (w.size > 0) yield w.take();
}

/** A JSON file's chunks: the value's text, then the newline that ends the file. */
export function* jsonFileChunks(value: unknown, chunkSize = CHUNK): Generator<string, void, undefined> {
  yield* jsonChunks(value, chunkSize);
  yield '\n';
}

/** The chunks joined: the same text as JSON.stringify(value, null, 2) (undefined as ''). */
export function jsonText(value: unknown): string {
  let text = '';
  for (const chunk of jsonChunks(value)) text += chunk;
  return text;
}

/** One walk: its stack, the pieces of the chunk being made, and the punctuation it reuses. */
class Walk {
  readonly stack: Frame[] = [];
  /**
   * The chunk's pieces, joined once when it is full: appending each piece to a string would
   * make a rope node per piece for the garbage collector (the profile showed it).
   */
  private parts: string[] = [];
  size = 0;
  private readonly indents: string[] = [''];
  private readonly elementPrefixes: string[] = [];
  private readonly memberPrefixes: Map<string, string>[] = [];

  constructor(root: object, private readonly chunkSize: number) {
    this.push(root, 0);
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }

  /** Writes members of the top frame until it ends, a child is entered, or the chunk is full. */
  walkTop(): void {
    const f = this.stack[this.stack.length - 1] as Frame;
    const depth = f.depth + 1;
    while (f.next < f.length) {
      const i = f.next++;
      let v: unknown;
      if (f.keys === null) {
        v = toJsonValue((f.value as unknown[])[i], i);
        this.add(i === 0 ? `[\n${this.indent(depth)}` : this.elementPrefix(depth));
        if (isOmitted(v)) v = null;
      } else {
        const key = f.keys[i] as string;
        v = toJsonValue((f.value as Record<string, unknown>)[key], key);
        if (isOmitted(v)) continue;
        this.add(f.open ? this.memberPrefix(depth, key) : `{\n${this.indent(depth)}${JSON.stringify(key)}: `);
        f.open = true;
      }
      const leaf = leafText(v);
      if (leaf === undefined) {
        this.push(v as object, depth);
        return;
      }
      this.add(leaf);
      if (this.size >= this.chunkSize) return;
    }
    this.stack.pop();
    this.add(f.keys === null ? `\n${this.indent(f.depth)}]` : f.open ? `\n${this.indent(f.depth)}}` : '{}');
  }

  private add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
  }

  /** Enters an array or object (empty arrays are leaves). */
  private push(value: object, depth: number): void {
    if (this.stack.some((f) => f.value === value)) throw new TypeError('Converting circular structure to JSON');
    if (Array.isArray(value)) {
      this.stack.push({ value, keys: null, length: value.length, next: 0, depth, open: true });
    } else {
      const keys = Object.keys(value);
      this.stack.push({ value: value as Record<string, unknown>, keys, length: keys.length, next: 0, depth, open: false });
    }
  }

  private indent(depth: number): string {
    while (this.indents.length <= depth) this.indents.push(`${this.indents[this.indents.length - 1] as string}  `);
    return this.indents[depth] as string;
  }

  /** `,\n` and the indentation of an array's next element. */
  private elementPrefix(depth: number): string {
    return (this.elementPrefixes[depth] ??= `,\n${this.indent(depth)}`);
  }

  /** `,\n`, the indentation and the quoted key of an object's next member: made once per key and depth. */
  private memberPrefix(depth: number, key: string): string {
    const byKey = (this.memberPrefixes[depth] ??= new Map<string, string>());
    let prefix = byKey.get(key);
    if (prefix === undefined) {
      prefix = `,\n${this.indent(depth)}${JSON.stringify(key)}: `;
      // Keys that are data (ids of a map) would grow it without end.
      if (byKey.size < 1024) byKey.set(key, prefix);
    }
    return prefix;
  }
}

/** Characters JSON.stringify escapes, and surrogates (lone ones are escaped): without any, a string is quoted as it is. */
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** The text of a value that is not a container; undefined for an array or object to walk. */
function leafText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return ESCAPED.test(v) ? JSON.stringify(v) : `"${v}"`;
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'object':
      if (v === null) return 'null';
      // Boxed primitives and the BigInt error: JSON.stringify knows them best.
      if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) return JSON.stringify(v);
      if (Array.isArray(v) && v.length === 0) return '[]';
      return undefined;
    default: return JSON.stringify(v);
  }
}

/** What JSON.stringify serialises for a value: the result of its toJSON(key), if it has one. */
function toJsonValue(v: unknown, key: string | number): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function' || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return (toJSON as (k: string) => unknown).call(v, String(key));
  }
  return v;
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}
