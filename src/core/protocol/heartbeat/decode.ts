/**
 * Decodes one legacy heartbeat: its query's keys, in wire order, split into `<type>:<realm>:<name>`
 * and typed (heartbeat.md §2), with what was wrong in the encoding or the types. Pure, bounded
 * (form-query.ts), never throws. Heartbeats are GETs with all state in the query (§1), so only
 * the URL is read: the spec knows no heartbeat sent as a POST body.
 */
import { FORM_LIMITS, parseForm, queryOf, type FormCut } from './form-query.ts';

/** The key's type letter (§2): `s:` string, `l:` integer (long), `h:` 0/1 flag. */
export type KeyType = 's' | 'l' | 'h';

export interface HeartbeatKey {
  /** 0-based position among the query's non-empty segments. */
  position: number;
  /** The decoded key, e.g. `s:event:type` (also when sent as `s%3Aevent%3Atype`: §1). */
  key: string;
  /** Null when the key is not of the `<type>:<realm>:<name>` form (a cache buster, a typo). */
  type: KeyType | null;
  /** As sent; realms outside §2's list are not checked here (that is the schema's job). */
  realm: string | null;
  /** What follows the realm (`type`, `a.media.show`; may hold colons); the whole key when type is null. */
  name: string;
  /** The value as sent, not decoded; null for a key with no `=`. */
  raw: string | null;
  /** The decoded value ('' for a key with no value). */
  text: string;
  /**
   * The typed value (§2): the text for `s:` (and for keys of no type), a safe integer for `l:`,
   * a boolean for `h:`; null when the text is not of its type or, for `l:` and `h:`, its encoding
   * is broken (a problem says so).
   */
  value: string | number | boolean | null;
  /** True for a later occurrence of a key already seen (the first one is in `byKey`). */
  repeated: boolean;
}

export type ProblemCode =
  /** The same decoded key twice (§1's encodings make `s:a:b` and `s%3Aa%3Ab` the same key). */
  | 'duplicate-key'
  /** A broken percent-encoding in a key or value, kept as sent. */
  | 'bad-percent-encoding'
  /** An `l:` value that is not an integer (§2: `l:stream:startup_time=12.012`), or beyond 2^53. */
  | 'not-integer'
  /** An `h:` value other than 0/1 (§2). */
  | 'not-flag'
  /** A key not of the form `<type>:<realm>:<name>` with type s, l or h (§2). */
  | 'unknown-key-form'
  /** The query was longer than the decoder reads, or had more keys than it keeps. */
  | 'cut';

export interface HeartbeatProblem {
  code: ProblemCode;
  /** Position of the key concerned; null for the whole query. */
  position: number | null;
  /** The decoded key concerned; null for the whole query. */
  key: string | null;
  /** One sentence for a person, quoting what was sent (cut to a readable length). */
  detail: string;
}

export interface DecodedHeartbeat {
  /** Every key kept, in wire order, repeats included. */
  keys: HeartbeatKey[];
  /** The first occurrence of each key. */
  byKey: ReadonlyMap<string, HeartbeatKey>;
  /** At most one per key kept, plus one for a cut: bounded by the keys kept. */
  problems: HeartbeatProblem[];
  /** What the bounds left out; null when the whole query was decoded. */
  cut: FormCut | null;
}

export const HEARTBEAT_LIMITS = FORM_LIMITS;

/** Longest quoted text in a problem's detail: a 100 KB value must not make a 100 KB message. */
const QUOTE_CHARS = 80;
const KEY_FORM = /^([slh]):([^:]*):([\s\S]*)$/;
const INTEGER = /^-?\d+$/;

