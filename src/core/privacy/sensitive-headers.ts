/**
 * Headers that carry secrets: a tester attaches reports to tickets, so their values are neither
 * kept by the panel nor written into any export unless the user asks for them (the setting "keep
 * sensitive headers", `--keep-sensitive-headers`), as Chrome's Network panel exports a HAR
 * "sanitized" unless asked. The header stays, with its value replaced, so the report still says
 * that it was sent.
 */
import type { Exchange, Header } from '../exchange.ts';

/** Lower-case names; any header whose name ends in one of SENSITIVE_SUFFIXES is sensitive too. */
const SENSITIVE = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'cookie2', 'set-cookie', 'set-cookie2',
  'www-authenticate', 'proxy-authenticate', 'x-api-key', 'x-adobe-aep-validation-token',
]);
const SENSITIVE_SUFFIXES = ['-token', '-auth', '-secret', '-api-key', '-session-id'];

/** What a removed value reads as. */
export const REMOVED_VALUE = '(removed: sensitive header)';

export function isSensitiveHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SENSITIVE.has(n) || SENSITIVE_SUFFIXES.some((s) => n.endsWith(s));
}

function scrub(headers: readonly Header[]): Header[] | null {
  let out: Header[] | null = null;
  headers.forEach((h, i) => {
    if (!isSensitiveHeader(h.name) || h.value === REMOVED_VALUE) return;
    out ??= headers.slice();
    out[i] = { name: h.name, value: REMOVED_VALUE };
  });
  return out;
}

/** The exchange with the values of its sensitive headers removed (the same object when it has none). */
export function withoutSensitiveHeaders<T extends Pick<Exchange, 'requestHeaders' | 'responseHeaders'>>(ex: T): T {
  const req = scrub(ex.requestHeaders);
  const res = scrub(ex.responseHeaders);
  if (!req && !res) return ex;
  return { ...ex, requestHeaders: req ?? ex.requestHeaders, responseHeaders: res ?? ex.responseHeaders };
}
