/**
 * Exchanges as a HAR 1.2 recording that Chrome's and Firefox's Network panels import again, and
 * that this tool reads back with the same result. Written compact (`harChunks`): a HAR is read by
 * programs, and indenting it made a 527 MB input an 826 MB export.
 */
import { headerValue, type Exchange } from '../exchange.ts';
import { isDateMs } from '../iso-time.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

export function toHar(exchanges: readonly Exchange[]): { log: Record<string, unknown> } {
  return {
    log: {
      version: '1.2',
      creator: { name: TOOL_NAME, version: TOOL_VERSION },
      pages: [],
      entries: exchanges.map(entryOf),
    },
  };
}

/** About this many characters per chunk of `harChunks`. */
const CHUNK = 64 * 1024;

/**
 * The text of `JSON.stringify(toHar(exchanges))` and a final newline, as chunks of about
 * `chunkSize` characters: one entry is made and written at a time, never the whole file.
 */
export function* harChunks(exchanges: readonly Exchange[], chunkSize = CHUNK): Generator<string, void, undefined> {
  // The log without its entries, cut where they go: `…"entries":[` and `]}}`.
  const frame = JSON.stringify(toHar([]));
  const at = frame.lastIndexOf('[]');
  let parts: string[] = [frame.slice(0, at + 1)];
  let size = at + 1;
  for (const [i, ex] of exchanges.entries()) {
    const entry = `${i === 0 ? '' : ','}${JSON.stringify(entryOf(ex))}`;
    parts.push(entry);
    size += entry.length;
    if (size >= chunkSize) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  parts.push(`${frame.slice(at + 1)}\n`);
  yield parts.join('');
}

function entryOf(ex: Exchange): Record<string, unknown> {
  const url = safeUrl(ex.url);
  const mime = headerValue(ex.requestHeaders, 'content-type') ?? 'application/json';
  const time = ex.durationMs ?? 0;
  return {
    startedDateTime: new Date(isDateMs(ex.startedAt) ? ex.startedAt : 0).toISOString(),
    // HAR requires a start time; an unknown one (or one no Date can hold, from a report) is written
    // as the epoch and marked, so it reads back unknown.
    ...(isDateMs(ex.startedAt) ? {} : { _startedAtUnknown: true }),
    time,
    request: {
      method: ex.method,
      url: ex.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: ex.requestHeaders,
      queryString: url ? [...url.searchParams].map(([name, value]) => ({ name, value })) : [],
      headersSize: -1,
      bodySize: ex.requestBody === null ? 0 : utf8Length(ex.requestBody),
      ...(ex.requestBody !== null ? { postData: { mimeType: mime, text: ex.requestBody } } : {}),
    },
    response: {
      status: ex.status,
      statusText: ex.statusText,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: ex.responseHeaders,
      content: {
        size: ex.responseBody === null ? 0 : utf8Length(ex.responseBody),
        mimeType: headerValue(ex.responseHeaders, 'content-type') ?? '',
        ...(ex.responseBody !== null ? { text: ex.responseBody } : {}),
      },
      redirectURL: ex.status >= 300 && ex.status < 400 ? headerValue(ex.responseHeaders, 'location') ?? '' : '',
      headersSize: -1,
      bodySize: -1,
      ...(ex.failure ? { _error: ex.failure } : {}),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: time, receive: 0 },
    ...(ex.resourceType ? { _resourceType: ex.resourceType } : {}),
    ...(ex.capturedBy ? { _capturedBy: ex.capturedBy } : {}),
  };
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}
