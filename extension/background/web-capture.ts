/**
 * "Capture without loss": the media calls of the watched tabs, assembled from the browser's
 * webRequest events (which see every request, whatever DevTools' network log keeps or drops at a
 * navigation). One request is followed from onBeforeRequest (its body) through its headers to
 * onCompleted or onErrorOccurred, and handed on as an exchange. Where the browser can stream a
 * reply through the extension (Firefox's filterResponseData), the reply body is kept too (a Media
 * Edge session start's reply holds the session id). Pure: the browser's events come in as plain
 * details objects (background.ts wires them), so tests drive it with fakes.
 */
import type { Exchange, Header } from '../../src/core/exchange.ts';

/** What webRequest passes in its details (the fields used; both browsers). */
export interface RequestDetails {
  requestId: string;
  tabId: number;
  method: string;
  url: string;
  timeStamp: number;
  type?: string;
  statusCode?: number;
  statusLine?: string;
  error?: string;
  requestBody?: { raw?: { bytes?: ArrayBuffer }[]; formData?: Record<string, string[]>; error?: string } | null;
  requestHeaders?: { name: string; value?: string }[];
  responseHeaders?: { name: string; value?: string }[];
}

/** A stream filter over a reply (Firefox's webRequest.StreamFilter): the reply passes through it. */
export interface ReplyFilter {
  ondata: ((event: { data: ArrayBuffer }) => void) | null;
  onstop: (() => void) | null;
  onerror: (() => void) | null;
  write(data: ArrayBuffer): void;
  close(): void;
  disconnect(): void;
}

export type CapturedExchange = Omit<Exchange, 'index'>;

