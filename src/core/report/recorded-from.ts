/**
 * Where a recording came from, as far as it says: the browser it was recorded in and the pages
 * its requests were made on. A HAR file has `log.browser` ({name, version}) and `log.pages[]`
 * ({id, title, startedDateTime}; Chrome writes the page's URL as its title), and its entries may
 * name their page (`pageref`). The panel knows its browser and the inspected page's navigations.
 * Reports carry it as the optional `recordedFrom` of the JSON report.
 */
import { isRecord } from '../har/read-har.ts';

export interface RecordedBrowser {
  name: string;
  version: string;
}

export interface RecordedPage {
  /** The page's address, when known (an absolute http(s) URL). */
  url: string | null;
  /** The page's title when it is not its address. */
  title: string | null;
  startedDateTime: string | null;
  /**
   * Indexes of the exchanges made on this page, when the recording says (HAR `pageref`, the
   * panel's navigations); used to name only the pages of the reported calls, never written out.
   */
  exchanges?: readonly number[];
}

export interface RecordedFrom {
  browsers: RecordedBrowser[];
  pages: RecordedPage[];
}

/** Long strings (hostile recordings) are cut; the report stays readable. */
const TEXT_MAX = 2000;
/** At most this many pages are kept. */
const PAGES_MAX = 200;

/** What a HAR log says about its origin, or null when it says nothing. */
export function recordedFromHar(log: unknown): RecordedFrom | null {
  if (!isRecord(log)) return null;
  const browsers: RecordedBrowser[] = [];
  const b = log.browser;
  if (isRecord(b) && typeof b.name === 'string' && b.name.trim() !== '') {
    browsers.push({ name: cut(b.name.trim()), version: typeof b.version === 'string' ? cut(b.version.trim()) : '' });
  }
  const pages: RecordedPage[] = [];
  if (Array.isArray(log.pages)) {
    const byId = new Map<string, number[]>();
    const ids: (string | null)[] = [];
    for (const p of log.pages) {
      if (pages.length >= PAGES_MAX) break;
      const page = pageFrom(p);
      if (!page) continue;
      const id = isRecord(p) && typeof p.id === 'string' && p.id !== '' ? p.id : null;
      if (id !== null && !byId.has(id)) byId.set(id, []);
      ids.push(id);
      pages.push(page);
    }
    if (byId.size > 0 && Array.isArray(log.entries)) {
      log.entries.forEach((e, i) => {
        if (isRecord(e) && typeof e.pageref === 'string') byId.get(e.pageref)?.push(i);
      });
      pages.forEach((page, i) => {
        const id = ids[i];
        if (id !== null && id !== undefined) page.exchanges = byId.get(id) ?? [];
      });
    }
  }
  return browsers.length || pages.length ? { browsers, pages } : null;
}

/** The `recordedFrom` of a JSON report, read defensively; null when absent or empty. */
export function recordedFromReport(v: unknown): RecordedFrom | null {
  if (!isRecord(v)) return null;
  const browsers: RecordedBrowser[] = [];
  if (Array.isArray(v.browsers)) {
    for (const b of v.browsers) {
      if (isRecord(b) && typeof b.name === 'string' && b.name !== '') browsers.push({ name: cut(b.name), version: typeof b.version === 'string' ? cut(b.version) : '' });
    }
  }
  const pages: RecordedPage[] = [];
  if (Array.isArray(v.pages)) {
    for (const p of v.pages) {
      if (pages.length >= PAGES_MAX) break;
      if (!isRecord(p)) continue;
      const url = typeof p.url === 'string' && isWebUrl(p.url) ? cut(p.url) : null;
      const title = typeof p.title === 'string' && p.title.trim() !== '' ? cut(p.title) : null;
      if (url === null && title === null) continue;
      pages.push({ url, title, startedDateTime: typeof p.startedDateTime === 'string' ? cut(p.startedDateTime) : null });
    }
  }
  return browsers.length || pages.length ? { browsers, pages } : null;
}

/** Several inputs' origins as one: browsers once each, pages in input order (exchange indexes shifted). */
export function mergeRecordedFrom(parts: readonly { from: RecordedFrom | null; offset: number }[]): RecordedFrom | null {
  const browsers: RecordedBrowser[] = [];
  const pages: RecordedPage[] = [];
  for (const { from, offset } of parts) {
    if (!from) continue;
    for (const b of from.browsers) if (!browsers.some((x) => x.name === b.name && x.version === b.version)) browsers.push(b);
    for (const p of from.pages) pages.push(p.exchanges && offset ? { ...p, exchanges: p.exchanges.map((i) => i + offset) } : p);
  }
  return browsers.length || pages.length ? { browsers, pages } : null;
}

/**
 * The origin as a report of these calls states it: only the pages its calls were made on when
 * the recording says which (all of them when it says for none of the calls), each page once,
 * without the exchange lists. A page with neither address nor title only holds calls whose page
 * is unknown (the panel's calls from before the first navigation). Null when nothing is known.
 */
export function recordedFromFor(from: RecordedFrom | null | undefined, callIndexes: ReadonlySet<number>): RecordedFrom | null {
  if (!from) return null;
  const onCalls = from.pages.filter((p) => p.exchanges === undefined || p.exchanges.some((i) => callIndexes.has(i)));
  const chosen = onCalls.length > 0 ? onCalls : from.pages;
  const pages: RecordedPage[] = [];
  for (const p of chosen) {
    if (p.url === null && p.title === null) continue;
    if (pages.some((x) => x.url === p.url && x.title === p.title)) continue;
    pages.push({ url: p.url, title: p.title, startedDateTime: p.startedDateTime });
  }
  const browsers = from.browsers.map((b) => ({ name: b.name, version: b.version }));
  return browsers.length || pages.length ? { browsers, pages } : null;
}

/** Browser name and version from a User-Agent string ("Firefox 128.0", "Chrome 120.0.6099.71"); null when unknown. */
export function browserFromUserAgent(ua: string | null | undefined): RecordedBrowser | null {
  if (!ua) return null;
  const rules: [RegExp, string][] = [
    [/\bFirefox\/(\d[\w.]*)/, 'Firefox'],
    [/\bEdg(?:e|A|iOS)?\/(\d[\w.]*)/, 'Edge'],
    [/\bOPR\/(\d[\w.]*)/, 'Opera'],
    [/\bHeadlessChrome\/(\d[\w.]*)/, 'Chrome (headless)'],
    [/\bChrom(?:e|ium)\/(\d[\w.]*)/, 'Chrome'],
    [/\bVersion\/(\d[\w.]*).*\bSafari\//, 'Safari'],
  ];
  for (const [re, name] of rules) {
    const m = re.exec(ua);
    if (m) return { name: /\bChromium\//.test(ua) && name === 'Chrome' ? 'Chromium' : name, version: m[1] as string };
  }
  return null;
}

function pageFrom(p: unknown): RecordedPage | null {
  if (!isRecord(p)) return null;
  const title = typeof p.title === 'string' ? p.title.trim() : '';
  const started = typeof p.startedDateTime === 'string' && p.startedDateTime !== '' ? cut(p.startedDateTime) : null;
  if (title === '') return null;
  return isWebUrl(title) ? { url: cut(title), title: null, startedDateTime: started } : { url: null, title: cut(title), startedDateTime: started };
}

export function isWebUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(s.trim());
}

function cut(s: string): string {
  return s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX)}…` : s;
}
