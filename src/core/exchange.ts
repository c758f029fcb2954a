/** One HTTP request and its reply, as captured (from a HAR file or from DevTools). */
export interface Header {
  name: string;
  value: string;
}

export interface Exchange {
  /** Position in the recording (0-based), stable for the life of the analysis. */
  index: number;
  method: string;
  url: string;
  requestHeaders: Header[];
  /** Request body text; `null` when the browser did not expose it. */
  requestBody: string | null;
  /** HTTP status; 0 when there was no reply (blocked, aborted, network error). */
  status: number;
  statusText: string;
  responseHeaders: Header[];
  /** Response body text; `null` when not captured. */
  responseBody: string | null;
  /** Send time, ms since the epoch (NaN when the recording did not say). */
  startedAt: number;
  /** Total time of the exchange in ms, when known. */
  durationMs: number | null;
  /** Browser resource type (`xhr`, `fetch`, `ping` for `sendBeacon`…), when known. */
  resourceType: string | null;
  /** Why there was no reply (e.g. `net::ERR_BLOCKED_BY_CLIENT`), when the browser said. */
  failure: string | null;
  /**
   * Which captures reported it, when the panel captured it: the DevTools network API
   * (`devtools`), the webRequest capture ("Capture without loss", `webRequest`), or both.
   * Absent for a request read from a file that does not say.
   */
  capturedBy?: CaptureSource[];
}

export type CaptureSource = 'devtools' | 'webRequest';

/**
 * The failure the panel records for a call it saw waiting for its reply when the page navigated
 * away (Chromium then never reports it): it was really cut off, not lost by the capture.
 */
export const CUT_OFF_BY_NAVIGATION = 'aborted: the page navigated away while the call waited for its reply';

/** First header with this name (case-insensitive), or null. */
export function headerValue(headers: readonly Header[], name: string): string | null {
  const wanted = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === wanted) return h.value;
  return null;
}
