/**
 * Splits a form-encoded query (`a=1&b=2`) into its fields, decoded, within fixed bounds. Heartbeats
 * carry all their state in the query (heartbeat.md §1) and AppMeasurement sends the same encoding in
 * a query or a POST body, so both read it here. Captured traffic is hostile input: nothing here
 * throws, and the work is bounded by the characters read and the fields kept, with what was cut said.
 */

/** Bounds on the work per query. A real heartbeat is 2–8 KB with 60–150 keys (heartbeat.md §2). */
export const FORM_LIMITS = {
  /** Characters of the query read; the rest is not looked at (only its length is reported). */
  maxChars: 128 * 1024,
  /** Fields kept; further ones (within maxChars) are only counted. */
  maxFields: 1000,
} as const;

export interface FormField {
  /** 0-based position among the non-empty segments (empty segments `&&` are skipped: §1). */
  position: number;
  /** As sent, not decoded. */
  rawKey: string;
  /** As sent, not decoded; null when the segment had no `=` (a key with no value). */
  rawValue: string | null;
  /** Decoded (`+` as space, then percent-decoding); as sent when its encoding is broken. */
  key: string;
  /** Decoded like key; '' when there was no value. */
  value: string;
  /** Whether the key's or the value's percent-encoding was broken (kept as sent). */
  badKey: boolean;
  badValue: boolean;
}

export interface FormCut {
  /** Characters of the query beyond maxChars, not read at all. */
  charsNotRead: number;
  /** Non-empty segments read (within maxChars) but not kept, beyond maxFields. */
  fieldsNotKept: number;
  /** Whether a segment straddled maxChars and was dropped rather than decoded half. */
  partialSegmentDropped: boolean;
}

export interface FormQuery {
  fields: FormField[];
  /** Null when the whole query was read and kept. */
  cut: FormCut | null;
}

/** The fields of a form-encoded string (a query without its `?`, or a POST body). */
export function parseForm(text: string, limits: { maxChars: number; maxFields: number } = FORM_LIMITS): FormQuery {
  const over = text.length > limits.maxChars;
  let read = over ? text.slice(0, limits.maxChars) : text;
  let partialSegmentDropped = false;
  if (over) {
    // The segment running across the bound would decode to a wrong, shortened value: drop it.
    const lastAmp = read.lastIndexOf('&');
    if (text[limits.maxChars] !== '&') {
      partialSegmentDropped = read.length - (lastAmp + 1) > 0;
      read = lastAmp < 0 ? '' : read.slice(0, lastAmp);
    }
  }
  const fields: FormField[] = [];
  let notKept = 0;
  let position = 0;
  let start = 0;
  while (start <= read.length) {
    let end = read.indexOf('&', start);
    if (end < 0) end = read.length;
    if (end > start) {
      if (fields.length < limits.maxFields) fields.push(field(read.slice(start, end), position));
      else notKept++;
      position++;
    }
    start = end + 1;
  }
  const cut = over || notKept > 0
    ? { charsNotRead: Math.max(0, text.length - limits.maxChars), fieldsNotKept: notKept, partialSegmentDropped }
    : null;
  return { fields, cut };
}

function field(segment: string, position: number): FormField {
  const eq = segment.indexOf('=');
  const rawKey = eq < 0 ? segment : segment.slice(0, eq);
  const rawValue = eq < 0 ? null : segment.slice(eq + 1);
  const key = formDecode(rawKey);
  const value = rawValue === null ? { text: '', ok: true } : formDecode(rawValue);
  return { position, rawKey, rawValue, key: key.text, value: value.text, badKey: !key.ok, badValue: !value.ok };
}

/**
 * Form decoding: `+` is a space (§1: form encoding), then percent-decoding as UTF-8. A broken
 * sequence (`%E0%A4%A`, `%ZZ`, a lone surrogate) keeps the text as sent rather than guessing,
 * as the other adapters do with a badly encoded sid.
 */
export function formDecode(raw: string): { text: string; ok: boolean } {
  const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
  if (!spaced.includes('%')) return { text: spaced, ok: true };
  try {
    return { text: decodeURIComponent(spaced), ok: true };
  } catch {
    return { text: spaced, ok: false };
  }
}

/** The query of a URL (after the first `?`, before any `#`), or null when it has none. */
export function queryOf(url: string): string | null {
  const hash = url.indexOf('#');
  const q = url.indexOf('?');
  if (q < 0 || (hash >= 0 && hash < q)) return null;
  return hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
}

/** The path of an absolute or relative URL, without scheme, host, query or fragment. */
export function pathOf(url: string): string {
  const end = firstOf(url, '?', '#');
  const before = end < 0 ? url : url.slice(0, end);
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(before);
  return m ? before.slice(m[0].length) : before;
}

/** The host name of an absolute URL, lower-case, without user info or port; null for a relative one. */
export function hostOf(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  if (!m) return null;
  const authority = m[1] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':')[0] ?? '';
  return host.toLowerCase();
}

function firstOf(s: string, a: string, b: string): number {
  const i = s.indexOf(a);
  const j = s.indexOf(b);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}
