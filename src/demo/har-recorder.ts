/**
 * Records a puppeteer page's requests as HAR 1.2 entries (Chrome's field names), with their reply
 * bodies, so a headless demo run can be checked by the same engine as any recording. Used by
 * `npm start` without a display and by the collector/demo tests.
 */
import type { HTTPRequest, Page } from 'puppeteer-core';

export interface HarEntry {
  startedDateTime: string;
  time: number;
  _resourceType: string;
  request: { method: string; url: string; httpVersion: string; headers: { name: string; value: string }[]; queryString: []; cookies: []; headersSize: -1; bodySize: number; postData?: { mimeType: string; text: string } };
  response: { status: number; statusText: string; httpVersion: string; headers: { name: string; value: string }[]; cookies: []; content: { size: number; mimeType: string; text?: string }; redirectURL: string; headersSize: -1; bodySize: -1; _error?: string };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
}

export interface HarRecorder {
  entries: HarEntry[];
  /** Waits until every request seen so far has finished or failed. */
  settle(): Promise<void>;
  har(): { log: { version: string; creator: { name: string; version: string }; pages: []; entries: HarEntry[] } };
}

const MEDIA_EDGE_CALL = /\/(?:va\/v1\/[^/?#]+|v1\/interact)\/?(?:[?#]|$)/;

/**
 * The demo's analytics calls: Media Collection (`…/api/v1/…`) and Media Edge (`…/va/v1/<eventType>`,
 * the Web SDK's `…/v1/interact`), not the page, its script or its video.
 */
export function isAnalyticsCall(url: string): boolean {
  return url.includes('/api/v1/') || MEDIA_EDGE_CALL.test(url);
}

export function recordHar(page: Page, filter: (url: string) => boolean = () => true): HarRecorder {
  const started = new Map<HTTPRequest, number>();
  const pending = new Set<Promise<void>>();
  const entries: HarEntry[] = [];

  const headerList = (h: Record<string, string>) => Object.entries(h).map(([name, value]) => ({ name, value }));
  const finish = (req: HTTPRequest, reportedFailed: boolean) => {
    if (!filter(req.url())) return;
    // Chromium reports a request whose response body nobody read as "aborted" although the reply
    // arrived: a response means it did not fail.
    const failed = reportedFailed && !req.response();
    const job = (async () => {
      const t0 = started.get(req) ?? Date.now();
      const res = req.response();
      let text: string | undefined;
      if (res && !failed) {
        try {
          text = await res.text();
        } catch {
          text = undefined; // bodies of some requests are not kept by the browser
        }
      }
      const postData = req.postData();
      entries.push({
        startedDateTime: new Date(t0).toISOString(),
        time: Date.now() - t0,
        _resourceType: req.resourceType(),
        request: {
          method: req.method(), url: req.url(), httpVersion: 'HTTP/1.1', headers: headerList(req.headers()), queryString: [], cookies: [], headersSize: -1,
          bodySize: postData?.length ?? 0,
          ...(postData !== undefined ? { postData: { mimeType: req.headers()['content-type'] ?? 'application/json', text: postData } } : {}),
        },
        response: {
          status: failed || !res ? 0 : res.status(), statusText: failed || !res ? '' : res.statusText(), httpVersion: 'HTTP/1.1',
          headers: res && !failed ? headerList(res.headers()) : [], cookies: [],
          content: { size: text?.length ?? 0, mimeType: res?.headers()['content-type'] ?? '', ...(text ? { text } : {}) },
          redirectURL: '', headersSize: -1, bodySize: -1,
          ...(failed ? { _error: req.failure()?.errorText ?? 'failed' } : {}),
        },
        cache: {},
        timings: { send: 0, wait: Date.now() - t0, receive: 0 },
      });
    })();
    pending.add(job);
    void job.finally(() => pending.delete(job));
  };
  page.on('request', (req) => started.set(req, Date.now()));
  page.on('requestfinished', (req) => finish(req, false));
  page.on('requestfailed', (req) => finish(req, true));

  return {
    entries,
    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    har() {
      const sorted = [...entries].sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
      return { log: { version: '1.2', creator: { name: 'mci demo recorder', version: '1' }, pages: [], entries: sorted } };
    },
  };
}
