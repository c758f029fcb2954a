/** A captured request as a cURL command line (POSIX shell quoting), to replay it by hand. */
import type { Exchange } from '../exchange.ts';

/** Headers the browser sets itself; replaying them by hand would only confuse. */
const SKIP = new Set(['content-length', 'host', 'connection', 'accept-encoding', ':authority', ':method', ':path', ':scheme']);

export function toCurl(ex: Exchange): string {
  const parts = ['curl', quote(ex.url)];
  if (ex.method !== 'GET') parts.push('-X', quote(ex.method));
  for (const h of ex.requestHeaders) {
    if (SKIP.has(h.name.toLowerCase())) continue;
    parts.push('-H', quote(`${h.name}: ${h.value}`));
  }
  if (ex.requestBody !== null) parts.push('--data-raw', quote(ex.requestBody));
  return parts.join(' ');
}

/** Single-quotes for the shell: nothing inside is expanded; a quote becomes '\''. Newlines stay literal. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
