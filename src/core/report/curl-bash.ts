/**
 * Captured requests as cURL commands written as Chrome's "Copy as cURL (bash)" writes them: one
 * option per line after a `\` continuation, so that a ticket shows each header on its own line;
 * several requests as commands joined by " ;\n", as Chrome's "Copy all as cURL (bash)".
 * https://source.chromium.org/chromium/chromium/src/+/main:third_party/devtools-frontend/src/front_end/panels/network/NetworkLogView.ts
 * (generateCurlCommand). Headers whose value was removed as sensitive are left out: replaying
 * "(removed: sensitive header)" as a cookie would only mislead.
 */
import type { Exchange } from '../exchange.ts';
import { REMOVED_VALUE } from '../privacy/sensitive-headers.ts';
import { BROWSER_SET_HEADERS, quote } from './curl.ts';

export function toCurlBash(ex: Exchange): string {
  const lines = [`curl ${quote(ex.url)}`];
  const body = ex.requestBody;
  // --data-raw makes a POST by itself; any other method is said (as Chrome does).
  if (ex.method !== 'GET' && !(ex.method === 'POST' && body !== null)) lines.push(`-X ${quote(ex.method)}`);
  for (const h of ex.requestHeaders) {
    if (BROWSER_SET_HEADERS.has(h.name.toLowerCase()) || h.value === REMOVED_VALUE) continue;
    lines.push(`-H ${quote(`${h.name}: ${h.value}`)}`);
  }
  if (body !== null) lines.push(`--data-raw ${quote(body)}`);
  return lines.join(' \\\n  ');
}

/** Every request as one bash command each, in the order given. */
export function allAsCurlBash(exchanges: readonly Exchange[]): string {
  return exchanges.map(toCurlBash).join(' ;\n');
}