/** The heartbeat in this URL's query; a URL with no query decodes to no keys. */
export function decodeHeartbeat(url: string): DecodedHeartbeat {
  const { fields, cut } = parseForm(queryOf(url) ?? '');
  const keys: HeartbeatKey[] = [];
  const byKey = new Map<string, HeartbeatKey>();
  const problems: HeartbeatProblem[] = [];
  for (const f of fields) {
    const form = KEY_FORM.exec(f.key);
    const type = (form?.[1] ?? null) as KeyType | null;
    const k: HeartbeatKey = {
      position: f.position,
      key: f.key,
      type,
      realm: form ? form[2] ?? '' : null,
      name: form ? form[3] ?? '' : f.key,
      raw: f.rawValue,
      text: f.value,
      value: f.value,
      repeated: byKey.has(f.key),
    };
    // At most three problems per key (encoding, repeat, type): bounded by the keys kept.
    const found = [encodingProblem(f.badKey, f.badValue, k), repeatProblem(k), typeValue(k, f.badValue)];
    for (const p of found) if (p) problems.push(p);
    if (!k.repeated) byKey.set(k.key, k);
    keys.push(k);
  }
  if (cut) problems.push(cutProblem(cut));
  return { keys, byKey, problems, cut };
}

function encodingProblem(badKey: boolean, badValue: boolean, k: HeartbeatKey): HeartbeatProblem | null {
  if (!badKey && !badValue) return null;
  const what = badKey ? `key ${quote(k.key)}` : `value of ${quote(k.key)}`;
  return problemOf('bad-percent-encoding', k, `The ${what} has a broken percent-encoding; it is kept as sent.`);
}

function repeatProblem(k: HeartbeatKey): HeartbeatProblem | null {
  if (!k.repeated) return null;
  // §1 does not say which occurrence Adobe keeps; the first is the one in byKey.
  return problemOf('duplicate-key', k, `${quote(k.key)} is sent again (position ${k.position}); the first occurrence is the one read.`);
}

/**
 * Sets k.value from k.text by k.type (§2), and says when the text is not of its type. A value
 * whose encoding is broken is not typed: its text is the encoded form, not what the client meant.
 */
function typeValue(k: HeartbeatKey, badValue: boolean): HeartbeatProblem | null {
  if (k.type === null) {
    return problemOf('unknown-key-form', k, `${quote(k.key)} is not a key of the form <s|l|h>:<realm>:<name>.`);
  }
  if (badValue && k.type !== 's') {
    k.value = null;
    return null;
  }
  if (k.type === 'l') {
    const n = INTEGER.test(k.text) ? Number(k.text) : NaN;
    // Beyond 2^53 a number is no longer the integer sent: report it rather than round it.
    if (Number.isSafeInteger(n)) {
      k.value = n === 0 ? 0 : n;
      return null;
    }
    k.value = null;
    return problemOf('not-integer', k, `${quote(k.key)} should be an integer, was ${quote(k.text)}.`);
  }
  if (k.type === 'h') {
    if (k.text === '0' || k.text === '1') {
      k.value = k.text === '1';
      return null;
    }
    k.value = null;
    return problemOf('not-flag', k, `${quote(k.key)} should be 0 or 1, was ${quote(k.text)}.`);
  }
  return null;
}

function cutProblem(cut: FormCut): HeartbeatProblem {
  const parts: string[] = [];
  if (cut.charsNotRead > 0) parts.push(`${cut.charsNotRead} characters beyond the first ${HEARTBEAT_LIMITS.maxChars} were not read`);
  if (cut.partialSegmentDropped) parts.push('the key cut by that bound was dropped');
  if (cut.fieldsNotKept > 0) parts.push(`${cut.fieldsNotKept} keys beyond the first ${HEARTBEAT_LIMITS.maxFields} were not kept`);
  return { code: 'cut', position: null, key: null, detail: `The query was too large to decode whole: ${parts.join('; ')}.` };
}

function problemOf(code: ProblemCode, k: HeartbeatKey, detail: string): HeartbeatProblem {
  return { code, position: k.position, key: k.key, detail };
}

function quote(s: string): string {
  return JSON.stringify(s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS)}…` : s);
}