export interface WebCaptureOptions {
  /** Whether a tab is watched (a DevTools panel asked for its calls), and whether a request is a media call for it. */
  wants(tabId: number, method: string, url: string): boolean;
  /** A finished media call of a watched tab. */
  emit(tabId: number, exchange: CapturedExchange): void;
  /** Starts a filter over the reply (null where the browser cannot, as Chromium in Manifest V3). */
  filterReply?: (requestId: string) => ReplyFilter | null;
  /** How long to wait for a reply body still streaming after the request completed. */
  replyWaitMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** Reply bodies kept up to this size (a media call's reply is tiny; the rest still reaches the page). */
const REPLY_MAX = 1 << 20;

interface Pending {
  tabId: number;
  ex: CapturedExchange;
  /** Reply body chunks while the filter streams; null when no body is being kept. */
  chunks: Uint8Array[] | null;
  size: number;
  /** The reply's stream ended (or there is no filter). */
  replyDone: boolean;
  /** The request completed or failed. */
  done: boolean;
  emitted: boolean;
}

export class WebCapture {
  private readonly pending = new Map<string, Pending>();
  private readonly o: WebCaptureOptions;

  constructor(options: WebCaptureOptions) {
    this.o = options;
  }

  /** How many requests are being followed (for tests and diagnostics). */
  get inFlight(): number {
    return this.pending.size;
  }

  beforeRequest(d: RequestDetails): void {
    if (d.tabId < 0 || !this.o.wants(d.tabId, d.method, d.url)) return;
    const p: Pending = {
      tabId: d.tabId,
      ex: {
        method: d.method.toUpperCase(), url: d.url, requestHeaders: [], requestBody: bodyOf(d.requestBody),
        status: 0, statusText: '', responseHeaders: [], responseBody: null, startedAt: d.timeStamp, durationMs: null,
        resourceType: d.type ?? null, failure: null, capturedBy: ['webRequest'],
      },
      chunks: null, size: 0, replyDone: true, done: false, emitted: false,
    };
    this.pending.set(d.requestId, p);
    const filter = this.o.filterReply?.(d.requestId) ?? null;
    if (filter) this.keepReply(d.requestId, p, filter);
  }

  sendHeaders(d: RequestDetails): void {
    const p = this.pending.get(d.requestId);
    if (p && d.requestHeaders) p.ex.requestHeaders = headersOf(d.requestHeaders);
  }

  headersReceived(d: RequestDetails): void {
    const p = this.pending.get(d.requestId);
    if (!p) return;
    if (typeof d.statusCode === 'number') p.ex.status = d.statusCode;
    p.ex.statusText = statusText(d.statusLine);
    if (d.responseHeaders) p.ex.responseHeaders = headersOf(d.responseHeaders);
  }

  completed(d: RequestDetails): void {
    const p = this.pending.get(d.requestId);
    if (!p) return;
    if (typeof d.statusCode === 'number') p.ex.status = d.statusCode;
    if (d.responseHeaders && p.ex.responseHeaders.length === 0) p.ex.responseHeaders = headersOf(d.responseHeaders);
    this.finish(d.requestId, p, d.timeStamp);
  }

  /** A request that got no reply (blocked, network error, aborted by a navigation). */
  failed(d: RequestDetails): void {
    const p = this.pending.get(d.requestId);
    if (!p) return;
    p.ex.status = 0;
    p.ex.failure = d.error ?? 'no reply';
    p.replyDone = true;
    this.finish(d.requestId, p, d.timeStamp);
  }

  /** A redirect ends this request as the browser saw it: kept with its 3xx (the next hop is a request of its own). */
  redirected(d: RequestDetails): void {
    const p = this.pending.get(d.requestId);
    if (!p) return;
    if (typeof d.statusCode === 'number') p.ex.status = d.statusCode;
    if (d.responseHeaders) p.ex.responseHeaders = headersOf(d.responseHeaders);
    p.replyDone = true;
    this.finish(d.requestId, p, d.timeStamp);
    this.pending.delete(d.requestId);
  }

  /** Forgets what a tab had in flight (its panel went away). */
  forgetTab(tabId: number): void {
    for (const [id, p] of this.pending) if (p.tabId === tabId) this.pending.delete(id);
  }

  private finish(requestId: string, p: Pending, at: number): void {
    p.done = true;
    p.ex.durationMs = Number.isFinite(at) && at >= p.ex.startedAt ? at - p.ex.startedAt : null;
    if (p.replyDone) this.emit(requestId, p);
    else (this.o.setTimer ?? setTimeout)(() => this.emit(requestId, p), this.o.replyWaitMs ?? 3000);
  }

  private emit(requestId: string, p: Pending): void {
    if (p.emitted) return;
    p.emitted = true;
    if (this.pending.get(requestId) === p) this.pending.delete(requestId);
    if (p.chunks) p.ex.responseBody = decode(p.chunks, p.size);
    this.o.emit(p.tabId, p.ex);
  }

  /** Passes the reply through unchanged, keeping a copy of its first MiB. */
  private keepReply(requestId: string, p: Pending, filter: ReplyFilter): void {
    p.chunks = [];
    p.replyDone = false;
    filter.ondata = (event) => {
      filter.write(event.data);
      if (p.size < REPLY_MAX && p.chunks) {
        const chunk = new Uint8Array(event.data.slice(0, REPLY_MAX - p.size));
        p.chunks.push(chunk);
        p.size += chunk.byteLength;
      }
    };
    const end = () => {
      p.replyDone = true;
      if (p.done) this.emit(requestId, p);
    };
    filter.onstop = () => {
      filter.close();
      end();
    };
    filter.onerror = () => {
      p.chunks = null;
      end();
    };
  }
}

/** The request body as text: the raw bytes (fetch, XHR, sendBeacon) as UTF-8, or a form re-encoded; null when the browser gave none. */
export function bodyOf(body: RequestDetails['requestBody']): string | null {
  if (!body) return null;
  if (body.raw && body.raw.length) {
    const parts = body.raw.map((r) => (r.bytes ? new Uint8Array(r.bytes) : new Uint8Array(0)));
    return decode(parts, parts.reduce((n, b) => n + b.byteLength, 0));
  }
  if (body.formData) {
    return Object.entries(body.formData).flatMap(([k, values]) => values.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
  }
  return null;
}

function decode(chunks: readonly Uint8Array[], size: number): string {
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c.subarray(0, Math.min(c.byteLength, size - at)), at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8').decode(all);
}

function headersOf(list: readonly { name: string; value?: string }[]): Header[] {
  return list.map((h) => ({ name: h.name, value: h.value ?? '' }));
}

/** "HTTP/1.1 404 Not Found" → "Not Found". */
function statusText(line: string | undefined): string {
  const m = /^\S+\s+\d{3}\s*(.*)$/.exec(line ?? '');
  return m?.[1] ?? '';
}
