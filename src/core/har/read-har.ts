/**
 * Reads HAR 1.2 text as exported by Chrome, Firefox and Charles, and turns each entry into an
 * Exchange. Tolerant of the fields each tool omits or adds; strict about what a HAR file is.
 */
import type { CaptureSource, Exchange, Header } from '../exchange.ts';
import { decodeBase64Text } from './base64.ts';
import { describeJsonError, lineAndColumn, locateJsonError } from '../json/json-error.ts';
import { parseIsoTime } from '../iso-time.ts';

export class HarError extends Error {
  override name = 'HarError';
}

export interface HarRecording {
  /** The creator tool, e.g. "WebInspector 537.36", when the file says. */
  creator: string | null;
  entries: unknown[];
}

/** Parses HAR text; throws HarError with a message that names the file and what is wrong. */
export function parseHar(text: string, fileName: string): HarRecording {
  return harFromDoc(parseRecordingJson(text, fileName), fileName);
}

/** JSON.parse of a recording file, with errors that say truncated or where the JSON breaks. */
export function parseRecordingJson(text: string, fileName: string): unknown {
  if (text.trim() === '') throw new HarError(`${fileName}: the file is empty, not a HAR recording`);
  // Some Windows tools start files with a byte order mark; JSON allows ignoring it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    const offset = locateJsonError(text);
    const { line, column } = lineAndColumn(text, Math.max(0, offset));
    throw new HarError(
      offset >= text.trimEnd().length
        ? `${fileName}: the file is truncated (its JSON ends too early, at line ${line}, column ${column}); export or copy the HAR again`
        : `${fileName}: not a HAR recording: the file is not valid JSON (${describeJsonError(text)})`,
    );
  }
}

/** A parsed document as a HAR recording; throws HarError when it is not one. */
export function harFromDoc(doc: unknown, fileName: string): HarRecording {
  const log = isRecord(doc) ? doc.log : undefined;
  if (!isRecord(log)) {
    throw new HarError(`${fileName}: not a HAR recording: there is no "log" object at the top level`);
  }
  if (!Array.isArray(log.entries)) {
    throw new HarError(`${fileName}: not a HAR recording: "log.entries" is missing or not a list`);
  }
  const creator = isRecord(log.creator) ? `${str(log.creator.name)} ${str(log.creator.version)}`.trim() : null;
  return { creator: creator || null, entries: log.entries };
}

/** Converts one HAR entry (whatever its shape) into an Exchange; never throws. */
export function entryToExchange(entry: unknown, index: number): Exchange {
  const e = isRecord(entry) ? entry : {};
  const request = isRecord(e.request) ? e.request : {};
  const response = isRecord(e.response) ? e.response : {};
  const content = isRecord(response.content) ? response.content : {};
  const started = str(e.startedDateTime);
  const status = statusOf(response.status);
  return {
    index,
    method: str(request.method).toUpperCase() || 'GET',
    url: str(request.url),
    requestHeaders: headers(request.headers),
    requestBody: requestBody(request.postData),
    status,
    statusText: str(response.statusText),
    responseHeaders: headers(response.headers),
    responseBody: bodyText(content.text, content.encoding),
    startedAt: started && e._startedAtUnknown !== true ? parseIsoTime(started) : Number.NaN,
    durationMs: typeof e.time === 'number' && Number.isFinite(e.time) && e.time >= 0 ? e.time : null,
    resourceType: typeof e._resourceType === 'string' ? e._resourceType : null,
    failure: failureReason(response, status),
    ...capturedBy(e._capturedBy),
  };
}

/** Which captures reported a request (this tool's HAR and JSON exports say; `_capturedBy` in HAR). */
export function capturedBy(v: unknown): { capturedBy?: CaptureSource[] } {
  if (!Array.isArray(v)) return {};
  const sources = CAPTURE_SOURCES.filter((s) => v.includes(s));
  return sources.length ? { capturedBy: sources } : {};
}

const CAPTURE_SOURCES: readonly CaptureSource[] = ['devtools', 'webRequest'];

/** Reads a whole HAR text into exchanges in recording order. */
export function readHar(text: string, fileName: string): { creator: string | null; exchanges: Exchange[] } {
  const { creator, entries } = parseHar(text, fileName);
  return { creator, exchanges: entries.map(entryToExchange) };
}

/** The HTTP status; some tools write it as a string ("204"). Anything else means no reply. */
function statusOf(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{1,3}$/.test(v.trim())) return Number(v.trim());
  return 0;
}

function requestBody(postData: unknown): string | null {
  if (!isRecord(postData)) return null;
  // Charles marks binary request bodies with an encoding field; Chrome and Firefox never do.
  const text = bodyText(postData.text, postData.encoding ?? postData._encoding);
  if (text !== null) return text;
  // Form posts may come as params only.
  if (Array.isArray(postData.params)) {
    return postData.params
      .filter(isRecord)
      .map((p) => `${encodeURIComponent(str(p.name))}=${encodeURIComponent(str(p.value))}`)
      .join('&');
  }
  return null;
}

function bodyText(text: unknown, encoding: unknown): string | null {
  if (typeof text !== 'string') return null;
  if (encoding === 'base64') return decodeBase64Text(text) ?? text;
  return text;
}

function failureReason(response: Record<string, unknown>, status: number): string | null {
  if (typeof response._error === 'string' && response._error) return response._error;
  if (status === 0) return 'blocked, aborted or a network error';
  return null;
}

/** Shared by every exchange without headers (no array per exchange). */
const NO_HEADERS: Header[] = Object.freeze([]) as unknown as Header[];

function headers(list: unknown): Header[] {
  if (!Array.isArray(list) || list.length === 0) return NO_HEADERS;
  // Well-formed lists (the usual case) are kept as they are: no copy per request.
  if (wellFormed(list)) return list as Header[];
  const out: Header[] = [];
  for (const h of list) {
    if (!isRecord(h)) continue;
    // Well-formed headers are kept as they are (no copy: this runs for every request).
    if (typeof h.name === 'string' && typeof h.value === 'string') out.push(h as unknown as Header);
    else out.push({ name: str(h.name), value: str(h.value) });
  }
  return out;
}

function wellFormed(list: unknown[]): boolean {
  for (const h of list) if (!isRecord(h) || typeof h.name !== 'string' || typeof h.value !== 'string') return false;
  return true;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
